import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Graph's error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphErrorBody(code: string, message: string, clientRequestId?: string) {
  const requestId = randomUUID();
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  };
}

export function sendGraphError(reply: FastifyReply, status: number, code: string, message: string) {
  const clientRequestId = reply.request.headers['client-request-id'];
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(graphErrorBody(code, message, typeof clientRequestId === 'string' ? clientRequestId : undefined));
}

/** Outlook's messages for the faults the knobs inject. */
export const faultMessages = {
  throttled: { code: 'TooManyRequests', message: 'Please retry again later.' },
  unavailable: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry later.' },
  timeout: { code: 'GatewayTimeout', message: 'The operation has timed out.' },
} as const;

/** The body Graph sends with a 429 (documented sample, with its innerError fields). */
export function throttledBody() {
  const requestId = randomUUID();
  return {
    error: {
      code: 'TooManyRequests',
      message: 'Please retry again later.',
      innerError: {
        code: '429',
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        message: 'Please retry after',
        'request-id': requestId,
        status: '429',
      },
    },
  };
}
