import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../../store/database.ts';
import { people } from '../../store/schema.ts';
import type { TenantRegistry, TenantRuntime } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { proposeMove, requestMove, type MoveContext, type Participant, type SessionInMotion } from '../../rollout/move.ts';
import type { MoveErrorCode, MoveFailure } from '../../rollout/errors.ts';
import { ErrorBody } from '../errors.ts';
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

interface Caller {
  runtime: TenantRuntime;
  me: Participant;
}

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
  const callers = new WeakMap<FastifyRequest, Caller>();

  // Who is calling is settled before the body is read: a stranger learns nothing from a 400.
  app.addHook('onRequest', async (request, reply) => {
    const identity = request.identity;
    if (identity === null) return reply.status(401).send({ code: 'TOKEN_MISSING', message: 'sign in or send Authorization: Bearer <token>', field: null });
    const runtime = options.registry.get(identity.tenantId);
    if (runtime === undefined) return reply.status(403).send({ code: 'TENANT_NOT_ALLOWED', message: `tenant ${identity.tenantId} is not served here`, field: null });
    const [person] = await options.db
      .select({ email: people.email, data: people.data })
      .from(people)
      .where(and(eq(people.tenantId, identity.tenantId), eq(people.personId, identity.personId)));
    if (person === undefined) return reply.status(404).send({ code: 'SESSION_NOT_FOUND', message: 'you have no session in this tenant', field: null });
    const zone = (person.data as { timeZone?: unknown }).timeZone;
    callers.set(request, { runtime, me: { email: person.email, timeZone: typeof zone === 'string' ? zone : null } });
    return undefined;
  });

  const contextFor = (request: FastifyRequest): { ctx: MoveContext; me: Participant } => {
    const caller = callers.get(request);
    if (caller === undefined) throw new Error('the onRequest hook identifies every caller first');
    return { ctx: { db: options.db, runtime: caller.runtime, clock: options.clock }, me: caller.me };
  };

  const refuse = (reply: FastifyReply, error: MoveFailure) => reply.status(statusOf[error.code]).send({ code: error.code, message: error.message, field: error.field });

  /** The session as the participant sees it, in their zone. */
  const view = async (ctx: MoveContext, me: Participant, found: SessionInMotion): Promise<MySession> => {
    const { row, cohort, timeZone } = found;
    const mine = row.organizer_email.toLowerCase() === me.email.toLowerCase();
    const partnerEmail = mine ? row.attendee_email : row.organizer_email;
    const [partner] = await ctx.db
      .select({ data: people.data })
      .from(people)
      .where(and(eq(people.tenantId, row.tenant_id), inArray(people.email, [partnerEmail, partnerEmail.toLowerCase()])));
    const name = (partner?.data as { name?: unknown } | undefined)?.name;
    return {
      pairId: row.pair_id,
      cohortId: row.cohort_id,
      cohortName: cohort.name,
      session: row.session,
      start: inZone(row.starts_at, timeZone),
      end: inZone(row.ends_at, timeZone),
      timeZone,
      state: row.state === 'moving' ? 'moving' : row.state === 'booked' ? 'booked' : row.state === 'failed' ? 'failed' : 'planned',
      movingTo:
        row.state === 'moving' && row.move_starts_at !== null && row.move_ends_at !== null
          ? { start: inZone(row.move_starts_at, timeZone), end: inZone(row.move_ends_at, timeZone) }
          : null,
      online: row.online,
      meetingUrl: row.online_meeting_url,
      partnerName: typeof name === 'string' ? name : partnerEmail,
      // The mentor organises every session (publishing books them from the mentor's calendar).
      myRole: mine ? 'mentor' : 'mentee',
      ended: Date.parse(row.ends_at) <= ctx.clock().getTime(),
      tag: row.idempotency_key,
      eventId: row.event_id,
    };
  };

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
      const { ctx, me } = contextFor(request);
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
      const { ctx, me } = contextFor(request);
      const moved = await requestMove(ctx, me, request.params.pairId, request.params.session, Date.parse(request.body.start));
      if (!moved.ok) return refuse(reply, moved.error);
      return reply.status(moved.value.moved ? 200 : 202).send(await view(ctx, me, moved.value));
    },
  );
};
