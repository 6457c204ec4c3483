import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The one HTTP path to a provider, for every connector: undici with an explicit CA
 * (the sandbox has its own; production passes null and uses the system store) and a
 * timeout per request. Each connector adds its concurrency cap and request counting.
 */

/** Past this a request counts as lost: its outcome is unknown. */
const requestTimeoutMs = 30_000;

export type TlsFetch = typeof undiciFetch;

export function createTlsFetch(caCertPem: string | null): { fetch: TlsFetch; close: () => Promise<void> } {
  const agent = new Agent(caCertPem === null ? {} : { connect: { ca: caCertPem } });
  const tlsFetch: TlsFetch = (input, init) =>
    undiciFetch(input, { signal: AbortSignal.timeout(requestTimeoutMs), ...init, dispatcher: agent });
  return { fetch: tlsFetch, close: () => agent.close() };
}

export function headerRecord(headers: { forEach(cb: (value: string, key: string) => void): void }): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key.toLowerCase()] = value;
  });
  return record;
}

