import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Graph's ids for one request: its own, and the caller's `client-request-id` (or the same id when none was sent). */
export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

const idsByRequest = new WeakMap<FastifyRequest, RequestIds>();

/** The ids Graph echoes in the `request-id`/`client-request-id` headers and in every error's innerError. */
export function requestIdsOf(request: FastifyRequest): RequestIds {
  let ids = idsByRequest.get(request);
  if (ids === undefined) {
    const requestId = randomUUID();
    const sent = request.headers['client-request-id'];
    ids = { requestId, clientRequestId: typeof sent === 'string' && sent !== '' ? sent : requestId };
    idsByRequest.set(request, ids);
  }
  return ids;
}

function graphDate(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, '');
}

/** Graph's error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphErrorBody(code: string, message: string, ids?: RequestIds) {
  const requestId = ids?.requestId ?? randomUUID();
  return {
    error: {
      code,
      message,
      innerError: {
        date: graphDate(),
        'request-id': requestId,
        'client-request-id': ids?.clientRequestId ?? requestId,
      },
    },
  };
}

export function sendGraphError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(graphErrorBody(code, message, requestIdsOf(reply.request)));
}

/** Outlook's messages for the faults the knobs inject. */
export const faultMessages = {
  throttled: { code: 'TooManyRequests', message: 'Please retry again later.' },
  unavailable: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry later.' },
  timeout: { code: 'GatewayTimeout', message: 'The operation has timed out.' },
} as const;

/** The body Graph sends with a 429 (documented sample, with its innerError fields). */
export function throttledBody(ids: RequestIds) {
  return {
    error: {
      code: 'TooManyRequests',
      message: 'Please retry again later.',
      innerError: {
        code: '429',
        date: graphDate(),
        message: 'Please retry after',
        'request-id': ids.requestId,
        status: '429',
      },
    },
  };
}

/** Outlook's answer for a mailbox path naming nobody. */
export function invalidUser(reply: FastifyReply, idOrUpn: string) {
  return sendGraphError(reply, 404, 'ErrorInvalidUser', `The requested user '${idOrUpn}' is invalid.`);
}
