import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { defaultThemes, type CohortSettings, type Enrolment, type Interval } from '../../src/model/schema.ts';
import { parseEnrolmentCsv } from '../../src/enrolment/csv.ts';
import { proposePairs, type PersonAvailability } from '../../src/matching/propose.ts';
import { cohortWindow } from '../../src/planning/free-time.ts';
import { bookingKeyFor, pairIdFor } from '../rollout/keys.ts';
import { retryFailedBookings, rolloutProgress, writeLedger, type LedgerEntry, type RolloutProgress } from '../rollout/ledger.ts';
import { fail, succeed, type Outcome } from './errors.ts';
import * as repo from './repository.ts';
import type { PairRecord, RejectedRecord, UnmatchedRecord } from './repository.ts';
import type { CohortRecord } from './schema.ts';

export interface ProgrammeContext {
  db: Database;
  runtime: TenantRuntime;
  clock: Clock;
}

const tenantOf = (ctx: ProgrammeContext): string => ctx.runtime.tenant.id;

async function cohortIn(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  const cohort = await repo.findCohort(ctx.db, tenantOf(ctx), cohortId);
  return cohort === null ? fail('COHORT_NOT_FOUND', `no cohort ${cohortId} in this tenant`, 'cohortId') : succeed(cohort);
}

export async function createCohort(ctx: ProgrammeContext, settings: CohortSettings): Promise<Outcome<CohortRecord>> {
  await repo.ensureTenant(ctx.db, ctx.runtime.tenant);
  return succeed(await repo.insertCohort(ctx.db, tenantOf(ctx), randomUUID(), settings));
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

/**
 * Publishing freezes the pairs and writes the booking ledger: one row per
 * (pair, session) with its deterministic idempotency key.
 */
export async function publish(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<RolloutProgress>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const cohort = found.value;
  if (cohort.status === 'draft') return fail('NOT_MATCHED', 'run the matching before publishing', 'cohortId');
  if (cohort.status !== 'matched') return fail('ALREADY_PUBLISHED', 'the cohort is already published', 'cohortId');
  const tenantId = tenantOf(ctx);
  const pairs = await repo.listPairs(ctx.db, tenantId, cohortId);
  if (pairs.length === 0) return fail('NOT_MATCHED', 'the matching formed no pair: nothing to publish', 'cohortId');
  const enrolments = new Map((await repo.listEnrolments(ctx.db, tenantId, cohortId)).map((e) => [e.email, e]));
  const people = new Map((await repo.loadDirectory(ctx.db, tenantId)).map((p) => [p.email, p]));
  const entries: LedgerEntry[] = pairs.flatMap((pair) =>
    pair.sessions.map((s, i) => ({
      pairId: pair.pairId,
      session: i + 1,
      idempotencyKey: bookingKeyFor(tenantId, cohortId, pair.pairId, i + 1),
      organizerEmail: pair.mentorEmail,
      attendeeEmail: pair.menteeEmail,
      subject: `Binome · ${cohort.name} · ${people.get(pair.mentorEmail)?.name ?? pair.mentorEmail} & ${
        people.get(pair.menteeEmail)?.name ?? pair.menteeEmail
      } · ${i + 1}/${pair.sessions.length}`,
      online: meetsOnline(enrolments.get(pair.mentorEmail), enrolments.get(pair.menteeEmail), people.get(pair.mentorEmail)?.office, people.get(pair.menteeEmail)?.office),
      start: s.start,
      end: s.end,
    })),
  );
  const published = await ctx.db.transaction(async (tx) => {
    if (!(await repo.lockCohortIn(tx, tenantId, cohortId, ['matched']))) return false;
    await writeLedger(tx, tenantId, cohortId, entries);
    await repo.setCohortStatus(tx, tenantId, cohortId, 'published', ctx.clock());
    return true;
  });
  if (!published) return fail('ALREADY_PUBLISHED', 'the cohort was published meanwhile', 'cohortId');
  return succeed(await rolloutProgress(ctx.db, tenantId, cohortId));
}

/** In person only when both accept it and share an office; otherwise a Teams / Meet link. */
function meetsOnline(
  mentor: Enrolment | undefined,
  mentee: Enrolment | undefined,
  mentorOffice: string | null | undefined,
  menteeOffice: string | null | undefined,
): boolean {
  const inPerson = (e: Enrolment | undefined) => e !== undefined && e.format !== 'video';
  return !(inPerson(mentor) && inPerson(mentee) && mentorOffice != null && mentorOffice === menteeOffice);
}

export async function startRollout(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<RolloutProgress>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const status = found.value.status;
  if (status === 'draft' || status === 'matched') return fail('NOT_PUBLISHED', 'publish the cohort before rolling it out', 'cohortId');
  if (status === 'published') await repo.setCohortStatus(ctx.db, tenantOf(ctx), cohortId, 'rolling_out', ctx.clock());
  return succeed(await rolloutProgress(ctx.db, tenantOf(ctx), cohortId));
}

export async function progress(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<RolloutProgress & { status: string }>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  return succeed({ status: found.value.status, ...(await rolloutProgress(ctx.db, tenantOf(ctx), cohortId)) });
}

/** Failed sessions go back in the queue; the cohort must be rolling out already. */
export async function retryFailed(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<RolloutProgress & { status: string; retried: number }>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  if (found.value.status !== 'rolling_out') return fail('NOT_ROLLING_OUT', 'start the rollout before retrying its failed sessions', 'cohortId');
  const tenantId = tenantOf(ctx);
  const retried = await retryFailedBookings(ctx.db, tenantId, cohortId);
  return succeed({ status: found.value.status, retried, ...(await rolloutProgress(ctx.db, tenantId, cohortId)) });
}
