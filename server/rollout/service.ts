import type { Enrolment } from '../../src/model/schema.ts';
import { fail, succeed, type Outcome } from '../programme/errors.ts';
import * as repo from '../programme/repository.ts';
import { cohortIn, tenantOf, type ProgrammeContext } from '../programme/service.ts';
import { bookingKeyFor } from './keys.ts';
import { bookedSessions, markEventsMissing, retryFailedBookings, rolloutProgress, writeLedger, type LedgerEntry, type RolloutProgress } from './ledger.ts';

/**
 * Publishing freezes the pairs and writes the booking ledger: one row per
 * (pair, session) with its deterministic idempotency key.
 */
export async function publish(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<RolloutProgress>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const cohort = found.value;
  if (cohort.status === 'draft' || cohort.status === 'open') return fail('NOT_MATCHED', 'run the matching before publishing', 'cohortId');
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
  if (status === 'draft' || status === 'open' || status === 'matched') return fail('NOT_PUBLISHED', 'publish the cohort before rolling it out', 'cohortId');
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

export interface Reconciliation {
  /** Booked sessions whose event was looked for. */
  checked: number;
  /** Booked sessions whose event is gone: now failed with EVENT_MISSING. */
  missing: number;
  /** Sessions whose calendar could not be read: left as booked, to check again. */
  unknown: number;
}

/** Events looked up per call to the port; the connector batches inside it. */
const reconcileChunk = 200;

/**
 * Reads the cohort's booked events back from the calendars by their tag, and flags
 * every booked session whose event is gone, so the rollout's progress matches the
 * calendars. A calendar that cannot be read is counted, never taken for "gone".
 */
export async function reconcile(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<Reconciliation & RolloutProgress & { status: string }>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const tenantId = tenantOf(ctx);
  const booked = await bookedSessions(ctx.db, tenantId, cohortId);
  const gone: string[] = [];
  let unknown = 0;
  for (let i = 0; i < booked.length; i += reconcileChunk) {
    const chunk = booked.slice(i, i + reconcileChunk);
    const answers = await ctx.runtime.calendar.findEvents(chunk.map((b) => ({ organizerEmail: b.organizerEmail, key: b.idempotencyKey })));
    for (const b of chunk) {
      const answer = answers.get(b.idempotencyKey);
      if (answer?.status === 'absent') gone.push(b.idempotencyKey);
      else if (answer?.status !== 'found') unknown += 1;
    }
  }
  const missing = await markEventsMissing(ctx.db, tenantId, cohortId, gone);
  return succeed({ checked: booked.length, missing, unknown, status: found.value.status, ...(await rolloutProgress(ctx.db, tenantId, cohortId)) });
}
