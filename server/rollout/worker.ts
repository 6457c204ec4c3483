import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../store/database.ts';
import type { TenantRegistry, TenantRuntime } from '../runtime/tenants.ts';
import type { CreateOutcome, LookupOutcome, SessionEvent } from '../../src/ports/calendar.ts';
import { claimBookings, renewClaims, settleBookings, type ClaimedBooking, type Settle } from './ledger.ts';
import { conflictsWithBusy } from './recheck.ts';
import { replanTakenSlot } from './replan.ts';
import { applyMove } from './move.ts';
import { claimExpiredMoves, settleMove } from './moves.ts';
import type { Clock } from '../runtime/clock.ts';

export interface WorkerOptions {
  db: Database;
  registry: TenantRegistry;
  workerId: string;
  logger: FastifyBaseLogger;
  /** Rows claimed at once: one free/busy re-check covers them all. */
  claimSize?: number;
  leaseMs?: number;
  /** Provider batches in flight at once. */
  concurrency?: number;
  idleMs?: number;
  maxAttempts?: number;
  /** The service's clock: a session is never moved into the past. */
  clock?: Clock;
}

/**
 * maxAttempts: claims of one row before it is given up, and then only once a
 * lookup has shown its event does not exist (or the lookups themselves keep
 * failing, which the failure then says).
 */
const DEFAULTS = { claimSize: 200, leaseMs: 120_000, concurrency: 4, idleMs: 250, maxAttempts: 12 };

/** Backoff for an unknown outcome when the provider gave no Retry-After. */
const backoffMs = (attempts: number): number => Math.min(30_000, 250 * 2 ** Math.min(attempts, 7));

export interface Worker {
  /** Claims and books once, and finishes moves whose holder died; resolves to the number of rows it handled. */
  tick(): Promise<number>;
  /** Runs until stopped. */
  start(): void;
  stop(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const o = { ...DEFAULTS, ...options };
  let running = false;
  let loop: Promise<void> | null = null;

  async function tick(): Promise<number> {
    const moves = await finishMoves();
    const claimed = await claimBookings(o.db, o.workerId, o.claimSize, o.leaseMs);
    const byTenant = new Map<string, ClaimedBooking[]>();
    for (const row of claimed) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row]);
    for (const [tenantId, group] of byTenant) {
      const runtime = o.registry.get(tenantId);
      if (runtime === undefined) {
        await settleBookings(
          o.db,
          o.workerId,
          group.map((row) => ({
            row,
            outcome: { state: 'planned', retryInMs: 60_000, needsLookup: row.needs_lookup === 1, error: `tenant ${tenantId} is not configured on this worker` },
          })),
        );
        continue;
      }
      await bookGroup(runtime, group);
    }
    return moves + claimed.length;
  }

  /**
   * Moves left in flight by a request or a worker that died or lost the provider's
   * answer (their lease ran out): the same update is applied again, which is harmless
   * if it had gone through, so the event is neither lost nor duplicated.
   */
  async function finishMoves(): Promise<number> {
    const moving = await claimExpiredMoves(o.db, o.workerId, o.claimSize, o.leaseMs);
    for (const row of moving) {
      const runtime = o.registry.get(row.tenant_id);
      if (runtime === undefined) {
        await settleMove(o.db, row, o.workerId, { kind: 'retry', retryInMs: 60_000, error: `tenant ${row.tenant_id} is not configured on this worker` });
        continue;
      }
      const applied = await applyMove(o.db, runtime.calendar, o.workerId, row);
      o.logger.info({ pairId: row.pair_id, session: row.session, to: row.move_starts_at, outcome: applied.outcome.kind }, 'session move finished by a worker');
    }
    return moving.length;
  }

  async function bookGroup(runtime: TenantRuntime, group: ClaimedBooking[]): Promise<void> {
    const toCreate = await settleThoseAlreadyBooked(runtime, group);
    const bookable = await recheckFreeBusy(runtime, toCreate);
    const chunks: ClaimedBooking[][] = [];
    for (let i = 0; i < bookable.length; i += runtime.calendar.maxEventsPerCall) {
      chunks.push(bookable.slice(i, i + runtime.calendar.maxEventsPerCall));
    }
    let next = 0;
    const lanes = Array.from({ length: Math.min(o.concurrency, chunks.length) }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        if (chunk !== undefined) await createChunk(runtime, chunk);
      }
    });
    const failed = (await Promise.allSettled(lanes)).find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** Rows whose earlier attempt had an unknown outcome: look the event up by its tag before creating it again. */
  async function settleThoseAlreadyBooked(runtime: TenantRuntime, group: ClaimedBooking[]): Promise<ClaimedBooking[]> {
    const uncertain = group.filter((r) => r.needs_lookup === 1);
    if (uncertain.length === 0) return group;
    let found: Map<string, LookupOutcome>;
    try {
      found = await runtime.calendar.findEvents(
        uncertain.map((r) => ({ organizerEmail: r.organizer_email, key: r.idempotency_key })),
      );
    } catch (error) {
      found = new Map(uncertain.map((r) => [r.idempotency_key, { status: 'unknown', detail: describe(error) }]));
    }
    const rest: ClaimedBooking[] = [];
    const settled: { row: ClaimedBooking; outcome: Settle }[] = [];
    for (const row of group) {
      if (row.needs_lookup !== 1) {
        rest.push(row);
        continue;
      }
      const answer = found.get(row.idempotency_key) ?? { status: 'unknown', detail: 'the lookup gave no answer for this event' };
      if (answer.status === 'found') {
        settled.push({ row, outcome: { state: 'booked', eventId: answer.eventId, onlineMeetingUrl: answer.onlineMeetingUrl } });
      } else if (answer.status === 'unknown') {
        const message = `lookup before retry failed: ${answer.detail}`;
        settled.push({
          row,
          outcome:
            row.attempts >= o.maxAttempts
              ? { state: 'failed', code: 'OUTCOME_UNKNOWN', error: `outcome unknown after ${row.attempts} attempts (the event may exist): ${message}` }
              : { state: 'planned', retryInMs: backoffMs(row.attempts), needsLookup: true, error: message },
        });
      } else if (row.attempts >= o.maxAttempts) {
        settled.push({ row, outcome: { state: 'failed', code: 'RETRIES_EXHAUSTED', error: `gave up after ${row.attempts} attempts; the calendar holds no such event` } });
      } else {
        rest.push(row);
      }
    }
    await settleBookings(o.db, o.workerId, settled);
    return rest;
  }

  /** Calendars move between matching and booking: a slot taken since then is not booked over. */
  async function recheckFreeBusy(runtime: TenantRuntime, group: ClaimedBooking[]): Promise<ClaimedBooking[]> {
    if (group.length === 0) return group;
    const emails = [...new Set(group.flatMap((r) => [r.organizer_email, r.attendee_email]))];
    const start = group.reduce((m, r) => (r.starts_at < m ? r.starts_at : m), group[0]?.starts_at ?? '');
    const end = group.reduce((m, r) => (r.ends_at > m ? r.ends_at : m), group[0]?.ends_at ?? '');
    let availability;
    try {
      availability = await runtime.calendar.availability(emails, { start, end });
    } catch (error) {
      const message = `free/busy re-check failed: ${describe(error)}`;
      await settleBookings(
        o.db,
        o.workerId,
        group.map((row) => ({
          row,
          outcome:
            row.attempts >= o.maxAttempts && row.needs_lookup === 0
              ? { state: 'failed', code: 'CALENDAR_UNREADABLE', error: `gave up after ${row.attempts} attempts: ${message}` }
              : { state: 'planned', retryInMs: backoffMs(row.attempts), needsLookup: row.needs_lookup === 1, error: message },
        })),
      );
      return [];
    }
    const busyByEmail = new Map(availability.map((a) => [a.email.toLowerCase(), a.busy]));
    const ok: ClaimedBooking[] = [];
    const lost: { row: ClaimedBooking; outcome: Settle }[] = [];
    for (const row of group) {
      const clash = conflictsWithBusy(row, busyByEmail);
      if (clash === null) {
        ok.push(row);
        continue;
      }
      const moved = await replanTakenSlot(o.db, runtime, o.workerId, row, clash, (o.clock ?? (() => new Date()))().getTime(), o.leaseMs);
      if (moved.ok) {
        o.logger.info({ pairId: row.pair_id, session: row.session, from: row.starts_at, to: moved.row.starts_at }, 'session moved: its slot was taken');
        ok.push(moved.row);
      } else if (moved.retry) {
        lost.push({ row, outcome: { state: 'planned', retryInMs: backoffMs(row.attempts), needsLookup: false, error: moved.error } });
      } else if (!moved.lostClaim) {
        lost.push({ row, outcome: { state: 'failed', code: 'NO_FREE_SLOT', error: moved.error } });
      }
    }
    await settleBookings(o.db, o.workerId, lost);
    return ok;
  }

  async function createChunk(runtime: TenantRuntime, claimed: ClaimedBooking[]): Promise<void> {
    const chunk = await renewClaims(o.db, o.workerId, claimed, o.leaseMs);
    if (chunk.length < claimed.length) {
      o.logger.warn({ worker: o.workerId, lost: claimed.length - chunk.length }, 'claims expired before booking; another worker has them');
    }
    if (chunk.length === 0) return;
    const events: SessionEvent[] = chunk.map((r) => ({
      key: r.idempotency_key,
      organizerEmail: r.organizer_email,
      attendeeEmails: [r.attendee_email],
      subject: r.subject,
      body: 'Binome reverse-mentoring session. Agenda, charter and notes: open the Binome add-in.',
      start: r.starts_at,
      end: r.ends_at,
      online: r.online,
      tag: { cohortId: r.cohort_id, pairId: r.pair_id, session: r.session },
    }));
    let outcomes: CreateOutcome[];
    try {
      outcomes = await runtime.calendar.createEvents(events);
    } catch (error) {
      outcomes = events.map((e) => ({ key: e.key, status: 'unknown', detail: describe(error) }));
    }
    const byKey = new Map(outcomes.map((x) => [x.key, x]));
    await settleBookings(
      o.db,
      o.workerId,
      chunk.map((row) => {
        const outcome = byKey.get(row.idempotency_key) ?? {
          key: row.idempotency_key,
          status: 'unknown' as const,
          detail: 'the provider returned no answer for this event',
        };
        return { row, outcome: settlementFor(row, outcome) };
      }),
    );
  }

  function settlementFor(row: ClaimedBooking, outcome: CreateOutcome): Settle {
    switch (outcome.status) {
      case 'created':
        return { state: 'booked', eventId: outcome.eventId, onlineMeetingUrl: outcome.onlineMeetingUrl };
      case 'throttled':
        return { state: 'planned', retryInMs: outcome.retryAfterMs, needsLookup: false, error: 'throttled by the provider', free: true };
      case 'unknown':
        // Never given up here: the event may exist. The next claim looks it up first.
        return { state: 'planned', retryInMs: backoffMs(row.attempts), needsLookup: true, error: outcome.detail };
      case 'rejected':
        return { state: 'failed', code: 'PROVIDER_REFUSED', error: `${outcome.code}: ${outcome.message}` };
    }
  }

  function start(): void {
    if (running) return;
    running = true;
    loop = (async () => {
      while (running) {
        try {
          const handled = await tick();
          if (handled === 0) await sleep(o.idleMs);
        } catch (error) {
          o.logger.error({ err: error, worker: o.workerId }, 'rollout worker tick failed');
          await sleep(o.idleMs * 4);
        }
      }
    })();
  }

  async function stop(): Promise<void> {
    running = false;
    await loop;
  }

  return { tick, start, stop };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
