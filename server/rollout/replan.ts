import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import { bookings, enrolments, people } from '../store/schema.ts';
import { findCohort } from '../programme/repository.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import { DeclaredHours, Person, type Interval } from '../../src/model/schema.ts';
import { workingHoursFor } from '../programme/working-hours.ts';
import { freeTime } from '../../src/planning/free-time.ts';
import { replanSession } from '../../src/planning/sessions.ts';
import { renewClaims, type ClaimedBooking } from './ledger.ts';

export type ReplanOutcome =
  | { ok: true; row: ClaimedBooking }
  /** retry: the calendars could not be read now; lostClaim: another worker holds the row. */
  | { ok: false; error: string; retry: boolean; lostClaim: boolean };

const failure = (error: string, more: { retry?: boolean; lostClaim?: boolean } = {}): ReplanOutcome => ({
  ok: false,
  error,
  retry: more.retry ?? false,
  lostClaim: more.lostClaim ?? false,
});

const WEEK = 7 * 86_400_000;

/** The pair's working hours chosen as matching chose them: the provider's, else declared, else the tenant default. */
async function pairHours(db: Database, runtime: TenantRuntime, row: ClaimedBooking) {
  const emails = [row.organizer_email.toLowerCase(), row.attendee_email.toLowerCase()];
  const found = await db
    .select({ data: people.data })
    .from(people)
    .where(and(eq(people.tenantId, row.tenant_id), inArray(people.email, emails)));
  const declared = await db
    .select({ email: enrolments.email, workingHours: enrolments.workingHours })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, row.tenant_id), eq(enrolments.cohortId, row.cohort_id), inArray(enrolments.email, emails)));
  const directory = found.flatMap((r) => {
    const person = Person.safeParse(r.data);
    return person.success ? [person.data] : [];
  });
  const volunteers = declared.flatMap((r) => {
    const hours = r.workingHours === null ? null : DeclaredHours.safeParse(r.workingHours);
    return hours?.success ? [{ email: r.email, workingHours: hours.data }] : [];
  });
  return workingHoursFor(volunteers, directory, runtime.config.workingHours);
}

/**
 * A slot taken since matching: move that one session to the nearest slot both
 * people still have free, at least a week from the pair's sessions before and
 * after it, rather than leave the pair a session short. The ledger row and the
 * pair's plan move together; the caller books the row at its new time.
 */
export async function replanTakenSlot(
  db: Database,
  runtime: TenantRuntime,
  workerId: string,
  row: ClaimedBooking,
  clash: string,
  now: number,
  leaseMs: number,
): Promise<ReplanOutcome> {
  if ((await renewClaims(db, workerId, [row], leaseMs)).length === 0) return failure(clash, { lostClaim: true });
  const cohort = await findCohort(db, row.tenant_id, row.cohort_id);
  if (cohort === null) return failure(`${clash}; the cohort no longer exists`);
  const siblings = await db
    .select({ session: bookings.session, start: bookings.startsAt, end: bookings.endsAt })
    .from(bookings)
    .where(and(eq(bookings.tenantId, row.tenant_id), eq(bookings.cohortId, row.cohort_id), eq(bookings.pairId, row.pair_id)))
    .orderBy(asc(bookings.session));
  const sessions: Interval[] = siblings.map((s) => ({ start: Date.parse(new Date(s.start).toISOString()), end: Date.parse(new Date(s.end).toISOString()) }));
  const index = siblings.findIndex((s) => s.session === row.session);
  const here = sessions[index];
  if (here === undefined) return failure(`${clash}; session ${row.session} is missing from the ledger`);
  const from = (sessions[index - 1]?.start ?? here.start - 4 * WEEK) - 86_400_000;
  const to = (sessions[index + 1]?.end ?? here.end + 4 * WEEK) + 86_400_000;
  let answers;
  try {
    answers = await runtime.calendar.availability([row.organizer_email, row.attendee_email], {
      start: new Date(from).toISOString(),
      end: new Date(to).toISOString(),
    });
  } catch (error) {
    return failure(`${clash}; the calendars could not be read again: ${error instanceof Error ? error.message : String(error)}`, { retry: true });
  }
  const hoursOf = await pairHours(db, runtime, row);
  const free = [row.organizer_email, row.attendee_email].map((email) => {
    const answer = answers.find((a) => a.email.toLowerCase() === email.toLowerCase());
    const workingHours = answer === undefined || answer.error !== null ? null : hoursOf(answer);
    if (answer === undefined || workingHours === null) return null;
    const busy = answer.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
    // Only the weeks just read are known to be free: the new slot stays inside them.
    return freeTime({ workingHours, busy }, cohort, { start: from, end: to });
  });
  const [a, b] = free;
  if (a === null || a === undefined || b === null || b === undefined) {
    return failure(`${clash}; the calendars could not be read again to move the session`, { retry: true });
  }
  const moved = replanSession(a, b, sessions, index, { notBefore: now });
  if (!moved.ok) return failure(`${clash}; ${moved.message}`);
  const start = new Date(moved.session.start).toISOString();
  const end = new Date(moved.session.end).toISOString();
  // The ledger is the only source of a published session's time: the pair's own plan is not rewritten.
  const held = await db.transaction(async (tx) => {
    const updated = await tx
      .update(bookings)
      .set({ startsAt: start, endsAt: end })
      .where(
        and(
          eq(bookings.tenantId, row.tenant_id),
          eq(bookings.cohortId, row.cohort_id),
          eq(bookings.pairId, row.pair_id),
          eq(bookings.session, row.session),
          eq(bookings.claimedBy, workerId),
          eq(bookings.state, 'booking'),
        ),
      )
      .returning({ session: bookings.session });
    if (updated.length === 0) return false;
    return true;
  });
  if (!held) return failure(clash, { lostClaim: true });
  return { ok: true, row: { ...row, starts_at: start, ends_at: end } };
}
