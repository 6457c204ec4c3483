import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { cohorts } from '../store/schema.ts';
import { ensureTenant, insertCohort } from '../programme/repository.ts';
import { importEnrolments, runMatching, type ProgrammeContext } from '../programme/service.ts';
import { publish, startRollout } from '../rollout/service.ts';
import { cohortRow } from '../participation/repository.ts';
import type { CohortSettings } from '../../src/model/schema.ts';

export interface DemoSeedOptions {
  db: Database;
  runtime: TenantRuntime;
  clock: Clock;
  /** The demo's volunteers (CSV), enrolled in the running cohort. */
  enrolmentsFile: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** A cohort id fixed by the tenant and the cohort's part in the demo, so a restart finds the same cohorts. */
export function demoCohortId(tenantId: string, part: string): string {
  const hex = createHash('sha256').update(`binome-demo\u0000${tenantId}\u0000${part}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Monday of the week holding `at`, as a date. */
function mondayOf(at: Date, plusDays: number): string {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (at.getUTCDay() + 6) % 7;
  return new Date(midnight + (plusDays - sinceMonday) * DAY).toISOString().slice(0, 10);
}

/**
 * What `npm start` shows at once, whatever day it is: a cohort open for volunteering,
 * and a cohort running since two weeks before the demo clock's week, matched as of its
 * first day, published and rolled out, so its first sessions are over and can take
 * notes and feedback. Dates follow the demo clock; ids are fixed, and each step runs
 * only if the cohort has not passed it, so a restart (or a start stopped mid-seed)
 * neither duplicates nor skips anything.
 */
export async function seedDemo(options: DemoSeedOptions): Promise<void> {
  const { db, runtime, clock } = options;
  const tenantId = runtime.tenant.id;
  const now = clock();
  await ensureTenant(db, runtime.tenant);

  const running = demoCohortId(tenantId, 'running');
  const runningPlan: CohortSettings = { name: 'Binome · promotion en cours', format: 'classic', sessions: 4, sessionMinutes: 60, start: mondayOf(now, -14), weeks: 8 };
  const ctx: ProgrammeContext = { db, runtime, clock };
  if ((await cohortRow(db, tenantId, running)) === null) await insertCohort(db, tenantId, running, runningPlan);
  let status = (await cohortRow(db, tenantId, running))?.status;
  if (status === 'draft') {
    const imported = await importEnrolments(ctx, running, await readFile(options.enrolmentsFile));
    if (!imported.ok) throw new Error(`demo seed: the enrolments did not load: ${imported.error.message}`);
    // Matched as HR would have done it the Friday before the cohort began, so the first sessions fall in the past.
    const startedAt = Date.parse(`${runningPlan.start}T08:00:00Z`) - 3 * DAY;
    const matched = await runMatching({ ...ctx, clock: () => new Date(startedAt) }, running);
    if (!matched.ok) throw new Error(`demo seed: matching failed: ${matched.error.message}`);
    status = 'matched';
  }
  if (status === 'matched') {
    const published = await publish(ctx, running);
    if (!published.ok) throw new Error(`demo seed: publishing failed: ${published.error.message}`);
    status = 'published';
  }
  if (status === 'published') await startRollout(ctx, running);

  const open = demoCohortId(tenantId, 'open');
  if ((await cohortRow(db, tenantId, open)) === null) {
    await insertCohort(db, tenantId, open, { name: 'Binome · prochaine promotion (inscriptions ouvertes)', format: 'classic', sessions: 6, sessionMinutes: 60, start: mondayOf(now, 28), weeks: 26 });
    await db
      .update(cohorts)
      .set({ status: 'open', openedAt: now })
      .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, open)));
  }
}
