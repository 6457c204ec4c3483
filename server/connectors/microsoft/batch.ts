import type { CreateOutcome } from '../../../src/ports/calendar.ts';
import { RetryBudget, parseRetryAfter, retryDelay, type Clock, type RetryPolicy } from '../shared/retry.ts';
import { GraphErrorBody, type BatchResponseItem } from './schema.ts';
import { GraphCallError } from './errors.ts';

/**
 * JSON batching: at most 20 requests per `$batch`, ids unique per batch, a
 * Content-Type on every item with a body. Each item succeeds, is throttled or
 * fails on its own inside an outer 200; Graph does not retry items for us.
 */

export const maxBatchSize = 20;

export interface BatchRequestItem {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root: "/users/a@b/events". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export type BatchOperation = Omit<BatchRequestItem, 'id'>;

/** One `$batch` round trip; throws GraphCallError when the batch as a whole fails. */
export type SendBatch = (requests: BatchRequestItem[]) => Promise<BatchResponseItem[]>;

/** Numbers the operations "1".."n" and adds the Content-Type Graph requires with a body. */
export function toBatchRequests(operations: readonly BatchOperation[]): BatchRequestItem[] {
  if (operations.length > maxBatchSize) throw new RangeError(`a $batch carries at most ${maxBatchSize} requests, got ${operations.length}`);
  return operations.map((operation, i) => {
    const item: BatchRequestItem = { id: String(i + 1), method: operation.method, url: operation.url };
    const headers = { ...operation.headers };
    if (operation.body !== undefined) {
      item.body = operation.body;
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
    if (Object.keys(headers).length > 0) item.headers = headers;
    return item;
  });
}

export function headerValue(headers: Record<string, string> | undefined, name: string): string | null {
  if (headers === undefined) return null;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

export function errorOf(body: unknown, fallbackCode: string): { code: string; message: string } {
  const parsed = GraphErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : { code: fallbackCode, message: '' };
}

/** Throttled and server-side failures are worth another try; a missing answer too (status 0). */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/** The fate of one create inside a batch; `item` is undefined when Graph left it out. */
export function createOutcome(key: string, item: BatchResponseItem | undefined, nowMs: number): CreateOutcome {
  if (item === undefined) return { key, status: 'unknown', detail: 'no answer for this item in the $batch response' };
  if (item.status === 201 || item.status === 200) {
    const body = item.body as { id?: unknown; onlineMeeting?: { joinUrl?: unknown } | null } | undefined;
    if (typeof body?.id !== 'string') return { key, status: 'unknown', detail: `HTTP ${item.status} without an event id` };
    const joinUrl = body.onlineMeeting?.joinUrl;
    return { key, status: 'created', eventId: body.id, onlineMeetingUrl: typeof joinUrl === 'string' ? joinUrl : null };
  }
  if (item.status === 429) {
    const retryAfterMs = parseRetryAfter(headerValue(item.headers, 'retry-after'), nowMs) ?? defaultThrottleMs;
    return { key, status: 'throttled', retryAfterMs };
  }
  if (item.status >= 500 || item.status === 0) {
    const { code } = errorOf(item.body, `HTTP${item.status}`);
    return { key, status: 'unknown', detail: `HTTP ${item.status} ${code}` };
  }
  const { code, message } = errorOf(item.body, `HTTP${item.status}`);
  return { key, status: 'rejected', code, message: message || `HTTP ${item.status}` };
}

/** When a 429 carries no Retry-After, Graph's guidance is to back off; one second is the first step. */
export const defaultThrottleMs = 1_000;

/** Every item's outcome when the `$batch` round trip itself failed. */
export function wholeBatchOutcomes(keys: readonly string[], error: GraphCallError): CreateOutcome[] {
  return keys.map((key) => {
    if (error.status === 429) return { key, status: 'throttled', retryAfterMs: error.retryAfterMs ?? defaultThrottleMs };
    if (error.status === 0 || error.status >= 500) return { key, status: 'unknown', detail: error.message };
    return { key, status: 'rejected', code: error.code, message: error.message };
  });
}

/**
 * Sends read operations in one `$batch` and retries only the items that were
 * throttled, failed server-side or went missing, after the longest Retry-After
 * among them (plus jitter), until the budget runs out. Returns the last answer
 * per operation index; an operation with no answer at all gets status 0.
 */
export async function runReadBatch(
  operations: readonly BatchOperation[],
  send: SendBatch,
  policy: RetryPolicy,
  clock: Clock,
): Promise<BatchResponseItem[]> {
  const requests = toBatchRequests(operations);
  const results = new Map<string, BatchResponseItem>();
  const budget = new RetryBudget(policy, () => clock.now());
  let pending = requests;
  for (;;) {
    const attempt = budget.attempt();
    let retryAfterMs: number | null = null;
    try {
      const answers = new Map((await send(pending)).map((item) => [item.id, item]));
      for (const request of pending) {
        const answer = answers.get(request.id) ?? { id: request.id, status: 0, body: { error: { code: 'MissingItem', message: 'no answer in the $batch response' } } };
        results.set(request.id, answer);
        const wait = answer.status === 429 ? parseRetryAfter(headerValue(answer.headers, 'retry-after'), clock.now()) : null;
        if (wait !== null) retryAfterMs = Math.max(retryAfterMs ?? 0, wait);
      }
    } catch (error) {
      if (!(error instanceof GraphCallError)) throw error;
      for (const request of pending) {
        results.set(request.id, { id: request.id, status: error.status, body: { error: { code: error.code, message: error.message } } });
      }
      retryAfterMs = error.retryAfterMs;
    }
    pending = pending.filter((request) => isRetryableStatus(results.get(request.id)?.status ?? 0));
    if (pending.length === 0) break;
    const delay = retryDelay(attempt, retryAfterMs, () => clock.random());
    if (!budget.allows(delay)) break;
    await clock.sleep(delay);
  }
  return requests.map((request) => results.get(request.id) ?? { id: request.id, status: 0 });
}
