import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Database } from '../store/database.ts';
import { bookings } from '../store/schema.ts';
import type { BookingState } from '../../src/model/schema.ts';

export interface LedgerEntry {
  pairId: string;
  session: number;
  idempotencyKey: string;
  organizerEmail: string;
  attendeeEmail: string;
  subject: string;
  online: boolean;
  start: string;
  end: string;
}

/** A ledger row as a worker holds it after claiming it; validated as it comes back from SQL. */
export const ClaimedBooking = z.object({
  tenant_id: z.string(),
  cohort_id: z.string(),
  pair_id: z.string(),
  session: z.coerce.number().int(),
  idempotency_key: z.string(),
  organizer_email: z.string(),
  attendee_email: z.string(),
  subject: z.string(),
  online: z.boolean(),
  starts_at: z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString()),
  ends_at: z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString()),
  needs_lookup: z.coerce.number().int(),
  attempts: z.coerce.number().int(),
});
export type ClaimedBooking = z.infer<typeof ClaimedBooking>;

/** Writes one planned row per (pair, session); rows already there are left as they are. */
export async function writeLedger(db: Database, tenantId: string, cohortId: string, entries: LedgerEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insert(bookings)
      .values(
        entries.slice(i, i + 500).map((e) => ({
          tenantId,
          cohortId,
          pairId: e.pairId,
          session: e.session,
          idempotencyKey: e.idempotencyKey,
          organizerEmail: e.organizerEmail,
          attendeeEmail: e.attendeeEmail,
          subject: e.subject,
          online: e.online,
          startsAt: e.start,
          endsAt: e.end,
          state: 'planned',
        })),
      )
      .onConflictDoNothing();
  }
}

/**
 * Claims up to `limit` rows of cohorts being rolled out: planned rows that are
 * due, and rows whose previous claim expired (a worker died holding them: their
 * outcome is unknown, so they are marked for a lookup before any new create).
 * SKIP LOCKED lets any number of workers share one database.
 */
export async function claimBookings(
  db: Database,
  workerId: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedBooking[]> {
  const claimed = await rows<Record<string, unknown>>(
    db,
    sql`
    with picked as (
      select b.tenant_id, b.cohort_id, b.pair_id, b.session
      from bookings b
      join cohorts c on c.tenant_id = b.tenant_id and c.cohort_id = b.cohort_id and c.status = 'rolling_out'
      where (b.state = 'planned' and b.not_before <= now())
         or (b.state = 'booking' and b.claim_expires_at < now())
      order by b.tenant_id, b.starts_at, b.pair_id, b.session
      limit ${limit}
      for update of b skip locked
    )
    update bookings b
       set state = 'booking',
           claimed_by = ${workerId},
           claim_expires_at = now() + (${leaseMs} * interval '1 millisecond'),
           attempts = b.attempts + 1,
           needs_lookup = case when b.state = 'booking' then 1 else b.needs_lookup end,
           updated_at = now()
      from picked
     where b.tenant_id = picked.tenant_id and b.cohort_id = picked.cohort_id
       and b.pair_id = picked.pair_id and b.session = picked.session
    returning b.tenant_id, b.cohort_id, b.pair_id, b.session, b.idempotency_key, b.organizer_email,
              b.attendee_email, b.subject, b.online, b.starts_at, b.ends_at, b.needs_lookup, b.attempts`,
  );
  return claimed.map((r) => ClaimedBooking.parse(r));
}

type Settle =
  | { state: 'booked'; eventId: string; onlineMeetingUrl: string | null }
  | { state: 'planned'; retryInMs: number; needsLookup: boolean; error: string }
  | { state: 'failed'; error: string };

/** Records the outcome of one claimed row, only if this worker still holds it. */
export async function settleBooking(db: Database, workerId: string, row: ClaimedBooking, outcome: Settle): Promise<void> {
  const where = and(
    eq(bookings.tenantId, row.tenant_id),
    eq(bookings.cohortId, row.cohort_id),
    eq(bookings.pairId, row.pair_id),
    eq(bookings.session, row.session),
    eq(bookings.claimedBy, workerId),
    eq(bookings.state, 'booking'),
  );
  const base = { claimedBy: null, claimExpiresAt: null, updatedAt: sql`now()` };
  if (outcome.state === 'booked') {
    await db
      .update(bookings)
      .set({ ...base, state: 'booked', eventId: outcome.eventId, onlineMeetingUrl: outcome.onlineMeetingUrl, needsLookup: 0, lastError: null })
      .where(where);
  } else if (outcome.state === 'planned') {
    await db
      .update(bookings)
      .set({
        ...base,
        state: 'planned',
        needsLookup: outcome.needsLookup ? 1 : 0,
        lastError: outcome.error,
        notBefore: sql`now() + (${Math.max(0, Math.round(outcome.retryInMs))} * interval '1 millisecond')`,
      })
      .where(where);
  } else {
    await db.update(bookings).set({ ...base, state: 'failed', lastError: outcome.error }).where(where);
  }
}

export interface RolloutProgress {
  total: number;
  byState: Record<BookingState, number>;
  done: boolean;
  failures: { pairId: string; session: number; error: string }[];
}

export async function rolloutProgress(db: Database, tenantId: string, cohortId: string): Promise<RolloutProgress> {
  const counts = await rows<{ state: BookingState; n: string | number }>(
    db,
    sql`select state, count(*) as n from bookings where tenant_id = ${tenantId} and cohort_id = ${cohortId} group by state`,
  );
  const byState: Record<BookingState, number> = { planned: 0, booking: 0, booked: 0, failed: 0 };
  for (const c of counts) byState[c.state] = Number(c.n);
  const total = byState.planned + byState.booking + byState.booked + byState.failed;
  const failed = await db
    .select({ pairId: bookings.pairId, session: bookings.session, error: bookings.lastError })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.cohortId, cohortId), eq(bookings.state, 'failed')));
  return {
    total,
    byState,
    done: total > 0 && byState.planned === 0 && byState.booking === 0,
    failures: failed.map((f) => ({ pairId: f.pairId, session: f.session, error: f.error ?? 'unknown error' })),
  };
}

export async function bookedEvents(
  db: Database,
  tenantId: string,
  cohortId: string,
): Promise<{ pairId: string; session: number; state: string; eventId: string | null; start: string; end: string }[]> {
  const list = await db
    .select({
      pairId: bookings.pairId,
      session: bookings.session,
      state: bookings.state,
      eventId: bookings.eventId,
      start: bookings.startsAt,
      end: bookings.endsAt,
    })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.cohortId, cohortId)));
  return list.map((b) => ({ ...b, start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() }));
}

/**
 * Frees every claim at once. Only for a process that owns its database alone
 * (a scenario run resuming after a kill): the dead process's claims would
 * otherwise wait out their lease.
 */
export async function expireAllClaims(db: Database): Promise<void> {
  await db.execute(sql`update bookings set claim_expires_at = now() - interval '1 second' where state = 'booking'`);
}
