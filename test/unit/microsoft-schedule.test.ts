import { describe, expect, it } from 'vitest';
import { mergeAvailability, scheduleCalls, schedulePart, splitWindow, workingHoursFrom } from '../../server/connectors/microsoft/schedule.ts';
import { ScheduleInformation } from '../../server/connectors/microsoft/schema.ts';

const emails = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@contoso.example`);

describe('getSchedule planning', () => {
  it('splits 26 weeks into three windows shorter than 62 days', () => {
    const parts = splitWindow({ start: '2027-01-11T00:00:00Z', end: '2027-07-12T00:00:00Z' });
    expect(parts).toHaveLength(3);
    expect(parts[0]).toEqual({ start: '2027-01-11T00:00:00.000Z', end: '2027-03-13T00:00:00.000Z' });
    expect(parts[2]?.end).toBe('2027-07-12T00:00:00.000Z');
    for (const p of parts) expect(Date.parse(p.end) - Date.parse(p.start)).toBeLessThan(62 * 86_400_000);
  });

  it('refuses an empty window', () => {
    expect(() => splitWindow({ start: '2027-01-11T00:00:00Z', end: '2027-01-11T00:00:00Z' })).toThrow('must end after it starts');
  });

  it('asks for 45 people over 26 weeks in 3 groups x 3 windows from the organizer mailbox', () => {
    const calls = scheduleCalls('hr@contoso.example', emails(45), { start: '2027-01-11T00:00:00Z', end: '2027-07-12T00:00:00Z' });
    expect(calls).toHaveLength(9);
    expect(calls.map((c) => c.emails.length)).toEqual([20, 20, 5, 20, 20, 5, 20, 20, 5]);
    expect(calls[0]?.operation).toMatchObject({
      method: 'POST',
      url: '/users/hr%40contoso.example/calendar/getSchedule',
      headers: { Prefer: 'outlook.timezone="UTC"' },
      body: { startTime: { dateTime: '2027-01-11T00:00:00', timeZone: 'UTC' } },
    });
  });
});

describe('getSchedule answers', () => {
  it('keeps busy, tentative and out-of-office items and reads working hours in IANA', () => {
    const info = ScheduleInformation.parse({
      scheduleId: 'ana@contoso.example',
      availabilityView: '0200',
      scheduleItems: [
        { status: 'busy', start: { dateTime: '2027-01-04T08:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-01-04T09:00:00.0000000', timeZone: 'UTC' } },
        { status: 'free', start: { dateTime: '2027-01-04T10:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-01-04T11:00:00.0000000', timeZone: 'UTC' } },
        { status: 'oof', start: { dateTime: '2027-01-05T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-01-06T00:00:00.0000000', timeZone: 'UTC' } },
      ],
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '18:00:00.0000000',
        timeZone: { name: 'Romance Standard Time' },
      },
    });
    expect(schedulePart(info, 2027)).toEqual({
      busy: [
        { start: '2027-01-04T08:00:00Z', end: '2027-01-04T09:00:00Z' },
        { start: '2027-01-05T00:00:00Z', end: '2027-01-06T00:00:00Z' },
      ],
      timeZone: 'Europe/Paris',
      workingHours: { timeZone: 'Europe/Paris', week: { mon: [[540, 1080]], tue: [[540, 1080]], wed: [[540, 1080]], thu: [[540, 1080]], fri: [[540, 1080]], sat: [], sun: [] } },
      error: null,
    });
  });

  it('reads working hours in a custom time zone as a fixed offset', () => {
    const result = workingHoursFrom(
      { daysOfWeek: ['monday'], startTime: '08:00:00', endTime: '17:00:00', timeZone: { '@odata.type': '#microsoft.graph.customTimeZone', bias: -330, name: 'Customized Time Zone' } },
      2027,
    );
    expect(result.timeZone).toBe('+05:30');
    expect(result.workingHours?.timeZone).toBe('+05:30');
  });

  it('reads a shift past midnight as the evening of each working day and the early hours of the next', () => {
    const result = workingHoursFrom({ daysOfWeek: ['friday', 'sunday'], startTime: '22:00:00.0000000', endTime: '06:00:00.0000000', timeZone: { name: 'UTC' } }, 2027);
    expect(result.workingHours?.week).toEqual({ mon: [[0, 360]], tue: [], wed: [], thu: [], fri: [[1320, 1440]], sat: [[0, 360]], sun: [[1320, 1440]] });
  });

  it('reads an end at 00:00 as the next midnight', () => {
    const result = workingHoursFrom({ daysOfWeek: ['monday'], startTime: '14:00:00.0000000', endTime: '00:00:00.0000000', timeZone: { name: 'UTC' } }, 2027);
    expect(result.workingHours?.week.mon).toEqual([[840, 1440]]);
    expect(result.workingHours?.week.tue).toEqual([]);
  });

  it('reports a schedule error for that person only', () => {
    const info = ScheduleInformation.parse({ scheduleId: 'ghost@contoso.example', error: { message: 'not found', responseCode: 'ErrorMailRecipientNotFound' } });
    expect(schedulePart(info, 2027).error).toBe('ErrorMailRecipientNotFound: not found');
  });

  it('merges window chunks per person in the order asked, sorted, with any error kept', () => {
    const parts = new Map([
      ['a@x.example', [
        { busy: [{ start: '2027-03-01T00:00:00Z', end: '2027-03-01T01:00:00Z' }], timeZone: 'Europe/Paris', workingHours: null, error: null },
        { busy: [{ start: '2027-01-01T00:00:00Z', end: '2027-01-01T01:00:00Z' }], timeZone: 'Europe/Paris', workingHours: null, error: null },
      ]],
      ['b@x.example', [{ busy: [], timeZone: null, workingHours: null, error: 'getSchedule failed: HTTP 429 TooManyRequests' }]],
    ]);
    const merged = mergeAvailability(['B@x.example', 'a@x.example', 'c@x.example'], parts);
    expect(merged.map((m) => m.email)).toEqual(['B@x.example', 'a@x.example', 'c@x.example']);
    expect(merged[0]?.error).toContain('429');
    expect(merged[1]?.busy.map((b) => b.start)).toEqual(['2027-01-01T00:00:00Z', '2027-03-01T00:00:00Z']);
    expect(merged[1]?.timeZone).toBe('Europe/Paris');
    expect(merged[2]?.error).toBe('no schedule returned');
  });
});
