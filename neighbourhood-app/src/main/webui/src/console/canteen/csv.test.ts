import { describe, expect, it } from 'vitest';
import { BOM, buildCsv, csvCell, dailyRows, fenToYuan, settlementRows, yuanToFen, type SettlementFigures } from './csv';
import { daysOfMonth, inTurns, sheetOf } from './desk';

const h = {
  period: '期间', from: '开始', to: '结束', meals: '餐数', dineIn: '堂食', delivered: '送餐', missed: '未送达',
  total: '总额（元）', elderPaid: '长者自付（元）', subsidy: '补贴（元）', sponsor: '赞助（元）', sponsorId: '赞助方',
};
const day = (from: string, meals: number, totalFen: number): SettlementFigures => ({
  communityId: 'changshan-garden', from, to: from, meals, dineIn: meals, delivered: 0, missedDeliveries: 0,
  totalFen, elderPaidFen: totalFen - 300 * meals, subsidyFen: 300 * meals, sponsorFen: 0, sponsors: [],
});

describe('CSV for Excel', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    const text = buildCsv([['名称', '金额'], ['锅包肉', '7.00']]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toBe('\uFEFF名称,金额\r\n锅包肉,7.00\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('两\n行')).toBe('"两\n行"');
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });
});

describe('money', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(700)).toBe('7.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(-250)).toBe('-2.50');
    expect(fenToYuan(null)).toBe('0.00');
  });

  it('reads yuan as typed into fen, refusing what is not an amount', () => {
    expect(yuanToFen('7')).toBe(700);
    expect(yuanToFen('7.5')).toBe(750);
    expect(yuanToFen(' 12.05 ')).toBe(1205);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('7.555')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('七')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
});

describe('settlement rows', () => {
  it('gives the totals in yuan and a line per sponsor', () => {
    const s = { ...day('2026-11-01', 3, 3600), to: '2026-11-30', sponsorFen: 300, sponsors: [{ sponsorId: 'bank-of-jilin', meals: 3, sponsorFen: 300 }] };
    const rows = settlementRows('2026年11月', s, h);
    expect(rows[0][0]).toBe('期间');
    expect(rows[1]).toEqual(['2026年11月', '2026-11-01', '2026-11-30', '3', '3', '0', '0', '36.00', '27.00', '9.00', '3.00']);
    expect(rows[rows.length - 1]).toEqual(['bank-of-jilin', '3', '3.00']);
  });

  it('puts a month of days in one table with a total line', () => {
    const rows = dailyRows([day('2026-11-01', 2, 2400), day('2026-11-02', 1, 1200)], h, '合计');
    expect(rows).toHaveLength(4);
    expect(rows[1].slice(0, 2)).toEqual(['2026-11-01', '2']);
    expect(rows[3]).toEqual(['合计', '3', '3', '0', '0', '36.00', '27.00', '9.00', '0.00']);
  });
});

describe('desk helpers', () => {
  it('knows the days of a month, leap years too', () => {
    expect(daysOfMonth('2026-11')).toHaveLength(30);
    expect(daysOfMonth('2028-02')[28]).toBe('2028-02-29');
    expect(daysOfMonth('2026-12')[0]).toBe('2026-12-01');
  });

  it('runs calls a few at a time and keeps their order', async () => {
    let running = 0;
    let most = 0;
    const calls = Array.from({ length: 9 }, (_, i) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return i;
    });
    expect(await inTurns(calls, 3)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(most).toBeLessThanOrEqual(3);
  });

  it("puts a run's stops in order, each with its door", () => {
    const stop = (sequence: number, dinerId: string) => ({
      stopId: `s${sequence}`, sequence, orderId: `o${sequence}`, dinerId, buildingId: 'b', unitId: 'u',
      dietaryNeeds: [], welfareCheck: null, recordedAt: null, note: null,
    });
    const run = { id: 'run1', date: '2026-12-08', delivererKind: 'STAFF' as const, delivererId: 'liu', stops: [stop(2, 'zhao'), stop(1, 'sun')] };
    const doors = [{ residentId: 'zhao', runId: 'run1', buildingName: '3号楼', unitName: '2单元', door: '501', callName: '赵阿姨' }];
    const sheet = sheetOf(run, doors);
    expect(sheet.map((s) => s.sequence)).toEqual([1, 2]);
    expect(sheet[0].place).toBeNull();
    expect(sheet[1].place?.door).toBe('501');
  });
});
