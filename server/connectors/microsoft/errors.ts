import { ProviderCallError } from '../../../src/ports/provider-error.ts';

/** A Graph call that failed for good after the connector's own retries. */
export class GraphCallError extends ProviderCallError {
  constructor(
    readonly endpoint: string,
    /** HTTP status, or 0 when no answer came back (timeout, dropped connection). */
    readonly status: number,
    /** Graph's `error.code` ("ErrorItemNotFound"), or a transport code. */
    readonly code: string,
    message: string,
    retryAfterMs: number | null = null,
  ) {
    super(
      'Microsoft Graph',
      status === 0 || status === 429 || status >= 500,
      `${endpoint}: ${status === 0 ? 'no answer' : `HTTP ${status}`} ${code}: ${message}`,
      retryAfterMs,
    );
    this.name = 'GraphCallError';
  }
}
