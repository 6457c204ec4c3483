import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { graphErrorBody, sendGraphError } from './errors.ts';

export const maxBatchRequests = 20;
/** Outlook runs at most four items of one batch at a time, whatever their mailbox. */
export const batchParallelism = 4;

const BatchItem = z.object({
  id: z.string().min(1),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'get', 'post', 'patch', 'put', 'delete']),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
type BatchItem = z.infer<typeof BatchItem>;
const BatchRequest = z.object({ requests: z.array(BatchItem) });

interface ItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Checks the batch the way Graph does before running anything; the message of a 400, or null. */
function batchProblem(items: BatchItem[]): string | null {
  if (items.length === 0) return 'Invalid batch payload format: at least one request is required.';
  if (items.length > maxBatchRequests) return `Number of batch request steps exceeds the maximum of ${maxBatchRequests}: got ${items.length}.`;
  // Graph reads item URLs relative to the version root; an absolute one fails the whole batch.
  if (items.some((item) => /^[a-z][a-z0-9+.-]*:\/\//i.test(item.url))) return 'Invalid batch payload format.';
  const ids = new Set<string>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (ids.has(key)) return `Batch request contains duplicate request id '${item.id}' (ids are case-insensitive).`;
    ids.add(key);
  }
  for (const item of items) {
    const hasContentType = Object.keys(item.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
    if (item.body !== undefined && !hasContentType) return `Write request id : ${item.id} does not contain Content-Type header or body.`;
    for (const dep of item.dependsOn ?? []) {
      if (!ids.has(dep.toLowerCase())) return `Request id '${item.id}' depends on '${dep}', which is not in the batch.`;
      if (dep.toLowerCase() === item.id.toLowerCase()) return `Request id '${item.id}' cannot depend on itself.`;
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const cyclic = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'visiting') return true;
    state.set(id, 'visiting');
    const found = (byId.get(id)?.dependsOn ?? []).some((d) => cyclic(d.toLowerCase()));
    state.set(id, 'done');
    return found;
  };
  if (items.some((i) => cyclic(i.id.toLowerCase()))) return 'Batch request has a circular dependsOn chain.';
  return null;
}

/** Headers of an item's answer that the batch response carries, as Graph spells them. */
const itemResponseHeaders: Record<string, string> = {
  'content-type': 'Content-Type',
  'retry-after': 'Retry-After',
  location: 'Location',
  'cache-control': 'Cache-Control',
  'odata-version': 'OData-Version',
};

/**
 * An item's body as the inner request carries it: a JSON value is sent as JSON; with
 * any other Content-Type, a string body is the base64 encoding of the raw bytes.
 */
function itemPayload(body: unknown, headers: Record<string, string>): string | Buffer {
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (typeof body === 'string' && !/json/i.test(contentType)) return Buffer.from(body, 'base64');
  return JSON.stringify(body);
}

/**
 * POST /$batch: each item goes through the same routes (via inject) with the
 * caller's token, so each one is counted, throttled and faulted on its own. Items run
 * four at a time (latency applies per item, so per wave of four); dependents of a
 * failed item get 424; responses come back in a shuffled order.
 */
export function registerBatchRoutes(app: FastifyInstance, context: SandboxContext): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = BatchRequest.safeParse(request.body);
    if (!parsed.success) return sendGraphError(reply, 400, 'BadRequest', 'Invalid batch payload format.');
    const items = parsed.data.requests;
    const problem = batchProblem(items);
    if (problem !== null) return sendGraphError(reply, 400, 'BadRequest', problem);

    const execute = async (item: BatchItem): Promise<ItemResponse> => {
      const headers: Record<string, string> = { ...(item.headers ?? {}), 'x-sandbox-batch-item': context.batchItemSecret };
      if (request.headers.authorization !== undefined) headers['authorization'] = request.headers.authorization;
      // Relative to the version root, with or without the leading slash: "/v1.0/users" is
      // read as a "v1.0" segment under /v1.0 and refused like Graph does.
      const path = item.url.startsWith('/') ? item.url : `/${item.url}`;
      const response = await app.inject({
        method: item.method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
        url: `/v1.0${path}`,
        headers,
        ...(item.body === undefined ? {} : { payload: itemPayload(item.body, headers) }),
      });
      const out: Record<string, string> = {};
      for (const [name, label] of Object.entries(itemResponseHeaders)) {
        const value = response.headers[name];
        if (typeof value === 'string') out[label] = value;
      }
      const result: ItemResponse = { id: item.id, status: response.statusCode, headers: out };
      if (response.payload !== '') {
        try {
          result.body = JSON.parse(response.payload);
        } catch {
          result.body = response.payload;
        }
      }
      return result;
    };

    const results = new Map<string, ItemResponse>();
    const pending = [...items];
    let waiters: (() => void)[] = [];
    const settled = () => {
      const wake = waiters;
      waiters = [];
      for (const w of wake) w();
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        const index = pending.findIndex((i) => (i.dependsOn ?? []).every((d) => results.has(d.toLowerCase())));
        if (index < 0) {
          if (pending.length === 0) return;
          await new Promise<void>((resolve) => waiters.push(resolve));
          continue;
        }
        const [item] = pending.splice(index, 1);
        if (item === undefined) continue;
        const failedDependency = (item.dependsOn ?? []).find((d) => (results.get(d.toLowerCase())?.status ?? 0) >= 400);
        const response =
          failedDependency === undefined
            ? await execute(item)
            : {
                id: item.id,
                status: 424,
                headers: { 'Content-Type': 'application/json' },
                body: graphErrorBody('FailedDependency', `The request depends on request '${failedDependency}', which failed.`),
              };
        results.set(item.id.toLowerCase(), response);
        settled();
      }
    };
    await Promise.all(Array.from({ length: Math.min(batchParallelism, items.length) }, worker));
    return { responses: context.faults.shuffle([...results.values()]) };
  };
  app.post('/v1.0/$batch', { config: { access: 'batch' } }, handler);
  app.post('/$batch', { config: { access: 'batch' } }, handler);
}
