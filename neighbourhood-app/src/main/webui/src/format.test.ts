import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatMonth, localInputToIso, mondayOf, nowLocalInput, today, yuan } from './format';
import { suits } from './canteen';

describe('dates in the community and money from fen', () => {
  it('reads today in Asia/Shanghai, not in UTC', () => {
    // 2025-12-01 17:30 UTC is already 2 December in Changchun
    expect(today(new Date('2025-12-01T17:30:00Z'))).toBe('2025-12-02');
    expect(nowLocalInput(new Date('2025-12-01T17:30:00Z'))).toBe('2025-12-02T01:30');
    expect(localInputToIso('2025-12-02T01:30')).toBe('2025-12-02T01:30:00+08:00');
  });

  it('writes a day, or the Shanghai day of an instant, as a date (an instant must not throw)', () => {
    expect(formatDate('2025-12-01')).toBe('2025年12月1日');
    expect(formatDate('2025-12-01T17:30:00Z')).toBe('2025年12月2日');
    expect(formatDate('2025-12-01T08:00:00.123456+08:00')).toBe('2025年12月1日');
  });

  it('writes a month (YYYY-MM) as words, not as "2026-12 月"', () => {
    expect(formatMonth('2026-12')).toBe('2026年12月');
    expect(formatMonth('2027-01')).toBe('2027年1月');
  });

  it('finds the Monday of a week, Sunday included', () => {
    expect(mondayOf('2025-12-01')).toBe('2025-12-01');
    expect(mondayOf('2025-12-07')).toBe('2025-12-01');
    expect(mondayOf('2025-12-03')).toBe('2025-12-01');
    expect(addDays('2025-12-29', 7)).toBe('2026-01-05');
  });

  it('writes integer fen as yuan', () => {
    expect(yuan(700)).toBe('¥7.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(-250)).toBe('-¥2.50');
  });
});

describe('a dish suits a diner', () => {
  it('when its suitability covers every need a dish can answer (DIABETIC answers LOW_SUGAR)', () => {
    expect(suits(['LOW_SALT', 'SOFT_TEXTURE'], ['SOFT_TEXTURE', 'LOW_SALT'])).toBe(true);
    expect(suits(['LOW_SUGAR'], ['DIABETIC'])).toBe(true);
    expect(suits(['LOW_SALT', 'LOW_SUGAR'], ['LOW_SALT'])).toBe(false);
  });

  it('never for a diner without such needs', () => {
    expect(suits([], ['LOW_SALT'])).toBe(false);
    expect(suits(['HALAL'], ['LOW_SALT'])).toBe(false);
  });
});
