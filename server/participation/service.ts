import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { defaultThemes, type Person, type Role } from '../../src/model/schema.ts';
import { lastMoveOf } from './last-move.ts';
import { bookingKeyFor } from '../rollout/keys.ts';
import { reasonOut } from '../programme/words.ts';
import type { Feedback, MyCohort, MyPair, MySession, Note, VolunteerBody, Volunteering } from '../../contract/me.ts';
import { ok, refuse, type Result } from './errors.ts';
import * as repo from './repository.ts';
import { currentContent } from './training.ts';

/** One signed-in participant: their tenant and their directory entry. */
export interface ParticipantContext {
  db: Database;
  runtime: TenantRuntime;
  clock: Clock;
  me: Person;
  /** Zones of people the directory gives none for, from their calendars. */
  zones: (emails: string[]) => Promise<Map<string, string | null>>;
}

const tenantOf = (ctx: ParticipantContext): string => ctx.runtime.tenant.id;
const iso = (value: Date | string): string => new Date(value).toISOString();

/** Instants already written: every session list writes the same few again. */
const written = new Map<string, string>();
const writtenMax = 10_000;

/** An instant written with the offset of the person's zone. */
export function inZone(instant: string, timeZone: string): string {
  const key = `${instant}\u0000${timeZone}`;
  const known = written.get(key);
  if (known !== undefined) return known;
  const text = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  if (written.size >= writtenMax) written.clear();
  written.set(key, text);
  return text;
}

const zoneChecks = new Map<string, boolean>();
const validZone = (zone: string | null | undefined): string | null => {
  if (zone === null || zone === undefined) return null;
  let valid = zoneChecks.get(zone);
  if (valid === undefined) {
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
      valid = true;
    } catch {
      valid = false;
    }
    if (zoneChecks.size >= writtenMax) zoneChecks.clear();
    zoneChecks.set(zone, valid);
  }
  return valid ? zone : null;
};

/** Each person's IANA zone: the directory's, else their calendar's; null when neither says. */
async function zonesOf(ctx: ParticipantContext, people: { email: string; timeZone: string | null }[]): Promise<Map<string, string | null>> {
  const unknown = people.filter((p) => validZone(p.timeZone) === null).map((p) => p.email);
  const found = unknown.length === 0 ? new Map<string, string | null>() : await ctx.zones(unknown);
  return new Map(people.map((p) => [p.email, validZone(p.timeZone) ?? validZone(found.get(p.email))]));
}

async function myZone(ctx: ParticipantContext): Promise<string> {
  return (await zonesOf(ctx, [ctx.me])).get(ctx.me.email) ?? 'UTC';
}

const cohortThemes = (row: repo.CohortRow): string[] => row.themes ?? [...defaultThemes];

function volunteeringOf(row: repo.EnrolmentRow): Volunteering {
  const role: Role = row.role === 'mentee' ? 'mentee' : 'mentor';
  return {
    role,
    themes: role === 'mentor' ? row.offers : row.wants,
    languages: row.languages,
    format: row.format === 'in-person' || row.format === 'video' ? row.format : 'either',
    workingHours: row.workingHours === null ? null : { days: row.workingHours.days.filter(isWeekday), start: row.workingHours.start, end: row.workingHours.end },
    volunteeredAt: iso(row.createdAt),
    source: row.source === 'volunteer' ? 'volunteer' : 'import',
  };
}

const weekdayList = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
function isWeekday(day: string): day is (typeof weekdayList)[number] {
  return (weekdayList as readonly string[]).includes(day);
}

function myCohortOf(row: repo.CohortRow, enrolment: repo.EnrolmentRow | undefined, pairId: string | null): MyCohort {
  return {
    cohortId: row.cohortId,
    name: row.name,
    format: row.format === 'flash' || row.format === 'agile' || row.format === 'keynote' ? row.format : 'classic',
    sessions: row.sessions,
    sessionMinutes: row.sessionMinutes,
    start: row.startDate,
    weeks: row.weeks,
    status: statusOf(row.status),
    themes: cohortThemes(row),
    volunteering: enrolment === undefined ? null : volunteeringOf(enrolment),
    canChange: row.status === 'open',
    pairId,
  };
}

const cohortStates = ['draft', 'open', 'matched', 'published', 'rolling_out', 'running', 'closed'] as const;
function statusOf(status: string): MyCohort['status'] {
  const found = cohortStates.find((s) => s === status);
  if (found === undefined) throw new Error(`cohort status ${status} is not one the store allows`);
  return found;
}

/** Open cohorts to volunteer for, and every cohort the person is in. */
export async function myCohorts(ctx: ParticipantContext): Promise<MyCohort[]> {
  const tenantId = tenantOf(ctx);
  const [rows, enrolments, pairs] = await Promise.all([
    repo.cohortsFor(ctx.db, tenantId, ctx.me.email),
    repo.enrolmentsOf(ctx.db, tenantId, ctx.me.email),
    repo.pairsOf(ctx.db, tenantId, ctx.me.email),
  ]);
  return rows.map((row) =>
    myCohortOf(
      row,
      enrolments.find((e) => e.cohortId === row.cohortId),
      pairs.find((p) => p.pair.cohortId === row.cohortId)?.pair.pairId ?? null,
    ),
  );
}

export async function myCohort(ctx: ParticipantContext, cohortId: string): Promise<Result<MyCohort>> {
  const found = (await myCohorts(ctx)).find((c) => c.cohortId === cohortId);
  return found === undefined ? refuse('COHORT_NOT_FOUND', `no cohort ${cohortId} open to you or holding you`, 'cohortId') : ok(found);
}

function notOpen(cohortId: string, status: string | null): Result<never> {
  if (status === null || status === 'draft') return refuse('COHORT_NOT_FOUND', `no cohort ${cohortId} open to you or holding you`, 'cohortId');
  return refuse('COHORT_NOT_OPEN', `cohort ${cohortId} is ${status.replace('_', ' ')}: volunteering can only change while it is open, before matching`, 'cohortId');
}

/** Volunteers for an open cohort, or changes what the person said; the themes must be the cohort's. */
export async function volunteer(ctx: ParticipantContext, cohortId: string, body: VolunteerBody): Promise<Result<MyCohort>> {
  const tenantId = tenantOf(ctx);
  const cohort = await repo.cohortRow(ctx.db, tenantId, cohortId);
  if (cohort === null || cohort.status !== 'open') return notOpen(cohortId, cohort?.status ?? null);
  const offered = new Set(cohortThemes(cohort));
  const index = body.themes.findIndex((t) => !offered.has(t));
  if (index !== -1) {
    return refuse('THEME_NOT_OFFERED', `themes.${index}: "${body.themes[index] ?? ''}" is not one of this cohort's themes (${[...offered].join(', ')})`, `themes.${index}`);
  }
  const saved = await repo.saveVolunteering(
    ctx.db,
    tenantId,
    cohortId,
    ctx.me.email,
    { role: body.role, themes: [...new Set(body.themes)], languages: [...new Set(body.languages)], format: body.format, workingHours: body.workingHours },
    ctx.clock(),
  );
  if (!saved.saved) return notOpen(cohortId, saved.status);
  return myCohort(ctx, cohortId);
}

export async function withdraw(ctx: ParticipantContext, cohortId: string): Promise<Result<null>> {
  const saved = await repo.saveVolunteering(ctx.db, tenantOf(ctx), cohortId, ctx.me.email, 'withdraw', ctx.clock());
  if (!saved.saved) return notOpen(cohortId, saved.status);
  if (!saved.existed) return refuse('NOT_VOLUNTEERED', `you have not volunteered for cohort ${cohortId}`, 'cohortId');
  return ok(null);
}

interface PairView {
  pair: repo.PairRow;
  cohort: repo.CohortRow;
  myRole: Role;
  partnerEmail: string;
}

const viewOf = (me: Person, found: { pair: repo.PairRow; cohort: repo.CohortRow }): PairView => {
  const mentor = found.pair.mentorEmail === me.email;
  return { ...found, myRole: mentor ? 'mentor' : 'mentee', partnerEmail: mentor ? found.pair.menteeEmail : found.pair.mentorEmail };
};

/** What a session of a pair shows besides its slot. */
interface PairSessions {
  pairId: string;
  cohortId: string;
  cohortName: string;
  myRole: Role;
  partnerName: string;
  plan: { start: string; end: string }[];
}

/** The slots of a pair: the booking ledger once published (the only truth about moved sessions), else the plan. */
function sessionsOf(ctx: ParticipantContext, pair: PairSessions, booked: repo.BookedSlot[], timeZone: string): MySession[] {
  const now = ctx.clock().getTime();
  const tenantId = tenantOf(ctx);
  const common = { pairId: pair.pairId, cohortId: pair.cohortId, cohortName: pair.cohortName, timeZone, partnerName: pair.partnerName, myRole: pair.myRole };
  if (booked.length > 0) {
    return booked.map((b) => ({
      ...common,
      session: b.session,
      start: inZone(iso(b.startsAt), timeZone),
      end: inZone(iso(b.endsAt), timeZone),
      state: b.state === 'booked' ? 'booked' : b.state === 'moving' ? 'moving' : b.state === 'failed' ? 'failed' : 'planned',
      movingTo: b.state === 'moving' && b.moveStartsAt !== null && b.moveEndsAt !== null ? { start: inZone(iso(b.moveStartsAt), timeZone), end: inZone(iso(b.moveEndsAt), timeZone) } : null,
      online: b.online,
      meetingUrl: b.onlineMeetingUrl,
      ended: Date.parse(b.endsAt) <= now,
      tag: b.idempotencyKey,
      eventId: b.eventId,
      lastMove: lastMoveOf(b),
    }));
  }
  return pair.plan.map((s, i) => ({
    ...common,
    session: i + 1,
    start: inZone(s.start, timeZone),
    end: inZone(s.end, timeZone),
    state: 'planned' as const,
    movingTo: null,
    online: true,
    meetingUrl: null,
    ended: Date.parse(s.end) <= now,
    tag: bookingKeyFor(tenantId, pair.cohortId, pair.pairId, i + 1),
    eventId: null,
  }));
}

const pairSessionsOf = (view: PairView, partner: Person | undefined): PairSessions => ({
  pairId: view.pair.pairId,
  cohortId: view.cohort.cohortId,
  cohortName: view.cohort.name,
  myRole: view.myRole,
  partnerName: partner?.name ?? view.partnerEmail,
  plan: view.pair.sessions,
});

async function pairViews(ctx: ParticipantContext, pairId?: string): Promise<MyPair[]> {
  const tenantId = tenantOf(ctx);
  const views = (await repo.pairsOf(ctx.db, tenantId, ctx.me.email, pairId)).map((found) => viewOf(ctx.me, found));
  if (views.length === 0) return [];
  const pairIds = views.map((v) => v.pair.pairId);
  const [ledger, acceptances, people, content, enrolments] = await Promise.all([
    repo.bookingsOf(ctx.db, tenantId, pairIds),
    repo.acceptancesOf(ctx.db, tenantId, pairIds),
    repo.peopleByEmail(ctx.db, tenantId, views.flatMap((v) => [v.partnerEmail, ctx.me.email])),
    currentContent(ctx.db, tenantId),
    Promise.all(views.map((v) => repo.enrolmentsOf(ctx.db, tenantId, v.partnerEmail))),
  ]);
  const zones = await zonesOf(ctx, [ctx.me, ...views.map((v) => people.get(v.partnerEmail) ?? { email: v.partnerEmail, timeZone: null })]);
  const timeZone = zones.get(ctx.me.email) ?? 'UTC';
  return views.map((view, i) => {
    const partner = people.get(view.partnerEmail);
    const partnerEnrolment = enrolments[i]?.find((e) => e.cohortId === view.cohort.cohortId);
    const partnerRole: Role = view.myRole === 'mentor' ? 'mentee' : 'mentor';
    const accepted = acceptances
      .filter((a) => a.pairId === view.pair.pairId && a.cohortId === view.cohort.cohortId)
      .map((a) => ({
        role: (a.email === view.pair.mentorEmail ? 'mentor' : 'mentee') as Role,
        name: people.get(a.email)?.name ?? a.email,
        version: a.charterVersion,
        acceptedAt: iso(a.acceptedAt),
        email: a.email,
      }));
    const current = accepted.filter((a) => a.version === content.charter.version);
    return {
      pairId: view.pair.pairId,
      cohortId: view.cohort.cohortId,
      cohortName: view.cohort.name,
      myRole: view.myRole,
      partner: {
        name: partner?.name ?? view.partnerEmail,
        email: view.partnerEmail,
        timeZone: zones.get(view.partnerEmail) ?? null,
        title: partner?.jobTitle ?? null,
        department: partner?.department ?? null,
        office: partner?.office ?? null,
        languages: partnerEnrolment !== undefined && partnerEnrolment.languages.length > 0 ? partnerEnrolment.languages : (partner?.languages ?? []),
        themes: partnerEnrolment === undefined ? [] : partnerRole === 'mentor' ? partnerEnrolment.offers : partnerEnrolment.wants,
        role: partnerRole,
      },
      reasons: view.pair.reasons.map((r) => reasonOut({ code: r.code, params: r.params ?? {}, ...(r.message === undefined ? {} : { message: r.message }) })),
      charter: {
        content: content.charter,
        acceptances: accepted.map(({ email: _email, ...a }) => a),
        acceptedByMe: current.some((a) => a.email === ctx.me.email),
        acceptedByBoth: current.length === 2,
      },
      sessions: sessionsOf(
        ctx,
        pairSessionsOf(view, partner),
        ledger.filter((b) => b.pairId === view.pair.pairId && b.cohortId === view.cohort.cohortId),
        timeZone,
      ),
    };
  });
}

export async function myPairs(ctx: ParticipantContext): Promise<MyPair[]> {
  return pairViews(ctx);
}

const noPair = (pairId: string): Result<never> => refuse('PAIR_NOT_FOUND', `you are in no pair ${pairId}`, 'pairId');

export async function myPair(ctx: ParticipantContext, pairId: string): Promise<Result<MyPair>> {
  const [found] = await pairViews(ctx, pairId);
  return found === undefined ? noPair(pairId) : ok(found);
}

/** The person accepts the charter in force; accepting an older version than the one shown is refused. */
export async function acceptCharter(ctx: ParticipantContext, pairId: string, version: number): Promise<Result<MyPair>> {
  const [found] = await repo.pairsOf(ctx.db, tenantOf(ctx), ctx.me.email, pairId);
  if (found === undefined) return noPair(pairId);
  const current = (await currentContent(ctx.db, tenantOf(ctx))).charter.version;
  if (version !== current) {
    return refuse('CHARTER_VERSION_STALE', `version ${version} is not the charter in force (version ${current}): read it again, then accept it`, 'version');
  }
  await repo.accept(ctx.db, tenantOf(ctx), found.cohort.cohortId, pairId, ctx.me.email, version, ctx.clock());
  return myPair(ctx, pairId);
}

/** Every session of the person's pairs, soonest first. */
export async function mySessions(ctx: ParticipantContext): Promise<MySession[]> {
  const [lines, timeZone] = await Promise.all([repo.sessionLinesOf(ctx.db, tenantOf(ctx), ctx.me.email), myZone(ctx)]);
  const byPair = new Map<string, { pair: PairSessions; booked: repo.BookedSlot[] }>();
  for (const line of lines) {
    const key = `${line.pair.cohortId}\u0000${line.pair.pairId}`;
    let found = byPair.get(key);
    if (found === undefined) {
      const mentor = line.pair.mentorEmail === ctx.me.email;
      const partnerEmail = mentor ? line.pair.menteeEmail : line.pair.mentorEmail;
      found = {
        pair: { pairId: line.pair.pairId, cohortId: line.pair.cohortId, cohortName: line.cohortName, myRole: mentor ? 'mentor' : 'mentee', partnerName: line.partnerName ?? partnerEmail, plan: line.plan ?? [] },
        booked: [],
      };
      byPair.set(key, found);
    }
    if (line.booking !== null) found.booked.push(line.booking);
  }
  return [...byPair.values()].flatMap(({ pair, booked }) => sessionsOf(ctx, pair, booked, timeZone)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

const noSession = (pairId: string, session: number): Result<never> => refuse('SESSION_NOT_FOUND', `pair ${pairId} has no session ${session}`, 'session');

export async function mySession(ctx: ParticipantContext, pairId: string, session: number): Promise<Result<MySession>> {
  const pair = await myPair(ctx, pairId);
  if (!pair.ok) return pair;
  const found = pair.value.sessions.find((s) => s.session === session);
  return found === undefined ? noSession(pairId, session) : ok(found);
}

/** The session a calendar event's Binome tag (or, on Google, its event id) names, if it is one of the person's. */
export async function sessionByTag(ctx: ParticipantContext, tag: string): Promise<Result<MySession>> {
  const booking = await repo.bookingByTag(ctx.db, tenantOf(ctx), tag);
  const unknown = refuse<MySession>('SESSION_NOT_FOUND', 'no session of yours carries this tag', 'tag');
  if (booking === null) return unknown;
  const found = await mySession(ctx, booking.pairId, booking.session);
  return found.ok && found.value.cohortId === booking.cohortId ? found : unknown;
}

function noteOf(row: repo.NoteRow, me: Person, authors: Map<string, Person>): Note {
  return {
    noteId: row.noteId,
    pairId: row.pairId,
    session: row.session,
    body: row.body,
    shared: row.shared,
    mine: row.authorEmail === me.email,
    authorName: row.authorEmail === me.email ? me.name : (authors.get(row.authorEmail)?.name ?? row.authorEmail),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export async function notes(ctx: ParticipantContext, pairId: string, session: number): Promise<Result<Note[]>> {
  const found = await mySession(ctx, pairId, session);
  if (!found.ok) return found;
  const rows = await repo.readableNotes(ctx.db, tenantOf(ctx), found.value.cohortId, pairId, session, ctx.me.email);
  const authors = await repo.peopleByEmail(
    ctx.db,
    tenantOf(ctx),
    rows.map((r) => r.authorEmail),
  );
  return ok(rows.map((r) => noteOf(r, ctx.me, authors)));
}

export async function addNote(ctx: ParticipantContext, pairId: string, session: number, body: { body: string; shared: boolean }): Promise<Result<Note>> {
  const row = await repo.insertNoteIfMine(ctx.db, {
    tenantId: tenantOf(ctx),
    authorEmail: ctx.me.email,
    pairId,
    session,
    noteId: randomUUID(),
    body: body.body,
    shared: body.shared,
    createdAt: ctx.clock().toISOString(),
  });
  if (row !== null) return ok(noteOf(row, ctx.me, new Map()));
  const found = await repo.sessionOfMine(ctx.db, tenantOf(ctx), ctx.me.email, pairId, session);
  return found === null ? noPair(pairId) : noSession(pairId, session);
}

/**
 * A note the person may not read is NOT_FOUND; one they read (shared by their
 * partner) but did not write is NOTE_NOT_YOURS.
 */
async function ownNote(ctx: ParticipantContext, noteId: string): Promise<Result<repo.NoteRow>> {
  const row = await repo.noteById(ctx.db, tenantOf(ctx), noteId);
  const missing = refuse<repo.NoteRow>('NOTE_NOT_FOUND', `no note ${noteId} of yours`, 'noteId');
  if (row === null) return missing;
  if (row.authorEmail === ctx.me.email) return ok(row);
  if (!row.shared) return missing;
  const [pair] = await repo.pairsOf(ctx.db, tenantOf(ctx), ctx.me.email, row.pairId);
  if (pair === undefined || pair.cohort.cohortId !== row.cohortId) return missing;
  return refuse('NOTE_NOT_YOURS', 'your partner wrote this note: only its author can change or delete it', 'noteId');
}

export async function editNote(ctx: ParticipantContext, noteId: string, change: { body?: string; shared?: boolean }): Promise<Result<Note>> {
  const own = await ownNote(ctx, noteId);
  if (!own.ok) return own;
  const row = await repo.updateNote(ctx.db, tenantOf(ctx), noteId, ctx.me.email, change, ctx.clock().toISOString());
  return row === null ? refuse('NOTE_NOT_FOUND', `no note ${noteId} of yours`, 'noteId') : ok(noteOf(row, ctx.me, new Map()));
}

export async function removeNote(ctx: ParticipantContext, noteId: string): Promise<Result<null>> {
  const own = await ownNote(ctx, noteId);
  if (!own.ok) return own;
  return (await repo.deleteNote(ctx.db, tenantOf(ctx), noteId, ctx.me.email)) ? ok(null) : refuse('NOTE_NOT_FOUND', `no note ${noteId} of yours`, 'noteId');
}

const feedbackOf = (row: repo.FeedbackRow): Feedback => ({
  pairId: row.pairId,
  session: row.session,
  satisfaction: row.satisfaction,
  wouldRecommend: row.wouldRecommend,
  learnt: row.learnt,
  comment: row.comment,
  givenAt: iso(row.givenAt),
});

export async function myFeedback(ctx: ParticipantContext, pairId: string, session: number): Promise<Result<Feedback>> {
  const found = await mySession(ctx, pairId, session);
  if (!found.ok) return found;
  const row = await repo.feedback(ctx.db, tenantOf(ctx), found.value.cohortId, pairId, session, ctx.me.email);
  return row === null ? refuse('FEEDBACK_NOT_GIVEN', `you have given no feedback on session ${session} yet`, 'session') : ok(feedbackOf(row));
}

/** Feedback once the session in force has ended; giving it again replaces it. */
export async function giveFeedback(
  ctx: ParticipantContext,
  pairId: string,
  session: number,
  body: { satisfaction: number; wouldRecommend: boolean; learnt: string; comment: string },
): Promise<Result<Feedback>> {
  const found = await mySession(ctx, pairId, session);
  if (!found.ok) return found;
  if (!found.value.ended) return refuse('SESSION_NOT_ENDED', `session ${session} ends at ${found.value.end}: feedback opens once it is over`, 'session');
  const row = await repo.saveFeedback(ctx.db, {
    tenantId: tenantOf(ctx),
    cohortId: found.value.cohortId,
    pairId,
    session,
    authorEmail: ctx.me.email,
    ...body,
    givenAt: ctx.clock().toISOString(),
  });
  return ok(feedbackOf(row));
}

/** The person's role for training: in their latest cohort (by start), null when in none. */
export async function trainingRole(ctx: ParticipantContext): Promise<Role | null> {
  const cohorts = await myCohorts(ctx);
  const latest = cohorts.filter((c) => c.volunteering !== null).at(-1);
  return latest?.volunteering?.role ?? null;
}
