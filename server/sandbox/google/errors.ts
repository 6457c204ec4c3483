import type { FastifyReply } from 'fastify';

/** One entry of a Google error's `errors` list. */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: 'header' | 'parameter';
  location?: string;
}

/** Google's JSON error body (Calendar errors guide): `{ error: { errors: [...], code, message } }`. */
export function googleErrorBody(code: number, item: GoogleErrorItem) {
  return { error: { errors: [item], code, message: item.message } };
}

export function sendGoogleError(reply: FastifyReply, code: number, item: GoogleErrorItem) {
  return reply.code(code).header('content-type', 'application/json; charset=UTF-8').send(googleErrorBody(code, item));
}

/** The errors the facade answers, spelled as Google spells them. */
export const googleErrors = {
  authError: { domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' },
  insufficientPermissions: { domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' },
  rateLimitExceeded: { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
  backendError: { domain: 'global', reason: 'backendError', message: 'Backend Error' },
  notFound: { domain: 'global', reason: 'notFound', message: 'Not Found' },
  deleted: { domain: 'global', reason: 'deleted', message: 'Resource has been deleted' },
  duplicate: { domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' },
  forbiddenForNonOrganizer: { domain: 'calendar', reason: 'forbiddenForNonOrganizer', message: 'Shared properties can only be changed by the organizer of the event.' },
  timeRangeEmpty: { domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.', locationType: 'parameter', location: 'timeMax' },
  directoryForbidden: { domain: 'global', reason: 'forbidden', message: 'Not Authorized to access this resource/api' },
  badRequest: { domain: 'global', reason: 'badRequest', message: 'Bad Request' },
  invalidInput: { domain: 'global', reason: 'invalid', message: 'Invalid Input' },
} as const satisfies Record<string, GoogleErrorItem>;

export function invalid(message: string, location?: string): GoogleErrorItem {
  return { domain: 'global', reason: 'invalid', message, ...(location === undefined ? {} : { locationType: 'parameter' as const, location }) };
}

export function required(message: string, location?: string): GoogleErrorItem {
  return { domain: 'global', reason: 'required', message, ...(location === undefined ? {} : { locationType: 'parameter' as const, location }) };
}

export function resourceNotFound(what: string): GoogleErrorItem {
  return { domain: 'global', reason: 'notFound', message: `Resource Not Found: ${what}` };
}

/** A parameter outside its documented range, as Google's front end words it. */
export function outOfRange(value: string, min: number, max: number, location: string): GoogleErrorItem {
  return invalid(`Invalid value '${value}'. Values must be within the range: [${min}, ${max}]`, location);
}

/** The token endpoint's errors are OAuth 2.0 shaped, not API shaped. */
export function sendOAuthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send({ error, error_description: description });
}
