import type { MatchingCounts, MatchingPhase, MatchingProgress } from '../../contract/matching-progress.ts';
import { idleMatching } from '../../contract/matching-progress.ts';

interface Run {
  startedAt: number;
  phase: MatchingPhase;
  counts: MatchingCounts;
}

/**
 * Proposals being formed in this process, by tenant and cohort. In memory on purpose: a
 * proposal lives for seconds inside one request, and what HR waits for is its phase; a
 * service of several processes answers `running: false` from the others (the pane then
 * shows a plain spinner), see docs/progress.md.
 */
const runs = new Map<string, Run>();

const keyOf = (tenantId: string, cohortId: string): string => `${tenantId}\u0000${cohortId}`;

export interface MatchingTracker {
  step(phase: MatchingPhase, counts: MatchingCounts): void;
  end(): void;
}

export function trackMatching(tenantId: string, cohortId: string): MatchingTracker {
  const key = keyOf(tenantId, cohortId);
  const run: Run = { startedAt: performance.now(), phase: 'calendars', counts: {} };
  runs.set(key, run);
  return {
    step(phase, counts) {
      run.phase = phase;
      run.counts = { ...run.counts, ...counts };
    },
    end() {
      // A second run of the same cohort may have started meanwhile: only this one's entry goes.
      if (runs.get(key) === run) runs.delete(key);
    },
  };
}

export function matchingProgressOf(tenantId: string, cohortId: string): MatchingProgress {
  const run = runs.get(keyOf(tenantId, cohortId));
  if (run === undefined) return idleMatching;
  return { running: true, phase: run.phase, elapsedMs: Math.round(performance.now() - run.startedAt), counts: run.counts };
}
