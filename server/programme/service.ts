import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { type CohortSettings, type Enrolment, type Interval, type MessageParams, type Person } from '../../src/model/schema.ts';
import type { CsvFileError } from '../../src/enrolment/errors.ts';
import { workingHoursFor } from './working-hours.ts';
import { readEnrolmentFile } from '../enrolment/read.ts';
import type { PersonAvailability } from '../../src/matching/propose.ts';
import { proposeWithoutBlocking } from '../off-loop/matching.ts';
import { trackMatching, type MatchingTracker } from './matching-progress.ts';
import { cohortWindow } from '../../src/planning/free-time.ts';
import { pairIdFor } from './pair-id.ts';
import { fail, succeed, type Outcome } from './errors.ts';
import * as repo from './repository.ts';
import type { PairRecord, UnmatchedRecord } from './repository.ts';
import type { CohortRecord } from './schema.ts';
import type { MatchingView, RejectedRow, RejectionPage } from '../../contract/admin.ts';
import { pairOut, rejectedRowOut, rejectionGroupOut, unmatchedWords } from './words.ts';
import { settledStatus, stepRefusal, type StepRefusal } from './rules.ts';

export interface ProgrammeContext {
  db: Database;
  runtime: TenantRuntime;
  clock: Clock;
}

export const tenantOf = (ctx: ProgrammeContext): string => ctx.runtime.tenant.id;

export async function cohortIn(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  const cohort = await repo.findCohort(ctx.db, tenantOf(ctx), cohortId);
  return cohort === null ? fail('COHORT_NOT_FOUND', `no cohort ${cohortId} in this tenant`, 'cohortId') : succeed(await settled(ctx, cohort));
}

/**
 * A cohort being rolled out or running, in the state its ledger puts it in: running
 * once every session is booked, closed once the last one is over. Settled as it is
 * read, so every reader (pane, participants, rollout) sees the same state.
 */
async function settled(ctx: ProgrammeContext, cohort: CohortRecord): Promise<CohortRecord> {
  if (cohort.status !== 'rolling_out' && cohort.status !== 'running') return cohort;
  const tenantId = tenantOf(ctx);
  const ledger = await repo.ledgerSummary(ctx.db, tenantId, cohort.cohortId);
  const status = settledStatus(cohort.status, ledger, ctx.clock().getTime());
  if (status === cohort.status) return cohort;
  const at = status === 'closed' && ledger.lastEnd !== null ? new Date(ledger.lastEnd) : ctx.clock();
  if (!(await repo.stepCohort(ctx.db, tenantId, cohort.cohortId, [cohort.status], status, at))) {
    return (await repo.findCohort(ctx.db, tenantId, cohort.cohortId)) ?? cohort;
  }
  return { ...cohort, status, closedAt: status === 'closed' ? at.toISOString() : cohort.closedAt };
}

const refused = <T>(refusal: StepRefusal): Outcome<T> => fail(refusal.code, refusal.message, 'cohortId', refusal.params);

/** Opens a draft for volunteering: from now on people may enrol themselves (participant API). */
export async function openCohort(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  return step(ctx, cohortId, 'open', 'open');
}

/** HR ends the cohort, whatever it was doing: nothing is booked or matched for it any more. */
export async function closeCohort(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  return step(ctx, cohortId, 'close', 'closed');
}

async function step(ctx: ProgrammeContext, cohortId: string, action: 'open' | 'close', to: 'open' | 'closed'): Promise<Outcome<CohortRecord>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const refusal = stepRefusal(action, found.value.status);
  if (refusal !== null) return refused(refusal);
  if (!(await repo.stepCohort(ctx.db, tenantOf(ctx), cohortId, [found.value.status], to, ctx.clock()))) {
    return fail('STATUS_OUT_OF_ORDER', 'the cohort changed state meanwhile: read it again', 'cohortId');
  }
  return cohortIn(ctx, cohortId);
}

/** A volunteer leaves before the pairs are published; a proposal formed with them is discarded. */
export async function withdraw(ctx: ProgrammeContext, cohortId: string, email: string): Promise<Outcome<{ email: string; proposalDiscarded: boolean }>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const refusal = stepRefusal('withdraw', found.value.status);
  if (refusal !== null) return refused(refusal);
  const done = await repo.withdrawEnrolment(ctx.db, tenantOf(ctx), cohortId, email, ['draft', 'open', 'matched']);
  if (done === null) return fail('COHORT_LOCKED', 'the cohort was published meanwhile: enrolments can no longer change', 'cohortId');
  if (!done.removed) return fail('ENROLMENT_NOT_FOUND', `${email} is not enrolled in this cohort`, 'email', { email });
  return succeed({ email, proposalDiscarded: done.proposalDiscarded });
}

export async function createCohort(ctx: ProgrammeContext, settings: CohortSettings & { themes?: readonly string[] | undefined }): Promise<Outcome<CohortRecord>> {
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
  const cohorts = await repo.listCohorts(ctx.db, tenantOf(ctx));
  return Promise.all(cohorts.map((c) => settled(ctx, c)));
}

export async function getCohort(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  return cohortIn(ctx, cohortId);
}

/** Refused rows listed whole in an import's answer and in the matching view; the rest are paged (rejectionPage). */
export const rejectedRowsShown = 1000;

export interface ImportReport {
  loaded: number;
  /** The first `rejectedRowsShown` refused rows, by line. */
  rejected: RejectedRow[];
  rejectedTotal: number;
  enrolled: { mentors: number; mentees: number };
  /** The enrolments changed after matching: the proposal was dropped and the cohort must be matched again. */
  proposalDiscarded: boolean;
}

/**
 * Refreshes the directory snapshot, then loads the good rows of an enrolment
 * file (CSV or .xlsx) and keeps the refused ones with their reasons, in one transaction.
 */
export async function importEnrolments(ctx: ProgrammeContext, cohortId: string, file: Buffer): Promise<Outcome<ImportReport>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const refusal = stepRefusal('enrol', found.value.status);
  if (refusal !== null) return refused(refusal);
  const directory = await ctx.runtime.directory.listPeople();
  await repo.replaceDirectory(ctx.db, tenantOf(ctx), directory, ctx.clock());
  const existing = await repo.listEnrolments(ctx.db, tenantOf(ctx), cohortId);
  const parsed = await readEnrolmentFile(
    file,
    { knownEmails: new Set(directory.map((p) => p.email)), themes: new Set<string>(found.value.themes), existing },
    rejectedRowsShown,
  );
  if (parsed.fileError !== null) return fail('CSV_FILE_INVALID', parsed.fileError.message, 'body', fileRefusalParams(parsed.fileError));
  const saved = await repo.saveImport(ctx.db, tenantOf(ctx), cohortId, randomUUID(), parsed.enrolments, parsed.rejected.parts);
  if (!saved.saved) {
    return fail('COHORT_LOCKED', 'the cohort was published meanwhile: enrolments can no longer change', 'cohortId');
  }
  const enrolled = await repo.enrolledCounts(ctx.db, tenantOf(ctx), cohortId);
  const rowsOut: RejectedRow[] = [];
  for (const [i, { line, ...group }] of parsed.rejected.first.entries()) {
    // Wording a refused row takes i18next a while: a thousand of them are worded in turns.
    if (i % 250 === 249) await nextTurn();
    rowsOut.push(rejectedRowOut({ line, group: { ...group, lines: [[line, line]], count: 1 } }));
  }
  return succeed({
    loaded: parsed.enrolments.length,
    rejected: rowsOut,
    rejectedTotal: parsed.rejected.total,
    enrolled,
    proposalDiscarded: saved.proposalDiscarded,
  });
}

/** A file refused whole, as the API words it: the file-level code (and its own variant) as the context of CSV_FILE_INVALID. */
export function fileRefusalParams(error: CsvFileError): MessageParams {
  const variant = error.params['context'];
  return { ...error.params, context: typeof variant === 'string' ? `${error.code}_${variant}` : error.code };
}

export async function listEnrolments(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<Enrolment[]>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  return succeed(await repo.listEnrolments(ctx.db, tenantOf(ctx), cohortId));
}

/** Reads everyone's calendar, forms the optimal pairs with their sessions, and stores the proposal. */
export async function runMatching(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<MatchingView>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const cohort = found.value;
  const refusal = stepRefusal('match', cohort.status);
  if (refusal !== null) return refused(refusal);
  const tenantId = tenantOf(ctx);
  const enrolments = await repo.listEnrolments(ctx.db, tenantId, cohortId);
  if (enrolments.length === 0) return fail('NOTHING_TO_MATCH', 'no enrolment yet: import the volunteers first', 'cohortId');
  // Locked pairs stay as they are; the solver works on everyone else.
  const locked = cohort.status === 'matched' ? (await repo.listPairs(ctx.db, tenantId, cohortId)).filter((p) => p.locked) : [];
  const taken = new Set(locked.flatMap((p) => [p.mentorEmail, p.menteeEmail]));
  const open = enrolments.filter((e) => !taken.has(e.email));
  const tracker = trackMatching(tenantId, cohortId);
  try {
    return await formProposal(ctx, cohort, open, locked, tracker);
  } finally {
    tracker.end();
  }
}

/** The proposal itself, each phase told to `tracker` with its counts (GET …/matching/progress). */
async function formProposal(
  ctx: ProgrammeContext,
  cohort: CohortRecord,
  open: Enrolment[],
  locked: PairRecord[],
  tracker: MatchingTracker,
): Promise<Outcome<MatchingView>> {
  const tenantId = tenantOf(ctx);
  const cohortId = cohort.cohortId;
  tracker.step('calendars', { volunteers: open.length });
  const people = await repo.loadDirectory(ctx.db, tenantId);
  const availability = await readAvailability(ctx, cohort, open, people);
  // A large cohort's proposal takes seconds of CPU: it is formed on the off-loop thread, leaving the loop to the API.
  const proposal = await proposeWithoutBlocking({ plan: cohort, now: ctx.clock().getTime(), people, enrolments: open, availability }, (step) => {
    const { phase, ...counts } = step;
    tracker.step(phase, counts);
  });
  const pairs: PairRecord[] = [
    ...locked,
    ...proposal.pairs.map((p) => ({
      pairId: pairIdFor(cohortId, p.mentorEmail, p.menteeEmail),
      mentorEmail: p.mentorEmail,
      menteeEmail: p.menteeEmail,
      score: p.score,
      reasons: p.reasons,
      sessions: p.sessions.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
      locked: false,
    })),
  ];
  const unmatched: UnmatchedRecord[] = proposal.unmatched.map((u) => ({
    email: u.email,
    role: u.role,
    code: u.reason.code,
    params: u.reason.params,
    reason: unmatchedWords(u.reason),
  }));
  tracker.step('saving', { pairs: pairs.length });
  if (!(await repo.saveProposal(ctx.db, tenantId, cohortId, { pairs, unmatched }, ctx.clock()))) {
    return fail('COHORT_LOCKED', 'the cohort was published meanwhile: its pairs can no longer change', 'cohortId');
  }
  return matchingView(ctx, cohortId);
}

/** What each volunteer's calendar says over the cohort's weeks, with their working hours chosen as docs/design.md §8 says (provider, declared, tenant default). */
export async function readAvailability(
  ctx: ProgrammeContext,
  cohort: CohortRecord,
  enrolments: Enrolment[],
  people: Person[],
): Promise<Map<string, PersonAvailability>> {
  if (enrolments.length === 0) return new Map();
  const window = cohortWindow(cohort);
  const answers = await ctx.runtime.calendar.availability(
    enrolments.map((e) => e.email),
    { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
  );
  const hoursOf = workingHoursFor(enrolments, people, ctx.runtime.config.workingHours);
  return new Map<string, PersonAvailability>(
    answers.map((a) => [
      a.email.toLowerCase(),
      {
        timeZone: a.timeZone,
        workingHours: hoursOf(a),
        busy: a.busy.map((b): Interval => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
        error: a.error,
      },
    ]),
  );
}

export async function matchingView(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<MatchingView>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const tenantId = tenantOf(ctx);
  const rejected = await repo.firstRejected(ctx.db, tenantId, cohortId, rejectedRowsShown);
  return succeed({
    cohort: found.value,
    pairs: (await repo.listPairs(ctx.db, tenantId, cohortId)).map(pairOut),
    unmatched: await repo.listUnmatched(ctx.db, tenantId, cohortId),
    rejected: rejected.rows.map(rejectedRowOut),
    rejectedTotal: rejected.total,
  });
}

/** Groups `offset` to `offset + limit` of what the cohort's imports refused, with the totals. */
export async function rejections(
  ctx: ProgrammeContext,
  cohortId: string,
  offset: number,
  limit: number,
): Promise<Outcome<Omit<RejectionPage, 'offset' | 'limit'>>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const page = await repo.rejectionPage(ctx.db, tenantOf(ctx), cohortId, offset, limit);
  return succeed({ ...page, items: page.items.map(rejectionGroupOut) });
}
