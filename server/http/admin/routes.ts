import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import * as programme from '../../programme/service.ts';
import * as rollout from '../../rollout/service.ts';
import type { Outcome } from '../../programme/errors.ts';
import { resolveAdminIdentity } from '../../auth/admin-identity.ts';
import { ErrorBody, failureStatus } from '../errors.ts';
import {
  Cohort,
  CohortParams,
  CreateCohortBody,
  Enrolments,
  ImportReport,
  MatchingView,
  Progress,
  ProgressWithStatus,
  RetryAnswer,
} from './schema.ts';

export interface AdminRoutesOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
}

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** The API HR's pane uses: cohorts, enrolments, matching, publishing, rollout. */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 25 * 1024 * 1024 }, (_req, body, done) => {
    done(null, body);
  });

  const contextFor = (request: FastifyRequest, reply: FastifyReply): programme.ProgrammeContext | null => {
    const identity = resolveAdminIdentity(request, options.registry);
    if (!identity.ok) {
      void reply.status(identity.status).send({ code: identity.code, message: identity.message, field: null });
      return null;
    }
    return { db: options.db, runtime: identity.runtime, clock: options.clock };
  };

  const answer = <T>(reply: FastifyReply, outcome: Outcome<T>, status = 200) =>
    outcome.ok
      ? reply.status(status).send(outcome.value)
      : reply.status(failureStatus(outcome.error)).send({ code: outcome.error.code, message: outcome.error.message, field: outcome.error.field });

  app.post(
    '/cohorts',
    { schema: { tags: ['cohorts'], summary: 'Create a cohort', body: CreateCohortBody, response: { 201: Cohort, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.createCohort(ctx, request.body), 201);
    },
  );

  app.get('/cohorts', { schema: { tags: ['cohorts'], summary: 'List cohorts', response: { 200: z.array(Cohort), ...errors } } }, async (request, reply) => {
    const ctx = contextFor(request, reply);
    if (ctx === null) return reply;
    return reply.send(await programme.listCohorts(ctx));
  });

  app.get(
    '/cohorts/:cohortId',
    { schema: { tags: ['cohorts'], summary: 'Read a cohort', params: CohortParams, response: { 200: Cohort, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.getCohort(ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/enrolments',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Import enrolments (CSV body: email,role,offers,wants,languages,format)',
        description: 'Good rows load; every refused row is reported with its line, field and reason.',
        consumes: ['text/csv'],
        params: CohortParams,
        body: z.string({ message: 'send the CSV as the request body with Content-Type: text/csv' }),
        response: { 200: ImportReport, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.importEnrolments(ctx, request.params.cohortId, request.body));
    },
  );

  app.get(
    '/cohorts/:cohortId/enrolments',
    { schema: { tags: ['enrolments'], summary: 'List enrolments', params: CohortParams, response: { 200: Enrolments, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.listEnrolments(ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/matching',
    {
      schema: {
        tags: ['matching'],
        summary: 'Form the optimal pairs and plan their sessions',
        params: CohortParams,
        response: { 200: MatchingView, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.runMatching(ctx, request.params.cohortId));
    },
  );

  app.get(
    '/cohorts/:cohortId/matching',
    { schema: { tags: ['matching'], summary: 'Read the proposal', params: CohortParams, response: { 200: MatchingView, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.matchingView(ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/publish',
    { schema: { tags: ['rollout'], summary: 'Publish the pairs and write the booking ledger', params: CohortParams, response: { 200: Progress, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await rollout.publish(ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/rollout',
    { schema: { tags: ['rollout'], summary: 'Start booking the sessions in both calendars', params: CohortParams, response: { 202: Progress, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await rollout.startRollout(ctx, request.params.cohortId), 202);
    },
  );

  app.get(
    '/cohorts/:cohortId/rollout',
    { schema: { tags: ['rollout'], summary: 'Rollout progress', params: CohortParams, response: { 200: ProgressWithStatus, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await rollout.progress(ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/rollout/retry',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Queue the failed sessions again, once their cause is dealt with',
        params: CohortParams,
        response: { 202: RetryAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await rollout.retryFailed(ctx, request.params.cohortId), 202);
    },
  );
};
