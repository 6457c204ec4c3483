import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { TenantFixture } from '../../src/model/fixture.ts';
import { WorkingHours, WrittenHours, weekOfWritten, type CohortPlan } from '../../src/model/schema.ts';
import { chooseWorkingHours, describeWeek, hoursIn, spanOfWeek } from '../../src/model/working-hours.ts';
import { freeTime } from '../../src/planning/free-time.ts';
import { planSessions } from '../../src/planning/sessions.ts';

const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-03-01', weeks: 12 };
const notBefore = Date.parse('2027-03-01T00:00:00Z');
const weekdays5 = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' } as const;
const paris = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO('Europe/Paris');
const split = hoursIn({ week: { mon: ['09:00-12:00', '14:00-18:00'], tue: ['09:00-12:00', '14:00-18:00'], wed: ['09:00-12:00', '14:00-18:00'], thu: ['09:00-12:00', '14:00-18:00'], fri: ['09:00-12:00', '14:00-18:00'] } }, 'Europe/Paris');

describe('Planning inside weekly blocks', () => {
  it('never gives a person whose days split at lunch a session at 12:00 or across the gap, even when the other person is free then', () => {
    // The other person is free only from 11:00 to 15:00: the lunch gap sits in the middle of it.
    const lunchers = hoursIn({ ...weekdays5, days: [...weekdays5.days], start: '11:00', end: '15:00' }, 'Europe/Paris');
    const result = planSessions(freeTime({ workingHours: split, busy: [] }, plan), freeTime({ workingHours: lunchers, busy: [] }, plan), plan, { notBefore });
    expect(result.ok).toBe(true);
    const sessions = result.ok ? result.sessions : [];
    expect(sessions).toHaveLength(6);
    for (const session of sessions) {
      const start = paris(session.start);
      const end = paris(session.end);
      const inMorning = start.hour >= 11 && (end.hour < 12 || (end.hour === 12 && end.minute === 0));
      const inAfternoon = start.hour >= 14 && end.hour <= 15 && (end.hour < 15 || end.minute === 0);
      expect({ at: start.toString(), inside: inMorning || inAfternoon }).toEqual({ at: start.toString(), inside: true });
    }
  });

  it('plans a person who works only on Monday afternoons on Monday afternoons', () => {
    const mondayAfternoons = hoursIn({ week: { mon: ['13:30-18:00'] } }, 'Europe/Paris');
    const everyone = hoursIn({ ...weekdays5, days: [...weekdays5.days] }, 'Europe/London');
    const result = planSessions(freeTime({ workingHours: mondayAfternoons, busy: [] }, plan), freeTime({ workingHours: everyone, busy: [] }, plan), plan, { notBefore });
    const starts = result.ok ? result.sessions.map((s) => paris(s.start)) : [];
    expect(starts).toHaveLength(6);
    expect(starts.every((s) => s.dayOfWeek === 1 && s.hour * 60 + s.minute >= 13 * 60 + 30 && s.hour < 17)).toBe(true);
  });

  it('keeps a block that ends at midnight joined to one starting at midnight the next day', () => {
    const nights = hoursIn({ week: { mon: ['22:00-24:00'], tue: ['00:00-02:00'] } }, 'UTC');
    const free = freeTime({ workingHours: nights, busy: [] }, { ...plan, weeks: 1 });
    expect([...free.intervals].map((ms) => new Date(ms).toISOString())).toEqual(['2027-03-01T22:00:00.000Z', '2027-03-02T02:00:00.000Z']);
  });
});

describe('Where working hours come from', () => {
  const tenantDefault: WrittenHours = { days: ['tue', 'wed'], start: '10:00', end: '16:00' };
  const declared: WrittenHours = { days: ['mon'], start: '13:00', end: '18:00' };
  const provider = hoursIn({ week: { fri: ['08:00-12:00'] } }, 'Asia/Kolkata');

  it('takes the provider’s hours first, in the provider’s zone', () => {
    expect(chooseWorkingHours({ provider, declared, tenantDefault, timeZone: 'Europe/Paris' })).toEqual({ hours: provider, source: 'provider' });
  });

  it('takes what the person declared when the provider gives none, in the person’s zone', () => {
    expect(chooseWorkingHours({ provider: null, declared, tenantDefault, timeZone: 'Europe/Paris' })).toEqual({
      hours: { timeZone: 'Europe/Paris', week: weekOfWritten(declared) },
      source: 'declared',
    });
  });

  it('falls back to the tenant default, and to nothing when no zone is known to place it in', () => {
    expect(chooseWorkingHours({ provider: null, declared: null, tenantDefault, timeZone: 'America/Toronto' })?.source).toBe('tenant');
    expect(chooseWorkingHours({ provider: null, declared: null, tenantDefault, timeZone: 'America/Toronto' })?.hours.week.tue).toEqual([[600, 960]]);
    expect(chooseWorkingHours({ provider: null, declared, tenantDefault, timeZone: null })).toBeNull();
  });
});

describe('The weekly schedule as written', () => {
  it('reads one span and a week of blocks alike, joining blocks that touch', () => {
    expect(weekOfWritten({ days: ['mon', 'fri'], start: '09:00', end: '17:30' })).toEqual({ mon: [[540, 1050]], tue: [], wed: [], thu: [], fri: [[540, 1050]], sat: [], sun: [] });
    expect(weekOfWritten({ week: { wed: ['14:00-18:00', '09:00-12:00', '12:00-12:30'] } }).wed).toEqual([[540, 750], [840, 1080]]);
  });

  it('refuses a block that ends before it starts, an unknown day and an empty week, naming the field', () => {
    const refused = (value: unknown) => WrittenHours.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(refused({ week: { mon: ['12:00-09:00'] } })).toContain('week.mon.0: a block must end after it starts');
    expect(refused({ week: { mon: ['9-12'] } })).toContain('week.mon.0: expected a block HH:MM-HH:MM');
    expect(refused({ week: { funday: ['09:00-12:00'] } }).join()).toContain('funday');
    expect(refused({ week: {} })).toContain('week: working hours need at least one block in the week');
  });

  it('still reads directory rows stored in the one-span form', () => {
    expect(WorkingHours.parse({ days: ['mon'], start: '09:00', end: '12:00', timeZone: 'Europe/Paris' })).toEqual({
      timeZone: 'Europe/Paris',
      week: { mon: [[540, 720]], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    });
  });

  it('lets a fixture person have no working hours, or a week of blocks', () => {
    const person = { id: 'u1', email: 'a@x.example', name: 'A', timeZone: 'Europe/Paris' };
    const fixture = TenantFixture.parse({
      tenant: { id: 'x', name: 'X', domain: 'x.example', platform: 'google' },
      people: [person, { ...person, id: 'u2', email: 'b@x.example', workingHours: { week: { mon: ['14:00-18:00'] } } }],
    });
    expect(fixture.people.map((p) => p.workingHours)).toEqual([undefined, { week: { mon: ['14:00-18:00'] } }]);
  });

  it('says a week in a few words, and gives the span that covers it for providers that hold one', () => {
    expect(describeWeek(split.week)).toBe('mon–fri 09:00–12:00, 14:00–18:00');
    expect(describeWeek(weekOfWritten({ week: { mon: ['14:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'] } }))).toBe('mon 14:00–18:00; tue–wed 09:00–18:00');
    expect(spanOfWeek(weekOfWritten({ week: { mon: ['14:00-18:00'], wed: ['09:00-12:00'] } }))).toEqual({ days: ['mon', 'wed'], start: 540, end: 1080 });
  });
});
