import { z } from 'zod';
import { IsoDate } from '../src/model/schema.ts';
import { FacetCounts, PopulationFilter, PopulationMember, invitationLanguages } from '../src/model/population.ts';
import { Cohort } from './admin.ts';

/**
 * The population screen's HTTP contract: who HR invites to volunteer, chosen from the
 * org chart, and the invitations sent to them. The filter and the facet shapes are the
 * core's (src/model/population.ts), so the pane counts with the same code as the service.
 */
export { FacetCounts, PopulationFilter, PopulationMember };

/** Where an invitation stands: sent, failed (retried on the next send), or being sent right now. */
export const invitationStates = ['sent', 'failed', 'sending'] as const;

export const InvitationError = z.object({ code: z.string(), message: z.string() });

export const MemberWithInvitation = PopulationMember.extend({
  invitation: z.enum(invitationStates).nullable().describe('null: not invited to this cohort'),
  invitationError: InvitationError.nullable().describe('why the last try failed'),
});
export type MemberWithInvitation = z.infer<typeof MemberWithInvitation>;

export const PopulationView = z.object({
  filter: PopulationFilter.nullable().describe('the population HR chose for this cohort; null: not chosen yet'),
  editable: z.boolean().describe('whether the population may still change and invitations go out (the cohort is a draft or open)'),
  asOf: IsoDate.describe('the day seniority bands are counted to'),
  directorySyncedAt: z.string().nullable().describe('when the directory was last read from the provider'),
  members: z.array(MemberWithInvitation).describe('everyone of the directory, by name, with their facet values and invitation'),
});
export type PopulationView = z.infer<typeof PopulationView>;

export const PreviewBody = z.object({
  filter: PopulationFilter,
  limit: z.number().int().min(0).max(1000).default(50).describe('how many of the chosen people to list (by name)'),
});
export type PreviewBody = z.input<typeof PreviewBody>;

export const PopulationPreview = z.object({
  total: z.number().int().describe('people the filter chooses'),
  facets: FacetCounts.describe('for each value of each facet, how many people the filter would choose with that value ticked alone in its facet'),
  people: z.array(PopulationMember).describe('the first `limit` people chosen, by name'),
  asOf: IsoDate,
});
export type PopulationPreview = z.infer<typeof PopulationPreview>;

export const SavedPopulation = z.object({ filter: PopulationFilter, total: z.number().int() });
export type SavedPopulation = z.infer<typeof SavedPopulation>;

export const InvitationFailure = z.object({
  email: z.string(),
  name: z.string(),
  language: z.enum(invitationLanguages),
  code: z.string(),
  message: z.string(),
});

export const InvitationRun = z.object({
  cohort: Cohort.describe('the cohort after the run: a draft is opened for volunteering when its invitations go out'),
  sender: z.string().describe('the mailbox the invitations were sent from'),
  population: z.number().int().describe('people the cohort’s population holds'),
  sent: z.number().int().describe('invitations sent by this run'),
  alreadyInvited: z.number().int().describe('people invited before: never sent twice'),
  inProgress: z.number().int().describe('people another run is sending to right now'),
  failed: z.array(InvitationFailure).describe('invitations that failed in this run, with why; sending again retries only these'),
  byLanguage: z.object({ fr: z.number().int(), en: z.number().int() }).describe('invitations sent by this run, per language'),
});
export type InvitationRun = z.infer<typeof InvitationRun>;
