import { describe, expect, it } from 'vitest';
import { candidateEdges, proposePairs, volunteersOf } from '../../src/matching/propose.ts';
import { cohortWindow } from '../../src/planning/free-time.ts';
import { sessionsFit } from '../../src/planning/sessions.ts';
import { slotMap, slotVerdict } from '../../src/planning/slot-map.ts';
import { proposalInputOf } from '../support/proposal-input.ts';
import { generateTenant } from '../support/tenant-generator.ts';
import type { Traps } from '../support/tenant-generator.ts';

/** Tenants with off-grid meetings, holes exactly one session long, odd lengths, DST days and "now" inside the cohort. */
const cohorts: { seed: number; traps: Traps }[] = [
  { seed: 11, traps: {} },
  { seed: 12, traps: { offGrid: true } },
  { seed: 13, traps: { offGrid: true, shape: 'odd', nowInside: true } },
  { seed: 14, traps: { exoticZones: true, busyVariants: true } },
  { seed: 15, traps: { season: 'dstDay', shape: 'tight', offGrid: true } },
  { seed: 16, traps: { shape: 'long', busyVariants: true, nowInside: true } },
];

describe('the slot-map filter in front of the exact time test', () => {
  for (const { seed, traps } of cohorts) {
    const input = proposalInputOf(generateTenant({ seed, people: 150, volunteerShare: 0.7, traps }));
    const label = `${Object.keys(traps).join(', ') || 'no traps'}, ${input.plan.sessions} × ${input.plan.sessionMinutes} min over ${input.plan.weeks} weeks`;

    it(`proposes exactly the pairs, scores, sessions and reasons of planning every pair (${label})`, () => {
      const planned = proposePairs(input, 'planned');
      expect(planned.pairs.length).toBeGreaterThan(0);
      expect(proposePairs(input, 'exact')).toEqual(planned);
      expect(proposePairs(input, 'filtered')).toEqual(planned);
    });

    it(`never contradicts the exact test on any pair (${label})`, () => {
      const window = cohortWindow(input.plan);
      const { mentors, mentees } = volunteersOf(input);
      const verdicts = { fits: 0, 'cannot fit': 0, unknown: 0 };
      for (const mentor of mentors) {
        for (const mentee of mentees) {
          if (mentor.free === null || mentee.free === null) continue;
          const options = { notBefore: input.now };
          const verdict = slotVerdict(slotMap(mentor.free, window), slotMap(mentee.free, window), input.plan, options);
          verdicts[verdict]++;
          if (verdict !== 'unknown') expect(verdict === 'fits', `${mentor.candidate.person.email} × ${mentee.candidate.person.email}`).toBe(sessionsFit(mentor.free, mentee.free, input.plan, options));
        }
      }
      expect(verdicts.fits + verdicts['cannot fit']).toBeGreaterThan(0);
    });
  }

  it('keeps the same solver edges, in the same order, as testing every pair exactly', () => {
    const input = proposalInputOf(generateTenant({ seed: 12, people: 150, volunteerShare: 0.7, traps: { offGrid: true } }));
    expect(candidateEdges(volunteersOf(input), input, 'filtered')).toEqual(candidateEdges(volunteersOf(input), input, 'planned'));
  });
});
