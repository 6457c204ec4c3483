import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

interface Pair {
  pairId: string;
  mentorEmail: string;
  menteeEmail: string;
}

interface Progress {
  done: boolean;
  byState: { booked: number; failed: number };
  failures: { pairId: string; session: number; mentorEmail: string; menteeEmail: string; startsAt: string; code: string; error: string; action: string }[];
}

describe('rollout failures HR can act on', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(smallTenant());
  });
  afterAll(async () => {
    await stack.close();
  });

  async function rolloutSettles(base: string): Promise<Progress> {
    for (const w of stack.workers) w.start();
    let progress = (await stack.call('GET', `${base}/rollout`)).body as Progress;
    for (let i = 0; i < 300 && !progress.done; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await stack.call('GET', `${base}/rollout`)).body as Progress;
    }
    await Promise.all(stack.workers.map((w) => w.stop()));
    return progress;
  }

  it('names the people, the cause and the next step of a session given up, and books it once HR retries after fixing the cause', async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    expect((await stack.call('POST', `${base}/rollout/retry`)).body).toMatchObject({ code: 'NOT_ROLLING_OUT', field: 'cohortId' });

    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const proposal = (await stack.call('POST', `${base}/matching`)).body as { pairs: Pair[] };
    const pair = proposal.pairs.find((p) => p.mentorEmail === 'chloe.martin@acme.example');
    if (pair === undefined) throw new Error('expected Chloé in a pair');
    expect((await stack.call('POST', `${base}/publish`)).status).toBe(200);

    // After publishing, the mentee blocks the whole programme with an offsite: no slot is left to move to.
    const [offsite] = await stack.runtime.calendar.createEvents([
      {
        key: 'offsite',
        organizerEmail: pair.menteeEmail,
        attendeeEmails: ['helene.roux@acme.example'],
        subject: 'Offsite',
        body: 'unrelated',
        start: '2027-01-04T00:00:00.000Z',
        end: '2027-06-01T00:00:00.000Z',
        online: false,
        tag: { cohortId: 'other-programme', pairId: 'x', session: 1 },
      },
    ]);
    if (offsite?.status !== 'created') throw new Error(`the offsite was not created: ${JSON.stringify(offsite)}`);

    expect((await stack.call('POST', `${base}/rollout`)).status).toBe(202);
    const failedOnce = await rolloutSettles(base);
    expect(failedOnce.byState).toMatchObject({ booked: 4, failed: 4 });
    expect(failedOnce.failures.map((f) => f.session)).toEqual([1, 2, 3, 4]);
    for (const failure of failedOnce.failures) {
      expect(failure).toMatchObject({ pairId: pair.pairId, mentorEmail: pair.mentorEmail, menteeEmail: pair.menteeEmail, code: 'NO_FREE_SLOT' });
      expect(failure.error).toContain(pair.menteeEmail);
      expect(failure.action).toContain(pair.menteeEmail);
      expect(failure.action).toContain('retry the rollout');
    }

    await stack.runtime.calendar.cancelEvent(pair.menteeEmail, offsite.eventId, 'Offsite cancelled');
    const retry = await stack.call('POST', `${base}/rollout/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ retried: 4, status: 'rolling_out', byState: { failed: 0 } });

    const after = await rolloutSettles(base);
    expect(after.byState).toMatchObject({ booked: 8, failed: 0 });
    expect(after.failures).toEqual([]);
    const ours = (stack.sandbox.calendars()[pair.menteeEmail] ?? []).filter((e) => e.binome?.pairId === pair.pairId);
    expect(ours.map((e) => e.binome?.session).sort()).toEqual([1, 2, 3, 4]);
  });

  it('answers 503 naming the provider when Graph keeps failing, changes nothing, and imports once Graph is back', async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    stack.sandbox.setKnobs({ faults: { rate5xx: 1 } });
    const down = await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((down.body as { message: string }).message).toMatch(/^Microsoft Graph did not answer \(GET \/users.*nothing was changed, try again$/);
    expect((await stack.call('GET', `${base}/enrolments`)).body).toEqual([]);

    stack.sandbox.setKnobs({});
    const up = await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect(up.status).toBe(200);
  });
});
