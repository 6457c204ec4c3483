import { z } from 'zod';

/** Where a proposal being formed stands: GET it while the POST …/matching is running. */
export const matchingProgressPath = (cohortId: string): string => `/api/admin/cohorts/${encodeURIComponent(cohortId)}/matching/progress`;

/**
 * calendars: free/busy read for every volunteer; feasibility: every mentor x mentee pair
 * checked against the hard rules; solve: the optimal assignment over the pairs that pass;
 * reasons: each pair's reasons and sessions, each unmatched person's reason; saving.
 */
export const matchingPhases = ['calendars', 'feasibility', 'solve', 'reasons', 'saving'] as const;
export type MatchingPhase = (typeof matchingPhases)[number];

const count = z.number().int().nonnegative();

export const MatchingCounts = z.object({
  volunteers: count.optional(),
  mentors: count.optional(),
  mentees: count.optional(),
  /** During feasibility: mentors whose every candidate mentee has been checked. */
  checkedMentors: count.optional(),
  /** Pairs that pass every hard rule: the solver's choice. */
  candidatePairs: count.optional(),
  pairs: count.optional(),
});
export type MatchingCounts = z.infer<typeof MatchingCounts>;

export const MatchingProgress = z.object({
  running: z.boolean().describe('false when no proposal is being formed for this cohort by the process answering'),
  phase: z.enum(matchingPhases).nullable(),
  elapsedMs: count.nullable(),
  counts: MatchingCounts,
});
export type MatchingProgress = z.infer<typeof MatchingProgress>;

export const idleMatching: MatchingProgress = { running: false, phase: null, elapsedMs: null, counts: {} };
