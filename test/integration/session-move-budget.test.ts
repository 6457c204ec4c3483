import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/store/database.ts';
import { beginMove, moveAttempts, pairSessionsOf } from '../../server/rollout/moves.ts';
import { expireAllClaims } from '../../server/rollout/ledger.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

interface Pair {
  pairId: string;
  mentorEmail: string;
  menteeEmail: string;
}

/**
 * A session move whose calendar update is never confirmed: the sandbox throttles
 * every Graph call (nothing is applied), the workers try the update a bounded number
 * of times, then read the event back and end the move where the calendar shows it.
 */
describe('a move the calendar never confirms (Microsoft Graph sandbox)', () => {
  let stack: TestStack;
  let pair: Pair;
  let cohortId: string;

  const tenantId = smallTenant().tenant.id;
  const ledgerRow = async (session: number) => {
    const row = (await pairSessionsOf(stack.store.db, tenantId, pair.pairId, pair.mentorEmail)).find((s) => s.session === session);
    if (row === undefined) throw new Error(`no ledger row for session ${session}`);
    return row;
  };
  const copiesOf = (session: number) =>
    Object.entries(stack.sandbox.calendars()).flatMap(([email, events]) =>
      events.filter((e) => e.binome?.pairId === pair.pairId && e.binome.session === session).map((e) => ({ email, start: Date.parse(e.start), end: Date.parse(e.end) })),
    );
  const updatesSent = () =>
    Object.entries(stack.sandbox.requestCounts())
      .filter(([label]) => label.startsWith('PATCH ') && label.includes('/events/'))
      .reduce((sum, [, n]) => sum + n, 0);
  /** One worker pass over moves whose lease or wait ran out. */
  const workerPass = async () => {
    await expireAllClaims(stack.store.db);
    await stack.workers[0]?.tick();
  };
  /** A move begun by a request that then died, to a free slot a week after the pair's last session. */
  const beginMoveOf = async (session: number) => {
    const row = await ledgerRow(session);
    const sessions = await pairSessionsOf(stack.store.db, tenantId, pair.pairId, pair.mentorEmail);
    const last = sessions.reduce((latest, s) => Math.max(latest, Date.parse(s.starts_at)), 0);
    const start = new Date(last + 8 * 86_400_000).toISOString();
    const end = new Date(Date.parse(start) + Date.parse(row.ends_at) - Date.parse(row.starts_at)).toISOString();
    expect(await beginMove(stack.store.db, { row, sessions }, { start, end, requestedBy: pair.menteeEmail, holder: 'request-that-died', leaseMs: 60_000 })).toBe(true);
    return { row, start, end };
  };

  beforeAll(async () => {
    stack = await startTestStack(smallTenant(), { now: '2027-01-04T08:00:00Z' });
    cohortId = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${cohortId}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const first = ((await stack.call('POST', `${base}/matching`)).body as { pairs: Pair[] }).pairs[0];
    if (first === undefined) throw new Error('the small tenant forms pairs');
    pair = first;
    await stack.call('POST', `${base}/publish`);
    await stack.call('POST', `${base}/rollout`);
    for (let i = 0; i < 50; i++) if ((await stack.workers[0]?.tick()) === 0) break;
    expect((await stack.call('GET', `${base}/rollout`)).body).toMatchObject({ done: true, byState: { booked: 8 } });
  }, 120_000);
  afterAll(async () => {
    stack.sandbox.setKnobs({});
    await stack?.close();
  });

  it(`stops updating after ${moveAttempts} attempts, and fails the move with MOVE_NOT_CONFIRMED once the event is read back at the old slot`, async () => {
    const { row, start } = await beginMoveOf(2);
    stack.sandbox.setKnobs({ faults: { rate429: 1 } });
    for (let i = 0; i < moveAttempts; i++) await workerPass();
    // The updates are spent and the calendar cannot be read either: the move stays in flight, the old slot the truth.
    const spent = await ledgerRow(2);
    expect(spent).toMatchObject({ state: 'moving', starts_at: row.starts_at, move_starts_at: start });
    expect(spent.attempts).toBeGreaterThanOrEqual(moveAttempts);
    const sent = updatesSent();
    await workerPass();
    expect(updatesSent()).toBe(sent);
    expect(await ledgerRow(2)).toMatchObject({ state: 'moving' });

    stack.sandbox.setKnobs({});
    await workerPass();
    const failed = await ledgerRow(2);
    expect(failed).toMatchObject({ state: 'failed', starts_at: row.starts_at, ends_at: row.ends_at, event_id: row.event_id, move_starts_at: null });
    expect(failed.last_error).toMatch(/^MOVE_NOT_CONFIRMED: /);
    const [reason] = await rows<{ code: string; params: unknown }>(
      stack.store.db,
      sql`select failure_code as code, failure_params as params from bookings where tenant_id = ${tenantId} and pair_id = ${pair.pairId} and session = 2`,
    );
    expect(reason).toEqual({ code: 'MOVE_NOT_CONFIRMED', params: { attempts: moveAttempts } });
    const copies = copiesOf(2);
    expect(copies.map((c) => c.email).sort()).toEqual([pair.mentorEmail, pair.menteeEmail].sort());
    for (const copy of copies) expect(copy).toMatchObject({ start: Date.parse(row.starts_at), end: Date.parse(row.ends_at) });

    // HR sees why, and a retry finds the event where it is: booked again at the old slot, no second event.
    const progress = (await stack.call('GET', `/api/admin/cohorts/${cohortId}/rollout`)).body as { failures: { session: number; code: string; params: Record<string, unknown>; action: string }[] };
    expect(progress.failures).toEqual([expect.objectContaining({ session: 2, code: 'MOVE_NOT_CONFIRMED', params: expect.objectContaining({ attempts: moveAttempts }) })]);
    expect(progress.failures[0]?.action).toContain(`after ${moveAttempts} attempts`);
    expect((await stack.call('POST', `/api/admin/cohorts/${cohortId}/rollout/retry`)).status).toBe(202);
    for (let i = 0; i < 10; i++) if ((await stack.workers[0]?.tick()) === 0) break;
    expect(await ledgerRow(2)).toMatchObject({ state: 'booked', starts_at: row.starts_at, event_id: row.event_id });
    expect(copiesOf(2)).toHaveLength(2);
  }, 180_000);

  it('confirms a move whose update the provider applied without answering, once the budget is spent and the event is read back at the new slot', async () => {
    const { row, start, end } = await beginMoveOf(3);
    await stack.store.db.execute(sql`update bookings set attempts = ${moveAttempts} where tenant_id = ${tenantId} and pair_id = ${pair.pairId} and session = 3`);
    // The last update reached the calendar, but its answer never came back.
    await stack.runtime.calendar.updateEvent(row.organizer_email, row.event_id ?? '', { start, end });
    const sent = updatesSent();
    await workerPass();
    expect(updatesSent()).toBe(sent);
    expect(await ledgerRow(3)).toMatchObject({ state: 'booked', starts_at: start, ends_at: end, move_starts_at: null });
    const copies = copiesOf(3);
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(copy).toMatchObject({ start: Date.parse(start), end: Date.parse(end) });
  });
});
