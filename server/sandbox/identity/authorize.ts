import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** How long an authorization code may wait to be redeemed (Entra and Google: minutes). */
export const codeLifetimeMs = 10 * 60 * 1000;

/** A registered OIDC client of one of the sandbox's issuers. */
export interface OidcClient {
  clientId: string;
  clientSecret: string;
}

/**
 * The demo sign-in redirects only to this machine: the sandbox has no app
 * registrations to list redirect URIs in, and no other host could be trusted with a code.
 */
export function loopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.hash === '';
  } catch {
    return false;
  }
}

/** The parameters of an authorization request once client and redirect URI are known to be good. */
export const AuthorizeRequest = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  response_type: z.literal('code', { message: 'response_type must be code' }),
  scope: z.string().refine((s) => s.split(/\s+/).includes('openid'), { message: 'scope must include openid' }),
  state: z.string().max(4096).optional(),
  nonce: z.string().max(4096).optional(),
  code_challenge: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, { message: 'code_challenge is required (PKCE)' }),
  code_challenge_method: z.literal('S256', { message: 'code_challenge_method must be S256' }),
  response_mode: z.literal('query').optional(),
});
export type AuthorizeRequest = z.infer<typeof AuthorizeRequest>;

/** The string fields of a query or form body (a repeated field is refused by taking none). */
export function stringFields(source: unknown): Record<string, string> {
  if (typeof source !== 'object' || source === null) return {};
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  scope: string;
  userId: string;
  expiresAt: number;
}

export type Redeemed = { ok: true; userId: string; nonce: string | null; scope: string } | { ok: false; reason: 'unknown' | 'expired' | 'client' | 'redirect' | 'verifier' };

/** Authorization codes: random, single use, bound to client, redirect URI and PKCE challenge; in memory. */
export class CodeStore {
  readonly #codes = new Map<string, PendingCode>();

  issue(request: AuthorizeRequest, userId: string, now: number): string {
    for (const [code, pending] of this.#codes) if (pending.expiresAt < now) this.#codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, {
      clientId: request.client_id,
      redirectUri: request.redirect_uri,
      codeChallenge: request.code_challenge,
      nonce: request.nonce ?? null,
      scope: request.scope,
      userId,
      expiresAt: now + codeLifetimeMs,
    });
    return code;
  }

  /** Takes the code out whatever the outcome: a code is tried once. */
  redeem(fields: { code: string; clientId: string; redirectUri: string | undefined; codeVerifier: string | undefined }, now: number): Redeemed {
    const pending = this.#codes.get(fields.code);
    if (pending === undefined) return { ok: false, reason: 'unknown' };
    this.#codes.delete(fields.code);
    if (pending.expiresAt < now) return { ok: false, reason: 'expired' };
    if (pending.clientId !== fields.clientId) return { ok: false, reason: 'client' };
    if (pending.redirectUri !== fields.redirectUri) return { ok: false, reason: 'redirect' };
    const computed = createHash('sha256').update(fields.codeVerifier ?? '').digest('base64url');
    if (fields.codeVerifier === undefined || computed !== pending.codeChallenge) return { ok: false, reason: 'verifier' };
    return { ok: true, userId: pending.userId, nonce: pending.nonce, scope: pending.scope };
  }
}

/** Client id and secret from `client_secret_post` fields or `client_secret_basic`. */
export function clientCredentials(fields: Record<string, string>, authorization: string | undefined): { clientId: string | undefined; clientSecret: string | undefined } {
  let clientId = fields['client_id'];
  let clientSecret = fields['client_secret'];
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic?.[1] !== undefined) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    clientId = id === undefined ? clientId : decodeURIComponent(id);
    clientSecret = secret === undefined ? clientSecret : decodeURIComponent(secret);
  }
  return { clientId, clientSecret };
}
