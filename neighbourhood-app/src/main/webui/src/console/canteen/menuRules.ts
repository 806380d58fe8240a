/**
 * The weekly menu's rules, as canteen-service's Menus.brokenRules checks them before publishing: every day of the week
 * (Monday to Sunday) has a lunch, every lunch has a meat (MEAT) and a vegetable (VEGETABLE) dish, and no dish is served
 * twice in the week. Checked here in the browser so each day shows what is wrong before anyone presses Publish; the
 * service still decides, and its refusal (409) is split by day with {@link refusalByDay}. Pure, unit-tested.
 */
import { addDays } from '../../format';

export type Meal = 'LUNCH' | 'DINNER';

export interface RuleDish {
  id: string;
  name: string;
  category: string;
}

export interface DayDraft {
  date: string;
  lunch: string[];
  dinner: string[];
}

export type BrokenRule =
  | { kind: 'noLunch' }
  | { kind: 'noMeat' }
  | { kind: 'noVegetable' }
  | { kind: 'repeat'; dishId: string; dishName: string; meal: Meal; firstDate: string; firstMeal: Meal }
  | { kind: 'unknownDish'; dishId: string };

/** The seven dates of the week starting on this Monday. */
export function weekDates(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}

/** Whether a date (YYYY-MM-DD) is a Monday. */
export function isMonday(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
}

/** The week's seven days, each with the dishes the draft gives it (a day the draft lacks is empty). */
export function fullWeek(weekStart: string, days: readonly DayDraft[]): DayDraft[] {
  return weekDates(weekStart).map((date) => {
    const day = days.find((d) => d.date === date);
    return { date, lunch: [...(day?.lunch ?? [])], dinner: [...(day?.dinner ?? [])] };
  });
}

/**
 * What breaks a rule, by date (every date of the week has an entry, empty when the day is fine). A repeated dish is
 * shown on the day it repeats, naming where it was first served; the order is the service's (by day, then meal as
 * it sorts them: DINNER before LUNCH, then position).
 */
export function brokenRules(weekStart: string, days: readonly DayDraft[], dishes: readonly RuleDish[]): Record<string, BrokenRule[]> {
  const byId = new Map(dishes.map((d) => [d.id, d]));
  const week = fullWeek(weekStart, days);
  const out: Record<string, BrokenRule[]> = {};
  for (const day of week) {
    const problems: BrokenRule[] = [];
    for (const id of [...day.lunch, ...day.dinner]) {
      if (!byId.has(id)) problems.push({ kind: 'unknownDish', dishId: id });
    }
    const lunch = day.lunch.map((id) => byId.get(id)).filter((d): d is RuleDish => !!d);
    if (day.lunch.length === 0) {
      problems.push({ kind: 'noLunch' });
    } else {
      if (!lunch.some((d) => d.category === 'MEAT')) problems.push({ kind: 'noMeat' });
      if (!lunch.some((d) => d.category === 'VEGETABLE')) problems.push({ kind: 'noVegetable' });
    }
    out[day.date] = problems;
  }
  const first = new Map<string, { date: string; meal: Meal }>();
  for (const day of week) {
    const items: Array<{ id: string; meal: Meal }> = [
      ...day.dinner.map((id) => ({ id, meal: 'DINNER' as const })),
      ...day.lunch.map((id) => ({ id, meal: 'LUNCH' as const })),
    ];
    for (const item of items) {
      const earlier = first.get(item.id);
      if (earlier) {
        out[day.date].push({
          kind: 'repeat',
          dishId: item.id,
          dishName: byId.get(item.id)?.name ?? item.id,
          meal: item.meal,
          firstDate: earlier.date,
          firstMeal: earlier.meal,
        });
      } else {
        first.set(item.id, { date: day.date, meal: item.meal });
      }
    }
  }
  return out;
}

/** Whether no day breaks a rule. */
export function keepsTheRules(broken: Record<string, BrokenRule[]>): boolean {
  return Object.values(broken).every((list) => list.length === 0);
}

/**
 * canteen-service's refusal to publish ("The menu of the week of 2026-12-14 cannot be published: 2026-12-14 (MONDAY)
 * lunch has no meat dish; dish '米饭' (…) repeats on 2026-12-16 (WEDNESDAY) LUNCH, first served …") split by the day
 * each part is about; parts naming no date are kept under ''.
 */
export function refusalByDay(detail: string | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!detail) return out;
  const colon = detail.indexOf(': ');
  const list = colon >= 0 ? detail.slice(colon + 2) : detail;
  for (const raw of list.split('; ')) {
    const part = raw.trim();
    if (!part) continue;
    const repeat = /repeats on (\d{4}-\d{2}-\d{2})/.exec(part);
    const leading = /^(\d{4}-\d{2}-\d{2})/.exec(part);
    const date = repeat?.[1] ?? leading?.[1] ?? '';
    (out[date] ??= []).push(part);
  }
  return out;
}

/** The dishes a day's meal may still take (not already in that meal), in the list's order. */
export function selectable(dishes: readonly RuleDish[], chosen: readonly string[]): RuleDish[] {
  return dishes.filter((d) => !chosen.includes(d.id));
}
