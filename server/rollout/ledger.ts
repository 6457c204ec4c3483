import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Database } from '../store/database.ts';
import { bookings } from '../store/schema.ts';
import { MessageParams, bookingFailureCodes, type BookingFailureCode, type BookingState } from '../../src/model/schema.ts';
import { adviceFor, failureParams } from './failures.ts';

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

export type Settle =
  | { state: 'booked'; eventId: string; onlineMeetingUrl: string | null }
  /** free: the provider only asked us to wait (429), so this claim does not count as an attempt. */
  | { state: 'planned'; retryInMs: number; needsLookup: boolean; error: string; free?: boolean }
  | { state: 'failed'; code: BookingFailureCode; error: string };

/**
 * Records the outcomes of many claimed rows in one statement (a provider batch
 * settles twenty rows at once), each only if this worker still holds it: a
 * worker whose lease expired cannot overwrite the worker that took over.
 */
export async function settleBookings(db: Database, workerId: string, items: { row: ClaimedBooking; outcome: Settle }[]): Promise<void> {
  if (items.length === 0) return;
  const values = sql.join(
    items.map(({ row, outcome }) => {
      const eventId = outcome.state === 'booked' ? outcome.eventId : null;
      const url = outcome.state === 'booked' ? outcome.onlineMeetingUrl : null;
      const retryMs = outcome.state === 'planned' ? Math.max(0, Math.round(outcome.retryInMs)) : 0;
      const lookup = outcome.state === 'planned' && outcome.needsLookup ? 1 : 0;
      const error = outcome.state === 'booked' ? null : outcome.error;
      const refund = outcome.state === 'planned' && outcome.free === true ? 1 : 0;
      const code = outcome.state === 'failed' ? outcome.code : null;
      return sql`(${row.tenant_id}, ${row.cohort_id}, ${row.pair_id}, ${row.session}::int, ${outcome.state}, ${eventId}, ${url}, ${retryMs}::int, ${lookup}::int, ${error}, ${refund}::int, ${code})`;
    }),
    sql`, `,
  );
  await db.execute(sql`
    update bookings b
       set state = v.state,
           event_id = coalesce(v.event_id, b.event_id),
           online_meeting_url = coalesce(v.url, b.online_meeting_url),
           needs_lookup = v.lookup,
           attempts = b.attempts - v.refund,
           last_error = v.error,
           failure_code = v.code,
           not_before = case when v.state = 'planned' then now() + (v.retry_ms * interval '1 millisecond') else b.not_before end,
           claimed_by = null,
           claim_expires_at = null,
           updated_at = now()
      from (values ${values}) as v(tenant_id, cohort_id, pair_id, session, state, event_id, url, retry_ms, lookup, error, refund, code)
     where b.tenant_id = v.tenant_id and b.cohort_id = v.cohort_id and b.pair_id = v.pair_id and b.session = v.session
       and b.claimed_by = ${workerId} and b.state = 'booking'`);
}

/** A session given up, with what HR can do about it. */
export interface BookingFailure {
  pairId: string;
  session: number;
  mentorEmail: string;
  menteeEmail: string;
  startsAt: string;
  code: BookingFailureCode;
  params: MessageParams;
  error: string;
  action: string;
}

export interface RolloutProgress {
  total: number;
  byState: Record<BookingState, number>;
  done: boolean;
  failures: BookingFailure[];
}

export async function rolloutProgress(db: Database, tenantId: string, cohortId: string): Promise<RolloutProgress> {
  const counts = await rows<{ state: BookingState; n: string | number }>(
    db,
    sql`select state, count(*) as n from bookings where tenant_id = ${tenantId} and cohort_id = ${cohortId} group by state`,
  );
  const byState: Record<BookingState, number> = { planned: 0, booking: 0, booked: 0, failed: 0, moving: 0 };
  for (const c of counts) byState[c.state] = Number(c.n);
  const total = byState.planned + byState.booking + byState.booked + byState.failed + byState.moving;
  const failed = await db
    .select({
      pairId: bookings.pairId,
      session: bookings.session,
      mentorEmail: bookings.organizerEmail,
      menteeEmail: bookings.attendeeEmail,
      startsAt: bookings.startsAt,
      code: bookings.failureCode,
      error: bookings.lastError,
      stored: bookings.failureParams,
    })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.cohortId, cohortId), eq(bookings.state, 'failed')))
    .orderBy(asc(bookings.pairId), asc(bookings.session));
  return {
    total,
    byState,
    done: total > 0 && byState.planned === 0 && byState.booking === 0,
    failures: failed.map(({ stored, ...f }) => {
      const code = FailureCode.parse(f.code);
      const failure = { ...f, startsAt: new Date(f.startsAt).toISOString(), code, error: f.error ?? 'no message was recorded' };
      // Facts the worker kept when it gave up (failure_params) complete what the row itself says.
      const params = { ...failureParams(failure), ...(stored === null ? {} : MessageParams.parse(stored)) };
      return { ...failure, params, action: adviceFor(failure, params) };
    }),
  };
}

const FailureCode = z.enum(bookingFailureCodes);

/**
 * Puts a cohort's failed sessions back in the queue, once HR has dealt with the
 * cause. A session whose event may exist is looked up before any create, so a
 * retry never books it twice. Returns how many sessions were queued again.
 */
export async function retryFailedBookings(db: Database, tenantId: string, cohortId: string): Promise<number> {
  const retried = await rows<{ session: number }>(
    db,
    sql`
    update bookings
       set state = 'planned',
           attempts = 0,
           needs_lookup = case when failure_code in ('OUTCOME_UNKNOWN', 'MOVE_NOT_CONFIRMED') then 1 else 0 end,
           failure_code = null,
           not_before = now(),
           updated_at = now()
     where tenant_id = ${tenantId} and cohort_id = ${cohortId} and state = 'failed'
    returning session`,
  );
  return retried.length;
}

/** The booked sessions of a cohort (moving ones too: their event exists), with what it takes to find their events again. */
export async function bookedSessions(
  db: Database,
  tenantId: string,
  cohortId: string,
): Promise<{ pairId: string; session: number; idempotencyKey: string; organizerEmail: string }[]> {
  const found = await rows<{ pair_id: string; session: number; idempotency_key: string; organizer_email: string }>(
    db,
    sql`select pair_id, session, idempotency_key, organizer_email from bookings
         where tenant_id = ${tenantId} and cohort_id = ${cohortId} and state in ('booked', 'moving')
         order by pair_id, session`,
  );
  return found.map((r) => ({ pairId: r.pair_id, session: r.session, idempotencyKey: r.idempotency_key, organizerEmail: r.organizer_email }));
}

/**
 * Marks booked sessions whose event the calendar no longer holds as failed
 * (`EVENT_MISSING`), so progress never reports a booking that is not there; only
 * rows still booked (or moving: a move of a deleted event has nothing to move) change.
 * Returns how many did.
 */
export async function markEventsMissing(db: Database, tenantId: string, cohortId: string, keys: string[]): Promise<number> {
  let count = 0;
  // In slices, so a large cohort never meets the database's limit on bound parameters.
  for (let i = 0; i < keys.length; i += 1000) {
    const slice = keys.slice(i, i + 1000);
    const changed = await rows<{ session: number }>(
      db,
      sql`update bookings
             set state = 'failed', failure_code = 'EVENT_MISSING', needs_lookup = 0, event_id = null,
                 move_starts_at = null, move_ends_at = null, move_requested_by = null, claimed_by = null, claim_expires_at = null,
                 last_error = 'the booked event is no longer in the calendar', updated_at = now()
           where tenant_id = ${tenantId} and cohort_id = ${cohortId} and state in ('booked', 'moving')
             and idempotency_key in (${sql.join(slice.map((k) => sql`${k}`), sql`, `)})
       returning session`,
    );
    count += changed.length;
  }
  return count;
}

/**
 * Frees every claim at once. Only for a process that owns its database alone
 * (a scenario run resuming after a kill): the dead process's claims would
 * otherwise wait out their lease.
 */
export async function expireAllClaims(db: Database): Promise<void> {
  await db.execute(sql`update bookings set claim_expires_at = now() - interval '1 second' where state in ('booking', 'moving')`);
}

/**
 * Extends this worker's lease on rows it is about to book and returns the ones
 * it still holds. Creating only those, each with a fresh lease far longer than a
 * provider call, is what keeps a slow worker and the one that took over from
 * both creating the same event.
 */
export async function renewClaims(db: Database, workerId: string, held: ClaimedBooking[], leaseMs: number): Promise<ClaimedBooking[]> {
  if (held.length === 0) return [];
  const keys = sql.join(
    held.map((r) => sql`(${r.tenant_id}, ${r.cohort_id}, ${r.pair_id}, ${r.session}::int)`),
    sql`, `,
  );
  const still = await rows<{ tenant_id: string; idempotency_key: string }>(
    db,
    sql`
    update bookings b
       set claim_expires_at = now() + (${leaseMs} * interval '1 millisecond')
      from (values ${keys}) as v(tenant_id, cohort_id, pair_id, session)
     where b.tenant_id = v.tenant_id and b.cohort_id = v.cohort_id and b.pair_id = v.pair_id and b.session = v.session
       and b.claimed_by = ${workerId} and b.state = 'booking'
    returning b.tenant_id, b.idempotency_key`,
  );
  const kept = new Set(still.map((r) => `${r.tenant_id}\u0000${r.idempotency_key}`));
  return held.filter((r) => kept.has(`${r.tenant_id}\u0000${r.idempotency_key}`));
}
