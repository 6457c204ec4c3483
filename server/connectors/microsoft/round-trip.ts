import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { z } from 'zod';
import type { KeyedLimiter } from '../shared/concurrency.ts';
import { endpointLabel, tokenEndpointLabel, type RequestCounter } from '../shared/counts.ts';
import { headerRecord, type TlsFetch } from '../shared/transport.ts';

/** msal's network seam: token and metadata calls over the same trusted transport. */
export function msalNetworkModule(tlsFetch: TlsFetch, counter: RequestCounter): INetworkModule {
  async function send<T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const init: Parameters<TlsFetch>[1] = { method };
    if (options?.headers) init.headers = options.headers;
    if (options?.body !== undefined) init.body = options.body;
    const response = await tlsFetch(url, init);
    counter.roundTrip(tokenEndpointLabel(method, url), 0);
    const text = await response.text();
    const body: T = text === '' ? ({} as T) : (JSON.parse(text) as T);
    return { headers: headerRecord(response.headers), body, status: response.status };
  }
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

const BatchEnvelope = z.object({
  requests: z.array(z.object({ method: z.string(), url: z.string() })),
});

/** The mailbox a Graph path acts on ("/users/{mailbox}/…"), for the concurrency cap. */
export function mailboxOf(path: string): string | null {
  const match = /\/users\/([^/?]+)\//i.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]).toLowerCase() : null;
}

/**
 * The last link of the graph-client middleware chain, in place of its
 * HTTPMessageHandler (which uses the global fetch and so cannot trust our CA).
 */
export class RoundTripHandler implements Middleware {
  constructor(
    private readonly tlsFetch: TlsFetch,
    private readonly counter: RequestCounter,
    private readonly limiter: KeyedLimiter,
    /** "/v1.0": stripped from labels so they read like the Graph docs. */
    private readonly versionPrefix: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    const method = (options.method ?? 'GET').toUpperCase();
    const label = endpointLabel(method, url, this.versionPrefix);
    const body = typeof options.body === 'string' ? options.body : undefined;
    let mailbox = mailboxOf(new URL(url).pathname);
    let operations = 1;
    if (label === 'POST /$batch' && body !== undefined) {
      const envelope = BatchEnvelope.safeParse(JSON.parse(body));
      if (envelope.success) {
        operations = envelope.data.requests.length;
        for (const item of envelope.data.requests) this.counter.batchItem(endpointLabel(item.method, item.url));
        mailbox = mailboxOf(envelope.data.requests[0]?.url ?? '');
      }
    }
    this.counter.roundTrip(label, operations);
    const init: Parameters<TlsFetch>[1] = { method, headers: headerInit(options.headers) };
    if (body !== undefined) init.body = body;
    const response = await this.limiter.run(mailbox ?? 'tenant', () => this.tlsFetch(url, init));
    // undici's Response is the implementation behind Node's global Response type.
    context.response = response as unknown as Response;
  }
}

function headerInit(headers: RequestInit['headers'] | undefined): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return headerRecord(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers.map(([k, v]) => [k ?? '', v ?? '']));
  return { ...(headers as Record<string, string>) };
}
