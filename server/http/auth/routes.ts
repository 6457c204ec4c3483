import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { finishSignIn, openOidcClient, startSignIn, type OidcClient } from '../../auth/oidc.ts';
import { Role } from '../../auth/schema.ts';
import type { TenantAuth } from '../../auth/tenant-auth.ts';
import { verifyToken } from '../../auth/verify.ts';
import { ErrorBody } from '../errors.ts';
import { authFailureStatus, type AuthFailure } from '../../auth/errors.ts';
import { checkSessionChange, ownOrigin, refuseAuth } from './identity.ts';
import { failureLanguage, renderFailurePage, wantsPage, type SignInFailure } from './failure-page.ts';

export interface AuthRoutesOptions {
  tenants: readonly TenantAuth[];
  publicOrigin: string | null;
}

const LoginQuery = z.object({
  tenant: z.string().min(1).optional(),
  /** A path of this service to land on after sign-in. */
  returnTo: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/, { message: 'returnTo must be a path of this service' })
    .optional(),
});
const CallbackQuery = z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() });
const SessionAnswer = z.object({
  tenantId: z.string(),
  personId: z.string(),
  roles: z.array(Role),
  name: z.string().nullable(),
  via: z.enum(['bearer', 'session']),
  /** Send it back as `x-csrf-token` on every change made with the session cookie; null for bearer callers. */
  csrfToken: z.string().nullable(),
});
const DemoTokenBody = z.object({
  tenant: z.string().min(1).optional(),
  /** A person of the sandbox directory by email (or directory id). */
  as: z.string().min(1).optional(),
  role: z.literal('hr').optional(),
});
const DemoTokenAnswer = z.object({ tenantId: z.string(), token: z.string(), expiresIn: z.number().int() });

const loopback = (ip: string): boolean => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/**
 * Sign-in for the admin pane (OIDC code + PKCE at the tenant's issuer, the session in
 * an encrypted cookie), who-am-I, sign-out, and the sandbox-only demo tokens.
 */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const clients = new Map<string, Promise<OidcClient>>();
  app.addHook('onClose', async () => {
    for (const pending of clients.values()) await (await pending.catch(() => null))?.close();
  });

  const oidcFor = (tenant: TenantAuth): Promise<OidcClient> | null => {
    if (tenant.signIn === null) return null;
    const known = clients.get(tenant.tenantId);
    if (known !== undefined) return known;
    const opening = openOidcClient(tenant.signIn);
    // A failed discovery is tried again on the next sign-in rather than remembered.
    opening.catch(() => clients.delete(tenant.tenantId));
    clients.set(tenant.tenantId, opening);
    return opening;
  };
  const pickTenant = (asked: string | undefined, usable: (t: TenantAuth) => boolean): TenantAuth | string => {
    const candidates = options.tenants.filter(usable);
    if (asked !== undefined) return candidates.find((t) => t.tenantId === asked) ?? `tenant ${asked} has no such sign-in here`;
    const only = candidates[0];
    return candidates.length === 1 && only !== undefined ? only : candidates.length === 0 ? 'no tenant offers this sign-in here' : 'several tenants are served: name one with ?tenant=';
  };
  const callbackUrl = (request: FastifyRequest) => `${ownOrigin(request, options.publicOrigin)}/auth/callback`;

  app.get(
    '/auth/login',
    { schema: { tags: ['sign-in'], summary: "Start signing in to the admin pane at the tenant's identity provider", querystring: LoginQuery, response: { 400: ErrorBody } } },
    async (request, reply) => {
      const tenant = pickTenant(request.query.tenant, (t) => t.signIn !== null);
      if (typeof tenant === 'string') return reply.code(400).send({ code: 'SIGN_IN_UNAVAILABLE', message: tenant, field: 'tenant' });
      const oidc = await oidcFor(tenant);
      if (oidc === null) return reply.code(400).send({ code: 'SIGN_IN_UNAVAILABLE', message: `tenant ${tenant.tenantId} has no pane sign-in`, field: 'tenant' });
      const { url, pending } = await startSignIn(oidc, callbackUrl(request));
      request.session.set('pending', { ...pending, tenantId: tenant.tenantId, returnTo: request.query.returnTo ?? '/' });
      return reply.header('cache-control', 'no-store').redirect(url.toString(), 302);
    },
  );

  /** A failed callback: a page for a browser (what happened, and the way back in), the error body for a client asking for JSON. */
  const refuseCallback = (request: FastifyRequest, reply: FastifyReply, failure: AuthFailure, why: SignInFailure, again: { tenantId?: string; returnTo?: string }) => {
    if (!wantsPage(request)) return refuseAuth(reply, failure);
    const query = new URLSearchParams();
    if (again.tenantId !== undefined && options.tenants.length > 1) query.set('tenant', again.tenantId);
    query.set('returnTo', again.returnTo ?? '/admin/');
    const page = renderFailurePage(why, failure.code, failure.message, failureLanguage(request.headers['accept-language']), `/auth/login?${query.toString()}`);
    return reply.code(authFailureStatus(failure.code)).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  };

  app.get(
    '/auth/callback',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Where the identity provider sends the browser back',
        description: 'A refusal is a page in the browser’s language (French unless it prefers English) offering to sign in again; the error body for a client that asks for JSON.',
        querystring: CallbackQuery,
        response: { 401: ErrorBody.or(z.string()) },
      },
    },
    async (request, reply) => {
      const pending = request.session.get('pending');
      request.session.set('pending', undefined);
      if (pending === undefined) {
        return refuseCallback(request, reply, { code: 'SIGN_IN_FAILED', message: 'no sign-in was started from this browser: start again at /auth/login' }, { kind: 'not-started' }, {});
      }
      const again = { tenantId: pending.tenantId, returnTo: pending.returnTo };
      if (request.query.error !== undefined) {
        const { error, error_description: description = '' } = request.query;
        return refuseCallback(request, reply, { code: 'SIGN_IN_FAILED', message: `the identity provider answered ${error}: ${description}` }, { kind: 'provider-refused', error, description }, again);
      }
      const tenant = options.tenants.find((t) => t.tenantId === pending.tenantId);
      const oidc = tenant === undefined ? null : await oidcFor(tenant);
      if (tenant === undefined || oidc === null || tenant.signIn === null) {
        return refuseCallback(request, reply, { code: 'SIGN_IN_FAILED', message: `tenant ${pending.tenantId} no longer offers sign-in` }, { kind: 'tenant-gone' }, {});
      }
      let idToken: string;
      try {
        idToken = await finishSignIn(oidc, new URL(request.url, callbackUrl(request)), pending);
      } catch (error) {
        request.log.warn({ err: error }, 'sign-in callback refused');
        const failure: AuthFailure = { code: 'SIGN_IN_FAILED', message: 'the sign-in answer did not check out (state, PKCE or ID token): start again at /auth/login' };
        return refuseCallback(request, reply, failure, { kind: 'answer-unchecked' }, again);
      }
      const verified = await verifyToken(idToken, [tenant.trust], { use: 'id', audiences: [tenant.signIn.clientId] });
      if (!verified.ok) return refuseCallback(request, reply, verified.failure, { kind: 'token-refused', code: verified.failure.code }, again);
      // A new secret: no CSRF token handed out before sign-in stays valid after it.
      request.session.set('_csrf', undefined);
      request.session.set('identity', verified.identity);
      return reply.header('cache-control', 'no-store').redirect(pending.returnTo, 302);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['sign-in'], summary: 'Sign out of the admin pane (x-csrf-token required)', response: { 204: z.null(), 403: ErrorBody } } },
    async (request, reply) => {
      if (request.session.get('identity') !== undefined) {
        const refused = await checkSessionChange(fastify, request, options.publicOrigin);
        if (refused !== null) return refuseAuth(reply, refused);
      }
      request.session.delete();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/session',
    { schema: { tags: ['sign-in'], summary: 'Who is signed in, with which roles, and the CSRF token for changes', response: { 200: SessionAnswer, 401: ErrorBody } } },
    async (request, reply) => {
      const identity = request.identity;
      if (identity === null || request.identityVia === null) return refuseAuth(reply, { code: 'TOKEN_MISSING', message: 'nobody is signed in: GET /auth/login' });
      return reply.header('cache-control', 'no-store').send({
        tenantId: identity.tenantId,
        personId: identity.personId,
        roles: identity.roles,
        name: identity.name,
        via: request.identityVia,
        csrfToken: request.identityVia === 'session' ? reply.generateCsrf() : null,
      });
    },
  );

  app.post(
    '/auth/demo-token',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sandbox tenants only, from this machine only: a one-hour bearer token for a demo person (what `binome demo-token` prints)',
        body: DemoTokenBody,
        response: { 200: DemoTokenAnswer, ...errors },
      },
    },
    async (request, reply) => {
      if (!loopback(request.ip)) return refuseAuth(reply, { code: 'DEMO_ONLY', message: 'demo tokens are handed out on this machine only' });
      const tenant = pickTenant(request.body.tenant, () => true);
      if (typeof tenant === 'string') return reply.code(400).send({ code: 'INVALID_INPUT', message: tenant, field: 'tenant' });
      if (!tenant.sandbox || tenant.demoTokens === null) return refuseAuth(reply, { code: 'DEMO_ONLY', message: `tenant ${tenant.tenantId} is not a sandbox tenant: demo tokens exist only for the sandbox` });
      const person = request.body.as ?? (request.body.role === 'hr' ? tenant.hrPeople[0] : undefined);
      if (person === undefined) return reply.code(400).send({ code: 'INVALID_INPUT', message: request.body.role === 'hr' ? `tenant ${tenant.tenantId} names no HR person (hr.people)` : 'say who: as (an email) or role', field: 'as' });
      const issued = await tenant.demoTokens(person);
      return { tenantId: tenant.tenantId, token: issued.token, expiresIn: issued.expiresIn };
    },
  );
};
