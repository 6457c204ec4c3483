import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

interface Progress {
  done: boolean;
  byState: Record<string, number>;
  failures: { pairId: string; session: number; code: string; action: string }[];
}

describe('reconciling the rollout with the calendars', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(smallTenant());
  });
  afterAll(async () => {
    await stack.close();
  });

  const waitForRollout = async (base: string): Promise<Progress> => {
    let progress = (await stack.call('GET', `${base}/rollout`)).body as Progress;
    for (let i = 0; i < 300 && !progress.done; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await stack.call('GET', `${base}/rollout`)).body as Progress;
    }
    return progress;
  };

  it('flags a booked session whose event was deleted from the calendar, and books it again on retry', async () => {
    const created = await stack.call('POST', '/api/admin/cohorts', cohort);
    const base = `/api/admin/cohorts/${(created.body as { cohortId: string }).cohortId}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    await stack.call('POST', `${base}/matching`);
    await stack.call('POST', `${base}/publish`);
    await stack.call('POST', `${base}/rollout`);
    for (const w of stack.workers) w.start();
    expect((await waitForRollout(base)).byState).toMatchObject({ booked: 8, failed: 0 });

    const clean = await stack.call('POST', `${base}/rollout/reconcile`);
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ checked: 8, missing: 0, unknown: 0 });

    // Someone deletes one session from the mentor's calendar by hand.
    const organizerCopies = Object.entries(stack.sandbox.calendars()).flatMap(([owner, list]) =>
      list.filter((e) => e.binome?.session === 2 && e.organizer.toLowerCase() === owner.toLowerCase()).map((event) => ({ owner, event })),
    );
    const first = organizerCopies[0];
    if (first === undefined || first.event.binome === null) throw new Error('no booked session found in a mentor calendar');
    const { owner: mentor, event: victim } = first;
    const { pairId } = first.event.binome;
    await stack.runtime.calendar.cancelEvent(mentor, victim.id, 'removed by hand');

    const reconciled = await stack.call('POST', `${base}/rollout/reconcile`);
    expect(reconciled.body).toMatchObject({ checked: 8, missing: 1, unknown: 0, byState: { booked: 7, failed: 1 } });
    const failures = (reconciled.body as Progress).failures;
    expect(failures).toEqual([expect.objectContaining({ pairId, session: 2, code: 'EVENT_MISSING' })]);
    expect(failures[0]?.action).toMatch(/no longer in the calendar/);

    expect((await stack.call('POST', `${base}/rollout/retry`)).status).toBe(202);
    expect((await waitForRollout(base)).byState).toMatchObject({ booked: 8, failed: 0 });
    const again = (stack.sandbox.calendars()[mentor] ?? []).filter((e) => e.binome?.pairId === pairId && e.binome.session === 2);
    expect(again).toHaveLength(1);
    expect(again[0]?.id).not.toBe(victim.id);
  });

  it('answers 404 with the error shape for a cohort it does not know', async () => {
    const res = await stack.call('POST', '/api/admin/cohorts/6f1c1c7e-3a53-4c1c-9a1e-0d1f3f7a9b10/rollout/reconcile');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'COHORT_NOT_FOUND' });
  });
});
