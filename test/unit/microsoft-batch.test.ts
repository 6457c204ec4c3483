import { describe, expect, it } from 'vitest';
import { chunk } from '../../server/connectors/shared/slices.ts';
import {
  createOutcome,
  maxBatchSize,
  runReadBatch,
  toBatchRequests,
  wholeBatchOutcomes,
  type BatchRequestItem,
} from '../../server/connectors/microsoft/batch.ts';
import { GraphCallError } from '../../server/connectors/microsoft/errors.ts';
import type { Clock } from '../../server/connectors/shared/retry.ts';
import type { BatchResponseItem } from '../../server/connectors/microsoft/schema.ts';

const now = Date.parse('2027-01-04T08:00:00Z');

function fakeClock(): Clock & { slept: number[] } {
  let t = now;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)), random: () => 0 };
}

const read = (n: number) => Array.from({ length: n }, (_, i) => ({ method: 'GET' as const, url: `/users/u${i}` }));

describe('batch splitting', () => {
  it('splits 45 operations into batches of 20, 20 and 5', () => {
    expect(chunk(read(45), maxBatchSize).map((c) => c.length)).toEqual([20, 20, 5]);
    expect(chunk([], maxBatchSize)).toEqual([]);
  });

  it('numbers items and adds the Content-Type that Graph requires with a body', () => {
    const requests = toBatchRequests([
      { method: 'GET', url: '/users' },
      { method: 'POST', url: '/users/a/events', body: { subject: 'x' } },
    ]);
    expect(requests).toEqual([
      { id: '1', method: 'GET', url: '/users' },
      { id: '2', method: 'POST', url: '/users/a/events', body: { subject: 'x' }, headers: { 'Content-Type': 'application/json' } },
    ]);
  });

  it('refuses more than 20 operations in one batch', () => {
    expect(() => toBatchRequests(read(21))).toThrow('at most 20 requests, got 21');
  });
});

describe('per-item create outcomes', () => {
  it('maps a 201 to created with the event id and Teams join URL', () => {
    const item = { id: '1', status: 201, body: { id: 'AAMk1', onlineMeeting: { joinUrl: 'https://teams.example/j/1' } } };
    expect(createOutcome('k1', item, now)).toEqual({ key: 'k1', status: 'created', eventId: 'AAMk1', onlineMeetingUrl: 'https://teams.example/j/1' });
  });

  it('maps a 429 to throttled with the item retry-after in milliseconds, fractional seconds included', () => {
    const item = { id: '1', status: 429, headers: { 'Retry-After': '2.5' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
    expect(createOutcome('k1', item, now)).toEqual({ key: 'k1', status: 'throttled', retryAfterMs: 2500 });
  });

  it('maps a 5xx and a missing item to unknown, since the event may exist', () => {
    expect(createOutcome('k1', { id: '1', status: 503, body: { error: { code: 'ServiceUnavailable', message: '' } } }, now)).toMatchObject({ status: 'unknown' });
    expect(createOutcome('k1', undefined, now)).toMatchObject({ status: 'unknown' });
  });

  it('maps another 4xx to rejected with Graph\'s error code', () => {
    const item = { id: '1', status: 400, body: { error: { code: 'ErrorInvalidRecipients', message: 'bad attendee' } } };
    expect(createOutcome('k1', item, now)).toEqual({ key: 'k1', status: 'rejected', code: 'ErrorInvalidRecipients', message: 'bad attendee' });
  });

  it('marks every item unknown when the batch itself got no answer, throttled when it was throttled', () => {
    const lost = new GraphCallError('POST /$batch', 0, 'NoAnswer', 'socket hang up');
    expect(wholeBatchOutcomes(['a', 'b'], lost).map((o) => o.status)).toEqual(['unknown', 'unknown']);
    const throttled = new GraphCallError('POST /$batch', 429, 'TooManyRequests', 'wait', 3000);
    expect(wholeBatchOutcomes(['a'], throttled)).toEqual([{ key: 'a', status: 'throttled', retryAfterMs: 3000 }]);
  });
});

describe('read batches with per-item retry', () => {
  it('retries only the failed items, after the longest retry-after among them', async () => {
    const clock = fakeClock();
    const sent: string[][] = [];
    const send = async (requests: BatchRequestItem[]): Promise<BatchResponseItem[]> => {
      sent.push(requests.map((r) => r.id));
      return requests.map((r) => {
        if (sent.length === 1 && r.id === '2') return { id: r.id, status: 429, headers: { 'retry-after': '1' } };
        if (sent.length === 1 && r.id === '3') return { id: r.id, status: 429, headers: { 'retry-after': '3' } };
        if (sent.length === 1 && r.id === '4') return { id: r.id, status: 503 };
        return { id: r.id, status: 200, body: { ok: r.url } };
      });
    };
    const answers = await runReadBatch(read(5), send, { maxAttempts: 4, budgetMs: 60_000 }, clock);
    expect(sent).toEqual([['1', '2', '3', '4', '5'], ['2', '3', '4']]);
    expect(clock.slept).toEqual([3000]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('treats an item missing from the answer as failed and retries it', async () => {
    const clock = fakeClock();
    let round = 0;
    const send = async (requests: BatchRequestItem[]) => {
      round += 1;
      return requests.filter((r) => round > 1 || r.id !== '1').map((r) => ({ id: r.id, status: 200 }));
    };
    const answers = await runReadBatch(read(2), send, { maxAttempts: 3, budgetMs: 60_000 }, clock);
    expect(round).toBe(2);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
  });

  it('retries the whole batch after a transport failure and leaves the last status when the budget runs out', async () => {
    const clock = fakeClock();
    let round = 0;
    const send = async (): Promise<BatchResponseItem[]> => {
      round += 1;
      throw new GraphCallError('POST /$batch', 0, 'NoAnswer', 'connection reset');
    };
    const answers = await runReadBatch(read(2), send, { maxAttempts: 3, budgetMs: 60_000 }, clock);
    expect(round).toBe(3);
    expect(answers.map((a) => a.status)).toEqual([0, 0]);
  });

  it('does not retry an item that failed for good', async () => {
    const clock = fakeClock();
    let round = 0;
    const send = async (requests: BatchRequestItem[]) => {
      round += 1;
      return requests.map((r) => ({ id: r.id, status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'gone' } } }));
    };
    const answers = await runReadBatch(read(1), send, { maxAttempts: 3, budgetMs: 60_000 }, clock);
    expect(round).toBe(1);
    expect(answers[0]?.status).toBe(404);
  });
});
