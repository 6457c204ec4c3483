import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { cohortIn, tenantOf } from '../../programme/service.ts';
import { matchingProgressOf } from '../../programme/matching-progress.ts';
import { resolveAdminIdentity } from '../../auth/admin-identity.ts';
import { ErrorBody, failureStatus } from '../errors.ts';
import { CohortParams } from '../../../contract/admin.ts';
import { MatchingProgress } from '../../../contract/matching-progress.ts';

export interface MatchingProgressOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
}

const refuse = (reply: FastifyReply, status: number, body: ErrorBody): FastifyReply => reply.status(status).send(body);

/** Where a proposal being formed stands, for the pane (and the scenario CLI) to show while POST …/matching runs. */
export const matchingProgressRoutes: FastifyPluginAsync<MatchingProgressOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/cohorts/:cohortId/matching/progress',
    {
      schema: {
        tags: ['matching'],
        summary: 'Where the proposal being formed stands: its phase and counts',
        description:
          'Phases in order: calendars (free/busy read), feasibility (every mentor x mentee pair against the hard rules; checkedMentors of mentors), ' +
          'solve (candidatePairs pass every rule), reasons (pairs formed), saving. running is false when no proposal is being formed by the process answering.',
        params: CohortParams,
        response: { 200: MatchingProgress, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const identity = resolveAdminIdentity(request, options.registry);
      if (!identity.ok) return refuse(reply, identity.status, { code: identity.code, message: identity.message, field: null });
      const ctx = { db: options.db, runtime: identity.runtime, clock: options.clock };
      const found = await cohortIn(ctx, request.params.cohortId);
      if (!found.ok) return refuse(reply, failureStatus(found.error), { code: found.error.code, message: found.error.message, field: found.error.field });
      return reply.send(matchingProgressOf(tenantOf(ctx), request.params.cohortId));
    },
  );
};
