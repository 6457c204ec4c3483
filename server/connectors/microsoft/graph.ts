import { AuthenticationHandler, Client, GraphError, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { z } from 'zod';
import type { BatchRequestItem } from './batch.ts';
import { KeyedLimiter } from '../shared/concurrency.ts';
import { endpointLabel, type RequestCounter } from '../shared/counts.ts';
import { GraphCallError } from './errors.ts';
import { parseRetryAfter, withRetry, type Clock, type Failure, type RetryPolicy } from '../shared/retry.ts';
import { BatchResponse, type BatchResponseItem } from './schema.ts';
import type { TlsFetch } from '../shared/transport.ts';
import { RoundTripHandler } from './round-trip.ts';

/**
 * The graph-client Client, wired to our transport, with typed calls: every
 * answer is parsed by a zod schema, every failure becomes a GraphCallError.
 * Reads retry on 429 / 5xx / no answer; writes say how they may be retried.
 */

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Which failures a call may be retried on: reads any transient one; non-idempotent writes only a 429 (nothing was done). */
export type RetryMode = 'transient' | 'throttle-only' | 'never';

export interface GraphOptions {
  graphBaseUrl: string;
  authProvider: AuthenticationProvider;
  tlsFetch: TlsFetch;
  counter: RequestCounter;
  concurrency: number;
  retry: RetryPolicy;
  clock: Clock;
}

export interface GraphApi {
  call<T extends z.ZodType>(method: Method, path: string, schema: T, options?: CallOptions): Promise<z.infer<T>>;
  /** One `$batch` round trip, no retry; throws GraphCallError when the batch as a whole fails. */
  batch(requests: BatchRequestItem[]): Promise<BatchResponseItem[]>;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  retry?: RetryMode;
}

export function toGraphCallError(endpoint: string, error: unknown, nowMs: number): GraphCallError {
  if (error instanceof GraphCallError) return error;
  if (error instanceof GraphError) {
    const status = error.statusCode > 0 ? error.statusCode : 0;
    const retryAfter = parseRetryAfter(error.headers?.get('retry-after'), nowMs);
    return new GraphCallError(endpoint, status, error.code ?? (status === 0 ? 'NoAnswer' : `HTTP${status}`), error.message, retryAfter);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GraphCallError(endpoint, 0, 'NoAnswer', message);
}

function failureFor(mode: RetryMode): (error: unknown) => Failure {
  return (error) => {
    if (!(error instanceof GraphCallError) || mode === 'never') return { retryable: false, retryAfterMs: null };
    if (error.status === 429) return { retryable: true, retryAfterMs: error.retryAfterMs };
    return { retryable: mode === 'transient' && (error.status === 0 || error.status >= 500), retryAfterMs: null };
  };
}

export function createGraphApi(options: GraphOptions): GraphApi {
  const base = new URL(options.graphBaseUrl.replace(/\/+$/, ''));
  const version = base.pathname.replace(/^\/+/, '');
  if (version === '') throw new Error(`graphBaseUrl must end with the API version (…/v1.0), got ${options.graphBaseUrl}`);
  const client = Client.initWithMiddleware({
    baseUrl: base.origin,
    defaultVersion: version,
    customHosts: new Set([base.hostname]),
    middleware: [
      new AuthenticationHandler(options.authProvider),
      new RoundTripHandler(options.tlsFetch, options.counter, new KeyedLimiter(options.concurrency), `/${version}`),
    ],
  });
  const { clock } = options;

  async function once(method: Method, path: string, callOptions: CallOptions): Promise<unknown> {
    const request = client.api(path);
    if (callOptions.headers) request.headers(callOptions.headers);
    try {
      switch (method) {
        case 'GET':
          return await request.get();
        case 'POST':
          return await request.post(callOptions.body ?? {});
        case 'PATCH':
          return await request.patch(callOptions.body ?? {});
        case 'DELETE':
          return await request.delete();
      }
    } catch (error) {
      throw toGraphCallError(endpointLabel(method, path, `/${version}`), error, clock.now());
    }
  }

  async function call<T extends z.ZodType>(method: Method, path: string, schema: T, callOptions: CallOptions = {}): Promise<z.infer<T>> {
    const mode = callOptions.retry ?? (method === 'GET' ? 'transient' : 'never');
    const answer = await withRetry(() => once(method, path, callOptions), failureFor(mode), options.retry, clock);
    const parsed = schema.safeParse(answer ?? {});
    if (!parsed.success) {
      throw new GraphCallError(endpointLabel(method, path, `/${version}`), 200, 'UnexpectedResponse', parsed.error.message);
    }
    return parsed.data;
  }

  async function batch(requests: BatchRequestItem[]): Promise<BatchResponseItem[]> {
    const answer = await once('POST', '/$batch', { body: { requests } });
    const parsed = BatchResponse.safeParse(answer);
    if (!parsed.success) throw new GraphCallError('POST /$batch', 200, 'UnexpectedResponse', parsed.error.message);
    return parsed.data.responses;
  }

  return { call, batch, retry: options.retry, clock };
}
