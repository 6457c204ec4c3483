import type { KeyedLimiter } from '../shared/concurrency.ts';
import { endpointLabel, type RequestCounter } from '../shared/counts.ts';
import { headerRecord, type TlsFetch } from '../shared/transport.ts';

/**
 * The one HTTP path of the Google connector: google-auth-library's JWT client
 * takes a `transporter` (a Gaxios) and googleapis sends every API call through
 * that same client, so one `fetchImplementation` handed to Gaxios carries the
 * token grants and the API calls alike. It is where the CA is trusted (undici
 * with the configured CA: Gaxios's own fetch would use the system store),
 * where requests are counted and capped, and where the token URL is moved:
 * google-auth-library hard-codes https://oauth2.googleapis.com/token, with no
 * option to change it, so the request is redirected here to the configured one.
 */

export const googleTokenUrl = 'https://oauth2.googleapis.com/token';

/** The fetch signature Gaxios calls: (url, prepared options). Only these fields are carried over. */
export interface GaxiosRequest {
  method?: string;
  headers?: unknown;
  body?: unknown;
  signal?: AbortSignal | null;
}

export interface RoundTripOptions {
  tlsFetch: TlsFetch;
  counter: RequestCounter;
  /** API calls in flight per impersonated person (keyed by their bearer token). */
  limiter: KeyedLimiter;
  /** Token grants in flight. */
  tokenLimiter: KeyedLimiter;
  /** null: Google's own. */
  tokenUrl: string | null;
}

/** Labels read like Google's docs: ids and addresses become {id}. */
export function googleLabel(method: string, url: string): string {
  return endpointLabel(method, url)
    .replace(/\/(hasMember|members)\/[^/]+$/, '/$1/{id}')
    .replace(/\/settings\/[^/]+$/, '/settings/{id}');
}

function headersOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && 'forEach' in value && typeof value.forEach === 'function') {
    return headerRecord(value as { forEach(cb: (v: string, k: string) => void): void });
  }
  const record: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') record[key.toLowerCase()] = v;
  return record;
}

/** The limiter key of a request: the bearer token names the impersonated person, whose limits Google applies. */
function subjectKey(headers: Record<string, string>): string {
  return headers['authorization']?.slice(-24) ?? 'anonymous';
}

export interface RoundTrip {
  /** For Gaxios's `fetchImplementation`. */
  fetch(input: string | URL, init?: GaxiosRequest): Promise<Response>;
  /** One batch round trip carrying `operations` calls, each labelled for the counts. */
  sendBatch(url: string, init: { headers: Record<string, string>; body: string }, itemLabels: readonly string[]): Promise<Response>;
}

export function createRoundTrip(options: RoundTripOptions): RoundTrip {
  const { tlsFetch, counter } = options;

  async function send(url: string, init: GaxiosRequest, operations: number, label: string): Promise<Response> {
    const headers = headersOf(init.headers);
    const request: Parameters<TlsFetch>[1] = { method: init.method ?? 'GET', headers };
    if (init.body !== undefined && init.body !== null) request.body = init.body as NonNullable<Parameters<TlsFetch>[1]>['body'];
    if (init.signal) request.signal = init.signal;
    counter.roundTrip(label, operations);
    const isToken = operations === 0;
    const limiter = isToken ? options.tokenLimiter : options.limiter;
    const response = await limiter.run(isToken ? 'token' : subjectKey(headers), () => tlsFetch(url, request));
    // undici's Response is the implementation behind Node's global Response type.
    return response as unknown as Response;
  }

  return {
    fetch(input, init = {}) {
      const url = String(input);
      const method = (init.method ?? 'GET').toUpperCase();
      if (url === googleTokenUrl) return send(options.tokenUrl ?? url, init, 0, `${method} /token`);
      return send(url, init, 1, googleLabel(method, url));
    },
    sendBatch(url, init, itemLabels) {
      for (const label of itemLabels) counter.batchItem(label);
      return send(url, { method: 'POST', headers: init.headers, body: init.body }, itemLabels.length, googleLabel('POST', url));
    },
  };
}
