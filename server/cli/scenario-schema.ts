import { z } from 'zod';
import { CohortSettings } from '../../src/model/schema.ts';

/** scenario.json (docs/design.md §8); paths are relative to the scenario file. */
export const Scenario = z.object({
  fixture: z.string().min(1),
  enrolments: z.string().min(1),
  now: z.iso.datetime({ offset: true }),
  cohort: CohortSettings,
  sandbox: z
    .object({
      latencyMs: z.number().min(0).max(10_000).optional(),
      throttle: z.object({ perMailboxPer10Min: z.number().int().min(1).optional() }).optional(),
      faults: z
        .object({
          rate429: z.number().min(0).max(1).optional(),
          rate5xx: z.number().min(0).max(1).optional(),
          dropEvery: z.number().int().min(2).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type Scenario = z.infer<typeof Scenario>;

/** What a run keeps between a kill and its resumption, in <out>/run.json. */
export const RunState = z.object({
  /** Names this run in its database (PostgreSQL) so a database and an output folder of different runs are never mixed. */
  runId: z.string().optional(),
  cohortId: z.string().nullable(),
  phases: z.record(z.string(), z.number()),
  requests: z.record(z.string(), z.number()),
  /** Set when the enrolment file was refused whole (empty, missing columns…). */
  fileError: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RunState = z.infer<typeof RunState>;
