import { describe, expect, it } from 'vitest';
import { proposePairs } from '../../src/matching/propose.ts';
import { solveAssignment } from '../../src/matching/solver.ts';
import { inPlaceBelowPairs, proposeOffThread, proposeWithoutBlocking, solveOffThread } from '../../server/off-loop/matching.ts';
import { proposalInputOf } from '../support/proposal-input.ts';
import { instanceOf, randomEdges } from '../support/solver-properties.ts';
import { generateTenant } from '../support/tenant-generator.ts';

/** Counts turns of the event loop until `work` settles: none at all when `work` blocks the loop. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let waiting = true;
  const turn = (): void => {
    turns++;
    if (waiting) setImmediate(turn);
  };
  setImmediate(turn);
  const value = await work();
  waiting = false;
  return { value, turns };
}

describe('matching on the off-loop thread', () => {
  it('forms the same proposal on the off-loop thread as in place', async () => {
    const input = proposalInputOf(generateTenant({ seed: 31, people: 160, volunteerShare: 0.5 }));
    const here = proposePairs(input);
    expect(here.pairs.length).toBeGreaterThan(10);
    expect(await proposeOffThread(input)).toEqual(here);
  });

  it('forms a large cohort’s proposal on the thread and a small one in place, with the same result either way', async () => {
    const large = proposalInputOf(generateTenant({ seed: 32, people: 280, volunteerShare: 0.5 }));
    const mentors = large.enrolments.filter((e) => e.role === 'mentor').length;
    expect(mentors * (large.enrolments.length - mentors)).toBeGreaterThanOrEqual(inPlaceBelowPairs);
    const offLoop = await turnsDuring(() => proposeWithoutBlocking(large));
    expect(offLoop.value).toEqual(proposePairs(large));
    expect(offLoop.turns).toBeGreaterThan(0);

    const small = proposalInputOf(generateTenant({ seed: 33, people: 60, volunteerShare: 0.5 }));
    expect(await proposeWithoutBlocking(small)).toEqual(proposePairs(small));
  });

  it('keeps the event loop turning while a large assignment is solved, and finds the same optimum', async () => {
    const instance = instanceOf(3000, 3000, randomEdges(3000, 3000, 0.02, 100, 41));
    await solveOffThread(instanceOf(2, 2, [[0, 1, 5]]));
    const { value, turns } = await turnsDuring(() => solveOffThread(instance));
    const direct = solveAssignment(instance);
    expect({ pairs: value.pairs, score: value.score }).toEqual({ pairs: direct.pairs, score: direct.score });
    expect([...value.menteeOfMentor]).toEqual([...direct.menteeOfMentor]);
    // The solve takes a while; a loop blocked by it would not turn once before the answer.
    expect(turns).toBeGreaterThan(10);
  });
});
