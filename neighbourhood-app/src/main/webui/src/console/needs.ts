/** The needs (民情) board: columns by status and the steps a need may take next (NeedStatus.allowedFrom). */
import type { NeedStatus, NeedView } from '../types';

export type NeedAction = 'route' | 'start' | 'done' | 'resident-told';

/** The board's columns, in the order a need moves through them. CLOSED shows only when asked for. */
export const NEED_COLUMNS: NeedStatus[] = ['OPEN', 'ROUTED', 'IN_PROGRESS', 'DONE', 'CLOSED'];

/** Which steps a need may take from its status (mirrors resident-service's NeedStatus.allowedFrom). */
export function nextActions(status: NeedStatus): NeedAction[] {
  switch (status) {
    case 'OPEN':
      return ['route'];
    case 'ROUTED':
      return ['start', 'done', 'route'];
    case 'IN_PROGRESS':
      return ['done'];
    case 'DONE':
      return ['resident-told'];
    default:
      return [];
  }
}

/** Needs grouped by status, each column oldest first (the longest wait at the top). */
export function groupNeeds(needs: readonly NeedView[], withClosed = false): Array<{ status: NeedStatus; needs: NeedView[] }> {
  return NEED_COLUMNS.filter((s) => withClosed || s !== 'CLOSED').map((status) => ({
    status,
    needs: needs
      .filter((n) => n.status === status)
      .sort((a, b) => (Date.parse(a.recordedAt) || 0) - (Date.parse(b.recordedAt) || 0) || a.id.localeCompare(b.id)),
  }));
}
