import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ProgrammeErrorCode, ProgrammeFailure } from '../programme/errors.ts';
import { ProviderCallError } from '../../src/ports/provider-error.ts';
import { pairRefusalCodes, swapRefusalCodes, type PairRefusalCode, type SwapRefusalCode } from '../../src/matching/manual-changes.ts';

import { ErrorBody } from '../../contract/admin.ts';

export { ErrorBody };

const statusOf: Record<ProgrammeErrorCode, number> = {
  COHORT_NOT_FOUND: 404,
  COHORT_LOCKED: 409,
  INVALID_INPUT: 400,
  ALREADY_PUBLISHED: 409,
  NOT_MATCHED: 409,
  NOT_PUBLISHED: 409,
  NOT_ROLLING_OUT: 409,
  NOTHING_TO_MATCH: 409,
  CSV_FILE_INVALID: 400,
  PAIR_NOT_FOUND: 404,
  PERSON_NOT_IN_PROPOSAL: 404,
  PAIR_LOCKED: 409,
  PROPOSAL_CHANGED: 409,
  STATUS_OUT_OF_ORDER: 409,
  ENROLMENT_NOT_FOUND: 404,
  // A change HR asked for that breaks a hard rule: understood, and refused for what it would do.
  ...(Object.fromEntries([...pairRefusalCodes, ...swapRefusalCodes].map((code) => [code, 422])) as Record<PairRefusalCode | SwapRefusalCode, number>),
};

export function failureStatus(failure: ProgrammeFailure): number {
  return statusOf[failure.code];
}

/** Maps validation errors to 400s naming the field, and hides anything unexpected behind a 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = error.validationContext ?? 'body';
      const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const field = path === '' ? where : `${where === 'body' ? '' : `${where}.`}${path}`;
      const body: ErrorBody = {
        code: 'INVALID_INPUT',
        message: `${field}: ${first?.message ?? 'invalid value'}`,
        field,
      };
      return reply.status(400).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.status(status).send(frameworkRefusal(status, error));
    const cause: unknown = error;
    if (cause instanceof ProviderCallError) {
      request.log.warn({ err: cause }, 'provider call failed');
      // Provider reads come before any write in every use case: nothing was changed.
      const body: ErrorBody = {
        code: cause.transient ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REFUSED',
        message: `${cause.provider} ${cause.transient ? 'did not answer' : 'refused'} (${cause.message}); nothing was changed${cause.transient ? ', try again' : ''}`,
        field: null,
      };
      if (cause.transient && cause.retryAfterMs !== null) void reply.header('retry-after', String(Math.ceil(cause.retryAfterMs / 1000)));
      return reply.status(cause.transient ? 503 : 502).send(body);
    }
    request.log.error({ err: error }, 'request failed');
    const body: ErrorBody = { code: 'INTERNAL', message: 'something went wrong on our side; the request id is in the logs', field: null };
    return reply.status(500).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}`, field: null };
    return reply.status(404).send(body);
  });
}

/** Fastify's own refusals, under the project's stable codes rather than the framework's. */
function frameworkRefusal(status: number, error: { code?: string; message: string }): ErrorBody {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // secure-json-parse refuses `__proto__` and `constructor.prototype` keys with the same error.
      return { code: 'INVALID_JSON', message: 'body: not valid JSON, or it holds a __proto__ or constructor.prototype key', field: 'body' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'INVALID_JSON', message: 'body: empty, yet the content type says JSON', field: 'body' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'URL_TOO_LONG', message: 'a path parameter is longer than the server accepts (100 characters)', field: null };
    case 'FST_ERR_BAD_URL':
      return { code: 'BAD_URL', message: 'the URL cannot be decoded (bad percent-encoding)', field: null };
    default:
  }
  switch (status) {
    case 413:
      return { code: 'BODY_TOO_LARGE', message: `${error.message} (limits: 25 MiB for an enrolment import, 1 MiB for JSON)`, field: 'body' };
    case 415:
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `${error.message}: send JSON, or text/csv for an enrolment import`, field: null };
    default:
      return { code: 'BAD_REQUEST', message: error.message, field: null };
  }
}

/**
 * Fastify's `frameworkErrors` option: refusals made before routing (a path
 * parameter too long, a URL that cannot be decoded) answer in the project's shape.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
  void reply.status(status).send(frameworkRefusal(status, error));
}

/**
 * Fastify's `clientErrorHandler` option: what Node's HTTP parser refuses
 * (headers too large, a malformed request, a request too slow) is answered on
 * the raw socket, in the project's shape, before any route runs.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body]: [number, ErrorBody] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, { code: 'HEADERS_TOO_LARGE', message: 'the request headers are larger than the server accepts (16 KiB)', field: null }]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, { code: 'REQUEST_TIMEOUT', message: 'the request took too long to arrive', field: null }]
        : [400, { code: 'BAD_REQUEST', message: 'the request could not be read as HTTP', field: null }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
