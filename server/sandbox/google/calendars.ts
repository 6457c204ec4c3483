import type { FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { googleErrors, sendGoogleError } from './errors.ts';
import { callerOf } from './pipeline.ts';

/**
 * The calendar a `calendarId` names for the caller: `primary` or the caller's own
 * address. Another person's calendar is not shared with the impersonated user in
 * this sandbox, so it reads as not found (the connector impersonates each organizer).
 */
export function ownCalendar(reply: FastifyReply, calendarId: string): SandboxUser | null {
  const me = callerOf(reply.request).user;
  if (me === null) return null;
  if (calendarId === 'primary' || calendarId.toLowerCase() === me.email.toLowerCase()) return me;
  return null;
}

export function calendarNotFound(reply: FastifyReply) {
  return sendGoogleError(reply, 404, googleErrors.notFound);
}

/** A domain user's primary calendar by its id (their address), for free/busy. */
export function domainCalendar(context: SandboxContext, calendarId: string, caller: SandboxUser | null): SandboxUser | undefined {
  if (calendarId === 'primary') return caller ?? undefined;
  if (!calendarId.includes('@')) return undefined;
  return context.state.findUser(calendarId);
}
