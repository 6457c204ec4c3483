import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authFailureStatus, bearerChallenge, type AuthFailure } from '../../auth/errors.ts';
import type { IssuerTrust } from '../../auth/verify.ts';
import { verifyToken } from '../../auth/verify.ts';
import { personRoles } from '../../auth/roles.ts';
import { csrfTokenValid } from './session.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sends a refusal in the project's error shape; a 401 carries its bearer challenge. */
export function refuseAuth(reply: FastifyReply, failure: AuthFailure): FastifyReply {
  const status = authFailureStatus(failure.code);
  if (status === 401) void reply.header('www-authenticate', bearerChallenge(failure));
  return reply.code(status).send({ code: failure.code, message: failure.message, field: null });
}

/** The service's own origin: configured, else as this request reached it. */
export function ownOrigin(request: FastifyRequest, publicOrigin: string | null): string {
  return publicOrigin ?? `${request.protocol}://${request.host}`;
}

/** A cookie-authenticated change must come from a page of this origin (Origin, else Referer). */
export function fromOwnOrigin(request: FastifyRequest, publicOrigin: string | null): boolean {
  const expected = ownOrigin(request, publicOrigin);
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === expected;
  const referer = request.headers.referer;
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}

/** Cookie sessions change nothing without a CSRF token from `/api/me/session` and a same-origin request. */
export async function checkSessionChange(app: FastifyInstance, request: FastifyRequest, publicOrigin: string | null): Promise<AuthFailure | null> {
  if (!fromOwnOrigin(request, publicOrigin)) return { code: 'CSRF_REJECTED', message: 'a signed-in change must come from a page of this service (Origin)' };
  if (!(await csrfTokenValid(app, request))) return { code: 'CSRF_REJECTED', message: 'the x-csrf-token header is missing or wrong: read it from GET /api/me/session' };
  return null;
}

export interface IdentityOptions {
  trusts: readonly IssuerTrust[];
  publicOrigin: string | null;
}

/**
 * Puts identity in front of every `/api/` route: a bearer token (verified against
 * the tenants' issuers) or the pane's session cookie (with CSRF and Origin checks on
 * changes). `/api/admin/…` requires an HR caller: 401 without one, 403 for others.
 * Routes read `request.identity`. Matching on the route pattern, not the raw URL,
 * leaves no spelling of a path around the check.
 */
export function installIdentity(app: FastifyInstance, options: IdentityOptions): void {
  app.decorateRequest('identity', null);
  app.decorateRequest('identityVia', null);
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(authorization.trim())?.[1];
      if (bearer === undefined) return refuseAuth(reply, { code: 'TOKEN_MALFORMED', message: 'send Authorization: Bearer <token>' });
      const verified = await verifyToken(bearer, options.trusts, { use: 'access' });
      if (!verified.ok) return refuseAuth(reply, verified.failure);
      request.identity = verified.identity;
      request.identityVia = 'bearer';
    } else {
      const identity = request.session.get('identity');
      // A session of a tenant no longer served here is nobody.
      const trust = identity === undefined ? undefined : options.trusts.find((t) => t.tenantId === identity.tenantId);
      if (identity !== undefined && trust !== undefined) {
        if (!safeMethods.has(request.method)) {
          const refused = await checkSessionChange(app, request, options.publicOrigin);
          if (refused !== null) return refuseAuth(reply, refused);
        }
        // Roles are read again on each request (group answers are kept a few minutes), so losing HR takes effect within a session.
        request.identity = identity.kind === 'user' ? { ...identity, roles: await personRoles(trust.hr, identity.personId) } : identity;
        request.identityVia = 'session';
      }
    }
    if (route.startsWith('/api/admin/') || route === '/api/admin') {
      if (request.identity === null) return refuseAuth(reply, { code: 'TOKEN_MISSING', message: 'sign in (GET /auth/login) or send Authorization: Bearer <token>' });
      if (!request.identity.roles.includes('hr')) return refuseAuth(reply, { code: 'ROLE_REQUIRED', message: 'the admin API is for HR; this identity does not have the HR role' });
    }
    return undefined;
  });
}
