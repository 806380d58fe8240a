import { describe, expect, it } from 'vitest';
import { groupNeeds, nextActions } from './needs';
import type { NeedStatus, NeedView } from '../types';

const need = (id: string, status: NeedStatus, recordedAt: string): NeedView => ({
  id,
  status,
  recordedAt,
  gridId: null,
  category: 'REPAIR',
  place: '3号楼',
  raisedBy: null,
  description: '晾衣架坏了',
  responsible: null,
  doneAt: null,
  residentToldAt: null,
  ageDays: 0,
  steps: null,
});

describe('the needs board', () => {
  it('offers only the steps resident-service allows from each status', () => {
    expect(nextActions('OPEN')).toEqual(['route']);
    expect(nextActions('ROUTED')).toEqual(['start', 'done', 'route']);
    expect(nextActions('IN_PROGRESS')).toEqual(['done']);
    expect(nextActions('DONE')).toEqual(['resident-told']);
    expect(nextActions('CLOSED')).toEqual([]);
  });

  it('groups by status in the order a need moves, the longest wait first, closed only when asked', () => {
    const needs = [
      need('n2', 'OPEN', '2025-12-02T08:00:00+08:00'),
      need('n1', 'OPEN', '2025-11-30T08:00:00+08:00'),
      need('n3', 'DONE', '2025-12-01T08:00:00+08:00'),
      need('n4', 'CLOSED', '2025-11-01T08:00:00+08:00'),
    ];
    const open = groupNeeds(needs);
    expect(open.map((c) => c.status)).toEqual(['OPEN', 'ROUTED', 'IN_PROGRESS', 'DONE']);
    expect(open[0].needs.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(open[3].needs.map((n) => n.id)).toEqual(['n3']);
    const all = groupNeeds(needs, true);
    expect(all[all.length - 1]).toMatchObject({ status: 'CLOSED' });
    expect(all[all.length - 1]?.needs.map((n) => n.id)).toEqual(['n4']);
  });
});
