import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';

export interface TokenCacheOptions {
  /** Past this many tokens the oldest go first. */
  maxEntries: number;
}

/** A participant's pane sends the same token for its whole life: one signature check per token, not per request. */
export const tokenCacheDefaults: TokenCacheOptions = { maxEntries: 10_000 };

/** What a token verified to, and against what: a caller trusting other issuers, or asking for another use, never reads it. */
export interface VerifiedToken<T> {
  trust: T;
  purpose: string;
  payload: JWTPayload;
}

interface Kept<T> extends VerifiedToken<T> {
  verifiedAt: number;
  /** `exp` in ms: the entry dies with the token, without the clock skew jose tolerates. */
  expiresAt: number;
}

export interface TokenCache<T> {
  /** The token's verification, while `now` lies between that check and the token's `exp`. */
  get(token: string, now: number): VerifiedToken<T> | null;
  set(token: string, verified: VerifiedToken<T>, now: number): void;
}

/**
 * Tokens that verified, keyed by their SHA-256 (the bearer token itself is not kept).
 * Only signature and claim checks are spared: what a token maps to (identity, roles)
 * is worked out again on each request. A clock before the check that kept it (a
 * test's `currentDate`) is not served, so `nbf` and `iat` hold as jose checked them.
 */
export function tokenCache<T>(options: TokenCacheOptions = tokenCacheDefaults): TokenCache<T> {
  const kept = new Map<string, Kept<T>>();
  const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');
  return {
    get(token, now) {
      const key = keyOf(token);
      const found = kept.get(key);
      if (found === undefined) return null;
      if (now >= found.expiresAt) {
        kept.delete(key);
        return null;
      }
      return now < found.verifiedAt ? null : found;
    },
    set(token, verified, now) {
      const exp = verified.payload.exp;
      if (typeof exp !== 'number' || exp * 1000 <= now) return;
      const key = keyOf(token);
      kept.delete(key);
      if (kept.size >= options.maxEntries) {
        const oldest = kept.keys().next();
        if (oldest.done !== true) kept.delete(oldest.value);
      }
      kept.set(key, { ...verified, verifiedAt: now, expiresAt: exp * 1000 });
    },
  };
}
