import { and, asc, eq, inArray, or } from 'drizzle-orm';
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

export async function insertNote(db: Database, note: Omit<NoteRow, 'updatedAt'>): Promise<NoteRow> {
  const [row] = await db
    .insert(sessionNotes)
    .values({ ...note, updatedAt: note.createdAt })
    .returning();
  if (row === undefined) throw new Error('insert into session_notes returned no row');
  return row;
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
