import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const accessTokenLifetimeSeconds = 3599;

const Claims = z.object({ sub: z.string().nullable(), scopes: z.array(z.string()), exp: z.number(), jti: z.string() });
export type AccessTokenClaims = z.infer<typeof Claims>;

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * An opaque access token shaped like Google's (`ya29.…`): the impersonated user and
 * the scopes, MACed with a secret kept with the service account, so tokens outlive a
 * sandbox restart as Google's do.
 */
export function issueAccessToken(secret: Buffer, sub: string | null, scopes: string[], nowSeconds: number): string {
  const payload = Buffer.from(JSON.stringify({ sub, scopes, exp: nowSeconds + accessTokenLifetimeSeconds, jti: randomUUID() })).toString('base64url');
  return `ya29.${payload}.${mac(secret, payload)}`;
}

/** The claims of a token this sandbox issued and that has not expired; null otherwise. */
export function readAccessToken(secret: Buffer, token: string, nowSeconds: number): AccessTokenClaims | null {
  const match = /^ya29\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (match === null) return null;
  const [, payload = '', signature = ''] = match;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = Claims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.exp > nowSeconds ? claims : null;
  } catch {
    return null;
  }
}
