import { describe, expect, it } from 'vitest';
import { brokenRules, fullWeek, isMonday, keepsTheRules, refusalByDay, weekDates } from './menuRules';

const dishes = [
  { id: 'pork', name: '锅包肉', category: 'MEAT' },
  { id: 'fish', name: '清蒸鲈鱼', category: 'MEAT' },
  { id: 'cabbage', name: '清炒白菜', category: 'VEGETABLE' },
  { id: 'broccoli', name: '蒜蓉西兰花', category: 'VEGETABLE' },
  { id: 'rice', name: '米饭', category: 'STAPLE' },
  { id: 'soup', name: '紫菜蛋花汤', category: 'SOUP' },
];
const MONDAY = '2026-12-07';

/** A week that keeps every rule: each day a different meat and vegetable (ids made unique per day). */
function goodWeek() {
  const many = [...dishes];
  const days = weekDates(MONDAY).map((date, i) => {
    many.push({ id: `m${i}`, name: `肉${i}`, category: 'MEAT' }, { id: `v${i}`, name: `菜${i}`, category: 'VEGETABLE' });
    return { date, lunch: [`m${i}`, `v${i}`], dinner: [] as string[] };
  });
  return { days, many };
}

describe('the week', () => {
  it('runs Monday to Sunday', () => {
    expect(weekDates(MONDAY)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    expect(isMonday(MONDAY)).toBe(true);
    expect(isMonday('2026-12-08')).toBe(false);
    expect(isMonday('not a date')).toBe(false);
  });

  it('fills the days a draft lacks with nothing', () => {
    const week = fullWeek(MONDAY, [{ date: '2026-12-09', lunch: ['pork'], dinner: [] }]);
    expect(week).toHaveLength(7);
    expect(week[2].lunch).toEqual(['pork']);
    expect(week[0].lunch).toEqual([]);
  });
});

describe('brokenRules, as canteen-service checks them', () => {
  it('finds nothing wrong in a week that keeps the rules', () => {
    const { days, many } = goodWeek();
    const broken = brokenRules(MONDAY, days, many);
    expect(keepsTheRules(broken)).toBe(true);
    expect(Object.keys(broken)).toHaveLength(7);
  });

  it('names a day without lunch, and a lunch without meat or vegetable, on that day only', () => {
    const { days, many } = goodWeek();
    days[1].lunch = []; // Tuesday
    days[2].lunch = ['rice', 'cabbage']; // Wednesday: no meat
    days[3].lunch = ['soup']; // Thursday: neither
    const broken = brokenRules(MONDAY, days, many);
    expect(broken['2026-12-08']).toEqual([{ kind: 'noLunch' }]);
    expect(broken['2026-12-09']).toEqual([{ kind: 'noMeat' }]);
    expect(broken['2026-12-10']).toEqual([{ kind: 'noMeat' }, { kind: 'noVegetable' }]);
    expect(broken['2026-12-07']).toEqual([]);
    expect(keepsTheRules(broken)).toBe(false);
  });

  it('shows a repeated dish on the day it repeats, naming where it was first served', () => {
    const { days, many } = goodWeek();
    days[0].lunch.push('rice');
    days[4].lunch.push('rice'); // Friday
    const broken = brokenRules(MONDAY, days, many);
    expect(broken['2026-12-07']).toEqual([]);
    expect(broken['2026-12-11']).toEqual([
      { kind: 'repeat', dishId: 'rice', dishName: '米饭', meal: 'LUNCH', firstDate: '2026-12-07', firstMeal: 'LUNCH' },
    ]);
  });

  it('counts a dish at dinner and lunch of the same day as a repeat, in the service order (dinner first)', () => {
    const { days, many } = goodWeek();
    days[0].dinner = ['m0'];
    const broken = brokenRules(MONDAY, days, many);
    expect(broken['2026-12-07']).toEqual([
      { kind: 'repeat', dishId: 'm0', dishName: '肉0', meal: 'LUNCH', firstDate: '2026-12-07', firstMeal: 'DINNER' },
    ]);
  });

  it('names a dish the canteen does not have', () => {
    const { days, many } = goodWeek();
    days[6].lunch.push('gone');
    expect(brokenRules(MONDAY, days, many)['2026-12-13']).toEqual([{ kind: 'unknownDish', dishId: 'gone' }]);
  });
});

describe("the service's refusal, by day", () => {
  it('splits the 409 detail by the date each part names', () => {
    const detail =
      'The menu of the week of 2026-12-07 cannot be published: 2026-12-08 (TUESDAY) has no lunch; ' +
      '2026-12-09 (WEDNESDAY) lunch has no meat dish; 2026-12-09 (WEDNESDAY) lunch has no vegetable dish; ' +
      "dish '米饭 rice' (6f1c) repeats on 2026-12-11 (FRIDAY) LUNCH, first served 2026-12-07 (MONDAY) LUNCH";
    expect(refusalByDay(detail)).toEqual({
      '2026-12-08': ['2026-12-08 (TUESDAY) has no lunch'],
      '2026-12-09': ['2026-12-09 (WEDNESDAY) lunch has no meat dish', '2026-12-09 (WEDNESDAY) lunch has no vegetable dish'],
      '2026-12-11': ["dish '米饭 rice' (6f1c) repeats on 2026-12-11 (FRIDAY) LUNCH, first served 2026-12-07 (MONDAY) LUNCH"],
    });
  });

  it('keeps a refusal naming no day under the empty key', () => {
    expect(refusalByDay('The menu of the week of 2026-12-07 is published and can no longer change')).toEqual({
      '': ['The menu of the week of 2026-12-07 is published and can no longer change'],
    });
    expect(refusalByDay(null)).toEqual({});
  });
});
