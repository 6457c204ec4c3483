import { z } from 'zod';
import { CohortSettings } from '../../src/model/schema.ts';

export const cohortStatuses = ['draft', 'matched', 'published', 'rolling_out'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

export const CohortRecord = CohortSettings.extend({
  cohortId: z.string(),
  status: z.enum(cohortStatuses),
  createdAt: z.string(),
  matchedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  rolloutStartedAt: z.string().nullable(),
});
export type CohortRecord = z.infer<typeof CohortRecord>;
