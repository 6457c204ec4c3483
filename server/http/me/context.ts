import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { personResolver, zoneFinder } from '../../participation/identity.ts';
import type { ParticipantContext } from '../../participation/service.ts';
import { participationStatus, type Result } from '../../participation/errors.ts';

const participants = new WeakMap<FastifyRequest, ParticipantContext>();

/**
 * Settles who calls a participant route before its body is read: the verified
 * identity's tenant and directory id name one person of that tenant's directory.
 * Routes registered in the same plugin read it with `participantOf`.
 */
export function requireParticipant(app: FastifyInstance, options: { db: Database; registry: TenantRegistry; clock: Clock }): void {
  const resolve = personResolver(options.db, options.clock);
  const zones = zoneFinder(options.clock);
  app.addHook('onRequest', async (request, reply) => {
    const identity = request.identity;
    const refuse = (status: number, code: string, message: string) => reply.status(status).send({ code, message, field: null });
    if (identity === null) return refuse(401, 'TOKEN_MISSING', 'sign in (GET /auth/login) or send Authorization: Bearer <token>');
    if (identity.kind !== 'user') return refuse(403, 'PERSON_REQUIRED', 'the participant API answers for a person; this token is an application');
    const runtime = options.registry.get(identity.tenantId);
    if (runtime === undefined) return refuse(403, 'TENANT_NOT_ALLOWED', `tenant ${identity.tenantId} is not served here`);
    const me = await resolve(runtime, identity.personId);
    if (me === null) return refuse(403, 'PERSON_UNKNOWN', "you are not in your organisation's directory as Binome last read it");
    participants.set(request, { db: options.db, runtime, clock: options.clock, me, zones: (emails) => zones(runtime, emails) });
    return undefined;
  });
}

/** The participant `requireParticipant` settled for this request. */
export function participantOf(request: FastifyRequest): ParticipantContext {
  const found = participants.get(request);
  if (found === undefined) throw new Error(`${request.url}: the route is not behind requireParticipant`);
  return found;
}

/** Sends a use case's answer, or its refusal in the project's error shape. */
export function answer<T>(reply: FastifyReply, result: Result<T>, status = 200): FastifyReply {
  if (result.ok) return status === 204 ? reply.status(204).send(null) : reply.status(status).send(result.value);
  const { code, message, field } = result.error;
  return reply.status(participationStatus[code]).send({ code, message, field });
}
