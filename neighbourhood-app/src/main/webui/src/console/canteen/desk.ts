/**
 * What the canteen workplace's screens share: canteen-service's paths through the BFF (/api/canteen/…) for the
 * signed-in person's community, the shapes of its answers, and the week/day/month arithmetic of the screens.
 */
import { ApiError, path } from '../../api';
import { session } from '../../session';
import type { Order, RunSummary, Stop } from '../../types';

export const CANTEEN_API = '/api/canteen';

export const community = () => session.data?.community ?? '';

/** /api/canteen/communities/{c}/<segments…>, each segment encoded. */
export const canteenPath = (...segments: Array<string | number>) => path(`${CANTEEN_API}/communities`, community(), ...segments);

/** /api/resident/communities/{c}/<segments…> (the delivery doors). */
export const residentPath = (...segments: Array<string | number>) => path('/api/resident/communities', community(), ...segments);

export const CATEGORIES = ['MEAT', 'VEGETABLE', 'STAPLE', 'SOUP', 'PICKLES', 'FRUIT'] as const;
export type DishCategory = (typeof CATEGORIES)[number];
export const SUITABILITY = ['SOFT_TEXTURE', 'LOW_SALT', 'DIABETIC'] as const;

/** DishResource.DishView */
export interface DeskDish {
  id: string;
  name: string;
  category: DishCategory;
  allergens: string[];
  suitability: string[];
}

/** MenuResource.MenuView */
export interface MenuView {
  id: string;
  weekStart: string;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: string | null;
  days: Array<{ date: string; lunch: string[]; dinner: string[] }>;
}

/** ProductionList */
export interface ProductionList {
  communityId: string;
  date: string;
  meals: MealProduction[];
}

export interface MealProduction {
  meal: 'LUNCH' | 'DINNER';
  portions: number;
  dineIn: number;
  delivery: number;
  variants: Record<string, number>;
  groups: Array<{ dietaryNeeds: string[]; dineIn: number; delivery: number }>;
  dishes: Array<{ dishId: string; name: string; category: DishCategory; portions: number; variantPortions: Record<string, number> }>;
}

export interface DeskOrder extends Order {
  cancelledBy?: string | null;
  closedAt?: string | null;
}

export interface DeskRun extends RunSummary {
  stops: Stop[];
}

/** resident-service's DeliveryDoorResource.DoorView */
export interface Door {
  residentId: string;
  runId: string | null;
  buildingName: string | null;
  unitName: string | null;
  door: string | null;
  callName: string | null;
}

/** A run's stops in their order, each with its door as resident-service gives it (null fields where it has none). */
export function sheetOf(run: DeskRun, doors: readonly Door[]): Array<Stop & { place: Door | null }> {
  return [...run.stops]
    .sort((a, b) => a.sequence - b.sequence)
    .map((s) => ({
      ...s,
      place: doors.find((d) => d.residentId === s.dinerId && (d.runId === run.id || d.runId == null)) ?? doors.find((d) => d.residentId === s.dinerId) ?? null,
    }));
}

/** The dishes of a meal with their portions, as the kitchen cooks them (in the list's order). */
export function portionsOf(list: ProductionList | null, meal: 'LUNCH' | 'DINNER') {
  return list?.meals.find((m) => m.meal === meal) ?? null;
}

/** Whether an error is the service refusing the person's role (403). */
export type DelivererKind = 'STAFF' | 'VOLUNTEER';

/**
 * The deliverer id typed for each kind, kept apart: switching kind brings back what was typed for that kind (at first
 * the signed-in staff id for staff, nothing for a volunteer), so a staff id is never checked as a resident id.
 */
export function delivererIds(staffId: string) {
  const typed: Record<DelivererKind, string> = { STAFF: staffId, VOLUNTEER: '' };
  return {
    /** Keeps `id` as `from`'s and answers what was typed for `to`. */
    switch(from: DelivererKind, to: DelivererKind, id: string): string {
      typed[from] = id;
      return typed[to];
    },
  };
}

export const isRefused = (e: unknown) => e instanceof ApiError && e.status === 403;

/** The first day of a month (YYYY-MM) and its days. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Runs at most `limit` of the calls at a time, answers in the calls' order. */
export async function inTurns<T>(calls: Array<() => Promise<T>>, limit = 4): Promise<T[]> {
  const out: T[] = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      out[i] = await calls[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, calls.length) }, worker));
  return out;
}
