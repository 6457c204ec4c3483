import { compactVerify, decodeProtectedHeader } from 'jose';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { issueAccessToken, accessTokenLifetimeSeconds } from './access-tokens.ts';
import { sendOAuthError } from './errors.ts';
import { defaultGrantedScopes } from './scopes.ts';
import { googleTokenUrl, type ServiceAccount } from './service-account.ts';

const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google's token endpoint path; the facade serves it at the sandbox origin. */
export const tokenPath = '/token';
/** Older audiences Google still accepts for service-account assertions. */
const legacyAudiences = ['https://www.googleapis.com/oauth2/v4/token', 'https://accounts.google.com/o/oauth2/token'];

const Assertion = z.object({
  iss: z.string(),
  scope: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number(),
  exp: z.number(),
  sub: z.string().optional(),
});

const messages = {
  signature: 'Invalid JWT Signature.',
  timeframe: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
  audience: 'Invalid JWT: Failed audience check.',
  account: 'Invalid grant: account not found',
  user: 'Invalid email or User ID',
  scope: 'Invalid OAuth scope or ID token audience provided.',
  unauthorized: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
} as const;

/** Clock skew Google tolerates on `iat` (a few minutes, like its client libraries assume). */
const skewSeconds = 300;

/**
 * POST /token: the service-account JWT bearer grant with domain-wide delegation. The
 * assertion must be signed by the service account's key, for this token URL (or
 * Google's, which google-auth-library hard-codes), live for at most an hour, ask only
 * for scopes the delegation grants, and impersonate (`sub`) a user of the domain.
 */
export function registerGoogleTokenRoute(app: FastifyInstance, context: SandboxContext, account: ServiceAccount, tokenUrl: () => string): void {
  app.post(tokenPath, { config: { googleRoute: 'token' } }, async (request, reply) => {
    const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const grantType = typeof form['grant_type'] === 'string' ? form['grant_type'] : '';
    if (grantType !== jwtBearer) return sendOAuthError(reply, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    const assertion = typeof form['assertion'] === 'string' ? form['assertion'] : '';
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return sendOAuthError(reply, 400, 'invalid_grant', messages.signature);
    }
    if (header.alg !== 'RS256') return sendOAuthError(reply, 400, 'invalid_grant', messages.signature);
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(assertion, account.publicKey));
    } catch {
      return sendOAuthError(reply, 400, 'invalid_grant', messages.signature);
    }
    let claims: z.infer<typeof Assertion>;
    try {
      claims = Assertion.parse(JSON.parse(new TextDecoder().decode(payload)));
    } catch {
      // No issuer (google-auth-library's JWT given only a keyFile sends none), or claims of the wrong types.
      return sendOAuthError(reply, 400, 'invalid_grant', messages.account);
    }
    if (claims.iss !== account.key.client_email) return sendOAuthError(reply, 400, 'invalid_grant', messages.account);
    if (header.kid !== undefined && header.kid !== account.key.private_key_id) return sendOAuthError(reply, 400, 'invalid_grant', messages.signature);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((aud) => aud === tokenUrl() || aud === googleTokenUrl || legacyAudiences.includes(aud))) {
      return sendOAuthError(reply, 400, 'invalid_grant', messages.audience);
    }
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp <= now || claims.iat > now + skewSeconds || claims.exp - claims.iat > 3600 || claims.exp <= claims.iat) {
      return sendOAuthError(reply, 400, 'invalid_grant', messages.timeframe);
    }
    const requested = (claims.scope ?? '').split(/\s+/).filter((s) => s !== '');
    if (requested.length === 0) return sendOAuthError(reply, 400, 'invalid_scope', messages.scope);
    let subject: string | null = null;
    if (claims.sub !== undefined && claims.sub !== claims.iss) {
      const domain = context.state.tenant.domain.toLowerCase();
      const user = context.state.findUser(claims.sub);
      if (user === undefined || !claims.sub.toLowerCase().endsWith(`@${domain}`)) return sendOAuthError(reply, 400, 'invalid_grant', messages.user);
      subject = user.email;
      const granted = context.knobs().google?.grantedScopes ?? defaultGrantedScopes;
      if (requested.some((scope) => !granted.includes(scope))) return sendOAuthError(reply, 401, 'unauthorized_client', messages.unauthorized);
    }
    return reply.header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate').send({
      access_token: issueAccessToken(account.tokenSecret, subject, requested, now),
      expires_in: accessTokenLifetimeSeconds,
      token_type: 'Bearer',
    });
  });
}
