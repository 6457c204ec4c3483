import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { createTlsFetch } from '../connectors/shared/transport.ts';

/** Where an issuer's signing keys come from: its JWKS URL, or keys handed in (tests, pinned keys). */
export type KeySource = { jwksUrl: string; caCertPem: string | null } | { keys: JSONWebKeySet };

export interface IssuerKeys {
  getKey: JWTVerifyGetKey;
  close(): Promise<void>;
}

/**
 * A JWKS fetched (and cached, refetched on an unknown `kid`) by jose; over the
 * sandbox's CA when one is configured, so the sandbox's keys are trusted and nothing else is.
 */
export function issuerKeys(source: KeySource): IssuerKeys {
  if ('keys' in source) return { getKey: createLocalJWKSet(source.keys), close: async () => {} };
  const transport = createTlsFetch(source.caCertPem);
  const getKey = createRemoteJWKSet(new URL(source.jwksUrl), {
    [customFetch]: (url, init) => transport.fetch(url, { method: init.method, headers: Object.fromEntries(init.headers.entries()), signal: init.signal, redirect: 'manual' }) as unknown as Promise<Response>,
  });
  return { getKey, close: transport.close };
}
