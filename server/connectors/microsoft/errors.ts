/** A Graph call that failed for good after the connector's own retries. */
export class GraphCallError extends Error {
  constructor(
    readonly endpoint: string,
    /** HTTP status, or 0 when no answer came back (timeout, dropped connection). */
    readonly status: number,
    /** Graph's `error.code` ("ErrorItemNotFound"), or a transport code. */
    readonly code: string,
    message: string,
    /** From a 429's Retry-After, when Graph gave one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${endpoint}: ${status === 0 ? 'no answer' : `HTTP ${status}`} ${code}: ${message}`);
    this.name = 'GraphCallError';
  }
}
