import { z } from 'zod';
import { ProviderCallError } from '../../../src/ports/provider-error.ts';

/** A Google API call that failed for good after the connector's own retries. */
export class GoogleCallError extends ProviderCallError {
  constructor(
    readonly endpoint: string,
    /** HTTP status, or 0 when no answer came back (timeout, dropped connection). */
    readonly status: number,
    /** Google's first `errors[].reason` ("rateLimitExceeded", "notFound"), or a transport code. */
    readonly reason: string,
    message: string,
    retryAfterMs: number | null = null,
  ) {
    super(
      'Google Workspace',
      status === 0 || isThrottle(status, reason) || status >= 500,
      `${endpoint}: ${status === 0 ? 'no answer' : `HTTP ${status}`} ${reason}: ${message}`,
      retryAfterMs,
    );
    this.name = 'GoogleCallError';
  }
}

/** Google's error body: `{"error":{"errors":[{domain,reason,message}],"code","message"}}`. */
export const GoogleErrorBody = z.object({
  error: z.object({
    code: z.number().int().optional(),
    message: z.string().optional().default(''),
    errors: z.array(z.object({ reason: z.string().optional(), message: z.string().optional() }).loose()).optional(),
  }),
});

/** Reasons of a 403 that mean "slow down", not "forbidden" (Calendar usage limits). */
const throttleReasons = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/** 429, or a 403 whose reason is a rate limit: nothing was done, the same request may succeed later. */
export function isThrottle(status: number, reason: string): boolean {
  return status === 429 || (status === 403 && throttleReasons.has(reason));
}

export function errorOf(body: unknown, status: number): { reason: string; message: string } {
  const parsed = GoogleErrorBody.safeParse(body);
  if (!parsed.success) return { reason: status === 0 ? 'noAnswer' : `http${status}`, message: '' };
  const first = parsed.data.error.errors?.[0];
  return { reason: first?.reason ?? `http${status}`, message: parsed.data.error.message || first?.message || '' };
}
