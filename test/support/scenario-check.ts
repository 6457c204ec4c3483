import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Temporal } from 'temporal-polyfill';
import type { TenantFixture } from '../../src/model/fixture.ts';

/**
 * An independent reading of a scenario's output against its fixture: it
 * re-derives every hard rule from the raw inputs (no product code), so a bug
 * shared by the product's rules and its checks cannot hide.
 */
export interface ScenarioOutput {
  report: {
    pairs: { mentor: string; mentee: string; score: number; reasons: string[]; sessions: { start: string; end: string }[] }[];
    unmatched: { email: string; role: string; reason: string }[];
    rejected: { line: number; field: string | null; code: string; reason: string }[];
    bookings: { planned: number; booked: number; failed: number };
  };
  calendars: Record<string, { id: string; subject: string; start: string; end: string; organizer: string; attendees: string[]; onlineMeetingUrl: string | null; binome: { cohortId: string; pairId: string; session: number } | null }[]>;
}

export function readScenarioOutput(dir: string): ScenarioOutput {
  return {
    report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ScenarioOutput['report'],
    calendars: JSON.parse(readFileSync(join(dir, 'calendars.json'), 'utf8')) as ScenarioOutput['calendars'],
  };
}

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

type FixturePersonT = TenantFixture['people'][number];

/**
 * A person's working blocks on one weekday as [HH:MM, HH:MM] local times, read from the
 * fixture as written (one span, or a week of "HH:MM-HH:MM" blocks). People without
 * hours in the fixture are held to the tenant default the scenarios run with
 * (Monday to Friday, 09:00–18:00); hours they declared are not read again here.
 */
function blocksOn(person: FixturePersonT, day: string): [string, string][] {
  const hours = person.workingHours ?? { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
  if ('days' in hours) return (hours.days as string[]).includes(day) ? [[hours.start, hours.end]] : [];
  return (hours.week[day as keyof typeof hours.week] ?? []).map((text) => [text.slice(0, 5), text.slice(6)]);
}

export function violations(
  fixture: TenantFixture,
  enrolmentsCsv: string,
  cohort: { sessions: number; start: string; weeks: number },
  output: ScenarioOutput,
  /** The scenario's `now`: no session may start before it. */
  now?: string,
): string[] {
  const problems: string[] = [];
  const byEmail = new Map(fixture.people.map((p) => [p.email.toLowerCase(), p]));
  // Calendars are keyed as the directory spells addresses; compare without case.
  const calendars = new Map<string, ScenarioOutput['calendars'][string]>();
  for (const [email, events] of Object.entries(output.calendars)) calendars.set(email.toLowerCase(), [...(calendars.get(email.toLowerCase()) ?? []), ...events]);
  const byId = new Map(fixture.people.map((p) => [p.id, p]));
  const roles = new Map<string, { role: string; offers: string[]; wants: string[]; languages: string[] }>();
  const refused = new Set(output.report.rejected.map((r) => r.line));
  const records = parse(enrolmentsCsv.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // docs/design.md names the columns; the product also reads them in another order or case, so find them by name.
  const names = (records[0]?.record ?? []).map((n) => n.trim().toLowerCase());
  const col = (name: string) => (names.includes(name) ? names.indexOf(name) : ['email', 'role', 'offers', 'wants', 'languages', 'format'].indexOf(name));
  for (const { record, info } of records.slice(1)) {
    // The report names the line a record starts on; a quoted field may hold newlines.
    const startLine = info.lines - record.reduce((n, field) => n + (field.match(/\r?\n/g) ?? []).length, 0);
    if (record.length !== 6 || refused.has(startLine)) continue;
    const list = (v: string | undefined) => (v ?? '').split(';').map((x) => x.trim().toLowerCase()).filter(Boolean);
    const email = (record[col('email')] ?? '').trim().toLowerCase();
    roles.set(email, { role: (record[col('role')] ?? '').trim().toLowerCase(), offers: list(record[col('offers')]), wants: list(record[col('wants')]), languages: list(record[col('languages')]) });
  }
  const chainAbove = (id: string): Set<string> => {
    const seen = new Set<string>();
    let current = byId.get(id)?.managerId;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      current = byId.get(current)?.managerId;
    }
    return seen;
  };
  const inPairs = new Map<string, number>();
  const sessionsOf = new Map<string, { start: number; end: number }[]>();

  for (const written of output.report.pairs) {
    const pair = { ...written, mentor: written.mentor.toLowerCase(), mentee: written.mentee.toLowerCase() };
    const label = `${pair.mentor} / ${pair.mentee}`;
    const mentor = byEmail.get(pair.mentor);
    const mentee = byEmail.get(pair.mentee);
    if (mentor === undefined || mentee === undefined) {
      problems.push(`${label}: not in the directory`);
      continue;
    }
    for (const email of [pair.mentor, pair.mentee]) inPairs.set(email, (inPairs.get(email) ?? 0) + 1);
    const mentorEnrolment = roles.get(pair.mentor);
    const menteeEnrolment = roles.get(pair.mentee);
    if (mentorEnrolment?.role !== 'mentor') problems.push(`${label}: ${pair.mentor} did not volunteer as mentor`);
    if (menteeEnrolment?.role !== 'mentee') problems.push(`${label}: ${pair.mentee} did not volunteer as mentee`);
    if (chainAbove(mentor.id).has(mentee.id) || chainAbove(mentee.id).has(mentor.id)) problems.push(`${label}: same reporting line`);
    const langs = (e: typeof mentorEnrolment, p: typeof mentor) => new Set((e?.languages.length ? e.languages : p.languages).map(sameLanguage));
    const la = langs(mentorEnrolment, mentor);
    const lb = langs(menteeEnrolment, mentee);
    if (la.size > 0 && lb.size > 0 && ![...la].some((l) => lb.has(l))) problems.push(`${label}: no common language`);
    if (!mentorEnrolment?.offers.some((t) => menteeEnrolment?.wants.includes(t))) problems.push(`${label}: no theme match`);
    if (pair.sessions.length !== cohort.sessions) problems.push(`${label}: ${pair.sessions.length} sessions, expected ${cohort.sessions}`);

    const ordered = pair.sessions.map((x) => Date.parse(x.start)).sort((x, y) => x - y);
    for (let i = 1; i < ordered.length; i++) {
      const gap = weekApart(ordered[i - 1] as number, ordered[i] as number);
      if (gap !== null) problems.push(`${label} sessions ${i} and ${i + 1}: ${gap}`);
    }
    pair.sessions.forEach((session, index) => {
      const start = Date.parse(session.start);
      const end = Date.parse(session.end);
      if (now !== undefined && start < Date.parse(now)) problems.push(`${label} session ${index + 1}: starts at ${session.start}, before the scenario's now ${now}`);
      if (!(end > start)) problems.push(`${label} session ${index + 1}: ends at ${session.end}, not after its start`);
      for (const person of [mentor, mentee]) {
        const local = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(person.timeZone);
        const s = local(start);
        const e = local(end - 1);
        const day = dayNames[s.dayOfWeek - 1] ?? '';
        const hhmm = (z: Temporal.ZonedDateTime) => `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
        const blocks = blocksOn(person, day);
        if (blocks.length === 0) problems.push(`${label} session ${index + 1}: ${person.email} does not work on ${day}`);
        else if (!blocks.some(([from, to]) => hhmm(s) >= from && hhmm(e) < to) || s.toPlainDate().toString() !== e.toPlainDate().toString()) {
          problems.push(`${label} session ${index + 1}: outside ${person.email}'s working hours (${hhmm(s)} local)`);
        }
        const firstDay = Temporal.PlainDate.from(cohort.start);
        const lastDay = firstDay.add({ days: cohort.weeks * 7 });
        if (Temporal.PlainDate.compare(s.toPlainDate(), firstDay) < 0 || Temporal.PlainDate.compare(s.toPlainDate(), lastDay) >= 0) {
          problems.push(`${label} session ${index + 1}: outside the cohort's dates for ${person.email}`);
        }
        for (const busy of person.busy) {
          // An event that ends when (or before) it starts holds no time.
          if (Date.parse(busy.end) > Date.parse(busy.start) && Date.parse(busy.start) < end && Date.parse(busy.end) > start) {
            problems.push(`${label} session ${index + 1}: over ${person.email}'s busy "${busy.subject}"`);
          }
        }
        sessionsOf.set(person.email, [...(sessionsOf.get(person.email) ?? []), { start, end }]);
      }
      for (const email of [pair.mentor, pair.mentee]) {
        const copies = (calendars.get(email) ?? []).filter((ev) => {
          const people = [ev.organizer, ...ev.attendees].map((x) => x.toLowerCase());
          return ev.binome !== null && ev.binome.session === index + 1 && Date.parse(ev.start) === start && Date.parse(ev.end) === end && people.includes(pair.mentor) && people.includes(pair.mentee);
        });
        if (copies.length !== 1) problems.push(`${label} session ${index + 1}: ${copies.length} events in ${email}'s calendar, expected 1`);
      }
    });
  }
  for (const [email, n] of inPairs) if (n > 1) problems.push(`${email} is in ${n} pairs`);
  for (const [email, list] of sessionsOf) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i]?.start ?? 0) < (sorted[i - 1]?.end ?? 0)) problems.push(`${email}: two sessions overlap`);
    }
  }
  for (const [email, events] of Object.entries(output.calendars)) {
    const keys = events.filter((e) => e.binome !== null).map((e) => `${e.binome?.pairId}#${e.binome?.session}`);
    if (new Set(keys).size !== keys.length) problems.push(`${email}: a Binome session appears twice`);
  }
  return problems;
}

/**
 * Languages compare by their primary ISO 639 code, canonical as Intl (CLDR) has it: "fr-FR", "FR", "fra"
 * are fr; "iw" is he and "tl" is fil, whichever side (the enrolment or the directory) wrote it.
 */
export function sameLanguage(code: string): string {
  const primary = (code.trim().split(/[-_]/)[0] ?? '').toLowerCase();
  try {
    return Intl.getCanonicalLocales(primary)[0] ?? primary;
  } catch {
    return primary;
  }
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Null when `later` starts at least one week after `earlier`: 7 × 24 hours, as the README
 * defines it (the same local time a week later across a daylight-saving change is an hour
 * short in spring, and is not enough).
 */
export function weekApart(earlier: number, later: number): string | null {
  if (later - earlier >= WEEK_MS) return null;
  return `only ${((later - earlier) / 3_600_000).toFixed(2)} hours apart, less than 7 × 24 hours`;
}

/** What the campaign generator knows the report must say about the CSV. */
export interface EnrolmentFacts {
  role: 'mentor' | 'mentee';
  offers: string[];
  wants: string[];
  /** As answered, lower case; empty means the directory's. */
  languages: string[];
}

export interface CsvExpectation {
  badLines: ReadonlyMap<number, string>;
  /** Lower-case emails whose rows must load. */
  loaded: ReadonlyMap<string, EnrolmentFacts>;
}

export interface Maximality {
  /** Most pairs when sessions must be a week (168 hours) apart. */
  weekly: number;
  /** Most pairs when sessions need only fall on distinct days. */
  daily: number;
  /** Pairs passing every rule but time. */
  rulesOnly: number;
  /** Per volunteer email, partners that pass every rule with weekly spacing. */
  partners: Map<string, number>;
}

/** Free working time of one person over the cohort as sorted [start, end) epoch-ms pairs, busy time removed. */
export function freeIntervals(person: FixturePersonT, cohort: { start: string; weeks: number }, notBefore: number): [number, number][] {
  const first = Temporal.PlainDate.from(cohort.start);
  const out: [number, number][] = [];
  const busy = person.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as [number, number]).filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  for (let d = 0; d < cohort.weeks * 7; d++) {
    const date = first.add({ days: d });
    const at = (hhmm: string) =>
      hhmm === '24:00'
        ? date.add({ days: 1 }).toZonedDateTime({ timeZone: person.timeZone }).epochMilliseconds
        : date.toZonedDateTime({ timeZone: person.timeZone, plainTime: Temporal.PlainTime.from(hhmm) }).epochMilliseconds;
    let pieces: [number, number][] = blocksOn(person, dayNames[date.dayOfWeek - 1] ?? '').map(([from, to]) => [Math.max(notBefore, at(from)), at(to)]);
    for (const [bs, be] of busy) {
      pieces = pieces.flatMap(([s, e]) => (be <= s || bs >= e ? [[s, e]] : ([[s, bs], [be, e]] as [number, number][]).filter(([x, y]) => y > x)));
    }
    out.push(...pieces.filter(([s, e]) => e > s));
  }
  return out;
}

/**
 * How many sessions of `minutes` fit in both lists, each start at least `spacing` ms after the last. Starts are not held to a grid:
 * the hard rules name none, and Outlook calendars free up at :25 and :50. Earliest-first is optimal here.
 */
export function sessionsThatFit(a: [number, number][], b: [number, number][], minutes: number, spacing: number, wanted: number): number {
  const common: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const [as, ae] = a[i] as [number, number];
    const [bs, be] = b[j] as [number, number];
    if (Math.min(ae, be) > Math.max(as, bs)) common.push([Math.max(as, bs), Math.min(ae, be)]);
    if (ae < be) i++;
    else j++;
  }
  const duration = minutes * 60_000;
  let count = 0;
  let previous = Number.NEGATIVE_INFINITY;
  const earliest = (t: number) => Math.max(t, previous + spacing);
  for (const [s, e] of common) {
    // A later start in the same interval may still fit after the spacing.
    for (let start = earliest(s); start + duration <= e; start = earliest(s)) {
      count++;
      if (count >= wanted) return count;
      previous = start;
    }
  }
  return count;
}

function maxMatching(adjacency: number[][], right: number): number {
  const matchOf = new Array<number>(right).fill(-1);
  const tryAugment = (u: number, seen: boolean[]): boolean => {
    for (const v of adjacency[u] ?? []) {
      if (seen[v]) continue;
      seen[v] = true;
      if ((matchOf[v] ?? -1) < 0 || tryAugment(matchOf[v] ?? -1, seen)) {
        matchOf[v] = u;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  adjacency.forEach((_, u) => {
    if (tryAugment(u, new Array<boolean>(right).fill(false))) size++;
  });
  return size;
}

/**
 * The most pairs the hard rules allow, re-derived from the fixture and the enrolments
 * the generator knows loaded (languages from the row, else the directory, compared by
 * primary subtag; themes offered against wanted; never within one reporting line).
 */
export function maximality(
  fixture: TenantFixture,
  enrolments: ReadonlyMap<string, EnrolmentFacts>,
  cohort: { sessions: number; sessionMinutes: number; start: string; weeks: number },
  now: string,
): Maximality {
  const byEmail = new Map(fixture.people.map((p) => [p.email.toLowerCase(), p]));
  const byId = new Map(fixture.people.map((p) => [p.id, p]));
  const above = (id: string) => {
    const seen = new Set<string>();
    for (let c = byId.get(id)?.managerId; c !== undefined && !seen.has(c); c = byId.get(c)?.managerId) seen.add(c);
    return seen;
  };
  const mentors = [...enrolments].filter(([, e]) => e.role === 'mentor');
  const mentees = [...enrolments].filter(([, e]) => e.role === 'mentee');
  const free = new Map<string, [number, number][]>();
  const freeOf = (email: string) => {
    let known = free.get(email);
    if (known === undefined) {
      // Free from the quarter hour after `now` (nobody expects a session booked at 13:37), as the README says.
      known = freeIntervals(byEmail.get(email) as FixturePersonT, cohort, Math.ceil(Date.parse(now) / 900_000) * 900_000);
      free.set(email, known);
    }
    return known;
  };
  const weekly: number[][] = [];
  const daily: number[][] = [];
  const rules: number[][] = [];
  const partners = new Map<string, number>();
  mentors.forEach(([me, m]) => {
    const w: number[] = [];
    const d: number[] = [];
    const r: number[] = [];
    const mp = byEmail.get(me);
    mentees.forEach(([ee, e], j) => {
      const ep = byEmail.get(ee);
      if (mp === undefined || ep === undefined) return;
      if (above(mp.id).has(ep.id) || above(ep.id).has(mp.id)) return;
      const lang = (x: string[], p: FixturePersonT) => new Set((x.length > 0 ? x : p.languages).map(sameLanguage));
      const la = lang(m.languages, mp);
      const lb = lang(e.languages, ep);
      if (la.size > 0 && lb.size > 0 && ![...la].some((l) => lb.has(l))) return;
      if (!m.offers.some((t) => e.wants.includes(t))) return;
      r.push(j);
      const hour = 3_600_000;
      if (sessionsThatFit(freeOf(me), freeOf(ee), cohort.sessionMinutes, 7 * 24 * hour, cohort.sessions) >= cohort.sessions) {
        w.push(j);
        partners.set(me, (partners.get(me) ?? 0) + 1);
        partners.set(ee, (partners.get(ee) ?? 0) + 1);
      }
      if (sessionsThatFit(freeOf(me), freeOf(ee), cohort.sessionMinutes, 20 * hour, cohort.sessions) >= cohort.sessions) d.push(j);
    });
    weekly.push(w);
    daily.push(d);
    rules.push(r);
  });
  return { weekly: maxMatching(weekly, mentees.length), daily: maxMatching(daily, mentees.length), rulesOnly: maxMatching(rules, mentees.length), partners };
}

/**
 * Checks beyond the hard rules: every bad CSV line and only those is rejected with a
 * reason, every loaded volunteer is paired or explained once, bookings add up, the
 * calendars hold the fixture's events and the docs/design.md event shape, and the pair count
 * is the maximum.
 */
export function campaignViolations(
  fixture: TenantFixture,
  expected: CsvExpectation,
  cohort: { sessions: number; sessionMinutes: number; start: string; weeks: number },
  now: string,
  output: ScenarioOutput,
): { problems: string[]; max: Maximality } {
  const problems: string[] = [];
  const { report } = output;
  const calendars: ScenarioOutput['calendars'] = {};
  for (const [email, events] of Object.entries(output.calendars)) calendars[email.toLowerCase()] = [...(calendars[email.toLowerCase()] ?? []), ...events];
  const rejectedLines = new Set(report.rejected.map((r) => r.line));
  for (const [line, trap] of expected.badLines) if (!rejectedLines.has(line)) problems.push(`csv line ${line} (${trap}) not in report.rejected`);
  for (const r of report.rejected) {
    if (!expected.badLines.has(r.line)) problems.push(`csv line ${r.line} rejected but is valid: ${r.reason}`);
    if (typeof r.reason !== 'string' || r.reason.length < 5) problems.push(`csv line ${r.line}: empty reason`);
  }
  if (rejectedLines.size !== report.rejected.length) problems.push('report.rejected names a line twice');

  const paired = new Map<string, number>();
  for (const p of report.pairs) for (const e of [p.mentor.toLowerCase(), p.mentee.toLowerCase()]) paired.set(e, (paired.get(e) ?? 0) + 1);
  const unmatched = new Map<string, number>();
  for (const written of report.unmatched) {
    const u = { ...written, email: written.email.toLowerCase() };
    unmatched.set(u.email, (unmatched.get(u.email) ?? 0) + 1);
    if (!expected.loaded.has(u.email)) problems.push(`unmatched ${u.email} never loaded from the CSV`);
    else if (expected.loaded.get(u.email)?.role !== u.role) problems.push(`unmatched ${u.email} listed as ${u.role}`);
    if (!u.reason) problems.push(`unmatched ${u.email} has no reason`);
    if (paired.has(u.email)) problems.push(`${u.email} is both paired and unmatched`);
  }
  for (const email of expected.loaded.keys()) {
    if ((paired.get(email) ?? 0) + (unmatched.get(email) ?? 0) !== 1) problems.push(`${email} is paired or unmatched ${(paired.get(email) ?? 0) + (unmatched.get(email) ?? 0)} times, expected once`);
  }

  const planned = report.pairs.length * cohort.sessions;
  if (report.bookings.planned !== planned) problems.push(`bookings.planned ${report.bookings.planned}, expected ${planned}`);
  if (report.bookings.booked !== planned || report.bookings.failed !== 0) problems.push(`bookings ${JSON.stringify(report.bookings)}`);

  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
  for (const person of fixture.people) {
    const events = calendars[person.email.toLowerCase()];
    if (events === undefined) {
      problems.push(`calendars.json has no entry for ${person.email}`);
      continue;
    }
    for (const b of person.busy) {
      if (!events.some((e) => e.binome === null && Date.parse(e.start) === Date.parse(b.start) && Date.parse(e.end) === Date.parse(b.end))) {
        problems.push(`${person.email}: fixture busy ${b.start} missing from calendars.json`);
        break;
      }
    }
    const ours = events.filter((e) => e.binome !== null);
    const want = paired.has(person.email.toLowerCase()) ? cohort.sessions : 0;
    if (ours.length !== want) problems.push(`${person.email}: ${ours.length} Binome events, expected ${want}`);
    for (const e of events) {
      const shape = e as unknown as Record<string, unknown>;
      const missing = ['id', 'subject', 'start', 'end', 'organizer', 'attendees', 'onlineMeetingUrl', 'binome'].filter((k) => !(k in shape));
      if (missing.length > 0 || !iso.test(e.start) || !iso.test(e.end) || !Array.isArray(e.attendees)) {
        problems.push(`${person.email}: event ${e.id} breaks the calendars.json shape (${missing.join(', ') || `${e.start} ${e.end}`})`);
        break;
      }
    }
  }

  const max = maximality(fixture, expected.loaded, cohort, now);
  if (report.pairs.length < max.weekly) problems.push(`${report.pairs.length} pairs, but ${max.weekly} are possible with sessions a week apart`);
  for (const u of report.unmatched) {
    const n = max.partners.get(u.email.toLowerCase()) ?? 0;
    const code = (u as { code?: string }).code;
    if (n === 0 && code === 'PARTNERS_TAKEN') problems.push(`${u.email}: reason PARTNERS_TAKEN but no partner passes every rule`);
    if (n > 0 && code !== 'PARTNERS_TAKEN') problems.push(`${u.email}: reason ${code} (${u.reason}) but ${n} partners pass every rule`);
  }
  return { problems, max };
}
