import { describe, expect, it } from 'vitest';
import { busyParts, freeBusyCalls, mergeAvailability, splitWindow } from '../../server/connectors/google/free-busy.ts';

const emails = Array.from({ length: 120 }, (_, i) => `p${i}@contoso.example`);
const programme = { start: '2027-01-11T00:00:00Z', end: '2027-07-12T00:00:00Z' };

describe('Google free/busy', () => {
  it('asks for 120 people over 26 weeks in 3 groups of at most 50 and 4 windows of at most 60 days', () => {
    expect(splitWindow(programme).map((w) => w.start)).toEqual(['2027-01-11T00:00:00.000Z', '2027-03-12T00:00:00.000Z', '2027-05-11T00:00:00.000Z', '2027-07-10T00:00:00.000Z']);
    const calls = freeBusyCalls('admin@contoso.example', emails, programme);
    expect(calls).toHaveLength(12);
    expect(calls.map((c) => c.emails.length).slice(0, 3)).toEqual([50, 50, 20]);
    expect(calls[0]?.part).toMatchObject({ subject: 'admin@contoso.example', method: 'POST', path: '/calendar/v3/freeBusy' });
    expect(() => splitWindow({ start: programme.end, end: programme.start })).toThrow(/must end after/);
  });

  it('leaves a calendar Google could not read unknown, never free, and keeps the others', () => {
    const call = freeBusyCalls('admin@contoso.example', emails.slice(0, 3), programme)[0];
    if (call === undefined) throw new Error('no call');
    const answer = {
      status: 200,
      body: {
        kind: 'calendar#freeBusy',
        calendars: {
          'p0@contoso.example': { busy: [{ start: '2027-01-12T10:00:00+01:00', end: '2027-01-12T11:00:00+01:00' }] },
          'p1@contoso.example': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
        },
      },
    };
    const parts = busyParts(call, answer);
    const settings = new Map([['p0@contoso.example', { timeZone: 'Europe/Paris', workingHours: null, error: null }]]);
    const merged = mergeAvailability(emails.slice(0, 3), [parts], settings);
    expect(merged[0]).toEqual({ email: 'p0@contoso.example', timeZone: 'Europe/Paris', workingHours: null, busy: [{ start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z' }], error: null });
    expect(merged[1]?.error).toBe('freeBusy: notFound');
    expect(merged[2]?.error).toBe('freeBusy returned nothing for this calendar');
  });

  it('marks everyone of a failed call unknown, even when another window answered', () => {
    const [first, second] = freeBusyCalls('a@contoso.example', ['p0@contoso.example'], { start: '2027-01-01T00:00:00Z', end: '2027-04-01T00:00:00Z' });
    if (first === undefined || second === undefined) throw new Error('expected two windows');
    const ok = busyParts(first, { status: 200, body: { calendars: { 'p0@contoso.example': { busy: [] } } } });
    const throttled = busyParts(second, { status: 403, body: { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    expect(mergeAvailability(['p0@contoso.example'], [ok, throttled], new Map())[0]?.error).toBe('freeBusy failed: HTTP 403 rateLimitExceeded: Rate Limit Exceeded');
  });
});
