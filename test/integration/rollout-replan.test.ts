import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

interface Pair {
  pairId: string;
  mentorEmail: string;
  menteeEmail: string;
  sessions: { start: string; end: string }[];
}

describe('rollout when a calendar changed after matching', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(smallTenant());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('moves a session whose slot was taken since matching, and still books every session once', async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const proposal = (await stack.call('POST', `${base}/matching`)).body as { pairs: Pair[] };
    const pair = proposal.pairs.find((p) => p.mentorEmail === 'chloe.martin@acme.example');
    const second = pair?.sessions[1];
    if (pair === undefined || second === undefined) throw new Error('expected Chloé in a pair with a second session');
    expect((await stack.call('POST', `${base}/publish`)).status).toBe(200);

    // The mentee accepts another meeting right over session 2 before the rollout starts.
    const [outcome] = await stack.runtime.calendar.createEvents([
      {
        key: 'unrelated-meeting',
        organizerEmail: pair.menteeEmail,
        attendeeEmails: ['helene.roux@acme.example'],
        subject: 'Budget review',
        body: 'unrelated',
        start: second.start,
        end: second.end,
        online: false,
        tag: { cohortId: 'other-programme', pairId: 'x', session: 1 },
      },
    ]);
    expect(outcome?.status).toBe('created');

    expect((await stack.call('POST', `${base}/rollout`)).status).toBe(202);
    for (const w of stack.workers) w.start();
    let progress = { done: false, byState: { booked: 0, failed: 0 } };
    for (let i = 0; i < 200 && !progress.done; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await stack.call('GET', `${base}/rollout`)).body as typeof progress;
    }
    expect(progress.byState).toMatchObject({ booked: 8, failed: 0 });

    const after = ((await stack.call('GET', `${base}/matching`)).body as { pairs: Pair[] }).pairs.find((p) => p.pairId === pair.pairId);
    const moved = after?.sessions[1];
    expect(moved?.start).not.toBe(second.start);
    expect(Date.parse(moved?.start ?? '') >= Date.parse(second.end) || Date.parse(moved?.end ?? '') <= Date.parse(second.start)).toBe(true);
    const calendar = stack.sandbox.calendars()[pair.menteeEmail] ?? [];
    const ours = calendar.filter((e) => e.binome?.pairId === pair.pairId);
    expect(ours.map((e) => e.binome?.session).sort()).toEqual([1, 2, 3, 4]);
    expect(ours.find((e) => e.binome?.session === 2)?.start).toBe(moved?.start);
  });
});
