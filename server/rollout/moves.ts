import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Database } from '../store/database.ts';

/**
 * Provider updates one move may try, the request's own first (each already retried
 * by the connector within its budget). Past them no update is sent again: the event
 * is read back until the provider answers, and the move ends there.
 */
export const moveAttempts = 3;

const Timestamp = z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString());
const NullableTimestamp = z.union([z.string(), z.date(), z.null()]).transform((v) => (v === null ? null : new Date(v).toISOString()));

/** One session of a pair as the ledger holds it, validated as it comes back from SQL. */
export const LedgerSession = z.object({
  tenant_id: z.string(),
  cohort_id: z.string(),
  pair_id: z.string(),
  session: z.coerce.number().int(),
  idempotency_key: z.string(),
  organizer_email: z.string(),
  attendee_email: z.string(),
  online: z.boolean(),
  state: z.string(),
  starts_at: Timestamp,
  ends_at: Timestamp,
  event_id: z.string().nullable(),
  online_meeting_url: z.string().nullable(),
  move_starts_at: NullableTimestamp,
  move_ends_at: NullableTimestamp,
  move_requested_by: z.string().nullable(),
  last_error: z.string().nullable(),
  /** Provider updates this move has tried (reset when the move begins). */
  attempts: z.coerce.number().int(),
});
export type LedgerSession = z.infer<typeof LedgerSession>;

const columns = sql`b.tenant_id, b.cohort_id, b.pair_id, b.session, b.idempotency_key, b.organizer_email, b.attendee_email, b.online,
  b.state, b.starts_at, b.ends_at, b.event_id, b.online_meeting_url, b.move_starts_at, b.move_ends_at, b.move_requested_by, b.last_error, b.attempts`;

/** The pair's sessions in series order, when `email` is one of the pair's two people; empty otherwise. */
export async function pairSessionsOf(db: Database, tenantId: string, pairId: string, email: string): Promise<LedgerSession[]> {
  const found = await rows<Record<string, unknown>>(
    db,
    sql`select ${columns} from bookings b
         where b.tenant_id = ${tenantId} and b.pair_id = ${pairId}
           and (lower(b.organizer_email) = ${email.toLowerCase()} or lower(b.attendee_email) = ${email.toLowerCase()})
         order by b.session`,
  );
  return found.map((r) => LedgerSession.parse(r));
}

/**
 * booked → moving with the slot asked for, in one transaction that locks the pair's
 * rows: only if the session is still booked at the slot the request read, and the
 * pair's other sessions are where the request read them and none is moving (their
 * places decided the week's spacing). A second move of the same pair, or the rollout
 * moving one of its sessions meanwhile, makes it refuse. The caller holds the lease.
 */
export async function beginMove(
  db: Database,
  read: { row: LedgerSession; sessions: readonly LedgerSession[] },
  move: { start: string; end: string; requestedBy: string; holder: string; leaseMs: number },
): Promise<boolean> {
  const { row } = read;
  return db.transaction(async (tx) => {
    const now = await rows<Record<string, unknown>>(
      tx,
      sql`select ${columns} from bookings b
           where b.tenant_id = ${row.tenant_id} and b.cohort_id = ${row.cohort_id} and b.pair_id = ${row.pair_id}
           order by b.session
           for update`,
    );
    const current = now.map((r) => LedgerSession.parse(r));
    const unchanged =
      current.length === read.sessions.length &&
      current.every((c, i) => {
        const seen = read.sessions[i];
        return seen !== undefined && c.session === seen.session && c.starts_at === seen.starts_at && c.state === seen.state && c.state !== 'moving';
      });
    const mine = current.find((c) => c.session === row.session);
    if (!unchanged || mine === undefined || mine.state !== 'booked' || mine.event_id === null) return false;
    await tx.execute(
      sql`update bookings
             set state = 'moving', move_starts_at = ${move.start}, move_ends_at = ${move.end}, move_requested_by = ${move.requestedBy}, attempts = 0,
                 claimed_by = ${move.holder}, claim_expires_at = now() + (${move.leaseMs} * interval '1 millisecond'), updated_at = now()
           where tenant_id = ${row.tenant_id} and cohort_id = ${row.cohort_id} and pair_id = ${row.pair_id} and session = ${row.session}`,
    );
    return true;
  });
}

/** A move whose holder died (its lease ran out): claimed again by `holder`, with a fresh lease. */
export async function claimExpiredMoves(db: Database, holder: string, limit: number, leaseMs: number): Promise<LedgerSession[]> {
  const claimed = await rows<Record<string, unknown>>(
    db,
    sql`
    with picked as (
      select tenant_id, cohort_id, pair_id, session from bookings
       where state = 'moving' and claim_expires_at < now()
       order by claim_expires_at
       limit ${limit}
       for update skip locked
    )
    update bookings b
       set claimed_by = ${holder}, claim_expires_at = now() + (${leaseMs} * interval '1 millisecond'), updated_at = now()
      from picked
     where b.tenant_id = picked.tenant_id and b.cohort_id = picked.cohort_id and b.pair_id = picked.pair_id and b.session = picked.session
    returning ${columns}`,
  );
  return claimed.map((r) => LedgerSession.parse(r));
}

export type MoveSettlement =
  /** The provider confirmed: the slot asked for becomes the session's time. */
  | { kind: 'confirmed' }
  /** The provider refused the update: the old slot stays, with why. */
  | { kind: 'refused'; error: string }
  /** No answer: the move stays in flight, for a worker to apply again after `retryInMs`; one more attempt counted. */
  | { kind: 'retry'; retryInMs: number; error: string }
  /**
   * The update was never confirmed within the budget, and the event was read back
   * elsewhere than the slot asked for: the move failed, the old slot stays the truth.
   */
  | { kind: 'not-confirmed'; attempts: number; error: string };

/**
 * Records a move's outcome, only while `holder` still holds the row: a holder whose
 * lease ran out cannot overwrite the one that took over. Returns the row as it now is,
 * or null when the row was not held any more.
 */
export async function settleMove(db: Database, row: LedgerSession, holder: string, outcome: MoveSettlement): Promise<LedgerSession | null> {
  const where = sql`b.tenant_id = ${row.tenant_id} and b.cohort_id = ${row.cohort_id} and b.pair_id = ${row.pair_id} and b.session = ${row.session}
    and b.state = 'moving' and b.claimed_by = ${holder}`;
  let statement;
  switch (outcome.kind) {
    case 'confirmed':
      statement = sql`update bookings b
           set state = 'booked', starts_at = b.move_starts_at, ends_at = b.move_ends_at,
               move_starts_at = null, move_ends_at = null, move_requested_by = null,
               claimed_by = null, claim_expires_at = null, last_error = null, updated_at = now()
         where ${where} returning ${columns}`;
      break;
    case 'refused':
      statement = sql`update bookings b
           set state = 'booked', move_starts_at = null, move_ends_at = null, move_requested_by = null,
               claimed_by = null, claim_expires_at = null, last_error = ${`MOVE_REFUSED: ${outcome.error}`}, updated_at = now()
         where ${where} returning ${columns}`;
      break;
    case 'retry':
      statement = sql`update bookings b
           set claimed_by = null, claim_expires_at = now() + (${Math.max(0, Math.round(outcome.retryInMs))} * interval '1 millisecond'),
               attempts = b.attempts + 1, last_error = ${outcome.error}, updated_at = now()
         where ${where} returning ${columns}`;
      break;
    case 'not-confirmed':
      statement = sql`update bookings b
           set state = 'failed', failure_code = 'MOVE_NOT_CONFIRMED', failure_params = ${JSON.stringify({ attempts: outcome.attempts })}::jsonb,
               move_starts_at = null, move_ends_at = null, move_requested_by = null,
               claimed_by = null, claim_expires_at = null, last_error = ${`MOVE_NOT_CONFIRMED: ${outcome.error}`}, updated_at = now()
         where ${where} returning ${columns}`;
      break;
  }
  const [settled] = await rows<Record<string, unknown>>(db, statement);
  return settled === undefined ? null : LedgerSession.parse(settled);
}
