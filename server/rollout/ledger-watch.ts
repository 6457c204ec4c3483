import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../store/database.ts';
import { tenantOf, type ProgrammeContext } from '../programme/service.ts';
import { RolloutEvent, rolloutCounts } from '../../contract/rollout-events.ts';
import { progress } from './service.ts';

/**
 * The ledger's version: the cohort's stored state and, over its booking rows, the count
 * per state and the sum of their update times. Every write to a row sets updated_at,
 * so any change moves the sum, whichever process or worker made it. One indexed range
 * read (the primary key starts with tenant and cohort); null when the cohort is gone.
 */
export async function ledgerVersion(db: Database, tenantId: string, cohortId: string): Promise<string | null> {
  const found = await rows<Record<string, string | number | null>>(
    db,
    sql`select c.status,
               count(b.session) as n,
               count(b.session) filter (where b.state = 'booked') as booked,
               count(b.session) filter (where b.state = 'failed') as failed,
               count(b.session) filter (where b.state = 'moving') as moving,
               coalesce(sum(extract(epoch from b.updated_at)), 0)::text as stamp
          from cohorts c
          left join bookings b on b.tenant_id = c.tenant_id and b.cohort_id = c.cohort_id
         where c.tenant_id = ${tenantId} and c.cohort_id = ${cohortId}
         group by c.status`,
  );
  const row = found[0];
  if (row === undefined) return null;
  const raw = [row.status, row.n, row.booked, row.failed, row.moving, row.stamp].join('|');
  return createHash('sha256').update(raw).digest('base64url').slice(0, 16);
}

export interface LedgerListener {
  change(event: RolloutEvent): void;
  /** The ledger could not be read (or the cohort is gone): the listener has been dropped. */
  fail(error: Error): void;
}

export interface LedgerWatch {
  /** Starts telling `listener` the cohort's progress: the latest known at once, then every change. Returns the way to stop. */
  subscribe(ctx: ProgrammeContext, cohortId: string, listener: LedgerListener): () => void;
  /** What is being watched: cohorts polled and listeners held (zero of each once every stream has ended). */
  watching(): { cohorts: number; listeners: number };
  /** Stops every poll and tells every listener; for the service's shutdown. */
  close(): void;
}

interface Watched {
  ctx: ProgrammeContext;
  cohortId: string;
  listeners: Set<LedgerListener>;
  timer: NodeJS.Timeout | null;
  version: string | null;
  last: RolloutEvent | null;
}

/**
 * Polls each watched cohort's ledger version, one query per cohort per interval however
 * many streams follow it, and reads the full progress only when the version moved.
 * Polling the database (rather than an in-process emitter, or LISTEN/NOTIFY) sees the
 * writes of every worker and every service process on both stores with no hook at each
 * of the ledger's writers; docs/progress.md has the measurements.
 */
export function createLedgerWatch(options: { intervalMs: number }): LedgerWatch {
  const watched = new Map<string, Watched>();

  const drop = (key: string, w: Watched, error: Error): void => {
    if (w.timer !== null) clearTimeout(w.timer);
    w.timer = null;
    watched.delete(key);
    for (const l of [...w.listeners]) l.fail(error);
    w.listeners.clear();
  };

  async function poll(key: string, w: Watched): Promise<void> {
    const tenantId = tenantOf(w.ctx);
    const version = await ledgerVersion(w.ctx.db, tenantId, w.cohortId);
    if (version === null) throw new Error(`cohort ${w.cohortId} is gone`);
    if (version === w.version || watched.get(key) !== w) return;
    const read = await progress(w.ctx, w.cohortId);
    if (!read.ok) throw new Error(read.error.message);
    // Reading progress may settle the cohort's state (running once all is booked), which moves the version once more.
    w.version = await ledgerVersion(w.ctx.db, tenantId, w.cohortId);
    const event = RolloutEvent.parse({ ...read.value, counts: rolloutCounts(read.value), version: w.version ?? version });
    if (w.last !== null && sameProgress(w.last, event)) return;
    w.last = event;
    for (const l of [...w.listeners]) l.change(event);
  }

  function schedule(key: string, w: Watched, delayMs: number): void {
    w.timer = setTimeout(() => {
      w.timer = null;
      poll(key, w).then(
        () => {
          if (watched.get(key) === w && w.listeners.size > 0) schedule(key, w, options.intervalMs);
        },
        (error: unknown) => drop(key, w, error instanceof Error ? error : new Error(String(error))),
      );
    }, delayMs);
  }

  return {
    subscribe(ctx, cohortId, listener) {
      const key = `${tenantOf(ctx)}\u0000${cohortId}`;
      let w = watched.get(key);
      if (w === undefined) {
        w = { ctx, cohortId, listeners: new Set(), timer: null, version: null, last: null };
        watched.set(key, w);
        schedule(key, w, 0);
      } else if (w.last !== null) {
        listener.change(w.last);
      }
      w.listeners.add(listener);
      const held = w;
      return () => {
        held.listeners.delete(listener);
        if (held.listeners.size > 0 || watched.get(key) !== held) return;
        if (held.timer !== null) clearTimeout(held.timer);
        held.timer = null;
        watched.delete(key);
      };
    },
    watching() {
      let listeners = 0;
      for (const w of watched.values()) listeners += w.listeners.size;
      return { cohorts: watched.size, listeners };
    },
    close() {
      for (const [key, w] of [...watched]) drop(key, w, new Error('the service is stopping'));
    },
  };
}

/** The version alone may move with nothing HR would see (a lease taken and given back). */
function sameProgress(a: RolloutEvent, b: RolloutEvent): boolean {
  return JSON.stringify({ ...a, version: '' }) === JSON.stringify({ ...b, version: '' });
}
