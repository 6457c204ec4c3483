import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import { bookings, charterAcceptances, cohorts, enrolments, pairs, people, sessionFeedback, sessionNotes, trainingOverrides } from '../store/schema.ts';
import { Person, type DeclaredHours, type MeetingFormat, type Role } from '../../src/model/schema.ts';

/** SQL for what one participant reads and writes; every query names the tenant and, where it can, the person. */

export async function personById(db: Database, tenantId: string, personId: string): Promise<Person | null> {
  const [row] = await db
    .select({ data: people.data })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.personId, personId)));
  return row === undefined ? null : Person.parse(row.data);
}

export async function peopleByEmail(db: Database, tenantId: string, emails: string[]): Promise<Map<string, Person>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .select({ data: people.data })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), inArray(people.email, [...new Set(emails)])));
  return new Map(rows.map((r) => Person.parse(r.data)).map((p) => [p.email, p]));
}

export type CohortRow = typeof cohorts.$inferSelect;

/** The cohorts open for volunteering and every cohort the person is enrolled in or paired in. */
export async function cohortsFor(db: Database, tenantId: string, email: string): Promise<CohortRow[]> {
  const enrolled = db.select({ cohortId: enrolments.cohortId }).from(enrolments).where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.email, email)));
  const paired = db
    .select({ cohortId: pairs.cohortId })
    .from(pairs)
    .where(and(eq(pairs.tenantId, tenantId), or(eq(pairs.mentorEmail, email), eq(pairs.menteeEmail, email))));
  return db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.tenantId, tenantId), or(eq(cohorts.status, 'open'), inArray(cohorts.cohortId, enrolled), inArray(cohorts.cohortId, paired))))
    .orderBy(asc(cohorts.startDate), asc(cohorts.createdAt));
}

export async function cohortRow(db: Database, tenantId: string, cohortId: string): Promise<CohortRow | null> {
  const [row] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
  return row ?? null;
}

export type EnrolmentRow = typeof enrolments.$inferSelect;

export async function enrolmentsOf(db: Database, tenantId: string, email: string): Promise<EnrolmentRow[]> {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.email, email)));
}

export interface Volunteered {
  role: Role;
  themes: string[];
  languages: string[];
  format: MeetingFormat;
  workingHours: DeclaredHours | null;
}

/**
 * Writes the person's volunteering while the cohort row is locked and still open,
 * so a volunteer never lands in a cohort matching has already read. Answers the
 * cohort's status when it was not open (null: no such cohort).
 */
export async function saveVolunteering(
  db: Database,
  tenantId: string,
  cohortId: string,
  email: string,
  answer: Volunteered | 'withdraw',
  at: Date,
): Promise<{ saved: true; existed: boolean } | { saved: false; status: string | null }> {
  return db.transaction(async (tx) => {
    const [cohort] = await tx
      .select({ status: cohorts.status })
      .from(cohorts)
      .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)))
      .for('update');
    if (cohort?.status !== 'open') return { saved: false, status: cohort?.status ?? null };
    const mine = and(eq(enrolments.tenantId, tenantId), eq(enrolments.cohortId, cohortId), eq(enrolments.email, email));
    if (answer === 'withdraw') {
      const removed = await tx.delete(enrolments).where(mine).returning({ email: enrolments.email });
      return { saved: true, existed: removed.length > 0 };
    }
    const [before] = await tx.select({ email: enrolments.email }).from(enrolments).where(mine);
    const values = {
      role: answer.role,
      offers: answer.role === 'mentor' ? answer.themes : [],
      wants: answer.role === 'mentee' ? answer.themes : [],
      languages: answer.languages,
      format: answer.format,
      workingHours: answer.workingHours,
      source: 'volunteer',
    };
    await tx
      .insert(enrolments)
      .values({ tenantId, cohortId, email, createdAt: at, ...values })
      .onConflictDoUpdate({ target: [enrolments.tenantId, enrolments.cohortId, enrolments.email], set: { ...values, createdAt: at } });
    return { saved: true, existed: before !== undefined };
  });
}

export type PairRow = typeof pairs.$inferSelect;

/** The person's pairs in cohorts whose pairs are published; a proposal HR has not published stays HR's. */
export async function pairsOf(db: Database, tenantId: string, email: string, pairId?: string): Promise<{ pair: PairRow; cohort: CohortRow }[]> {
  return db
    .select({ pair: pairs, cohort: cohorts })
    .from(pairs)
    .innerJoin(cohorts, and(eq(cohorts.tenantId, pairs.tenantId), eq(cohorts.cohortId, pairs.cohortId)))
    .where(
      and(
        eq(pairs.tenantId, tenantId),
        or(eq(pairs.mentorEmail, email), eq(pairs.menteeEmail, email)),
        inArray(cohorts.status, publishedStatuses),
        pairId === undefined ? undefined : eq(pairs.pairId, pairId),
      ),
    )
    .orderBy(asc(cohorts.startDate), asc(pairs.pairId));
}

export const publishedStatuses = ['published', 'rolling_out', 'running', 'closed'];

export type BookingRow = typeof bookings.$inferSelect;

export async function bookingsOf(db: Database, tenantId: string, pairIds: string[]): Promise<BookingRow[]> {
  if (pairIds.length === 0) return [];
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), inArray(bookings.pairId, pairIds)))
    .orderBy(asc(bookings.pairId), asc(bookings.session));
}

/** What a session list shows of a ledger row. */
export type BookedSlot = Pick<BookingRow, 'session' | 'startsAt' | 'endsAt' | 'state' | 'moveStartsAt' | 'moveEndsAt' | 'online' | 'onlineMeetingUrl' | 'idempotencyKey' | 'eventId' | 'failureCode' | 'failureParams'>;

export interface SessionLine {
  pair: Pick<PairRow, 'pairId' | 'cohortId' | 'mentorEmail' | 'menteeEmail'>;
  cohortName: string;
  /** The plan, only on a pair with no ledger row yet. */
  plan: PairRow['sessions'] | null;
  partnerName: string | null;
  booking: BookedSlot | null;
}

const tenantParam = sql.placeholder('tenantId');
const emailParam = sql.placeholder('email');
const pairParam = sql.placeholder('pairId');
const sessionParam = sql.placeholder('session');
const publishedPairOf = and(eq(pairs.tenantId, tenantParam), or(eq(pairs.mentorEmail, emailParam), eq(pairs.menteeEmail, emailParam)), inArray(cohorts.status, publishedStatuses));
const withCohort = and(eq(cohorts.tenantId, pairs.tenantId), eq(cohorts.cohortId, pairs.cohortId));
const pairLedger = and(eq(bookings.tenantId, pairs.tenantId), eq(bookings.cohortId, pairs.cohortId), eq(bookings.pairId, pairs.pairId));
/** The pair has session `session`: in the ledger once it has rows, else in the plan. */
const sessionInPair = sql`case when exists (select 1 from ${bookings} where ${pairLedger})
  then exists (select 1 from ${bookings} where ${pairLedger} and ${bookings.session} = ${sessionParam}::integer)
  else ${sessionParam}::integer between 1 and jsonb_array_length(${pairs.sessions}) end`;

/**
 * The participant API's statements run on nearly every request, prepared once per
 * database: building a query costs drizzle more CPU than PGlite spends running it,
 * and PostgreSQL keeps their plans.
 */
function hotStatements(db: Database) {
  return {
    sessionLines: db
      .select({
        pair: { pairId: pairs.pairId, cohortId: pairs.cohortId, mentorEmail: pairs.mentorEmail, menteeEmail: pairs.menteeEmail },
        cohortName: cohorts.name,
        plan: sql<PairRow['sessions'] | null>`case when ${bookings.pairId} is null then ${pairs.sessions} end`,
        partnerName: sql<string | null>`${people.data} ->> 'name'`,
        booking: {
          session: bookings.session,
          startsAt: bookings.startsAt,
          endsAt: bookings.endsAt,
          state: bookings.state,
          moveStartsAt: bookings.moveStartsAt,
          moveEndsAt: bookings.moveEndsAt,
          online: bookings.online,
          onlineMeetingUrl: bookings.onlineMeetingUrl,
          idempotencyKey: bookings.idempotencyKey,
          eventId: bookings.eventId,
          failureCode: bookings.failureCode,
          failureParams: bookings.failureParams,
        },
      })
      .from(pairs)
      .innerJoin(cohorts, withCohort)
      .leftJoin(bookings, pairLedger)
      .leftJoin(people, and(eq(people.tenantId, pairs.tenantId), eq(people.email, sql`case when ${pairs.mentorEmail} = ${emailParam} then ${pairs.menteeEmail} else ${pairs.mentorEmail} end`)))
      .where(publishedPairOf)
      .orderBy(asc(cohorts.startDate), asc(pairs.pairId), asc(bookings.session))
      .prepare('me_session_lines'),
    sessionOfMine: db
      .select({ cohortId: pairs.cohortId, exists: sql<boolean>`${sessionInPair}` })
      .from(pairs)
      .innerJoin(cohorts, withCohort)
      .where(and(publishedPairOf, eq(pairs.pairId, pairParam)))
      .orderBy(asc(cohorts.startDate), asc(pairs.pairId))
      .limit(1)
      .prepare('me_session_of_mine'),
    // One statement for a note on a session of the writer's: the check and the insert.
    insertNoteIfMine: db
      .insert(sessionNotes)
      .select(
        db
          // Every column, in the table's order: an insert from a select names them all in that order.
          .select({
            tenantId: pairs.tenantId,
            noteId: sql<string>`${sql.placeholder('noteId')}::text`,
            cohortId: pairs.cohortId,
            pairId: pairs.pairId,
            session: sql<number>`${sessionParam}::integer`,
            authorEmail: sql<string>`${emailParam}::text`,
            body: sql<string>`${sql.placeholder('body')}::text`,
            shared: sql<boolean>`${sql.placeholder('shared')}::boolean`,
            createdAt: sql<string>`${sql.placeholder('at')}::timestamptz`,
            updatedAt: sql<string>`${sql.placeholder('at')}::timestamptz`,
          })
          .from(pairs)
          .innerJoin(cohorts, withCohort)
          .where(and(publishedPairOf, eq(pairs.pairId, pairParam), sessionInPair))
          .orderBy(asc(cohorts.startDate), asc(pairs.pairId))
          .limit(1)
          .getSQL(),
      )
      .returning()
      .prepare('me_insert_note_if_mine'),
  };
}

const prepared = new WeakMap<Database, ReturnType<typeof hotStatements>>();
function statements(db: Database): ReturnType<typeof hotStatements> {
  let found = prepared.get(db);
  if (found === undefined) {
    found = hotStatements(db);
    prepared.set(db, found);
  }
  return found;
}

/**
 * Everything a person's session list needs, in one query: their published pairs, each
 * pair's ledger rows (one line each) or, before the ledger has any, the plan, and the
 * partner's name.
 */
export async function sessionLinesOf(db: Database, tenantId: string, email: string): Promise<SessionLine[]> {
  return statements(db).sessionLines.execute({ tenantId, email });
}

/**
 * Whether a session is one of the person's, as their session list would show it: the
 * cohort of their published pair `pairId` (the earliest, as the list orders them),
 * and whether that pair has session `session`. Null: no such pair of theirs.
 */
export async function sessionOfMine(db: Database, tenantId: string, email: string, pairId: string, session: number): Promise<{ cohortId: string; exists: boolean } | null> {
  const [row] = await statements(db).sessionOfMine.execute({ tenantId, email, pairId, session });
  return row ?? null;
}

export async function bookingByTag(db: Database, tenantId: string, tag: string): Promise<BookingRow | null> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), or(eq(bookings.idempotencyKey, tag), eq(bookings.eventId, tag))))
    .limit(1);
  return row ?? null;
}

export type AcceptanceRow = typeof charterAcceptances.$inferSelect;

export async function acceptancesOf(db: Database, tenantId: string, pairIds: string[]): Promise<AcceptanceRow[]> {
  if (pairIds.length === 0) return [];
  return db
    .select()
    .from(charterAcceptances)
    .where(and(eq(charterAcceptances.tenantId, tenantId), inArray(charterAcceptances.pairId, pairIds)))
    .orderBy(asc(charterAcceptances.acceptedAt));
}

/** Accepting again (a newer charter) replaces the person's earlier acceptance. */
export async function accept(db: Database, tenantId: string, cohortId: string, pairId: string, email: string, version: number, at: Date): Promise<void> {
  await db
    .insert(charterAcceptances)
    .values({ tenantId, cohortId, pairId, email, charterVersion: version, acceptedAt: at })
    .onConflictDoUpdate({
      target: [charterAcceptances.tenantId, charterAcceptances.cohortId, charterAcceptances.pairId, charterAcceptances.email],
      set: { charterVersion: version, acceptedAt: at },
    });
}

export type NoteRow = typeof sessionNotes.$inferSelect;

/** The session's notes the person may read: their own, and the ones their partner shared. */
export async function readableNotes(db: Database, tenantId: string, cohortId: string, pairId: string, session: number, email: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.tenantId, tenantId),
        eq(sessionNotes.cohortId, cohortId),
        eq(sessionNotes.pairId, pairId),
        eq(sessionNotes.session, session),
        or(eq(sessionNotes.authorEmail, email), eq(sessionNotes.shared, true)),
      ),
    )
    .orderBy(asc(sessionNotes.createdAt), asc(sessionNotes.noteId));
}

export async function noteById(db: Database, tenantId: string, noteId: string): Promise<NoteRow | null> {
  const [row] = await db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.tenantId, tenantId), eq(sessionNotes.noteId, noteId)));
  return row ?? null;
}

/**
 * Writes the person's note on a session of theirs (as `sessionOfMine` finds it), in
 * one statement; null when that session is not theirs, and nothing is written.
 */
export async function insertNoteIfMine(
  db: Database,
  note: { tenantId: string; authorEmail: string; pairId: string; session: number; noteId: string; body: string; shared: boolean; createdAt: string },
): Promise<NoteRow | null> {
  const [row] = await statements(db).insertNoteIfMine.execute({
    tenantId: note.tenantId,
    email: note.authorEmail,
    pairId: note.pairId,
    session: note.session,
    noteId: note.noteId,
    body: note.body,
    shared: note.shared,
    at: note.createdAt,
  });
  return row ?? null;
}

/** Changes a note only if the person wrote it. */
export async function updateNote(db: Database, tenantId: string, noteId: string, author: string, change: { body?: string; shared?: boolean }, at: string): Promise<NoteRow | null> {
  const [row] = await db
    .update(sessionNotes)
    .set({ ...change, updatedAt: at })
    .where(and(eq(sessionNotes.tenantId, tenantId), eq(sessionNotes.noteId, noteId), eq(sessionNotes.authorEmail, author)))
    .returning();
  return row ?? null;
}

export async function deleteNote(db: Database, tenantId: string, noteId: string, author: string): Promise<boolean> {
  const removed = await db
    .delete(sessionNotes)
    .where(and(eq(sessionNotes.tenantId, tenantId), eq(sessionNotes.noteId, noteId), eq(sessionNotes.authorEmail, author)))
    .returning({ noteId: sessionNotes.noteId });
  return removed.length > 0;
}

export type FeedbackRow = typeof sessionFeedback.$inferSelect;

const feedbackOf = (tenantId: string, cohortId: string, pairId: string, session: number, email: string) =>
  and(
    eq(sessionFeedback.tenantId, tenantId),
    eq(sessionFeedback.cohortId, cohortId),
    eq(sessionFeedback.pairId, pairId),
    eq(sessionFeedback.session, session),
    eq(sessionFeedback.authorEmail, email),
  );

export async function feedback(db: Database, tenantId: string, cohortId: string, pairId: string, session: number, email: string): Promise<FeedbackRow | null> {
  const [row] = await db.select().from(sessionFeedback).where(feedbackOf(tenantId, cohortId, pairId, session, email));
  return row ?? null;
}

/** One feedback per person per session: giving it again updates it. */
export async function saveFeedback(db: Database, row: FeedbackRow): Promise<FeedbackRow> {
  const { satisfaction, wouldRecommend, learnt, comment, givenAt } = row;
  const [saved] = await db
    .insert(sessionFeedback)
    .values(row)
    .onConflictDoUpdate({
      target: [sessionFeedback.tenantId, sessionFeedback.cohortId, sessionFeedback.pairId, sessionFeedback.session, sessionFeedback.authorEmail],
      set: { satisfaction, wouldRecommend, learnt, comment, givenAt },
    })
    .returning();
  if (saved === undefined) throw new Error('upsert into session_feedback returned no row');
  return saved;
}

export type OverrideRow = typeof trainingOverrides.$inferSelect;

/** HR's training edits, in the order they were made. */
export async function overridesOf(db: Database, tenantId: string): Promise<OverrideRow[]> {
  return db
    .select()
    .from(trainingOverrides)
    .where(eq(trainingOverrides.tenantId, tenantId))
    .orderBy(asc(trainingOverrides.createdAt), asc(trainingOverrides.overrideId));
}

/** Stores an edit unless one of the same item and version got there first (answers false then). */
export async function insertOverride(db: Database, row: OverrideRow): Promise<boolean> {
  const inserted = await db
    .insert(trainingOverrides)
    .values(row)
    .onConflictDoNothing()
    .returning({ overrideId: trainingOverrides.overrideId });
  return inserted.length > 0;
}
