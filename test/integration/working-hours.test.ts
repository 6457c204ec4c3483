import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import type { Platform } from '../../src/model/schema.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Horaires', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 8 };
const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
const split = { week: { mon: ['09:00-12:00', '14:00-18:00'], tue: ['09:00-12:00', '14:00-18:00'], wed: ['09:00-12:00', '14:00-18:00'], thu: ['09:00-12:00', '14:00-18:00'], fri: ['09:00-12:00', '14:00-18:00'] } };

/**
 * Four pairs, one per source of working hours: a provider week split at lunch (met by
 * someone free 11:00–15:00), hours only declared in the enrolment file (Monday
 * afternoons), no hours anywhere (the tenant default: Tuesday mornings), and provider
 * hours (Thursdays) that win over different declared ones (Mondays).
 */
function tenant(platform: Platform): TenantFixture {
  const person = (id: string, hours: unknown) => ({
    id,
    email: `${id}@horaires.example`,
    name: `Person ${id}`,
    department: `dept-${id}`,
    timeZone: 'Europe/Paris',
    languages: ['fr'],
    ...(hours === null ? {} : { workingHours: hours }),
  });
  return TenantFixture.parse({
    tenant: { id: 'horaires', name: 'Horaires', domain: 'horaires.example', platform },
    people: [
      person('split', split),
      person('lunch', { ...weekdays, start: '11:00', end: '15:00' }),
      person('declared', null),
      person('e2', weekdays),
      person('nothing', null),
      person('e3', weekdays),
      person('thursdays', { week: { thu: ['09:00-18:00'] } }),
      person('e4', weekdays),
    ],
  });
}

const enrolments = [
  'email,role,offers,wants,languages,format,workingDays,workingHours',
  'split@horaires.example,mentor,ai,,fr,video,,',
  'lunch@horaires.example,mentee,,ai,fr,video,,',
  'declared@horaires.example,mentor,data,,fr,video,mon,13:00-18:00',
  'e2@horaires.example,mentee,,data,fr,video,,',
  'nothing@horaires.example,mentor,video,,fr,video,,',
  'e3@horaires.example,mentee,,video,fr,video,,',
  'thursdays@horaires.example,mentor,csr,,fr,video,mon,09:00-18:00',
  'e4@horaires.example,mentee,,csr,fr,video,,',
].join('\n');

interface Proposal {
  pairs: { mentorEmail: string; menteeEmail: string; sessions: { start: string; end: string }[] }[];
  unmatched: { email: string; code: string }[];
}

const paris = (iso: string) => Temporal.Instant.from(iso).toZonedDateTimeISO('Europe/Paris');
const clock = (iso: string) => paris(iso).toPlainTime().toString({ smallestUnit: 'minute' });

describe.each(['google', 'microsoft'] as const)('Working hours on %s: the provider’s, else declared, else the tenant default', (platform) => {
  let t: TestApp;
  let proposal: Proposal;
  const sessionsOf = (mentor: string) => proposal.pairs.find((p) => p.mentorEmail === `${mentor}@horaires.example`)?.sessions ?? [];

  beforeAll(async () => {
    t = await buildTestApp(tenant(platform), { tenantHours: { week: { tue: ['10:00-12:00'] } } });
    const created = await t.call('POST', '/api/admin/cohorts', cohort);
    const base = `/api/admin/cohorts/${(created.body as { cohortId: string }).cohortId}`;
    expect((await t.call('POST', `${base}/enrolments`, enrolments, 'text/csv')).body).toMatchObject({ loaded: 8, rejectedTotal: 0 });
    const matched = await t.call('POST', `${base}/matching`);
    expect(matched.status).toBe(200);
    proposal = matched.body as Proposal;
  });
  afterAll(async () => {
    await t.close();
  });

  it('pairs everyone, each pair with every session', () => {
    expect(proposal.unmatched).toEqual([]);
    expect(proposal.pairs.map((p) => p.sessions.length)).toEqual([4, 4, 4, 4]);
  });

  it('plans someone who declared Monday afternoons only on Monday afternoons', () => {
    expect(sessionsOf('declared')).toHaveLength(4);
    for (const s of sessionsOf('declared')) {
      expect({ day: paris(s.start).dayOfWeek, afterOne: clock(s.start) >= '13:00' }).toEqual({ day: 1, afterOne: true });
    }
  });

  it('plans someone with no hours anywhere inside the tenant default (Tuesdays 10:00–12:00)', () => {
    expect(sessionsOf('nothing')).toHaveLength(4);
    for (const s of sessionsOf('nothing')) {
      expect({ day: paris(s.start).dayOfWeek, start: clock(s.start) >= '10:00' && clock(s.end) <= '12:00' }).toEqual({ day: 2, start: true });
    }
  });

  it('keeps the provider’s hours over declared ones', () => {
    expect(sessionsOf('thursdays').map((s) => paris(s.start).dayOfWeek)).toEqual([4, 4, 4, 4]);
  });

  it.runIf(platform === 'google')('never plans a session across the lunch gap of a day Google splits (no 12:00 start)', () => {
    const clocks = sessionsOf('split').map((s) => clock(s.start));
    expect(clocks).toHaveLength(4);
    expect(clocks.every((c) => c === '11:00' || c === '14:00')).toBe(true);
  });
});
