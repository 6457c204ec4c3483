import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { defaultThemes, type CohortSettings, type Enrolment, type Interval } from '../../src/model/schema.ts';
import { parseEnrolmentCsv } from '../../src/enrolment/csv.ts';
import { proposePairs, type PersonAvailability } from '../../src/matching/propose.ts';
import { cohortWindow } from '../../src/planning/free-time.ts';
import { pairIdFor } from './pair-id.ts';
import { fail, succeed, type Outcome } from './errors.ts';
import * as repo from './repository.ts';
import type { PairRecord, RejectedRecord, UnmatchedRecord } from './repository.ts';
import type { CohortRecord } from './schema.ts';

export interface ProgrammeContext {
  db: Database;
  runtime: TenantRuntime;
  clock: Clock;
}

export const tenantOf = (ctx: ProgrammeContext): string => ctx.runtime.tenant.id;

export async function cohortIn(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  const cohort = await repo.findCohort(ctx.db, tenantOf(ctx), cohortId);
  return cohort === null ? fail('COHORT_NOT_FOUND', `no cohort ${cohortId} in this tenant`, 'cohortId') : succeed(cohort);
}

export async function createCohort(ctx: ProgrammeContext, settings: CohortSettings): Promise<Outcome<CohortRecord>> {
  const window = startWindow(ctx.clock());
  if (settings.start < window.earliest || settings.start > window.latest) {
    return fail(
      'INVALID_INPUT',
      `start: the cohort must start between today (${window.earliest}) and two years from now (${window.latest}), found ${settings.start}`,
      'start',
    );
  }
  await repo.ensureTenant(ctx.db, ctx.runtime.tenant);
  return succeed(await repo.insertCohort(ctx.db, tenantOf(ctx), randomUUID(), settings));
}

/** A cohort in the past cannot book anything; one further out than two years has no calendar to read yet. */
function startWindow(now: Date): { earliest: string; latest: string } {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 2);
  return { earliest: now.toISOString().slice(0, 10), latest: latest.toISOString().slice(0, 10) };
}

export async function listCohorts(ctx: ProgrammeContext): Promise<CohortRecord[]> {
  return repo.listCohorts(ctx.db, tenantOf(ctx));
}

export async function getCohort(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  return cohortIn(ctx, cohortId);
}

export interface ImportReport {
  loaded: number;
  rejected: RejectedRecord[];
  enrolled: { mentors: number; mentees: number };
}

/**
 * Refreshes the directory snapshot, then loads the good rows of an enrolment
 * CSV and keeps the refused ones with their reasons, in one transaction.
 */
export async function importEnrolments(ctx: ProgrammeContext, cohortId: string, csv: string): Promise<Outcome<ImportReport>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  if (found.value.status === 'published' || found.value.status === 'rolling_out') {
    return fail('COHORT_LOCKED', 'the cohort is published: enrolments can no longer change', 'cohortId');
  }
  const directory = await ctx.runtime.directory.listPeople();
  await repo.replaceDirectory(ctx.db, tenantOf(ctx), directory, ctx.clock());
  const existing = await repo.listEnrolments(ctx.db, tenantOf(ctx), cohortId);
  const parsed = parseEnrolmentCsv(csv, {
    knownEmails: new Set(directory.map((p) => p.email)),
    themes: new Set<string>(defaultThemes),
    existing,
  });
  if (parsed.fileError !== null) return fail('CSV_FILE_INVALID', parsed.fileError.message, 'body');
  if (!(await repo.saveImport(ctx.db, tenantOf(ctx), cohortId, randomUUID(), parsed.enrolments, parsed.rejected))) {
    return fail('COHORT_LOCKED', 'the cohort was published meanwhile: enrolments can no longer change', 'cohortId');
  }
  const all = await repo.listEnrolments(ctx.db, tenantOf(ctx), cohortId);
  return succeed({
    loaded: parsed.enrolments.length,
    rejected: parsed.rejected,
    enrolled: { mentors: all.filter((e) => e.role === 'mentor').length, mentees: all.filter((e) => e.role === 'mentee').length },
  });
}

export async function listEnrolments(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<Enrolment[]>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  return succeed(await repo.listEnrolments(ctx.db, tenantOf(ctx), cohortId));
}

export interface MatchingView {
  cohort: CohortRecord;
  pairs: PairRecord[];
  unmatched: UnmatchedRecord[];
  rejected: RejectedRecord[];
}

/** Reads everyone's calendar, forms the optimal pairs with their sessions, and stores the proposal. */
export async function runMatching(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<MatchingView>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const cohort = found.value;
  if (cohort.status === 'published' || cohort.status === 'rolling_out') {
    return fail('COHORT_LOCKED', 'the cohort is published: its pairs can no longer change', 'cohortId');
  }
  const tenantId = tenantOf(ctx);
  const enrolments = await repo.listEnrolments(ctx.db, tenantId, cohortId);
  if (enrolments.length === 0) return fail('NOTHING_TO_MATCH', 'no enrolment yet: import the volunteers first', 'cohortId');
  const people = await repo.loadDirectory(ctx.db, tenantId);
  const window = cohortWindow(cohort);
  const answers = await ctx.runtime.calendar.availability(
    enrolments.map((e) => e.email),
    { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
  );
  const availability = new Map<string, PersonAvailability>(
    answers.map((a) => [
      a.email.toLowerCase(),
      {
        timeZone: a.timeZone,
        workingHours: a.workingHours,
        busy: a.busy.map((b): Interval => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
        error: a.error,
      },
    ]),
  );
  const proposal = proposePairs({ plan: cohort, now: ctx.clock().getTime(), people, enrolments, availability });
  const pairs: PairRecord[] = proposal.pairs.map((p) => ({
    pairId: pairIdFor(cohortId, p.mentorEmail, p.menteeEmail),
    mentorEmail: p.mentorEmail,
    menteeEmail: p.menteeEmail,
    score: p.score,
    reasons: p.reasons,
    sessions: p.sessions.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  }));
  const unmatched: UnmatchedRecord[] = proposal.unmatched.map((u) => ({
    email: u.email,
    role: u.role,
    code: u.reason.code,
    reason: u.reason.message,
  }));
  if (!(await repo.saveProposal(ctx.db, tenantId, cohortId, { pairs, unmatched }, ctx.clock()))) {
    return fail('COHORT_LOCKED', 'the cohort was published meanwhile: its pairs can no longer change', 'cohortId');
  }
  return matchingView(ctx, cohortId);
}

export async function matchingView(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<MatchingView>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const tenantId = tenantOf(ctx);
  return succeed({
    cohort: found.value,
    pairs: await repo.listPairs(ctx.db, tenantId, cohortId),
    unmatched: await repo.listUnmatched(ctx.db, tenantId, cohortId),
    rejected: await repo.listRejected(ctx.db, tenantId, cohortId),
  });
}
