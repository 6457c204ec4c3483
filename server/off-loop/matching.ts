/** The matching core off the event loop (see client.ts). */
import { proposePairs, type Proposal, type ProposalInput, type ProposalProgress } from '../../src/matching/propose.ts';
import type { AssignmentInstance, AssignmentResult } from '../../src/matching/solver.ts';
import { askOffLoop, unexpected } from './client.ts';

/**
 * Below this many mentor x mentee pairs a proposal takes a few tens of milliseconds, less
 * than the thread's first start (loading the TypeScript core there): it is formed in place.
 */
export const inPlaceBelowPairs = 2_500;

/** `proposePairs` on the off-loop thread; its steps come back to `onStep` as the thread reaches them. */
export async function proposeOffThread(input: ProposalInput, onStep?: ProposalProgress): Promise<Proposal> {
  const answer = await askOffLoop({ kind: 'propose', args: [input] }, onStep);
  return answer.ok && answer.kind === 'propose' ? answer.proposal : unexpected(answer);
}

/** `solveAssignment` on the off-loop thread; the instance is copied there, the caller keeps it. */
export async function solveOffThread(instance: AssignmentInstance): Promise<AssignmentResult> {
  const answer = await askOffLoop({ kind: 'solve', instance });
  return answer.ok && answer.kind === 'solve' ? answer.result : unexpected(answer);
}

/** `proposePairs` without blocking the event loop for long: on the off-loop thread, unless the cohort is small. */
export async function proposeWithoutBlocking(input: ProposalInput, onStep?: ProposalProgress): Promise<Proposal> {
  let mentors = 0;
  for (const e of input.enrolments) if (e.role === 'mentor') mentors++;
  const pairs = mentors * (input.enrolments.length - mentors);
  return pairs < inPlaceBelowPairs ? proposePairs(input, 'filtered', onStep) : proposeOffThread(input, onStep);
}
