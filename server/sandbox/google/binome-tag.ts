import type { BinomeTag } from '../tag.ts';
import type { StoredEvent } from '../state.ts';

/**
 * Binome's tag as its Google clients write it: `binomeCohort`, `binomePair` and
 * `binomeSession` in the shared extended properties, which every copy of the event
 * carries (private ones are on the organizer's copy only).
 */
export function googleBinomeTagOf(event: StoredEvent): BinomeTag | null {
  const shared = event.google?.shared;
  if (shared === undefined) return null;
  const cohortId = shared['binomeCohort'];
  const pairId = shared['binomePair'];
  const session = Number(shared['binomeSession']);
  if (cohortId === undefined || pairId === undefined || !Number.isInteger(session) || session < 1) return null;
  return { cohortId, pairId, session };
}
