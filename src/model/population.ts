import { z } from 'zod';

/**
 * Who HR invites to volunteer, chosen from the org chart by four facets. Within a
 * facet the values ticked are alternatives (Finance or Sales); across facets they
 * all hold (Finance, in Paris, hired less than two years ago). A facet with nothing
 * ticked leaves everyone in; the empty filter is the whole directory.
 */

/** Years since the hire date, as of the day the filter is read; `unknown` when the directory gives no hire date. */
export const seniorityBands = ['under-2', '2-5', '5-10', '10-plus', 'unknown'] as const;
export type SeniorityBand = (typeof seniorityBands)[number];

/** Whether someone manages people: at least one person of the directory names them as manager. */
export const managementLevels = ['manager', 'individual'] as const;
export type ManagementLevel = (typeof managementLevels)[number];

export const facetKeys = ['department', 'office', 'seniority', 'management'] as const;
export type FacetKey = (typeof facetKeys)[number];

/** Departments and offices are the directory's own words; null stands for "not given". */
const DirectoryValues = z.array(z.string().max(256).nullable()).max(2000);

export const PopulationFilter = z
  .object({
    department: DirectoryValues.default([]).describe('departments ticked (null: people with no department); none ticked: every department'),
    office: DirectoryValues.default([]).describe('offices ticked (null: people with no office); none ticked: every office'),
    seniority: z.array(z.enum(seniorityBands)).max(seniorityBands.length).default([]).describe('years since the hire date: under-2, 2-5, 5-10, 10-plus, unknown'),
    management: z.array(z.enum(managementLevels)).max(managementLevels.length).default([]).describe('manager: someone reports to them; individual: nobody does'),
  })
  .strict();
export type PopulationFilter = z.infer<typeof PopulationFilter>;

export const everyone: PopulationFilter = { department: [], office: [], seniority: [], management: [] };

/** The language an invitation is written in. */
export const invitationLanguages = ['fr', 'en'] as const;
export type InvitationLanguage = (typeof invitationLanguages)[number];

/** A person of the directory as the population filter sees them. */
export const PopulationMember = z.object({
  email: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  office: z.string().nullable(),
  seniority: z.enum(seniorityBands),
  management: z.enum(managementLevels),
  language: z.enum(invitationLanguages).describe('the language their invitation is written in'),
});
export type PopulationMember = z.infer<typeof PopulationMember>;

/** How many people a value of a facet would hold, the other facets' choices kept. */
export const FacetCount = z.object({ value: z.string().nullable(), count: z.number().int().min(0) });
export type FacetCount = z.infer<typeof FacetCount>;

export const FacetCounts = z.object({
  department: z.array(FacetCount),
  office: z.array(FacetCount),
  seniority: z.array(FacetCount),
  management: z.array(FacetCount),
});
export type FacetCounts = z.infer<typeof FacetCounts>;
