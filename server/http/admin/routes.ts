import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry, TenantRuntime } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import * as programme from '../../programme/service.ts';
import * as changes from '../../programme/changes.ts';
import * as rollout from '../../rollout/service.ts';
import type { Outcome } from '../../programme/errors.ts';
import { resolveAdminIdentity } from '../../auth/admin-identity.ts';
import { ErrorBody, failureStatus } from '../errors.ts';
import { defaultThemes } from '../../../src/model/schema.ts';
import { csvTemplate, xlsxTemplate } from '../../enrolment/template.ts';
import {
  Cohort,
  BreakBody,
  CohortParams,
  CreateCohortBody,
  LockBody,
  PairParams,
  ProposalChange,
  SwapBody,
  EnrolmentParams,
  Enrolments,
  ImportReport,
  MatchingView,
  PageQuery,
  Progress,
  ProgressWithStatus,
  ReconcileAnswer,
  RejectionPage,
  RetryAnswer,
  TemplateQuery,
  Withdrawal,
} from '../../../contract/admin.ts';
import { EnrolmentFile, enrolmentFileTypes, xlsxType } from './schema.ts';
import { populationRoutes } from './population-routes.ts';
import { rolloutEventsRoutes } from './rollout-events-routes.ts';
import { matchingProgressRoutes } from './matching-progress-routes.ts';

export interface AdminRoutesOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
  /** How browsers reach the service (the links in invitations); else as each request says. */
  publicOrigin?: string | null;
}

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const changeErrors = { ...errors, 422: ErrorBody };

/** The API HR's pane uses: cohorts, enrolments, matching, publishing, rollout. */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Bytes, not text: the file's encoding is told from its bytes (server/enrolment/decode.ts), whatever the charset says.
  app.addContentTypeParser(enrolmentFileTypes, { parseAs: 'buffer', bodyLimit: 25 * 1024 * 1024 }, (_req, body, done) => {
    done(null, body);
  });

  // Who is calling is settled before the body is read or validated: a stranger learns nothing from a 400.
  const runtimes = new WeakMap<FastifyRequest, TenantRuntime>();
  app.addHook('onRequest', async (request, reply) => {
    const identity = resolveAdminIdentity(request, options.registry);
    if (!identity.ok) return reply.status(identity.status).send({ code: identity.code, message: identity.message, field: null });
    runtimes.set(request, identity.runtime);
    return undefined;
  });

  const contextFor = (request: FastifyRequest, reply: FastifyReply): programme.ProgrammeContext | null => {
    const runtime = runtimes.get(request);
    if (runtime === undefined) {
      void reply.status(403).send({ code: 'TENANT_UNKNOWN', message: 'the caller was not identified', field: null });
      return null;
    }
    return { db: options.db, runtime, clock: options.clock };
  };

  const answer = <T>(reply: FastifyReply, outcome: Outcome<T>, status = 200) =>
    outcome.ok
      ? reply.status(status).send(outcome.value)
      : reply.status(failureStatus(outcome.error)).send({ code: outcome.error.code, message: outcome.error.message, field: outcome.error.field, params: outcome.error.params });

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
    '/cohorts/:cohortId/open',
    {
      schema: {
        tags: ['cohorts'],
        summary: 'Open a draft cohort for volunteering: people may then enrol themselves',
        description: 'States, in order: draft, open, matched, published, rolling_out, running, closed. A step out of order answers 409 STATUS_OUT_OF_ORDER.',
        params: CohortParams,
        response: { 200: Cohort, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.openCohort(ctx, request.params.cohortId));
    },
  );

  app.post(
    '/cohorts/:cohortId/close',
    {
      schema: {
        tags: ['cohorts'],
        summary: 'Close the cohort (it also closes by itself once its last session is over)',
        params: CohortParams,
        response: { 200: Cohort, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.closeCohort(ctx, request.params.cohortId));
    },
  );

  app.delete(
    '/cohorts/:cohortId/enrolments/:email',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Withdraw a volunteer before the pairs are published (a proposal formed with them is discarded)',
        params: EnrolmentParams,
        response: { 200: Withdrawal, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.withdraw(ctx, request.params.cohortId, request.params.email));
    },
  );

  app.post(
    '/cohorts/:cohortId/enrolments',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Import enrolments (CSV or .xlsx body; header email,role,offers,wants,languages,format[,workingDays,workingHours])',
        description:
          'Good rows load; refused rows are reported with their line, field and reason (the first 1000 here, all of them paged at /rejections). ' +
          'CSV in UTF-8, UTF-16 or Windows-1252, delimited by commas, semicolons or tabs; French column names accepted. ' +
          'An import that changes the enrolments of a matched cohort discards its proposal (proposalDiscarded).',
        consumes: enrolmentFileTypes,
        params: CohortParams,
        body: EnrolmentFile,
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
    '/cohorts/:cohortId/rejections',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'The rows the imports refused, grouped by cause with their lines, a page at a time',
        params: CohortParams,
        querystring: PageQuery,
        response: { 200: RejectionPage, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      const { offset, limit } = request.query;
      const page = await programme.rejections(ctx, request.params.cohortId, offset, limit);
      return answer(reply, page.ok ? { ok: true, value: { ...page.value, offset, limit } } : page);
    },
  );

  app.get(
    '/enrolment-template',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Download the enrolment template (CSV with a BOM, or .xlsx), with French or English column names',
        querystring: TemplateQuery,
        produces: ['text/csv', xlsxType],
        response: { 200: z.instanceof(Buffer), ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      const { format, lang } = request.query;
      const name = lang === 'fr' ? 'inscriptions' : 'enrolments';
      void reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(csvTemplate(lang));
      return reply.type(xlsxType).send(await xlsxTemplate(lang, defaultThemes));
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
        summary: 'Form the optimal pairs and plan their sessions; locked pairs are kept as they are',
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

  await app.register(matchingProgressRoutes, { db: options.db, registry: options.registry, clock: options.clock });

  app.get(
    '/cohorts/:cohortId/matching',
    { schema: { tags: ['matching'], summary: 'Read the proposal', params: CohortParams, response: { 200: MatchingView, ...errors } } },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await programme.matchingView(ctx, request.params.cohortId));
    },
  );

  app.put(
    '/cohorts/:cohortId/pairs/:pairId/lock',
    {
      schema: {
        tags: ['matching'],
        summary: 'Lock a pair (matching again keeps it, it cannot be broken or swapped) or unlock it',
        params: PairParams,
        body: LockBody,
        response: { 200: ProposalChange, ...changeErrors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await changes.lockPair(ctx, request.params.cohortId, request.params.pairId, request.body.locked));
    },
  );

  app.post(
    '/cohorts/:cohortId/pairs/:pairId/break',
    {
      schema: {
        tags: ['matching'],
        summary: 'Break a pair: both people are left without a pair, with the reason given',
        params: PairParams,
        body: BreakBody,
        response: { 200: ProposalChange, ...changeErrors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await changes.breakPair(ctx, request.params.cohortId, request.params.pairId, request.body.reason));
    },
  );

  app.post(
    '/cohorts/:cohortId/swaps',
    {
      schema: {
        tags: ['matching'],
        summary: 'Swap two people of the same side: two pairs exchange partners, or someone left out takes a paired person\'s place',
        description:
          'Each pair the swap forms is checked against the hard rules matching applies (reporting line, language, themes, common free time for every session); ' +
          'a pair that breaks one is refused with 422, the rule as the code and both people named in the message.',
        params: CohortParams,
        body: SwapBody,
        response: { 200: ProposalChange, ...changeErrors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await changes.swapPeople(ctx, request.params.cohortId, request.body.first, request.body.second));
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

  await app.register(rolloutEventsRoutes, { db: options.db, registry: options.registry, clock: options.clock });

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

  app.post(
    '/cohorts/:cohortId/rollout/reconcile',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Read the booked events back from the calendars and flag every session whose event is gone (EVENT_MISSING)',
        params: CohortParams,
        response: { 200: ReconcileAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextFor(request, reply);
      if (ctx === null) return reply;
      return answer(reply, await rollout.reconcile(ctx, request.params.cohortId));
    },
  );

  await fastify.register(populationRoutes, { db: options.db, registry: options.registry, clock: options.clock, publicOrigin: options.publicOrigin ?? null });
};
