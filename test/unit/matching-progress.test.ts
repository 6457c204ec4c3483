import { describe, expect, it } from 'vitest';
import { proposePairs, type ProposalStep } from '../../src/matching/propose.ts';
import { proposeOffThread } from '../../server/off-loop/matching.ts';
import { progressLine } from '../../server/cli/progress-line.ts';
import { matchingStepText } from '../../server/cli/scenario-progress.ts';
import { proposalInputOf } from '../support/proposal-input.ts';
import { generateTenant } from '../support/tenant-generator.ts';

describe('a proposal tells where it stands', () => {
  it('goes through the rule checks mentor by mentor, then the solve over the pairs that passed, then the reasons of the pairs formed', () => {
    const input = proposalInputOf(generateTenant({ seed: 31, people: 160, volunteerShare: 0.5 }));
    const steps: ProposalStep[] = [];
    const proposal = proposePairs(input, 'filtered', (step) => steps.push(step));
    const mentors = input.enrolments.filter((e) => e.role === 'mentor').length;
    const checks = steps.filter((s) => s.phase === 'feasibility');
    expect(checks.length).toBeGreaterThan(1);
    expect(checks.length).toBeLessThanOrEqual(21);
    expect(checks.map((s) => s.checkedMentors)).toEqual([...checks.map((s) => s.checkedMentors)].sort((a, b) => a - b));
    expect(checks[0]).toMatchObject({ mentors, checkedMentors: 0 });
    expect(steps.slice(checks.length).map((s) => s.phase)).toEqual(['solve', 'reasons']);
    const solve = steps.find((s) => s.phase === 'solve');
    expect(solve?.phase === 'solve' && solve.candidatePairs).toBeGreaterThanOrEqual(proposal.pairs.length);
    expect(steps.at(-1)).toEqual({ phase: 'reasons', pairs: proposal.pairs.length });
  });

  it('sends the same steps back from the off-loop thread, before its answer', async () => {
    const input = proposalInputOf(generateTenant({ seed: 34, people: 200, volunteerShare: 0.5 }));
    const here: ProposalStep[] = [];
    proposePairs(input, 'filtered', (step) => here.push(step));
    const there: ProposalStep[] = [];
    await proposeOffThread(input, (step) => there.push(step));
    expect(there).toEqual(here);
  });

  it('words each phase with its counts for the scenario CLI', () => {
    expect(matchingStepText({ running: true, phase: 'feasibility', elapsedMs: 10, counts: { mentors: 790, mentees: 336, checkedMentors: 120 } })).toBe(
      'checking the rules: 120/790 mentors x 336 mentees',
    );
    expect(matchingStepText({ running: true, phase: 'solve', elapsedMs: 10, counts: { mentors: 790, mentees: 336, candidatePairs: 265_440 } })).toBe(
      'choosing among 265,440 candidate pairs (790 mentors x 336 mentees)',
    );
  });
});

describe('the progress line on stderr', () => {
  const sink = (isTTY: boolean) => {
    const written: string[] = [];
    return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
  };

  it('rewrites one line on a terminal, and keeps each phase’s last word', () => {
    const { stream, written } = sink(true);
    const line = progressLine(stream, 'binome scenario: ');
    line.say('rollout', '1/8 booked');
    line.say('rollout', '1/8 booked');
    line.say('rollout', '5/8 booked');
    line.settle('rollout', '8/8 booked');
    expect(written).toEqual(['\r\u001b[2Kbinome scenario: rollout: 1/8 booked', '\r\u001b[2Kbinome scenario: rollout: 5/8 booked', '\r\u001b[2Kbinome scenario: rollout: 8/8 booked\n']);
  });

  it('writes plain lines elsewhere, at most one per phase every few seconds, and always the last word', () => {
    const { stream, written } = sink(false);
    let now = 0;
    const line = progressLine(stream, 'binome scenario: ', { plainEveryMs: 5_000, now: () => now });
    line.say('rollout', '1/8 booked');
    now = 1_000;
    line.say('rollout', '2/8 booked');
    now = 6_000;
    line.say('rollout', '5/8 booked');
    line.settle('rollout', '8/8 booked');
    line.say('reconcile', 'reading');
    expect(written).toEqual([
      'binome scenario: rollout: 1/8 booked\n',
      'binome scenario: rollout: 5/8 booked\n',
      'binome scenario: rollout: 8/8 booked\n',
      'binome scenario: reconcile: reading\n',
    ]);
  });
});
