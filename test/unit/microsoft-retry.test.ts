import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from '../../server/connectors/shared/concurrency.ts';
import { RetryBudget, parseRetryAfter, retryDelay, withRetry, type Clock } from '../../server/connectors/shared/retry.ts';

const now = Date.parse('2027-01-04T08:00:00Z');

function fakeClock(random = 0.5): Clock & { slept: number[] } {
  let t = now;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    random: () => random,
  };
}

describe('Retry-After parsing', () => {
  it('reads whole and fractional seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('2.128', now)).toBe(2128);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now and never goes negative', () => {
    expect(parseRetryAfter('Mon, 04 Jan 2027 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 04 Jan 2027 07:00:00 GMT', now)).toBe(0);
  });

  it('returns null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});

describe('retry delay', () => {
  it('waits at least the Retry-After and at most 20% more', () => {
    expect(retryDelay(1, 2000, () => 0)).toBe(2000);
    expect(retryDelay(1, 2000, () => 0.999)).toBeLessThanOrEqual(2400);
  });

  it('backs off exponentially with jitter when the provider gave no Retry-After', () => {
    const low = [1, 2, 3, 4].map((a) => retryDelay(a, null, () => 0));
    const high = [1, 2, 3, 4].map((a) => retryDelay(a, null, () => 1));
    expect(low).toEqual([250, 500, 1000, 2000]);
    expect(high).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(20, null, () => 1)).toBe(30_000);
  });
});

describe('retry budget', () => {
  it('stops at the attempt cap and at the time budget', () => {
    const clock = fakeClock();
    const budget = new RetryBudget({ maxAttempts: 2, budgetMs: 10_000 }, clock.now);
    budget.attempt();
    expect(budget.allows(1000)).toBe(true);
    expect(budget.allows(10_001)).toBe(false);
    budget.attempt();
    expect(budget.allows(0)).toBe(false);
  });

  it('retries a transient failure and returns the later success', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('busy');
        return 'ok';
      },
      () => ({ retryable: true, retryAfterMs: 1000 }),
      { maxAttempts: 5, budgetMs: 60_000 },
      clock,
    );
    expect(result).toBe('ok');
    expect(clock.slept).toEqual([1100, 1100]);
  });

  it('rethrows a permanent failure at once', async () => {
    const clock = fakeClock();
    await expect(
      withRetry(() => Promise.reject(new Error('bad request')), () => ({ retryable: false, retryAfterMs: null }), { maxAttempts: 5, budgetMs: 60_000 }, clock),
    ).rejects.toThrow('bad request');
    expect(clock.slept).toEqual([]);
  });

  it('gives up with the last error once the budget is spent', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls += 1;
          return Promise.reject(new Error(`throttled ${calls}`));
        },
        () => ({ retryable: true, retryAfterMs: 4000 }),
        { maxAttempts: 10, budgetMs: 10_000 },
        clock,
      ),
    ).rejects.toThrow('throttled 3');
    expect(clock.slept).toEqual([4400, 4400]);
  });
});

describe('per-mailbox concurrency cap', () => {
  it('keeps at most the limit in flight per mailbox and lets other mailboxes run', async () => {
    const limiter = new KeyedLimiter(4);
    let peakA = 0;
    let peakB = 0;
    const releases: (() => void)[] = [];
    const task = (key: string) =>
      limiter.run(key, async () => {
        peakA = Math.max(peakA, limiter.inFlight('a'));
        peakB = Math.max(peakB, limiter.inFlight('b'));
        await new Promise<void>((resolve) => releases.push(resolve));
      });
    const all = [...Array.from({ length: 10 }, () => task('a')), task('b'), task('b')];
    for (let i = 0; i < 12 && releases.length < 12; i++) {
      await new Promise((r) => setTimeout(r, 0));
      releases.splice(0).forEach((release) => release());
    }
    await Promise.all(all);
    expect(peakA).toBe(4);
    expect(peakB).toBe(2);
    expect(limiter.inFlight('a')).toBe(0);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new KeyedLimiter(0)).toThrow('concurrency must be a positive integer');
  });
});
