import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import * as participation from '../../participation/service.ts';
import { trainingFor } from '../../participation/training.ts';
import { ok } from '../../participation/errors.ts';
import { ErrorBody } from '../errors.ts';
import {
  CharterBody,
  Feedback,
  FeedbackBody,
  MyCohort,
  MyCohortParams,
  MyPair,
  MySession,
  MyTraining,
  Note,
  NoteBody,
  NoteParams,
  NotePatch,
  PairParams,
  SessionLookupQuery,
  SessionParams,
  TrainingQuery,
  VolunteerBody,
} from '../../../contract/me.ts';
import { answer, participantOf, requireParticipant } from './context.ts';
import { trainingAdminRoutes } from './training-routes.ts';

export interface MeRoutesOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = (tag: string) => [`me: ${tag}`];

/**
 * The participant API (`/api/me/…`): everything answers for the signed-in person
 * only, and HR's training edits (`/api/admin/training/overrides`).
 */
export const meRoutes: FastifyPluginAsync<MeRoutesOptions> = async (fastify, options) => {
  await fastify.register(trainingAdminRoutes, { prefix: '/api/admin/training', db: options.db, registry: options.registry, clock: options.clock });
  await fastify.register(participantRoutes, { prefix: '/api/me', ...options });
};

const participantRoutes: FastifyPluginAsync<MeRoutesOptions> = async (fastify, options) => {
  requireParticipant(fastify, options);
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/cohorts', { schema: { tags: tags('volunteering'), summary: 'The cohorts open for volunteering and the ones I am in', response: { 200: z.array(MyCohort), ...errors } } }, async (request) =>
    participation.myCohorts(participantOf(request)),
  );

  app.get(
    '/cohorts/:cohortId',
    { schema: { tags: tags('volunteering'), summary: 'One cohort open to me or holding me, with what I volunteered', params: MyCohortParams, response: { 200: MyCohort, ...errors } } },
    async (request, reply) => answer(reply, await participation.myCohort(participantOf(request), request.params.cohortId)),
  );

  app.put(
    '/cohorts/:cohortId/volunteering',
    {
      schema: {
        tags: tags('volunteering'),
        summary: 'Volunteer for an open cohort, or change what I said (until it is matched)',
        description: "Themes come from the cohort's catalogue; working hours are used only where the calendar provider gives none.",
        params: MyCohortParams,
        body: VolunteerBody,
        response: { 200: MyCohort, ...errors },
      },
    },
    async (request, reply) => answer(reply, await participation.volunteer(participantOf(request), request.params.cohortId, request.body)),
  );

  app.delete(
    '/cohorts/:cohortId/volunteering',
    { schema: { tags: tags('volunteering'), summary: 'Withdraw from an open cohort (until it is matched)', params: MyCohortParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => answer(reply, await participation.withdraw(participantOf(request), request.params.cohortId), 204),
  );

  app.get('/pairs', { schema: { tags: tags('pair'), summary: 'My published pairs: partner, reasons, charter, sessions', response: { 200: z.array(MyPair), ...errors } } }, async (request) =>
    participation.myPairs(participantOf(request)),
  );

  app.get(
    '/pairs/:pairId',
    { schema: { tags: tags('pair'), summary: 'One of my pairs (another pair answers 404)', params: PairParams, response: { 200: MyPair, ...errors } } },
    async (request, reply) => answer(reply, await participation.myPair(participantOf(request), request.params.pairId)),
  );

  app.post(
    '/pairs/:pairId/charter',
    {
      schema: {
        tags: tags('pair'),
        summary: 'Accept the charter (contrat moral) in the version I read',
        description: 'The version must be the charter in force (CHARTER_VERSION_STALE otherwise).',
        params: PairParams,
        body: CharterBody,
        response: { 200: MyPair, ...errors },
      },
    },
    async (request, reply) => answer(reply, await participation.acceptCharter(participantOf(request), request.params.pairId, request.body.version)),
  );

  app.get('/sessions', { schema: { tags: tags('sessions'), summary: 'All my sessions, soonest first, in my time zone', response: { 200: z.array(MySession), ...errors } } }, async (request) =>
    participation.mySessions(participantOf(request)),
  );

  app.get(
    '/sessions/lookup',
    { schema: { tags: tags('sessions'), summary: "The session a calendar event's Binome tag names", querystring: SessionLookupQuery, response: { 200: MySession, ...errors } } },
    async (request, reply) => answer(reply, await participation.sessionByTag(participantOf(request), request.query.tag)),
  );

  app.get(
    '/sessions/:pairId/:session',
    { schema: { tags: tags('sessions'), summary: 'One session of one of my pairs', params: SessionParams, response: { 200: MySession, ...errors } } },
    async (request, reply) => answer(reply, await participation.mySession(participantOf(request), request.params.pairId, request.params.session)),
  );

  app.get(
    '/sessions/:pairId/:session/notes',
    {
      schema: { tags: tags('notes'), summary: "The session's notes I can read: mine, and the ones my partner shared", params: SessionParams, response: { 200: z.array(Note), ...errors } },
    },
    async (request, reply) => answer(reply, await participation.notes(participantOf(request), request.params.pairId, request.params.session)),
  );

  app.post(
    '/sessions/:pairId/:session/notes',
    {
      schema: {
        tags: tags('notes'),
        summary: 'Write a note on a session (private unless shared with my partner; HR never reads notes)',
        params: SessionParams,
        body: NoteBody,
        response: { 201: Note, ...errors },
      },
    },
    async (request, reply) => answer(reply, await participation.addNote(participantOf(request), request.params.pairId, request.params.session, request.body), 201),
  );

  app.patch(
    '/notes/:noteId',
    { schema: { tags: tags('notes'), summary: 'Change my note, or share or unshare it', params: NoteParams, body: NotePatch, response: { 200: Note, ...errors } } },
    async (request, reply) => answer(reply, await participation.editNote(participantOf(request), request.params.noteId, request.body)),
  );

  app.delete(
    '/notes/:noteId',
    { schema: { tags: tags('notes'), summary: 'Delete my note', params: NoteParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => answer(reply, await participation.removeNote(participantOf(request), request.params.noteId), 204),
  );

  app.get(
    '/sessions/:pairId/:session/feedback',
    { schema: { tags: tags('feedback'), summary: 'My feedback on a session (404 FEEDBACK_NOT_GIVEN before I give it)', params: SessionParams, response: { 200: Feedback, ...errors } } },
    async (request, reply) => answer(reply, await participation.myFeedback(participantOf(request), request.params.pairId, request.params.session)),
  );

  app.put(
    '/sessions/:pairId/:session/feedback',
    {
      schema: {
        tags: tags('feedback'),
        summary: 'Give (or change) my feedback once the session has ended',
        params: SessionParams,
        body: FeedbackBody,
        response: { 200: Feedback, ...errors },
      },
    },
    async (request, reply) => answer(reply, await participation.giveFeedback(participantOf(request), request.params.pairId, request.params.session, request.body)),
  );

  app.get(
    '/training',
    {
      schema: {
        tags: tags('training'),
        summary: 'Training for my role (mentor training or mentee preparation), the session guides and the charter',
        description: "Each text is in French and English; `language` is the one to show (lang, else the person's, else French).",
        querystring: TrainingQuery,
        response: { 200: MyTraining, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = participantOf(request);
      const role = await participation.trainingRole(ctx);
      return answer(reply, ok(await trainingFor(ctx.db, ctx.runtime.tenant.id, role, request.query.lang, ctx.me.languages)));
    },
  );
};
