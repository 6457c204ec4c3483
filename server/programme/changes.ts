import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { checkPair, planSwap, type ChangeVolunteer, type Refusal } from '../../src/matching/manual-changes.ts';
import { renderMessage } from '../../contract/messages.ts';
import type { Person } from '../../src/model/schema.ts';
import { fail, succeed, type Outcome } from './errors.ts';
import { pairIdFor } from './pair-id.ts';
import * as repo from './repository.ts';
import type { PairRecord, ProposalEdit } from './repository.ts';
import type { ProposalChange } from '../../contract/admin.ts';
import { pairOut } from './words.ts';
import type { CohortRecord } from './schema.ts';
import { cohortIn, readAvailability, tenantOf, type ProgrammeContext } from './service.ts';

/**
 * HR's changes to a proposal before it is published: lock a pair, break one, swap
 * two people. Every pair a change forms is checked against the hard rules matching
 * applies (src/matching/manual-changes.ts), with the calendars read again.
 */

export type { ProposalChange };

/** Only a matched, unpublished proposal may change. */
async function matchedCohort(ctx: ProgrammeContext, cohortId: string): Promise<Outcome<CohortRecord>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const status = found.value.status;
  if (status === 'draft' || status === 'open') return fail('NOT_MATCHED', 'the cohort has no proposal yet: run the matching first', 'cohortId');
  if (status !== 'matched') return fail('COHORT_LOCKED', 'the cohort is published: its pairs can no longer change', 'cohortId', { status });
  return found;
}

const changedMeanwhile = <T>(): Outcome<T> =>
  fail('PROPOSAL_CHANGED', 'the proposal changed meanwhile (matched again, published, or the pair was changed): read it again and retry', 'cohortId');

export async function lockPair(ctx: ProgrammeContext, cohortId: string, pairId: string, locked: boolean): Promise<Outcome<ProposalChange>> {
  const found = await matchedCohort(ctx, cohortId);
  if (!found.ok) return found;
  const tenantId = tenantOf(ctx);
  const pair = (await repo.listPairs(ctx.db, tenantId, cohortId)).find((p) => p.pairId === pairId);
  if (pair === undefined) return fail('PAIR_NOT_FOUND', `no pair ${pairId} in this cohort's proposal`, 'pairId');
  if (!(await repo.setPairLocked(ctx.db, tenantId, cohortId, pairId, locked))) return changedMeanwhile();
  return succeed({ pairs: [pairOut({ ...pair, locked })], removedPairIds: [], unmatched: [] });
}

/** A refusal's English words: the core words none for a broken pair rule, only its code and params. */
const refusalWords = (refusal: Refusal<string>): string => refusal.message ?? renderMessage('blocker', refusal, 'en');

const nameIn = (people: Map<string, Person>, email: string): string => people.get(email)?.name ?? email;

/** Undoes a pair: both people are left without one, with HR's reason beside them. */
export async function breakPair(ctx: ProgrammeContext, cohortId: string, pairId: string, note: string): Promise<Outcome<ProposalChange>> {
  const found = await matchedCohort(ctx, cohortId);
  if (!found.ok) return found;
  const tenantId = tenantOf(ctx);
  const pair = (await repo.listPairs(ctx.db, tenantId, cohortId)).find((p) => p.pairId === pairId);
  if (pair === undefined) return fail('PAIR_NOT_FOUND', `no pair ${pairId} in this cohort's proposal`, 'pairId');
  if (pair.locked) {
    return fail('PAIR_LOCKED', `the pair ${pair.mentorEmail} & ${pair.menteeEmail} is locked: unlock it before breaking it`, 'pairId', { mentor: pair.mentorEmail, mentee: pair.menteeEmail });
  }
  const people = new Map((await repo.loadDirectory(ctx.db, tenantId)).map((p) => [p.email, p]));
  const leftOut = (email: string, role: 'mentor' | 'mentee', partner: string): ProposalEdit['leftOut'][number] => ({
    email,
    role,
    code: 'BROKEN_BY_HR',
    reason: `HR broke the pair with ${nameIn(people, partner)}${note === '' ? '' : `: ${note}`}`,
    params: note === '' ? { partner: nameIn(people, partner) } : { context: 'note', partner: nameIn(people, partner), note },
  });
  const edit: ProposalEdit = {
    dissolve: [pair.pairId],
    form: [],
    leftOut: [leftOut(pair.mentorEmail, 'mentor', pair.menteeEmail), leftOut(pair.menteeEmail, 'mentee', pair.mentorEmail)],
  };
  if (!(await repo.applyProposalEdit(ctx.db, tenantId, cohortId, edit))) return changedMeanwhile();
  return succeed({ pairs: [], removedPairIds: edit.dissolve, unmatched: edit.leftOut });
}

/**
 * Two mentors (or two mentees) exchange partners, or someone left out takes a paired
 * person's place. Refused, naming the rule and the people, when a pair it would form
 * breaks a hard rule.
 */
export async function swapPeople(ctx: ProgrammeContext, cohortId: string, first: string, second: string): Promise<Outcome<ProposalChange>> {
  const found = await matchedCohort(ctx, cohortId);
  if (!found.ok) return found;
  const cohort = found.value;
  const tenantId = tenantOf(ctx);
  const pairs = await repo.listPairs(ctx.db, tenantId, cohortId);
  const unmatched = await repo.listUnmatched(ctx.db, tenantId, cohortId);
  const plan = planSwap(pairs, unmatched, first, second);
  if (!plan.ok) return fail(plan.refusal.code, refusalWords(plan.refusal), plan.field, plan.refusal.params);
  const directory = await repo.loadDirectory(ctx.db, tenantId);
  const people = new Map(directory.map((p) => [p.email, p]));
  const enrolments = new Map((await repo.listEnrolments(ctx.db, tenantId, cohortId)).map((e) => [e.email, e]));
  const involved = [...new Set(plan.form.flatMap((p) => [p.mentorEmail, p.menteeEmail]))];
  const availability = await readAvailability(
    ctx,
    cohort,
    involved.flatMap((email) => enrolments.get(email) ?? []),
    directory,
  );
  const volunteer = (email: string): ChangeVolunteer => ({
    email,
    person: people.get(email) ?? null,
    enrolment: enrolments.get(email) ?? null,
    availability: availability.get(email),
  });
  const setting = { plan: cohort, now: ctx.clock().getTime(), chart: buildOrgChart(directory) };
  const formed: PairRecord[] = [];
  for (const wanted of plan.form) {
    const checked = checkPair(volunteer(wanted.mentorEmail), volunteer(wanted.menteeEmail), setting);
    if (!checked.ok) return fail(checked.refusal.code, refusalWords(checked.refusal), wanted.moved === first ? 'first' : 'second', checked.refusal.params);
    const p = checked.pair;
    formed.push({
      pairId: pairIdFor(cohortId, p.mentorEmail, p.menteeEmail),
      mentorEmail: p.mentorEmail,
      menteeEmail: p.menteeEmail,
      score: p.score,
      reasons: p.reasons,
      sessions: p.sessions.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
      locked: false,
    });
  }
  const out = plan.leftOut;
  const leftOut: ProposalEdit['leftOut'] =
    out === null
      ? []
      : [
          {
            email: out.email,
            role: out.role,
            code: 'REPLACED_BY_HR',
            reason: `HR gave the place beside ${nameIn(people, out.partner)} to ${nameIn(people, out.replacedBy)}`,
            params: { partner: nameIn(people, out.partner), replacedBy: nameIn(people, out.replacedBy) },
          },
        ];
  const edit: ProposalEdit = { dissolve: plan.dissolve.map((p) => p.pairId), form: formed, leftOut };
  if (!(await repo.applyProposalEdit(ctx.db, tenantId, cohortId, edit))) return changedMeanwhile();
  return succeed({ pairs: formed.map((p) => pairOut({ ...p, locked: false })), removedPairIds: edit.dissolve, unmatched: leftOut });
}
