import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProgrammeErrorCode, ProgrammeFailure } from '../programme/errors.ts';
import { ProviderCallError } from '../../src/ports/provider-error.ts';

/** The one error shape every route answers with. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().nullable().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const statusOf: Record<ProgrammeErrorCode, number> = {
  COHORT_NOT_FOUND: 404,
  COHORT_LOCKED: 409,
  ALREADY_PUBLISHED: 409,
  NOT_MATCHED: 409,
  NOT_PUBLISHED: 409,
  NOT_ROLLING_OUT: 409,
  NOTHING_TO_MATCH: 409,
  CSV_FILE_INVALID: 400,
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
    if (status < 500) {
      const body: ErrorBody = { ...frameworkRefusal(status, error.message), field: null };
      return reply.status(status).send(body);
    }
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
function frameworkRefusal(status: number, message: string): { code: string; message: string } {
  switch (status) {
    case 413:
      return { code: 'BODY_TOO_LARGE', message: `${message} (limits: 25 MiB for a CSV import, 1 MiB for JSON)` };
    case 415:
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `${message}: send JSON, or text/csv for an enrolment import` };
    default:
      return { code: 'BAD_REQUEST', message };
  }
}
