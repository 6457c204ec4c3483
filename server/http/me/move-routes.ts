import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { mySession } from '../../participation/service.ts';
import { participantOf, requireParticipant } from './context.ts';
import { proposeMove, requestMove, type MoveContext, type Participant } from '../../rollout/move.ts';
import type { MoveErrorCode, MoveFailure } from '../../rollout/errors.ts';
import { ErrorBody } from '../errors.ts';
import { personalCalendars } from '../../auth/on-behalf-of.ts';
import { MoveBody, MySession, SessionParams, SlotProposal } from '../../../contract/me.ts';

export interface MoveRoutesOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
}

const statusOf: Record<MoveErrorCode, 404 | 409 | 422 | 502 | 503> = {
  SESSION_NOT_FOUND: 404,
  SESSION_NOT_BOOKED: 409,
  SESSION_STARTED: 409,
  MOVE_IN_PROGRESS: 409,
  SLOT_TAKEN: 409,
  SLOT_NOT_ALLOWED: 422,
  MOVE_REFUSED: 502,
  CALENDAR_UNREADABLE: 503,
};

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 502: ErrorBody, 503: ErrorBody };

/** An instant as the person reads it: with their zone's offset at that moment. */
function inZone(iso: string, timeZone: string): string {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
}

/**
 * Moving a session: the slots both people have free, and the move itself, for the
 * signed-in person only; another pair's session answers 404 like a missing one.
 */
export const moveRoutes: FastifyPluginAsync<MoveRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Who is calling is settled before the body is read (the participant API's own resolver).
  requireParticipant(app, options);

  // Free/busy is read as the person when they came with their own Entra token (docs/on-behalf-of.md).
  const calendars = personalCalendars();
  app.addHook('onClose', () => calendars.close());

  const contextFor = async (request: FastifyRequest): Promise<{ ctx: MoveContext; me: Participant }> => {
    const participant = participantOf(request);
    const calendar = await calendars.calendarFor(request, participant.runtime, participant.me.email);
    return {
      ctx: { db: participant.db, runtime: { ...participant.runtime, calendar }, clock: participant.clock },
      me: { email: participant.me.email, timeZone: participant.me.timeZone },
    };
  };

  const refuse = (reply: FastifyReply, error: MoveFailure) => reply.status(statusOf[error.code]).send({ code: error.code, message: error.message, field: error.field });

  app.get(
    '/sessions/:pairId/:session/slots',
    {
      schema: {
        tags: ['me'],
        summary: 'The next common free slots a session could move to (both working hours, a week from the pair’s other sessions)',
        params: SessionParams,
        response: { 200: SlotProposal, ...errors },
      },
    },
    async (request, reply) => {
      const { ctx, me } = await contextFor(request);
      const found = await proposeMove(ctx, me, request.params.pairId, request.params.session);
      if (!found.ok) return refuse(reply, found.error);
      const { slots, shortage, timeZone } = found.value;
      return {
        slots: slots.map((s) => ({ start: inZone(new Date(s.start).toISOString(), timeZone), end: inZone(new Date(s.end).toISOString(), timeZone) })),
        note: shortage === null ? null : { code: shortage.code, params: shortage.params, message: shortage.message },
      };
    },
  );

  app.post(
    '/sessions/:pairId/:session/move',
    {
      schema: {
        tags: ['me'],
        summary: 'Move a session to one of the proposed slots: the same event moves in both calendars (200 moved, 202 still moving)',
        params: SessionParams,
        body: MoveBody,
        response: { 200: MySession, 202: MySession, ...errors },
      },
    },
    async (request, reply) => {
      const { ctx, me } = await contextFor(request);
      const moved = await requestMove(ctx, me, request.params.pairId, request.params.session, Date.parse(request.body.start));
      if (!moved.ok) return refuse(reply, moved.error);
      // The session as every participant route shows it, read back from the ledger.
      const shown = await mySession(participantOf(request), request.params.pairId, request.params.session);
      if (!shown.ok) return reply.status(404).send({ code: shown.error.code, message: shown.error.message, field: shown.error.field });
      return reply.status(moved.value.moved ? 200 : 202).send(shown.value);
    },
  );
};
