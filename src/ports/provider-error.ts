/**
 * A provider call (Graph, Google) that failed after the connector's own retries.
 * `transient`: no answer, throttled or a server error, so the same request may
 * succeed later; otherwise the provider refused it (permission, missing mailbox).
 */
export class ProviderCallError extends Error {
  constructor(
    readonly provider: string,
    readonly transient: boolean,
    message: string,
    /** From the provider's Retry-After, when it gave one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderCallError';
  }
}
