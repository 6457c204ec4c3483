import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store/database.ts';
import { createWorker } from '../../server/rollout/worker.ts';
import { tenantRegistry } from '../../server/runtime/tenants.ts';
import { freshStore } from '../support/databases.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

describe.skipIf(process.env.BINOME_TEST_DATABASE_URL === undefined)('two workers on one PostgreSQL', () => {
  let database: Store;
  let url: string;
  let stack: TestStack;
  let second: Store;

  beforeAll(async () => {
    database = await freshStore('postgres');
    url = database.url ?? '';
    stack = await startTestStack(smallTenant(), { databaseUrl: url, workers: 0 });
    second = await openStore({ databaseUrl: url, dataDir: null });
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await database?.close();
  });

  it('share the rollout: each books part of it, and every session lands once', async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    await stack.call('POST', `${base}/matching`);
    await stack.call('POST', `${base}/publish`);
    await stack.call('POST', `${base}/rollout`);

    const registry = tenantRegistry([stack.runtime]);
    const logger = pino({ level: 'silent' });
    // Two pools on one database, as two processes would have; small claims so both get some.
    const a = createWorker({ db: stack.store.db, registry, workerId: 'process-a', logger, claimSize: 1 });
    const b = createWorker({ db: second.db, registry, workerId: 'process-b', logger, claimSize: 1 });
    const handled = { a: 0, b: 0 };
    for (let round = 0; round < 50; round++) {
      const [na, nb] = await Promise.all([a.tick(), b.tick()]);
      handled.a += na;
      handled.b += nb;
      if (na === 0 && nb === 0) break;
    }
    expect(handled.a).toBeGreaterThan(0);
    expect(handled.b).toBeGreaterThan(0);
    expect(handled.a + handled.b).toBe(8);
    const progress = (await stack.call('GET', `${base}/rollout`)).body as { done: boolean; byState: Record<string, number> };
    expect(progress).toMatchObject({ done: true, byState: { booked: 8, failed: 0 } });
    const tagged = Object.values(stack.sandbox.calendars())
      .flat()
      .filter((e) => e.binome !== null)
      .map((e) => `${e.organizer} ${e.binome?.pairId} ${e.binome?.session}`);
    expect(tagged).toHaveLength(16);
    expect(new Set(tagged).size).toBe(8);
  });
});
