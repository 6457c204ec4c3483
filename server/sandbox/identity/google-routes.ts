import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { CodeStore, clientCredentials, stringFields } from './authorize.ts';
import { googleIssuerPath, googleJwksPath, googleOAuthClient, googlePemCertsPath, googleTokenLifetimeSeconds, issueGoogleIdToken, pemCerts, type GoogleTokenContext } from './google.ts';
import { registerSignIn } from './sign-in.ts';

export function googleTokenContext(context: SandboxContext): GoogleTokenContext {
  return { issuer: `${context.urls.origin}${googleIssuerPath}`, domain: context.state.tenant.domain, key: context.key };
}

/**
 * The Google-like OpenID issuer: discovery, keys (JWK and PEM), the authorization
 * endpoint with the demo sign-in (on `pageApp` too, when the sandbox serves plain-HTTP
 * pages), and a token endpoint for the code grant.
 */
export function registerGoogleIdentityRoutes(app: FastifyInstance, context: SandboxContext, pageApp: FastifyInstance | null = null): void {
  const store = new CodeStore();
  const client = () => googleOAuthClient(context.app);
  const authorizePath = `${googleIssuerPath}/o/oauth2/v2/auth`;
  const tokenPath = `${googleIssuerPath}/token`;

  app.get(`${googleIssuerPath}/.well-known/openid-configuration`, async () => {
    const issuer = `${context.urls.origin}${googleIssuerPath}`;
    return {
      issuer,
      authorization_endpoint: `${context.urls.signInOrigin}${authorizePath}`,
      token_endpoint: `${context.urls.origin}${tokenPath}`,
      jwks_uri: `${context.urls.origin}${googleJwksPath}`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub', 'hd', 'nonce'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code'],
    };
  });
  app.get(googleJwksPath, async () => ({ keys: [context.key.publicJwk] }));
  app.get(googlePemCertsPath, async () => pemCerts(context.key));

  for (const host of pageApp === null ? [app] : [app, pageApp]) registerSignIn(host, context, authorizePath, { clients: () => [client()], accepts: () => true }, store);

  app.post(tokenPath, async (request, reply) => {
    const fields = stringFields(request.body);
    const { clientId, clientSecret } = clientCredentials(fields, request.headers.authorization);
    const registered = client();
    if (clientId !== registered.clientId || clientSecret !== registered.clientSecret) {
      return reply.code(401).send({ error: 'invalid_client', error_description: 'Unauthorized' });
    }
    if (fields['grant_type'] !== 'authorization_code') return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (fields['grant_type'] ?? '') });
    const redeemed = store.redeem({ code: fields['code'] ?? '', clientId, redirectUri: fields['redirect_uri'], codeVerifier: fields['code_verifier'] }, Date.now());
    if (!redeemed.ok) return reply.code(400).send({ error: 'invalid_grant', error_description: redeemed.reason === 'verifier' ? 'Invalid code verifier.' : 'Bad Request' });
    const user = context.state.users.get(redeemed.userId);
    if (user === undefined) return reply.code(400).send({ error: 'invalid_grant', error_description: 'Account has been deleted' });
    return reply.header('cache-control', 'no-store').send({
      access_token: `ya29.sbx-${randomBytes(24).toString('base64url')}`,
      expires_in: googleTokenLifetimeSeconds,
      scope: redeemed.scope,
      token_type: 'Bearer',
      id_token: await issueGoogleIdToken(googleTokenContext(context), user, { audience: clientId, nonce: redeemed.nonce }),
    });
  });
}
