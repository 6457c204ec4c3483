/**
 * Retry policy for Graph reads: honour Retry-After (seconds, possibly fractional,
 * or an HTTP date), otherwise back off exponentially; add jitter so parallel
 * callers do not come back in lock-step; stop at a retry budget (attempts and
 * total time), after which the last failure stands.
 */

export interface RetryPolicy {
  maxAttempts: number;
  budgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, budgetMs: 60_000 };

/** Without a Retry-After, the first wait is this long and doubles each attempt. */
const backoffBaseMs = 500;
const backoffCapMs = 30_000;
/** Share of the wait added at random on top of a Retry-After. */
const retryAfterJitter = 0.2;

/** Milliseconds to wait from a Retry-After header value; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names its day or zone; anything else (say "-3") is not one.
  if (!/[a-z]/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1). A Retry-After is
 * a floor: we wait it plus up to 20%. Without one: full jitter over an
 * exponential ceiling.
 */
export function retryDelay(attempt: number, retryAfterMs: number | null, random: () => number): number {
  if (retryAfterMs !== null) return Math.round(retryAfterMs * (1 + retryAfterJitter * random()));
  const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Tracks one logical operation's attempts against the policy. */
export class RetryBudget {
  private attempts = 0;
  private readonly startedAt: number;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  /** Records an attempt about to be made. */
  attempt(): number {
    this.attempts += 1;
    return this.attempts;
  }

  get attemptsMade(): number {
    return this.attempts;
  }

  /** Whether waiting `delayMs` and trying again stays within the budget. */
  allows(delayMs: number): boolean {
    if (this.attempts >= this.policy.maxAttempts) return false;
    return this.now() - this.startedAt + delayMs <= this.policy.budgetMs;
  }
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** What a failed attempt tells the retry loop. */
export interface Failure {
  retryable: boolean;
  retryAfterMs: number | null;
}

/**
 * Runs `operation` until it succeeds, fails for good, or the budget is spent; the
 * last error is rethrown.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  classify: (error: unknown) => Failure,
  policy: RetryPolicy,
  clock: Clock,
): Promise<T> {
  const budget = new RetryBudget(policy, () => clock.now());
  for (;;) {
    const attempt = budget.attempt();
    try {
      return await operation();
    } catch (error) {
      const failure = classify(error);
      if (!failure.retryable) throw error;
      const delay = retryDelay(attempt, failure.retryAfterMs, () => clock.random());
      if (!budget.allows(delay)) throw error;
      await clock.sleep(delay);
    }
  }
}
