import { randomUUID } from 'node:crypto';
import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import type { JWT } from 'google-auth-library';
import { z } from 'zod';
import { parseRetryAfter, RetryBudget, retryDelay, withRetry, type Clock, type Failure, type RetryPolicy } from '../shared/retry.ts';
import type { CallKind, Subjects } from './auth.ts';
import { answersFor, boundaryOf, buildBatch, parseBatch, type BatchAnswer, type BatchPart } from './batch.ts';
import { errorOf, GoogleCallError, isThrottle } from './errors.ts';
import { googleLabel, type RoundTrip } from './round-trip.ts';

/**
 * The googleapis clients, wired to our transport, with typed calls: every
 * answer is parsed by a zod schema, every failure becomes a GoogleCallError.
 *
 * Hosts: googleapis ignores a global `rootUrl`; a per-API `rootUrl` moves each
 * call's origin (and only its origin), so each client gets the configured
 * origin, and the batch endpoint (which googleapis does not cover) is built
 * from the same origin.
 */

/** Which failures a call may be retried on: reads any transient one; non-idempotent writes only throttling (nothing was done). */
export type RetryMode = 'transient' | 'throttle-only' | 'never';

export interface GoogleApiOptions {
  subjects: Subjects;
  roundTrip: RoundTrip;
  adminEmail: string;
  /** null: each API's own host. */
  apiOrigin: string | null;
  retry: RetryPolicy;
  clock: Clock;
}

/** A batch part acting as one impersonated person, with the scopes of its kind of call. */
export interface SubjectPart extends Omit<BatchPart, 'id'> {
  subject: string;
  kind: CallKind;
}

export interface GoogleApi {
  directory(): admin_directory_v1.Admin;
  /** The same API with a token for group membership reads only. */
  groups(): admin_directory_v1.Admin;
  calendarAs(subject: string): calendar_v3.Calendar;
  gmailAs(subject: string): gmail_v1.Gmail;
  call<T extends z.ZodType>(endpoint: string, mode: RetryMode, run: () => Promise<{ data: unknown }>, schema: T): Promise<z.infer<T>>;
  /** One batch round trip, no retry: an answer per part (status 0 when missing); throws GoogleCallError when the batch as a whole fails. */
  batch(parts: readonly SubjectPart[]): Promise<BatchAnswer[]>;
  /** Reads in one batch, retrying only the parts that were throttled, failed server-side or went missing. */
  readBatch(parts: readonly SubjectPart[]): Promise<BatchAnswer[]>;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
}

const ErrorShape = z
  .object({
    message: z.string().optional(),
    code: z.union([z.string(), z.number()]).optional(),
    response: z.object({ status: z.number().int(), data: z.unknown(), headers: z.unknown() }).optional(),
  })
  .loose();

function retryAfterOf(headers: unknown, nowMs: number): number | null {
  if (typeof headers !== 'object' || headers === null) return null;
  if ('get' in headers && typeof headers.get === 'function') return parseRetryAfter((headers.get as (n: string) => string | null)('retry-after'), nowMs);
  const value = (headers as Record<string, unknown>)['retry-after'];
  return typeof value === 'string' ? parseRetryAfter(value, nowMs) : null;
}

/** A Gaxios error (HTTP answer or none) as a GoogleCallError. */
export function toGoogleCallError(endpoint: string, error: unknown, nowMs: number): GoogleCallError {
  if (error instanceof GoogleCallError) return error;
  const parsed = ErrorShape.safeParse(error);
  const message = error instanceof Error ? error.message : String(error);
  const response = parsed.success ? parsed.data.response : undefined;
  if (response === undefined) {
    const code = parsed.success && typeof parsed.data.code === 'string' ? parsed.data.code : 'noAnswer';
    return new GoogleCallError(endpoint, 0, code, message);
  }
  const { reason, message: detail } = errorOf(response.data, response.status);
  return new GoogleCallError(endpoint, response.status, reason, detail || message, retryAfterOf(response.headers, nowMs));
}

function failureFor(mode: RetryMode): (error: unknown) => Failure {
  return (error) => {
    if (!(error instanceof GoogleCallError) || mode === 'never') return { retryable: false, retryAfterMs: null };
    if (isThrottle(error.status, error.reason)) return { retryable: true, retryAfterMs: error.retryAfterMs };
    return { retryable: mode === 'transient' && (error.status === 0 || error.status >= 500), retryAfterMs: null };
  };
}

/** Throttled, server-side failures and missing answers are worth another try. */
export function isRetryableAnswer(answer: BatchAnswer): boolean {
  if (answer.status === 0 || answer.status >= 500) return true;
  return isThrottle(answer.status, errorOf(answer.body, answer.status).reason);
}

const missing = (id: string, message: string, status = 0): BatchAnswer => ({
  id,
  status,
  headers: {},
  body: { error: { code: status, message, errors: [{ reason: status === 0 ? 'noAnswer' : `http${status}`, message }] } },
});

/**
 * googleapis-common carries its own copy of google-auth-library (11.x) beside
 * ours (10.x), so TypeScript sees two OAuth2Client classes. At run time it only
 * calls `auth.request(options)`, which our JWT has, and never checks the class.
 */
function asApiAuth(client: JWT): calendar_v3.Options['auth'] {
  return client as unknown as calendar_v3.Options['auth'];
}

export function createGoogleApi(options: GoogleApiOptions): GoogleApi {
  const { subjects, roundTrip, clock } = options;
  const rootUrl = options.apiOrigin === null ? undefined : `${options.apiOrigin}/`;
  const batchUrl = `${options.apiOrigin ?? 'https://www.googleapis.com'}/batch/calendar/v3`;
  const calendars = new Map<string, calendar_v3.Calendar>();
  const gmails = new Map<string, gmail_v1.Gmail>();
  const directoryClient = admin({ version: 'directory_v1', auth: asApiAuth(subjects.client(options.adminEmail, 'directory')), ...(rootUrl ? { rootUrl } : {}) });
  // Its own token, so a delegation without the group scope still reads the directory.
  const groupsClient = admin({ version: 'directory_v1', auth: asApiAuth(subjects.client(options.adminEmail, 'groups')), ...(rootUrl ? { rootUrl } : {}) });

  function calendarAs(subject: string): calendar_v3.Calendar {
    const key = subject.toLowerCase();
    const existing = calendars.get(key);
    if (existing) return existing;
    const client = calendar({ version: 'v3', auth: asApiAuth(subjects.client(key, 'events')), ...(rootUrl ? { rootUrl } : {}) });
    calendars.set(key, client);
    return client;
  }

  function gmailAs(subject: string): gmail_v1.Gmail {
    const key = subject.toLowerCase();
    const existing = gmails.get(key);
    if (existing) return existing;
    const client = gmail({ version: 'v1', auth: asApiAuth(subjects.client(key, 'mail')), ...(rootUrl ? { rootUrl } : {}) });
    gmails.set(key, client);
    return client;
  }

  async function call<T extends z.ZodType>(endpoint: string, mode: RetryMode, run: () => Promise<{ data: unknown }>, schema: T): Promise<z.infer<T>> {
    const answer = await withRetry(
      async () => {
        try {
          return (await run()).data;
        } catch (error) {
          throw toGoogleCallError(endpoint, error, clock.now());
        }
      },
      failureFor(mode),
      options.retry,
      clock,
    );
    const parsed = schema.safeParse(answer ?? {});
    if (!parsed.success) throw new GoogleCallError(endpoint, 200, 'unexpectedResponse', parsed.error.message);
    return parsed.data;
  }

  async function batch(parts: readonly SubjectPart[]): Promise<BatchAnswer[]> {
    if (parts.length === 0) return [];
    const tokens = new Map<string, string | GoogleCallError>();
    const tokenKey = (part: SubjectPart) => `${part.kind} ${part.subject.toLowerCase()}`;
    await Promise.all(
      [...new Map(parts.map((p) => [tokenKey(p), p])).entries()].map(async ([key, part]) => {
        try {
          tokens.set(key, await subjects.accessToken(part.subject, part.kind));
        } catch (error) {
          tokens.set(key, toGoogleCallError(`token for ${part.subject}`, error, clock.now()));
        }
      }),
    );
    // A person whose token was refused (suspended, unknown) fails alone, not the whole batch.
    const sendable: BatchPart[] = [];
    const refused = new Map<string, BatchAnswer>();
    parts.forEach((part, i) => {
      const id = String(i + 1);
      const token = tokens.get(tokenKey(part));
      if (typeof token !== 'string') {
        refused.set(id, missing(id, token?.message ?? 'no token', token && token.status !== 0 ? token.status : 0));
        return;
      }
      sendable.push({ id, method: part.method, path: part.path, headers: { ...part.headers, Authorization: `Bearer ${token}` }, ...(part.body === undefined ? {} : { body: part.body }) });
    });
    const answers = new Map(refused);
    if (sendable.length > 0) {
      const boundary = `batch_binome_${randomUUID().replace(/-/g, '')}`;
      const { contentType, body } = buildBatch(sendable, boundary);
      const outer = sendable[0]?.headers?.['Authorization'] ?? '';
      let response: Response;
      try {
        response = await roundTrip.sendBatch(batchUrl, { headers: { 'Content-Type': contentType, Authorization: outer }, body }, sendable.map((p) => googleLabel(p.method, p.path)));
      } catch (error) {
        throw toGoogleCallError('POST /batch/calendar/v3', error, clock.now());
      }
      const text = await response.text();
      if (!response.ok) {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        const { reason, message } = errorOf(json, response.status);
        throw new GoogleCallError('POST /batch/calendar/v3', response.status, reason, message || text.slice(0, 200), parseRetryAfter(response.headers.get('retry-after'), clock.now()));
      }
      const answerBoundary = boundaryOf(response.headers.get('content-type'));
      if (answerBoundary === null) throw new GoogleCallError('POST /batch/calendar/v3', response.status, 'unexpectedResponse', `not multipart/mixed: ${response.headers.get('content-type')}`);
      const matched = answersFor(sendable, parseBatch(text, answerBoundary));
      sendable.forEach((part, i) => answers.set(part.id, matched[i] ?? missing(part.id, 'no answer for this call in the batch response')));
    }
    return parts.map((_, i) => answers.get(String(i + 1)) ?? missing(String(i + 1), 'no answer'));
  }

  async function readBatch(parts: readonly SubjectPart[]): Promise<BatchAnswer[]> {
    const results: BatchAnswer[] = parts.map((_, i) => missing(String(i + 1), 'not sent'));
    const budget = new RetryBudget(options.retry, () => clock.now());
    let pending = parts.map((_, i) => i);
    for (;;) {
      const attempt = budget.attempt();
      let retryAfterMs: number | null = null;
      try {
        const answers = await batch(pending.map((i) => parts[i] as SubjectPart));
        pending.forEach((index, j) => {
          const answer = answers[j] ?? missing(String(index + 1), 'no answer');
          results[index] = answer;
          const wait = isRetryableAnswer(answer) ? parseRetryAfter(answer.headers['retry-after'], clock.now()) : null;
          if (wait !== null) retryAfterMs = Math.max(retryAfterMs ?? 0, wait);
        });
      } catch (error) {
        if (!(error instanceof GoogleCallError)) throw error;
        for (const index of pending) {
          results[index] = { id: String(index + 1), status: error.status, headers: {}, body: { error: { code: error.status, message: error.message, errors: [{ reason: error.reason }] } } };
        }
        retryAfterMs = error.retryAfterMs;
      }
      pending = pending.filter((i) => isRetryableAnswer(results[i] as BatchAnswer));
      if (pending.length === 0) break;
      const delay = retryDelay(attempt, retryAfterMs, () => clock.random());
      if (!budget.allows(delay)) break;
      await clock.sleep(delay);
    }
    return results;
  }

  return { directory: () => directoryClient, groups: () => groupsClient, calendarAs, gmailAs, call, batch, readBatch, retry: options.retry, clock };
}
