import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchingProgress, matchingProgressPath } from '../../contract/matching-progress.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

describe('the proposal being formed, as HR waits for it', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(smallTenant(), { workers: 0 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('says which phase it is in, with its counts, while POST …/matching runs, and nothing once it is over', async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    await stack.call('POST', `/api/admin/cohorts/${id}/enrolments`, smallEnrolments, 'text/csv');
    expect(MatchingProgress.parse((await stack.call('GET', matchingProgressPath(id))).body)).toEqual({ running: false, phase: null, elapsedMs: null, counts: {} });

    // A slow provider stretches the free/busy read over seconds, as a large tenant's does.
    stack.sandbox.setKnobs({ latencyMs: 1_500 });
    const matching = stack.call('POST', `/api/admin/cohorts/${id}/matching`);
    const seen: MatchingProgress[] = [];
    let finished = false;
    void matching.finally(() => (finished = true));
    while (!finished) {
      seen.push(MatchingProgress.parse((await stack.call('GET', matchingProgressPath(id))).body));
      await new Promise((r) => setTimeout(r, 100));
    }
    stack.sandbox.setKnobs({});
    const view = (await matching).body as { pairs: unknown[]; unmatched: unknown[] };
    expect(view.pairs.length).toBeGreaterThan(0);
    const running = seen.filter((p) => p.running);
    expect(running.length).toBeGreaterThan(0);
    expect(running[0]).toMatchObject({ phase: 'calendars', counts: { volunteers: 6 } });
    const elapsed = running.map((p) => p.elapsedMs ?? -1);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(MatchingProgress.parse((await stack.call('GET', matchingProgressPath(id))).body).running).toBe(false);
  });

  it('refuses an unknown cohort and a caller without a token in the usual error shape', async () => {
    expect(await stack.call('GET', matchingProgressPath('0b6f8c1e-4a8e-4c55-9f57-5d0c3c1d2a11'))).toMatchObject({ status: 404, body: { code: 'COHORT_NOT_FOUND', field: 'cohortId' } });
    const anonymous = await fetch(`${stack.apiUrl}${matchingProgressPath('0b6f8c1e-4a8e-4c55-9f57-5d0c3c1d2a11')}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'TOKEN_MISSING' });
  });
});
