import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { resolveAdminIdentity } from '../../auth/admin-identity.ts';
import type { Identity } from '../../auth/schema.ts';
import type { ProgrammeContext } from '../../programme/service.ts';
import type { ProgrammeFailure } from '../../programme/errors.ts';
import * as invitations from '../../invitations/service.ts';
import { populationStatus, type PopulationFailure, type PopulationOutcome } from '../../invitations/errors.ts';
import { ErrorBody, failureStatus } from '../errors.ts';
import { ownOrigin } from '../auth/identity.ts';
import { CohortParams } from '../../../contract/admin.ts';
import { InvitationRun, PopulationFilter, PopulationPreview, PopulationView, PreviewBody, SavedPopulation } from '../../../contract/population.ts';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';

export interface PopulationRoutesOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
  /** How browsers reach the service, for the links in invitations; null: as each request says. */
  publicOrigin: string | null;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

function statusOf(failure: PopulationFailure | ProgrammeFailure): number {
  return failure.code in populationStatus ? populationStatus[failure.code as PopulationFailure['code']] : failureStatus(failure as ProgrammeFailure);
}

/**
 * The population screen's API, under /api/admin beside the cohorts: who to invite,
 * chosen from the org chart, and the invitations to volunteer. Registered inside the
 * admin routes, so their HR check has run before any handler here.
 */
export const populationRoutes: FastifyPluginAsync<PopulationRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const callerOf = (request: FastifyRequest, reply: FastifyReply): { ctx: ProgrammeContext; identity: Identity } | null => {
    const resolved = resolveAdminIdentity(request, options.registry);
    if (!resolved.ok) {
      void reply.status(resolved.status).send({ code: resolved.code, message: resolved.message, field: null });
      return null;
    }
    return { ctx: { db: options.db, runtime: resolved.runtime, clock: options.clock }, identity: resolved.identity };
  };

  const answer = <T>(reply: FastifyReply, outcome: PopulationOutcome<T>) =>
    outcome.ok
      ? reply.status(200).send(outcome.value)
      : reply.status(statusOf(outcome.error)).send({ code: outcome.error.code, message: outcome.error.message, field: outcome.error.field });

  app.get(
    '/cohorts/:cohortId/population',
    {
      schema: {
        tags: ['population'],
        summary: 'Everyone of the directory with their facet values (department, office, seniority band, management) and invitation, and the population chosen',
        description:
          'The directory is read again from the provider when the stored copy is older than 15 minutes. Seniority bands count whole years since the hire date, as of asOf: ' +
          'under-2, 2-5, 5-10, 10-plus, unknown (no hire date). A manager is someone at least one person reports to.',
        params: CohortParams,
        response: { 200: PopulationView, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request, reply);
      if (caller === null) return reply;
      return answer(reply, await invitations.populationView(caller.ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/population/preview',
    {
      schema: {
        tags: ['population'],
        summary: 'Count a population before choosing it: the total, the live count of every facet value, and the first people chosen',
        description:
          'Within a facet the values ticked are alternatives; across facets they all hold; a facet with nothing ticked leaves everyone in. ' +
          'A value’s count is how many people the filter would choose with that value ticked alone in its facet. Changes nothing.',
        params: CohortParams,
        body: PreviewBody,
        response: { 200: PopulationPreview, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request, reply);
      if (caller === null) return reply;
      return answer(reply, await invitations.previewPopulation(caller.ctx, request.params.cohortId, request.body.filter, request.body.limit));
    },
  );

  app.put(
    '/cohorts/:cohortId/population',
    {
      schema: {
        tags: ['population'],
        summary: 'Choose the cohort’s population (while the cohort is a draft or open for volunteering)',
        params: CohortParams,
        body: PopulationFilter,
        response: { 200: SavedPopulation, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request, reply);
      if (caller === null) return reply;
      return answer(reply, await invitations.savePopulation(caller.ctx, request.params.cohortId, request.body));
    },
  );

  app.post(
    '/cohorts/:cohortId/invitations',
    {
      schema: {
        tags: ['population'],
        summary: 'Invite the population to volunteer: one mail each, in French or English, linking to the volunteer page; opens a draft cohort',
        description:
          'Sent from the signed-in HR person’s mailbox (an automation token sends as the first configured HR person). ' +
          'A person is written to in the first of French and English their directory languages name, else in French. ' +
          'Nobody is sent the invitation twice: people invited before are counted in alreadyInvited, and sending again retries only the failures.',
        params: CohortParams,
        response: { 200: InvitationRun, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request, reply);
      if (caller === null) return reply;
      const cohortId = request.params.cohortId;
      const volunteerUrl = `${ownOrigin(request, options.publicOrigin)}/volunteer/${encodeURIComponent(cohortId)}`;
      return answer(reply, await invitations.sendInvitations(caller.ctx, cohortId, caller.identity, volunteerUrl));
    },
  );
};
