import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCohortId, seedDemo } from '../../server/demo/seed.ts';
import { cohorts } from '../../server/store/schema.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const now = '2027-03-10T09:30:00Z';

describe('the demo seed', () => {
  let stack: TestStack;
  let dir: string;
  let file: string;
  const seed = () => seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: () => new Date(now), enrolmentsFile: file });
  const as = async (email: string, path: string) => {
    const response = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${await stack.sandbox.issueUserToken(email)}` } });
    return (await response.json()) as unknown;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'binome-seed-'));
    file = join(dir, 'enrolments.csv');
    await writeFile(file, smallEnrolments);
    stack = await startTestStack(smallTenant(), { now });
    await seed();
    const [worker] = stack.workers;
    while (worker !== undefined && (await worker.tick()) > 0);
  }, 120_000);

  afterAll(async () => {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds a cohort open for volunteering and a running one, with fixed ids and dates from the demo clock', async () => {
    const open = (await as('noah.dubois@acme.example', '/api/me/cohorts')) as { cohortId: string; status: string; start: string; canChange: boolean }[];
    expect(open).toEqual([expect.objectContaining({ cohortId: demoCohortId('acme', 'open'), status: 'open', start: '2027-04-05', canChange: true })]);
    const chloes = (await as('chloe.martin@acme.example', '/api/me/cohorts')) as { cohortId: string; status: string; start: string; pairId: string | null }[];
    expect(chloes.map((c) => [c.cohortId, c.status, c.start])).toEqual([
      [demoCohortId('acme', 'running'), 'rolling_out', '2027-02-22'],
      [demoCohortId('acme', 'open'), 'open', '2027-04-05'],
    ]);
    expect(chloes[0]?.pairId).toMatch(/^p[0-9a-f]{15}$/);
  });

  it('books the running cohort, whose first session is already over, so notes and feedback can be tried at once', async () => {
    const sessions = (await as('chloe.martin@acme.example', '/api/me/sessions')) as { session: number; state: string; ended: boolean; end: string }[];
    expect(sessions).toHaveLength(4);
    expect(sessions.every((s) => s.state === 'booked')).toBe(true);
    expect(sessions[0]).toMatchObject({ session: 1, ended: true });
    expect(sessions.at(-1)?.ended).toBe(false);
  });

  it('changes nothing when the demo starts again', async () => {
    const before = await as('chloe.martin@acme.example', '/api/me/pairs');
    await seed();
    expect(await as('chloe.martin@acme.example', '/api/me/pairs')).toEqual(before);
    expect((await stack.store.db.select({ id: cohorts.cohortId }).from(cohorts)).map((c) => c.id).sort()).toEqual([demoCohortId('acme', 'open'), demoCohortId('acme', 'running')].sort());
  });
});
