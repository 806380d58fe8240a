import { describe, expect, it } from 'vitest';
import { mayResolve, missingNames, needsTakingOn, newAlertIds, sortAlerts } from './alerts';
import type { AlertStatus } from '../types';

const alert = (id: string, status: AlertStatus, raisedAt: string) => ({ id, status, raisedAt });

describe('the care-alert queue', () => {
  it('puts escalated before raised before acknowledged, newest first within each', () => {
    const queue = sortAlerts([
      alert('ack-new', 'ACKNOWLEDGED', '2025-12-01T10:00:00+08:00'),
      alert('raised-old', 'RAISED', '2025-12-01T08:00:00+08:00'),
      alert('esc-old', 'ESCALATED', '2025-12-01T07:00:00+08:00'),
      alert('raised-new', 'RAISED', '2025-12-01T09:30:00+08:00'),
      alert('esc-new', 'ESCALATED', '2025-12-01T01:00:00Z'), // 09:00 in Changchun: newer than esc-old
    ]);
    expect(queue.map((a) => a.id)).toEqual(['esc-new', 'esc-old', 'raised-new', 'raised-old', 'ack-new']);
  });

  it('compares instants, not strings, across offsets, and keeps ties stable by id', () => {
    const queue = sortAlerts([
      alert('b', 'RAISED', '2025-12-01T02:00:00Z'),
      alert('a', 'RAISED', '2025-12-01T10:00:00+08:00'),
      alert('c', 'RAISED', '2025-12-01T09:59:00+08:00'),
    ]);
    expect(queue.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('does not change the list it is given', () => {
    const list = [alert('x', 'ACKNOWLEDGED', '2025-12-01T10:00:00Z'), alert('y', 'ESCALATED', '2025-12-01T09:00:00Z')];
    sortAlerts(list);
    expect(list.map((a) => a.id)).toEqual(['x', 'y']);
  });

  it('finds nothing new on the first look, then the alerts that were not there before', () => {
    expect(newAlertIds(null, [{ id: 'a' }, { id: 'b' }])).toEqual([]);
    expect(newAlertIds(new Set(['a', 'b']), [{ id: 'c' }, { id: 'a' }, { id: 'd' }])).toEqual(['c', 'd']);
    expect(newAlertIds(new Set(['a']), [{ id: 'a' }])).toEqual([]);
  });

  it('offers taking on only while nobody has, and resolving until resolved', () => {
    expect(needsTakingOn({ status: 'RAISED' })).toBe(true);
    expect(needsTakingOn({ status: 'ESCALATED' })).toBe(true);
    expect(needsTakingOn({ status: 'ACKNOWLEDGED' })).toBe(false);
    expect(mayResolve({ status: 'ACKNOWLEDGED' })).toBe(true);
    expect(mayResolve({ status: 'RESOLVED' })).toBe(false);
  });

  it('asks for each unknown resident name once', () => {
    expect(missingNames(['a', null, 'b', 'a', 'c'], new Map([['b', '王淑芬']]))).toEqual(['a', 'c']);
  });
});
