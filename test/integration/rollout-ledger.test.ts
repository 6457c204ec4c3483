import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/database.ts';
import { ensureTenant, insertCohort, saveProposal, setCohortStatus } from '../../server/programme/repository.ts';
import { claimBookings, renewClaims, retryFailedBookings, rolloutProgress, settleBookings, writeLedger, type LedgerEntry } from '../../server/rollout/ledger.ts';
import { bookingKeyFor } from '../../server/rollout/keys.ts';
import { freshStore, storeKinds } from '../support/databases.ts';

const tenant = { id: 'acme', name: 'Acme', domain: 'acme.example', platform: 'microsoft' as const };
const cohortId = '6f1c1c7e-3a53-4c1c-9a1e-0d1f3f7a9b10';

async function publishedCohort(store: Store, pairCount: number, sessions: number): Promise<LedgerEntry[]> {
  await ensureTenant(store.db, tenant);
  await insertCohort(store.db, tenant.id, cohortId, {
    name: 'Pilot', format: 'classic', sessions, sessionMinutes: 60, start: '2027-01-11', weeks: 26,
  });
  const pairs = Array.from({ length: pairCount }, (_, i) => ({
    pairId: `p${i}`,
    mentorEmail: `mentor${i}@acme.example`,
    menteeEmail: `mentee${i}@acme.example`,
    score: 10,
    reasons: [],
    sessions: [],
  }));
  await saveProposal(store.db, tenant.id, cohortId, { pairs, unmatched: [] }, new Date('2027-01-04T08:00:00Z'));
  const entries = pairs.flatMap((p, i) =>
    Array.from({ length: sessions }, (_, s) => ({
      pairId: p.pairId,
      session: s + 1,
      idempotencyKey: bookingKeyFor(tenant.id, cohortId, p.pairId, s + 1),
      organizerEmail: p.mentorEmail,
      attendeeEmail: p.menteeEmail,
      subject: `session ${s + 1}`,
      online: true,
      start: new Date(Date.UTC(2027, 0, 11 + s * 28, 9 + (i % 8))).toISOString(),
      end: new Date(Date.UTC(2027, 0, 11 + s * 28, 10 + (i % 8))).toISOString(),
    })),
  );
  await writeLedger(store.db, tenant.id, cohortId, entries);
  await setCohortStatus(store.db, tenant.id, cohortId, 'rolling_out', new Date('2027-01-04T08:00:00Z'));
  return entries;
}

describe.each(storeKinds)('booking ledger on %s', (kind) => {
  let store: Store | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });

  it('writes one row per pair and session, and writing it again adds nothing', async () => {
    store = await freshStore(kind);
    const entries = await publishedCohort(store, 5, 6);
    await writeLedger(store.db, tenant.id, cohortId, entries);
    const progress = await rolloutProgress(store.db, tenant.id, cohortId);
    expect(progress.total).toBe(30);
    expect(progress.byState.planned).toBe(30);
  });

  it('never hands the same row to two workers claiming at once', async () => {
    store = await freshStore(kind);
    await publishedCohort(store, 20, 6);
    const db = store.db;
    const [a, b, c] = await Promise.all([
      claimBookings(db, 'worker-a', 50, 60_000),
      claimBookings(db, 'worker-b', 50, 60_000),
      claimBookings(db, 'worker-c', 50, 60_000),
    ]);
    const keys = [...(a ?? []), ...(b ?? []), ...(c ?? [])].map((r) => r.idempotency_key);
    expect(keys).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);
    expect(await claimBookings(db, 'worker-d', 50, 60_000)).toHaveLength(0);
  });

  it('gives a row whose worker died back to another worker, marked for a lookup first', async () => {
    store = await freshStore(kind);
    await publishedCohort(store, 1, 2);
    const first = await claimBookings(store.db, 'dead-worker', 10, 1);
    expect(first).toHaveLength(2);
    expect(first.every((r) => r.needs_lookup === 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    const again = await claimBookings(store.db, 'live-worker', 10, 60_000);
    expect(again).toHaveLength(2);
    expect(again.every((r) => r.needs_lookup === 1 && r.attempts === 2)).toBe(true);
  });

  it('ignores the late answer of a worker that lost its claim', async () => {
    store = await freshStore(kind);
    await publishedCohort(store, 1, 1);
    const [row] = await claimBookings(store.db, 'slow-worker', 10, 1);
    await new Promise((r) => setTimeout(r, 20));
    const [taken] = await claimBookings(store.db, 'other-worker', 10, 60_000);
    if (row === undefined || taken === undefined) throw new Error('expected one claimed row each time');
    await settleBookings(store.db, 'slow-worker', [{ row, outcome: { state: 'failed', code: 'RETRIES_EXHAUSTED', error: 'late' } }]);
    await settleBookings(store.db, 'other-worker', [{ row: taken, outcome: { state: 'booked', eventId: 'evt-1', onlineMeetingUrl: null } }]);
    const progress = await rolloutProgress(store.db, tenant.id, cohortId);
    expect(progress.byState).toEqual({ planned: 0, booking: 0, booked: 1, failed: 0, moving: 0 });
    expect(progress.done).toBe(true);
  });

  it('puts a throttled row back with its Retry-After delay', async () => {
    store = await freshStore(kind);
    await publishedCohort(store, 1, 1);
    const [row] = await claimBookings(store.db, 'w', 10, 60_000);
    if (row === undefined) throw new Error('expected a row');
    await settleBookings(store.db, 'w', [{ row, outcome: { state: 'planned', retryInMs: 60_000, needsLookup: false, error: 'throttled' } }]);
    expect(await claimBookings(store.db, 'w', 10, 60_000)).toHaveLength(0);
    const progress = await rolloutProgress(store.db, tenant.id, cohortId);
    expect(progress.byState.planned).toBe(1);
    expect(progress.done).toBe(false);
  });

  it('retries failed rows from scratch, looking up first only the ones whose event may exist', async () => {
    store = await freshStore(kind);
    await publishedCohort(store, 1, 2);
    const claimed = await claimBookings(store.db, 'w', 10, 60_000);
    const [unknown, refused] = claimed;
    if (unknown === undefined || refused === undefined) throw new Error('expected two rows');
    await settleBookings(store.db, 'w', [
      { row: unknown, outcome: { state: 'failed', code: 'OUTCOME_UNKNOWN', error: 'outcome unknown after 12 attempts' } },
      { row: refused, outcome: { state: 'failed', code: 'PROVIDER_REFUSED', error: 'ErrorItemNotFound: no mailbox' } },
    ]);
    const failed = await rolloutProgress(store.db, tenant.id, cohortId);
    expect(failed.failures.map((f) => [f.session, f.code, f.mentorEmail])).toEqual([
      [1, 'OUTCOME_UNKNOWN', 'mentor0@acme.example'],
      [2, 'PROVIDER_REFUSED', 'mentor0@acme.example'],
    ]);
    expect(failed.failures[1]?.action).toContain('ErrorItemNotFound: no mailbox');

    expect(await retryFailedBookings(store.db, tenant.id, cohortId)).toBe(2);
    const again = await claimBookings(store.db, 'w', 10, 60_000);
    expect(again.map((r) => [r.session, r.needs_lookup, r.attempts])).toEqual([
      [1, 1, 1],
      [2, 0, 1],
    ]);
    expect(await retryFailedBookings(store.db, tenant.id, cohortId)).toBe(0);
  });
});

describe.each(storeKinds)('lease renewal on %s', (kind) => {
  it('renews only the rows a worker still holds', async () => {
    const store = await freshStore(kind);
    try {
      await publishedCohort(store, 2, 1);
      const mine = await claimBookings(store.db, 'slow', 10, 1);
      expect(mine).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 20));
      const [stolen] = await claimBookings(store.db, 'fast', 1, 60_000);
      const kept = await renewClaims(store.db, 'slow', mine, 60_000);
      expect(kept).toHaveLength(1);
      expect(kept[0]?.idempotency_key).not.toBe(stolen?.idempotency_key);
    } finally {
      await store.close();
    }
  });
});
