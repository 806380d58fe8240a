/** The care-alert queue's order and what is new in it: pure, unit-tested (alerts.test.ts). */
import type { AlertStatus, ConsoleAlert } from '../types';

/** ESCALATED before RAISED before ACKNOWLEDGED (and RESOLVED last). */
const RANK: Record<AlertStatus, number> = { ESCALATED: 0, RAISED: 1, ACKNOWLEDGED: 2, RESOLVED: 3 };

const time = (instant: string | null | undefined) => (instant ? Date.parse(instant) || 0 : 0);

/** Most urgent first (by status), then the newest first; the id keeps the order stable. */
export function sortAlerts<T extends Pick<ConsoleAlert, 'id' | 'status' | 'raisedAt'>>(alerts: readonly T[]): T[] {
  return [...alerts].sort(
    (a, b) =>
      (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) ||
      time(b.raisedAt) - time(a.raisedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** Someone still has to act on it (acknowledge). */
export const needsTakingOn = (a: Pick<ConsoleAlert, 'status'>) => a.status === 'RAISED' || a.status === 'ESCALATED';

/** It may still be closed with a resolution. */
export const mayResolve = (a: Pick<ConsoleAlert, 'status'>) => a.status !== 'RESOLVED';

/**
 * The ids of alerts that were not in the queue before. The first look (known = null) finds nothing new: everything
 * on the screen when it opens is simply the queue.
 */
export function newAlertIds(known: ReadonlySet<string> | null, fresh: readonly Pick<ConsoleAlert, 'id'>[]): string[] {
  if (!known) return [];
  return fresh.filter((a) => !known.has(a.id)).map((a) => a.id);
}

/** The resident ids whose names are not known yet, each once, in queue order. */
export function missingNames(ids: readonly (string | null | undefined)[], known: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (id && !known.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}
