import { MatchingProgress, matchingProgressPath } from '../../contract/matching-progress.ts';
import type { ProgressLine } from './progress-line.ts';

/** A progress line of `binome scenario` on stderr (anything else there is a problem to report). */
export const scenarioProgressLine = /^binome scenario: (boot|import|matching|publish|rollout|reconcile): ./;

const n = (value: number | undefined): string => (value ?? 0).toLocaleString('en');

/** A proposal's phase in words, with its counts. */
export function matchingStepText(p: MatchingProgress): string {
  const c = p.counts;
  switch (p.phase) {
    case 'calendars':
      return `reading the calendars of ${n(c.volunteers)} volunteers`;
    case 'feasibility':
      return `checking the rules: ${n(c.checkedMentors)}/${n(c.mentors)} mentors x ${n(c.mentees)} mentees`;
    case 'solve':
      return `choosing among ${n(c.candidatePairs)} candidate pairs (${n(c.mentors)} mentors x ${n(c.mentees)} mentees)`;
    case 'reasons':
      return `reasons and sessions of ${n(c.pairs)} pairs`;
    case 'saving':
      return `saving ${n(c.pairs)} pairs`;
    case null:
      return 'starting';
  }
}

/**
 * Runs `work` (the POST that forms the proposal) while reading where it stands every
 * `everyMs`, telling each phase to `line`. A read that fails is skipped: the progress
 * is only ever a comment on the work, never a reason for it to fail.
 */
export async function whileMatching<T>(
  work: Promise<T>,
  read: (path: string) => Promise<unknown>,
  cohortId: string,
  line: ProgressLine,
  everyMs = 200,
): Promise<T> {
  let finished = false;
  const watching = (async () => {
    while (!finished) {
      const answer = MatchingProgress.safeParse(await read(matchingProgressPath(cohortId)).catch(() => null));
      if (!finished && answer.success && answer.data.running) line.say('matching', matchingStepText(answer.data));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  try {
    return await work;
  } finally {
    finished = true;
    await watching;
  }
}
