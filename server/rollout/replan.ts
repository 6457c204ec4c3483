import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import { bookings, pairs } from '../store/schema.ts';
import { findCohort } from '../programme/repository.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Interval } from '../../src/model/schema.ts';
import { freeTime } from '../../src/planning/free-time.ts';
import { replanSession } from '../../src/planning/sessions.ts';
import type { ClaimedBooking } from './ledger.ts';

export type ReplanOutcome = { ok: true; row: ClaimedBooking } | { ok: false; error: string };

const WEEK = 7 * 86_400_000;

/**
 * A slot taken since matching: move that one session to the nearest slot both
 * people still have free, at least a week from the pair's sessions before and
 * after it, rather than leave the pair a session short. The ledger row and the
 * pair's plan move together; the caller books the row at its new time.
 */
export async function replanTakenSlot(
  db: Database,
  runtime: TenantRuntime,
  row: ClaimedBooking,
  clash: string,
  now: number,
): Promise<ReplanOutcome> {
  const cohort = await findCohort(db, row.tenant_id, row.cohort_id);
  if (cohort === null) return { ok: false, error: `${clash}; the cohort no longer exists` };
  const siblings = await db
    .select({ session: bookings.session, start: bookings.startsAt, end: bookings.endsAt })
    .from(bookings)
    .where(and(eq(bookings.tenantId, row.tenant_id), eq(bookings.cohortId, row.cohort_id), eq(bookings.pairId, row.pair_id)))
    .orderBy(asc(bookings.session));
  const sessions: Interval[] = siblings.map((s) => ({ start: Date.parse(new Date(s.start).toISOString()), end: Date.parse(new Date(s.end).toISOString()) }));
  const index = siblings.findIndex((s) => s.session === row.session);
  const here = sessions[index];
  if (here === undefined) return { ok: false, error: `${clash}; session ${row.session} is missing from the ledger` };
  const from = (sessions[index - 1]?.start ?? here.start - 4 * WEEK) - 86_400_000;
  const to = (sessions[index + 1]?.end ?? here.end + 4 * WEEK) + 86_400_000;
  const answers = await runtime.calendar.availability([row.organizer_email, row.attendee_email], {
    start: new Date(from).toISOString(),
    end: new Date(to).toISOString(),
  });
  const free = [row.organizer_email, row.attendee_email].map((email) => {
    const answer = answers.find((a) => a.email.toLowerCase() === email.toLowerCase());
    if (answer === undefined || answer.error !== null || answer.workingHours === null) return null;
    const busy = answer.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
    return freeTime({ workingHours: answer.workingHours, busy }, cohort);
  });
  const [a, b] = free;
  if (a === null || a === undefined || b === null || b === undefined) {
    return { ok: false, error: `${clash}; the calendars could not be read again to move the session` };
  }
  const moved = replanSession(a, b, sessions, index, { notBefore: now });
  if (!moved.ok) return { ok: false, error: `${clash}; ${moved.message}` };
  const start = new Date(moved.session.start).toISOString();
  const end = new Date(moved.session.end).toISOString();
  await db.transaction(async (tx) => {
    await tx
      .update(bookings)
      .set({ startsAt: start, endsAt: end })
      .where(
        and(
          eq(bookings.tenantId, row.tenant_id),
          eq(bookings.cohortId, row.cohort_id),
          eq(bookings.pairId, row.pair_id),
          eq(bookings.session, row.session),
        ),
      );
    const [pair] = await tx
      .select({ sessions: pairs.sessions })
      .from(pairs)
      .where(and(eq(pairs.tenantId, row.tenant_id), eq(pairs.cohortId, row.cohort_id), eq(pairs.pairId, row.pair_id)));
    if (pair !== undefined) {
      const plan = pair.sessions.map((s, i) => (i === row.session - 1 ? { start, end } : s));
      await tx
        .update(pairs)
        .set({ sessions: plan })
        .where(and(eq(pairs.tenantId, row.tenant_id), eq(pairs.cohortId, row.cohort_id), eq(pairs.pairId, row.pair_id)));
    }
  });
  return { ok: true, row: { ...row, starts_at: start, ends_at: end } };
}
