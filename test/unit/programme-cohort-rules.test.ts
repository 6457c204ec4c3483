import { describe, expect, it } from 'vitest';
import { settledStatus, stepRefusal } from '../../server/programme/rules.ts';

const now = Date.parse('2027-03-01T12:00:00Z');

describe("a cohort's state", () => {
  it('stays rolling out while a session is not booked, and runs once every one is', () => {
    expect(settledStatus('rolling_out', { total: 8, booked: 7, lastEnd: now + 1 }, now)).toBe('rolling_out');
    expect(settledStatus('rolling_out', { total: 8, booked: 8, lastEnd: now + 1 }, now)).toBe('running');
  });

  it('goes back to rolling out when a booked session is lost, and closes once the last session is over', () => {
    expect(settledStatus('running', { total: 8, booked: 7, lastEnd: now + 1 }, now)).toBe('rolling_out');
    expect(settledStatus('running', { total: 8, booked: 8, lastEnd: now }, now)).toBe('closed');
    expect(settledStatus('published', { total: 8, booked: 8, lastEnd: now - 1 }, now)).toBe('published');
  });

  it('refuses steps out of order, and any change to the enrolments or pairs once published', () => {
    expect(stepRefusal('open', 'draft')).toBeNull();
    expect(stepRefusal('open', 'matched')?.code).toBe('STATUS_OUT_OF_ORDER');
    expect(stepRefusal('match', 'open')).toBeNull();
    expect(stepRefusal('enrol', 'running')).toEqual({
      code: 'COHORT_LOCKED',
      message: 'the cohort is published: its enrolments can no longer change',
      params: { context: 'step', status: 'running', action: 'enrol' },
    });
    expect(stepRefusal('close', 'closed')?.code).toBe('STATUS_OUT_OF_ORDER');
  });
});
