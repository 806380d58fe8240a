import { describe, expect, it } from 'vitest';
import { delivererIds } from './desk';

describe('the deliverer of a run', () => {
  it('keeps the id typed for each kind apart', () => {
    const ids = delivererIds('kitchen-wang');
    // to a volunteer: the staff id is not carried over
    expect(ids.switch('STAFF', 'VOLUNTEER', 'kitchen-wang')).toBe('');
    const volunteer = '0b6f3c2e-1a2b-4c3d-8e9f-0123456789ab';
    // back to staff: what was typed for staff, and again the volunteer typed before
    expect(ids.switch('VOLUNTEER', 'STAFF', volunteer)).toBe('kitchen-wang');
    expect(ids.switch('STAFF', 'VOLUNTEER', 'kitchen-li')).toBe(volunteer);
    expect(ids.switch('VOLUNTEER', 'STAFF', volunteer)).toBe('kitchen-li');
  });
});
