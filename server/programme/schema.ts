import type { z } from 'zod';
import { Cohort } from '../../contract/admin.ts';

export type { CohortStatus } from '../../contract/admin.ts';

/** A cohort as the store keeps it, which is what the API shows. */
export const CohortRecord = Cohort;
export type CohortRecord = z.infer<typeof CohortRecord>;
