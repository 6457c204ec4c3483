import { z } from 'zod';
import { ProgressWithStatus } from './admin.ts';

/**
 * The rollout's live feed (server-sent events): GET it with `Accept: text/event-stream`,
 * as HR (the pane's session cookie, or a bearer token with the HR role).
 */
export const rolloutEventsPath = (cohortId: string): string => `/api/admin/cohorts/${encodeURIComponent(cohortId)}/rollout/events`;

/**
 * `progress`: the whole picture, first at once and then each time the cohort's booking
 * ledger changes, so a client that missed events has lost nothing. `end`: the rollout is
 * over (every session booked, or the cohort closed); the server then closes the stream,
 * and a client should not reconnect.
 */
export const rolloutEventNames = ['progress', 'end'] as const;
export type RolloutEventName = (typeof rolloutEventNames)[number];

/** How long a client waits before reconnecting (the stream's `retry:` field). */
export const rolloutRetryMs = 3_000;
/** A comment line this often keeps proxies from closing a quiet stream. */
export const rolloutHeartbeatMs = 15_000;

/** The figures HR watches; pending is planned or being booked, moving is a booked session being moved. */
export const RolloutCounts = z.object({
  booked: z.number().int(),
  pending: z.number().int(),
  moving: z.number().int(),
  failed: z.number().int(),
});
export type RolloutCounts = z.infer<typeof RolloutCounts>;

export const RolloutEvent = ProgressWithStatus.extend({
  counts: RolloutCounts,
  version: z.string().describe("the ledger's version, also the event's id: send it back as Last-Event-ID"),
});
export type RolloutEvent = z.infer<typeof RolloutEvent>;

export const RolloutEnd = z.object({ status: ProgressWithStatus.shape.status });
export type RolloutEnd = z.infer<typeof RolloutEnd>;

export function rolloutCounts(progress: Pick<ProgressWithStatus, 'byState'>): RolloutCounts {
  const s = progress.byState;
  return { booked: s.booked, pending: s.planned + s.booking, moving: s.moving, failed: s.failed };
}

/** Every session the bar counts: moving ones are work still in flight, so they belong to the total. */
export function rolloutTotal(counts: RolloutCounts): number {
  return counts.booked + counts.pending + counts.moving + counts.failed;
}

/** Nothing left in flight: every session is booked or given up. */
export function rolloutSettled(counts: RolloutCounts): boolean {
  return rolloutTotal(counts) > 0 && counts.pending === 0 && counts.moving === 0;
}
