import * as client from 'openid-client';
import { createTlsFetch } from '../connectors/shared/transport.ts';

/** The pane's OpenID Connect client at one issuer (Entra ID, Google, or the sandbox's stand-ins). */
export interface OidcClientConfig {
  /** The issuer identifier; its `/.well-known/openid-configuration` is read once. */
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** Trust only this CA (the sandbox's); null uses the system store. */
  caCertPem: string | null;
  scope: string;
  /**
   * A sandbox tenant: its demo sign-in page may be served over plain HTTP on this
   * machine (no certificate warning in a person's browser); nothing else may.
   */
  sandbox: boolean;
}

export interface OidcClient {
  configuration: client.Configuration;
  scope: string;
  close(): Promise<void>;
}

/** What the callback needs to finish a sign-in; kept in the session between the two requests. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
}

export async function openOidcClient(config: OidcClientConfig): Promise<OidcClient> {
  const transport = createTlsFetch(config.caCertPem);
  const fetchOverTls: client.CustomFetch = (url, options) =>
    transport.fetch(url, {
      method: options.method,
      headers: options.headers,
      redirect: options.redirect,
      signal: options.signal,
      ...(options.body === undefined || options.body === null ? {} : { body: options.body as string | URLSearchParams }),
    }) as unknown as Promise<Response>;
  const configuration = await client.discovery(
    new URL(config.issuer),
    config.clientId,
    {},
    config.clientSecret === null ? client.None() : client.ClientSecretPost(config.clientSecret),
    { [client.customFetch]: fetchOverTls },
  );
  if (config.sandbox && loopbackHttp(configuration.serverMetadata().authorization_endpoint)) client.allowInsecureRequests(configuration);
  return { configuration, scope: config.scope, close: transport.close };
}

function loopbackHttp(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  const url = new URL(endpoint);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The authorization URL (code + PKCE S256, state, nonce) and what to keep until the callback. */
export async function startSignIn(oidc: OidcClient, redirectUri: string, extra: Record<string, string> = {}): Promise<{ url: URL; pending: PendingSignIn }> {
  const pending: PendingSignIn = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
  const url = client.buildAuthorizationUrl(oidc.configuration, {
    ...extra,
    redirect_uri: redirectUri,
    scope: oidc.scope,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

/**
 * Redeems the code at the token endpoint; openid-client checks state, the PKCE
 * verifier and the ID token (signature, issuer, audience, nonce, expiry). Returns
 * the raw ID token, for the service's own verification to map to an identity.
 */
export async function finishSignIn(oidc: OidcClient, callbackUrl: URL, pending: PendingSignIn): Promise<string> {
  const tokens = await client.authorizationCodeGrant(oidc.configuration, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  if (tokens.id_token === undefined) throw new Error('the token endpoint answered without an id_token');
  return tokens.id_token;
}
