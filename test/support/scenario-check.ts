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
    rejected: { line: number; field: string | null; reason: string }[];
    bookings: { planned: number; booked: number; failed: number };
  };
  calendars: Record<string, { id: string; subject: string; start: string; end: string; organizer: string; attendees: string[]; binome: { cohortId: string; pairId: string; session: number } | null }[]>;
}

export function readScenarioOutput(dir: string): ScenarioOutput {
  return {
    report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ScenarioOutput['report'],
    calendars: JSON.parse(readFileSync(join(dir, 'calendars.json'), 'utf8')) as ScenarioOutput['calendars'],
  };
}

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function violations(
  fixture: TenantFixture,
  enrolmentsCsv: string,
  cohort: { sessions: number; start: string; weeks: number },
  output: ScenarioOutput,
): string[] {
  const problems: string[] = [];
  const byEmail = new Map(fixture.people.map((p) => [p.email.toLowerCase(), p]));
  const byId = new Map(fixture.people.map((p) => [p.id, p]));
  const roles = new Map<string, { role: string; offers: string[]; wants: string[]; languages: string[] }>();
  const refused = new Set(output.report.rejected.map((r) => r.line));
  const records = parse(enrolmentsCsv.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  for (const { record, info } of records.slice(1)) {
    if (record.length !== 6 || refused.has(info.lines)) continue;
    const list = (v: string | undefined) => (v ?? '').split(';').map((x) => x.trim().toLowerCase()).filter(Boolean);
    const email = (record[0] ?? '').trim().toLowerCase();
    roles.set(email, { role: (record[1] ?? '').trim(), offers: list(record[2]), wants: list(record[3]), languages: list(record[4]) });
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

  for (const pair of output.report.pairs) {
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
    const langs = (e: typeof mentorEnrolment, p: typeof mentor) => new Set((e?.languages.length ? e.languages : p.languages).map((l) => l.slice(0, 2)));
    const la = langs(mentorEnrolment, mentor);
    const lb = langs(menteeEnrolment, mentee);
    if (la.size > 0 && lb.size > 0 && ![...la].some((l) => lb.has(l))) problems.push(`${label}: no common language`);
    if (!mentorEnrolment?.offers.some((t) => menteeEnrolment?.wants.includes(t))) problems.push(`${label}: no theme match`);
    if (pair.sessions.length !== cohort.sessions) problems.push(`${label}: ${pair.sessions.length} sessions, expected ${cohort.sessions}`);

    pair.sessions.forEach((session, index) => {
      const start = Date.parse(session.start);
      const end = Date.parse(session.end);
      for (const person of [mentor, mentee]) {
        const local = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(person.timeZone);
        const s = local(start);
        const e = local(end - 1);
        const day = dayNames[s.dayOfWeek - 1] ?? '';
        const hhmm = (z: Temporal.ZonedDateTime) => `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
        if (!person.workingHours.days.includes(day as 'mon')) problems.push(`${label} session ${index + 1}: ${person.email} does not work on ${day}`);
        if (hhmm(s) < person.workingHours.start || hhmm(e) >= person.workingHours.end || s.toPlainDate().toString() !== e.toPlainDate().toString()) {
          problems.push(`${label} session ${index + 1}: outside ${person.email}'s working hours (${hhmm(s)} local)`);
        }
        const firstDay = Temporal.PlainDate.from(cohort.start);
        const lastDay = firstDay.add({ days: cohort.weeks * 7 });
        if (Temporal.PlainDate.compare(s.toPlainDate(), firstDay) < 0 || Temporal.PlainDate.compare(s.toPlainDate(), lastDay) >= 0) {
          problems.push(`${label} session ${index + 1}: outside the cohort's dates for ${person.email}`);
        }
        for (const busy of person.busy) {
          if (Date.parse(busy.start) < end && Date.parse(busy.end) > start) {
            problems.push(`${label} session ${index + 1}: over ${person.email}'s busy "${busy.subject}"`);
          }
        }
        sessionsOf.set(person.email, [...(sessionsOf.get(person.email) ?? []), { start, end }]);
      }
      for (const email of [pair.mentor, pair.mentee]) {
        const copies = (output.calendars[email] ?? []).filter(
          (ev) => ev.binome !== null && ev.binome.session === index + 1 && Date.parse(ev.start) === start && Date.parse(ev.end) === end && [ev.organizer, ...ev.attendees].includes(pair.mentor) && [ev.organizer, ...ev.attendees].includes(pair.mentee),
        );
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
