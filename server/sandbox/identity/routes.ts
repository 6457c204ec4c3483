import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { CodeStore } from './authorize.ts';
import { registerGoogleIdentityRoutes } from './google-routes.ts';
import { registerSignIn } from './sign-in.ts';
import {
  delegatedScopes,
  graphResource,
  issueAppToken,
  issueDelegatedToken,
  issueIdToken,
  issueOwnApiAppToken,
  issueUserToken,
  tokenLifetimeSeconds,
  verifyToken,
} from './tokens.ts';

const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/**
 * Sandbox only, no Entra counterpart: the app (with its secret) asks for a user token
 * for a named person of the demo tenant. `binome demo-token` goes through it.
 */
export const demoUserGrant = 'urn:binome:sandbox:demo-user';
/** A demo token lives one hour. */
const demoTokenLifetimeSeconds = 3600;

/** Replies the way Entra ID does: an OAuth error with an AADSTS code, trace and correlation ids. */
function entraError(reply: FastifyReply, status: number, error: string, aadsts: number, description: string, correlationId?: string) {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return reply.code(status).send({
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  });
}

function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Splits a scope parameter and checks every scope targets Graph; returns the Graph scopes or an error text. */
function graphScopes(scope: string): { scopes: string[]; others: string[] } | { invalid: string } {
  const oidc = new Set(['openid', 'profile', 'offline_access', 'email']);
  const scopes: string[] = [];
  const others: string[] = [];
  for (const raw of scope.split(/\s+/).filter((s) => s !== '')) {
    if (oidc.has(raw)) {
      others.push(raw);
      continue;
    }
    const match = /^(?:(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)\/)?([A-Za-z.]+)$/.exec(raw);
    if (match === null || match[2] === undefined) return { invalid: raw };
    scopes.push(match[2]);
  }
  return { scopes, others };
}

/**
 * The Entra ID facade: discovery documents, keys and the token endpoint (client
 * credentials and on-behalf-of), under `/<tenant>/…` like login.microsoftonline.com.
 * The demo sign-in (the authorization endpoint) is also served on `pageApp`, the
 * sandbox's plain-HTTP loopback port, when there is one: the address discovery gives.
 */
export function registerIdentityRoutes(app: FastifyInstance, context: SandboxContext, pageApp: FastifyInstance | null = null): void {
  const knownTenant = (tenant: string): boolean =>
    [context.state.tenantGuid, context.state.tenant.id, context.state.tenant.domain].includes(tenant.toLowerCase());
  const codes = new CodeStore();
  for (const host of pageApp === null ? [app] : [app, pageApp]) {
    registerSignIn(
      host,
      context,
      '/:tenant/oauth2/v2.0/authorize',
      { clients: () => [context.app], accepts: (request) => knownTenant((request.params as { tenant: string }).tenant) },
      codes,
    );
  }
  registerGoogleIdentityRoutes(app, context, pageApp);

  app.get('/common/discovery/instance', async () => {
    const host = new URL(context.urls.origin).host;
    return {
      tenant_discovery_endpoint: `${context.urls.origin}/${context.state.tenantGuid}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/v2.0/.well-known/openid-configuration', async (request, reply) => {
    if (!knownTenant(request.params.tenant) && request.params.tenant !== 'common' && request.params.tenant !== 'organizations') {
      return entraError(reply, 400, 'invalid_tenant', 90002, `Tenant '${request.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const base = `${context.urls.origin}/${context.state.tenantGuid}`;
    return {
      token_endpoint: context.urls.tokenEndpoint,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: context.urls.jwks,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: context.urls.issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${context.urls.origin}/oidc/userinfo`,
      authorization_endpoint: `${context.urls.signInOrigin}/${context.state.tenantGuid}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(context.urls.graph).host,
      rbac_url: 'https://pas.windows.net',
    };
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async () => ({
    keys: [{ ...context.key.publicJwk, x5t: context.key.kid, issuer: context.urls.issuer }],
  }));

  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const body = request.body;
    const correlation = request.headers['client-request-id'];
    const correlationId = typeof correlation === 'string' ? correlation : undefined;
    const fail = (status: number, error: string, code: number, description: string) =>
      entraError(reply, status, error, code, description, correlationId);
    const tenant = request.params.tenant;
    if (!knownTenant(tenant)) {
      return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const grantType = formField(body, 'grant_type');
    if (grantType === undefined) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    if (!['client_credentials', jwtBearerGrant, 'authorization_code', demoUserGrant].includes(grantType)) {
      return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
    let clientId = formField(body, 'client_id');
    let clientSecret = formField(body, 'client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (basic?.[1] !== undefined) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId = id === undefined ? clientId : decodeURIComponent(id);
      clientSecret = secret === undefined ? clientSecret : decodeURIComponent(secret);
    }
    if (clientId === undefined) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId !== context.app.clientId) {
      return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${context.state.tenant.name}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    if (clientSecret === undefined) {
      return fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    if (clientSecret !== context.app.clientSecret) {
      return fail(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
    if (grantType === 'authorization_code') {
      const redeemed = codes.redeem(
        { code: formField(body, 'code') ?? '', clientId, redirectUri: formField(body, 'redirect_uri'), codeVerifier: formField(body, 'code_verifier') },
        Date.now(),
      );
      if (!redeemed.ok) {
        if (redeemed.reason === 'verifier') return fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
        if (redeemed.reason === 'redirect') return fail(400, 'invalid_grant', 50148, 'The redirect_uri does not match the redirect_uri used in the authorization request.');
        return fail(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity or was already redeemed. Send a new interactive authorization request for this user and resource.');
      }
      const user = context.state.users.get(redeemed.userId);
      if (user === undefined) return fail(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
      return reply.header('cache-control', 'no-store').send({
        token_type: 'Bearer',
        scope: 'access_as_user',
        expires_in: tokenLifetimeSeconds,
        ext_expires_in: tokenLifetimeSeconds,
        access_token: await issueUserToken(context.tokens, clientId, user, {}),
        id_token: await issueIdToken(context.tokens, user, { clientId, nonce: redeemed.nonce }),
      });
    }
    if (grantType === demoUserGrant) {
      const user = context.state.findUser(formField(body, 'username') ?? '');
      if (user === undefined) return fail(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
      return {
        token_type: 'Bearer',
        scope: 'access_as_user',
        expires_in: demoTokenLifetimeSeconds,
        access_token: await issueUserToken(context.tokens, clientId, user, { lifetimeSeconds: demoTokenLifetimeSeconds }),
      };
    }
    const scope = formField(body, 'scope');
    if (grantType === 'client_credentials' && (scope === `${clientId}/.default` || scope === `api://${clientId}/.default`)) {
      return { token_type: 'Bearer', expires_in: tokenLifetimeSeconds, ext_expires_in: tokenLifetimeSeconds, access_token: await issueOwnApiAppToken(context.tokens, clientId) };
    }
    if (scope === undefined || scope.trim() === '') {
      return fail(400, 'invalid_request', 90014, "The request body must contain the following parameter: 'scope'.");
    }
    const parsed = graphScopes(scope);
    if ('invalid' in parsed) {
      return fail(400, 'invalid_scope', 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
    }

    if (grantType === 'client_credentials') {
      if (parsed.scopes.length !== 1 || parsed.scopes[0] !== '.default' || !scope.trim().startsWith(graphResource) || parsed.others.length > 0) {
        return fail(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      }
      return {
        token_type: 'Bearer',
        expires_in: tokenLifetimeSeconds,
        ext_expires_in: tokenLifetimeSeconds,
        access_token: await issueAppToken(context.tokens, clientId, context.knobs().appRoles),
      };
    }

    if (formField(body, 'requested_token_use') !== 'on_behalf_of') {
      return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'requested_token_use'.");
    }
    const assertion = formField(body, 'assertion');
    if (assertion === undefined) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'assertion'.");
    const verified = await verifyToken(context.tokens, assertion, [clientId, `api://${clientId}`]);
    if (!verified.ok) {
      const reason = verified.failure.reason;
      if (reason === 'expired') return fail(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.');
      if (reason === 'audience') return fail(400, 'invalid_grant', 50013, 'Assertion failed signature validation. [Reason - The provided audience does not match the client app presenting the assertion.]');
      return fail(400, 'invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${reason}]`);
    }
    const user = context.state.findUser(verified.claims.oid);
    if (user === undefined) return fail(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
    const granted = parsed.scopes.includes('.default') ? delegatedScopes : parsed.scopes;
    const missing = granted.filter((s) => !delegatedScopes.includes(s));
    if (missing.length > 0) {
      return fail(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}'. Missing scopes: ${missing.join(' ')}.`);
    }
    const accessToken = await issueDelegatedToken(context.tokens, clientId, user, granted);
    return {
      token_type: 'Bearer',
      scope: granted.map((s) => `${graphResource}/${s}`).join(' '),
      expires_in: tokenLifetimeSeconds,
      ext_expires_in: tokenLifetimeSeconds,
      access_token: accessToken,
      ...(parsed.others.includes('offline_access') ? { refresh_token: `sbx-rt.${randomUUID()}` } : {}),
      client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: context.state.tenantGuid })).toString('base64url'),
    };
  });
}
