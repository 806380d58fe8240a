import { describe, expect, it } from 'vitest';
import { applyRecorded, focusLost, withTaken } from './round';
import type { Run, Stop } from '../types';

const stop = (stopId: string, sequence: number): Stop => ({
  stopId, sequence, orderId: `order-${stopId}`, buildingId: null, unitId: null, dietaryNeeds: [], welfareCheck: null,
  recordedAt: null, note: null,
});
// the round as the server answers it: a fresh copy every time
const fromServer = (recorded: string[] = []): Run[] => [{
  id: 'run-1', stops: [stop('zhao', 1), stop('sun', 2)].map((s) => (recorded.includes(s.stopId)
    ? { ...s, welfareCheck: 'OK' as const, recordedAt: '2026-12-02T11:40:00+08:00' } : s)),
} as unknown as Run];

describe('a round read again while outcomes are being sent', () => {
  it('keeps a door the server took after the read began shown as recorded, not to do', () => {
    // Zhao's outcome went through and made the page read the round; Sun's went through before that answer came back
    applyRecorded('run-1', { stopId: 'zhao', welfareCheck: 'OK' });
    applyRecorded('run-1', { stopId: 'sun', welfareCheck: 'NO_ANSWER' });
    const stale = withTaken(fromServer(['zhao']));
    expect(stale[0].stops.map((s) => s.welfareCheck)).toEqual(['OK', 'NO_ANSWER']);
  });

  it("takes the server's word once its round has the outcome", () => {
    const fresh = withTaken(fromServer(['zhao', 'sun']));
    expect(fresh[0].stops.map((s) => s.welfareCheck)).toEqual(['OK', 'OK']);
    // remembered no longer: a later read shows what the server says
    expect(withTaken(fromServer())[0].stops.map((s) => s.welfareCheck)).toEqual([null, null]);
  });
});

describe('the focus after a stop is recorded', () => {
  const body = { isConnected: true };
  it('is lost when it was on a button the page took away, or on nothing', () => {
    expect(focusLost({ isConnected: false }, body)).toBe(true);
    expect(focusLost(body, body)).toBe(true);
    expect(focusLost(null, body)).toBe(true);
  });

  it('is left where the volunteer put it meanwhile', () => {
    expect(focusLost({ isConnected: true }, body)).toBe(false);
  });
});
