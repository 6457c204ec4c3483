import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, removeState, sandboxFixture, type SandboxClient } from './sandbox-harness.ts';

let client: SandboxClient;

beforeAll(async () => {
  client = await openSandbox({ fixture: sandboxFixture(30) });
});

afterEach(() => {
  client.sandbox.setKnobs({});
});

afterAll(async () => {
  await client.close();
  await removeState(client.stateDir);
});

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string }; [key: string]: unknown };
}

function event(subject: string, day: number) {
  const date = `2027-04-${String(day).padStart(2, '0')}`;
  return { subject, start: { dateTime: `${date}T09:00:00`, timeZone: 'UTC' }, end: { dateTime: `${date}T10:00:00`, timeZone: 'UTC' } };
}

const json = { 'Content-Type': 'application/json' };

describe('POST /$batch', () => {
  it('refuses 21 requests and a duplicate id (case-insensitive) with 400 for the whole batch', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users?$top=1' }));
    const tooMany = await client.graph('POST', '/$batch', { requests });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.code).toBe('BadRequest');
    const twenty = await client.graph('POST', '/$batch', { requests: requests.slice(0, 20) });
    expect(twenty.status).toBe(200);
    const duplicate = await client.graph('POST', '/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users' }, { id: 'A', method: 'GET', url: '/users' }] });
    expect(duplicate.status).toBe(400);
    const noContentType = await client.graph('POST', '/$batch', { requests: [{ id: '1', method: 'POST', url: '/users/person1@contoso.example/events', body: event('x', 1) }] });
    expect(noContentType.status).toBe(400);
  });

  it('answers each item with its own status, and 424 to the dependents of a failed item, on the root /$batch path too', async () => {
    const response = await client.graph('POST', `${client.sandbox.urls.origin}/$batch`, {
      requests: [
        { id: '1', method: 'POST', url: '/users/person1@contoso.example/events', headers: json, body: { ...event('bad', 1), end: undefined } },
        { id: '2', method: 'POST', url: '/users/person1@contoso.example/events', headers: json, body: event('after bad', 2), dependsOn: ['1'] },
        { id: '3', method: 'POST', url: '/users/person2@contoso.example/events', headers: json, body: event('fine', 3) },
        { id: '4', method: 'GET', url: '/users/person2@contoso.example/manager?$select=id', dependsOn: ['3'] },
      ],
    });
    expect(response.status).toBe(200);
    const byId = new Map((response.body['responses'] as BatchResponse[]).map((r) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(400);
    expect(byId.get('2')?.status).toBe(424);
    expect(byId.get('3')?.status).toBe(201);
    expect(byId.get('4')?.status).toBe(200);
    expect(client.sandbox.calendars()['person1@contoso.example']).toEqual([]);
    const counts = client.sandbox.requestCounts();
    expect(counts['POST /users/{id}/events']).toBeGreaterThanOrEqual(2);
  });

  it('throttles each item on its own mailbox budget: inner 429 with Retry-After, outer 200', async () => {
    client.sandbox.setKnobs({ throttle: { perMailboxPer10Min: 3 } });
    const requests = Array.from({ length: 5 }, (_, i) => ({ id: `e${i}`, method: 'POST', url: '/users/person5@contoso.example/events', headers: json, body: event(`s${i}`, 5 + i) }));
    const response = await client.graph('POST', '/$batch', { requests });
    expect(response.status).toBe(200);
    const items = response.body['responses'] as BatchResponse[];
    const throttled = items.filter((r) => r.status === 429);
    expect(items.filter((r) => r.status === 201)).toHaveLength(3);
    expect(throttled).toHaveLength(2);
    expect(Number(throttled[0]?.headers['Retry-After'])).toBeGreaterThan(0);
    expect(throttled[0]?.body?.error?.code).toBe('TooManyRequests');
    expect(client.sandbox.calendars()['person5@contoso.example']).toHaveLength(3);
  });

  it('runs items four at a time, so latency applies per wave', async () => {
    client.sandbox.setKnobs({ latencyMs: 60 });
    const requests = Array.from({ length: 8 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/person${i}@contoso.example` }));
    const started = performance.now();
    const response = await client.graph('POST', '/$batch', { requests });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    // One latency for the envelope, then two waves of four.
    expect(elapsed).toBeGreaterThanOrEqual(170);
    expect(elapsed).toBeLessThan(8 * 60);
  });
});

describe('throttling and faults', () => {
  it('answers 429 TooManyRequests with Retry-After once a mailbox spent its budget', async () => {
    client.sandbox.setKnobs({ throttle: { perMailboxPer10Min: 2 } });
    const path = '/users/person9@contoso.example/calendarView?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-01-02T00:00:00Z';
    expect((await client.graph('GET', path)).status).toBe(200);
    expect((await client.graph('GET', path)).status).toBe(200);
    const third = await client.graph('GET', path);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(third.body.error).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.' });
    expect((await client.graph('GET', '/users/person10@contoso.example/mailboxSettings')).status).toBe(200);
    expect(client.sandbox.requestCounts()['throttled: mailbox budget']).toBeGreaterThanOrEqual(1);
  });

  it('injects 429 and 5xx at the configured rates, and a 504 may come after the change was applied', async () => {
    client.sandbox.setKnobs({ faults: { rate429: 1 } });
    const throttled = await client.graph('GET', '/users/person11@contoso.example/mailboxSettings');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+(\.\d+)?$/);

    client.sandbox.setKnobs({ faults: { rate5xx: 1 }, seed: 7 });
    const statuses: number[] = [];
    for (let day = 1; day <= 8; day += 1) statuses.push((await client.graph('POST', '/users/person12@contoso.example/events', event(`maybe ${day}`, day))).status);
    expect(statuses.every((s) => s === 503 || s === 504)).toBe(true);
    const applied = client.sandbox.calendars()['person12@contoso.example'] ?? [];
    expect(applied.length).toBe(statuses.filter((s) => s === 504).length);
    expect(applied.length).toBeGreaterThan(0);
  });

  it('cuts the connection of every Nth round trip without an answer', async () => {
    client.sandbox.setKnobs({ faults: { dropEvery: 3 }, seed: 3 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      try {
        outcomes.push(String((await client.graph('GET', `/users/person${i}@contoso.example`)).status));
      } catch {
        outcomes.push('dropped');
      }
    }
    expect(outcomes.filter((o) => o === 'dropped')).toHaveLength(2);
    const counts = client.sandbox.requestCounts();
    expect((counts['fault: connection dropped before applying'] ?? 0) + (counts['fault: connection dropped after applying'] ?? 0)).toBe(2);
  });
});
