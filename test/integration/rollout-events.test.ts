import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store/database.ts';
import { createWorker, type Worker } from '../../server/rollout/worker.ts';
import { tenantRegistry } from '../../server/runtime/tenants.ts';
import { RolloutEvent, rolloutEventsPath, rolloutRetryMs } from '../../contract/rollout-events.ts';
import { freshStore, storeKinds } from '../support/databases.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

interface Frame {
  id: string | null;
  event: string;
  data: string;
}

/** Reads a text/event-stream as a browser's EventSource would: frames split on blank lines, comments and retry apart. */
class StreamReader {
  readonly frames: Frame[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  closed = false;
  private buffer = '';
  private readonly waiters = new Set<() => void>();

  constructor(private readonly body: ReadableStream<Uint8Array>) {
    void this.pump();
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    const reader = this.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let cut = this.buffer.indexOf('\n\n');
        while (cut >= 0) {
          this.take(this.buffer.slice(0, cut));
          this.buffer = this.buffer.slice(cut + 2);
          cut = this.buffer.indexOf('\n\n');
        }
        this.wake();
      }
    } catch {
      // An aborted read ends the stream like a close.
    }
    this.closed = true;
    this.wake();
  }

  private take(block: string): void {
    const frame: Frame = { id: null, event: 'message', data: '' };
    let isFrame = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
      else if (line.startsWith('id: ')) frame.id = line.slice(4);
      else if (line.startsWith('event: ')) frame.event = line.slice(7);
      else if (line.startsWith('data: ')) {
        frame.data += line.slice(6);
        isFrame = true;
      }
    }
    if (isFrame) this.frames.push(frame);
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  progress(): RolloutEvent[] {
    return this.frames.filter((f) => f.event === 'progress').map((f) => RolloutEvent.parse(JSON.parse(f.data)));
  }

  /** Waits until the frames read so far satisfy `test` (or the stream ends, or 20 s pass). */
  async until(test: (reader: StreamReader) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!test(this)) {
      if (this.closed) throw new Error(`the stream closed before ${what}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within 20 s; frames: ${JSON.stringify(this.frames.map((f) => f.event))}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 200);
        this.waiters.add(done);
      });
    }
  }
}

const last = (reader: StreamReader): RolloutEvent | undefined => reader.progress().at(-1);

/** The timers Node holds; a stream ended leaves none of its own behind. */
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe.each(storeKinds)('the rollout followed live on %s', (kind) => {
  let stack: TestStack;
  let database: Store | null = null;
  let workerStore: Store | null = null;
  let worker: Worker;

  beforeAll(async () => {
    // On PostgreSQL the worker books through a pool of its own, as another process would.
    database = kind === 'postgres' ? await freshStore('postgres') : null;
    stack = await startTestStack(smallTenant(), { databaseUrl: database?.url ?? null, workers: 0 });
    workerStore = database === null ? null : await openStore({ databaseUrl: database.url, dataDir: null });
    worker = createWorker({
      db: workerStore?.db ?? stack.store.db,
      registry: tenantRegistry([stack.runtime]),
      workerId: `stream-${kind}`,
      logger: pino({ level: 'silent' }),
      claimSize: 2,
    });
  });
  afterAll(async () => {
    await workerStore?.close();
    await stack?.close();
    await database?.close();
  });

  const open = async (path: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${stack.apiUrl}${path}`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${await stack.hrToken()}`, ...headers }, ...(signal === undefined ? {} : { signal }) });

  it('sends each change as it is booked, a failure with its code, and ends once every session is booked after a retry', { timeout: 90_000 }, async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const proposal = (await stack.call('POST', `${base}/matching`)).body as { pairs: { pairId: string; mentorEmail: string; menteeEmail: string }[] };
    const pair = proposal.pairs.find((p) => p.mentorEmail === 'chloe.martin@acme.example');
    if (pair === undefined) throw new Error('expected Chloé in a pair');
    expect((await stack.call('POST', `${base}/publish`)).status).toBe(200);
    // The mentee blocks the whole programme: her pair's sessions find no slot and fail.
    const [offsite] = await stack.runtime.calendar.createEvents([
      {
        key: 'offsite',
        organizerEmail: pair.menteeEmail,
        attendeeEmails: ['helene.roux@acme.example'],
        subject: 'Offsite',
        body: 'unrelated',
        start: '2027-01-04T00:00:00.000Z',
        end: '2027-06-01T00:00:00.000Z',
        online: false,
        tag: { cohortId: 'other-programme', pairId: 'x', session: 1 },
      },
    ]);
    if (offsite?.status !== 'created') throw new Error('the offsite was not created');
    expect((await stack.call('POST', `${base}/rollout`)).status).toBe(202);

    const response = await open(rolloutEventsPath(id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    if (response.body === null) throw new Error('no body');
    const stream = new StreamReader(response.body);
    await stream.until((r) => r.progress().length === 1, 'first snapshot');
    expect(stream.retry).toBe(rolloutRetryMs);
    expect(last(stream)).toMatchObject({ status: 'rolling_out', total: 8, counts: { booked: 0, pending: 8, moving: 0, failed: 0 }, failures: [] });
    expect(stream.frames[0]?.id).toBe(last(stream)?.version);

    // Each tick of the worker books two sessions; each change reaches the stream without being asked for.
    for (let tick = 0; tick < 12 && (last(stream)?.counts.pending ?? 1) > 0; tick++) {
      const seen = stream.progress().length;
      await worker.tick();
      await stream.until((r) => r.progress().length > seen, `an event after tick ${tick + 1}`);
    }
    const settled = stream.progress();
    const booked = settled.map((e) => e.counts.booked);
    expect(booked).toEqual([...booked].sort((a, b) => a - b));
    expect(new Set(booked).size).toBeGreaterThan(2);
    expect(last(stream)).toMatchObject({ status: 'rolling_out', counts: { booked: 4, pending: 0, moving: 0, failed: 4 } });
    const failures = last(stream)?.failures ?? [];
    expect(failures.map((f) => [f.pairId, f.session, f.code])).toEqual([1, 2, 3, 4].map((n) => [pair.pairId, n, 'NO_FREE_SLOT']));
    expect(failures[0]?.params).toMatchObject({ mentee: pair.menteeEmail });

    // HR deals with the cause and retries: the failed sessions go back to pending, then get booked, and the stream ends.
    await stack.runtime.calendar.cancelEvent(pair.menteeEmail, offsite.eventId, 'Offsite cancelled');
    expect((await stack.call('POST', `${base}/rollout/retry`)).status).toBe(202);
    await stream.until((r) => last(r)?.counts.failed === 0, 'the retried sessions pending');
    for (let tick = 0; tick < 12 && !stream.closed; tick++) {
      await worker.tick();
      await stream.until((r) => r.closed || (last(r)?.counts.pending ?? 1) < 4 - tick * 2, `an event after retry tick ${tick + 1}`).catch(() => undefined);
    }
    await stream.until((r) => r.frames.at(-1)?.event === 'end' && r.closed, 'the end of the stream');
    expect(last(stream)).toMatchObject({ status: 'running', done: true, counts: { booked: 8, pending: 0, moving: 0, failed: 0 }, failures: [] });
    expect(JSON.parse(stream.frames.at(-1)?.data ?? '{}')).toEqual({ status: 'running' });
  });

  it('resends nothing to a client that reconnects with the last version it saw, and sends the picture again to one that missed a change', async () => {
    const cohorts = (await stack.call('GET', '/api/admin/cohorts')).body as { cohortId: string; status: string }[];
    const running = cohorts.find((c) => c.status === 'running');
    if (running === undefined) throw new Error('the first test leaves a running cohort');
    const first = await open(rolloutEventsPath(running.cohortId));
    if (first.body === null) throw new Error('no body');
    const full = new StreamReader(first.body);
    await full.until((r) => r.closed, 'the end of a finished rollout');
    expect(full.frames.map((f) => f.event)).toEqual(['progress', 'end']);
    const version = full.frames[0]?.id ?? '';

    const again = await open(rolloutEventsPath(running.cohortId), { 'last-event-id': version });
    if (again.body === null) throw new Error('no body');
    const resumed = new StreamReader(again.body);
    await resumed.until((r) => r.closed, 'the end of a resumed stream');
    expect(resumed.frames.map((f) => f.event)).toEqual(['end']);

    const stale = await open(rolloutEventsPath(running.cohortId), { 'last-event-id': 'older' });
    if (stale.body === null) throw new Error('no body');
    const caughtUp = new StreamReader(stale.body);
    await caughtUp.until((r) => r.closed, 'the end of a stale stream');
    expect(caughtUp.frames.map((f) => f.event)).toEqual(['progress', 'end']);
  });

  it('stops polling and lets go of its timers when the client goes away', async () => {
    const id = ((await stack.call('POST', '/api/admin/cohorts', { ...cohort, name: 'Quiet' })).body as { cohortId: string }).cohortId;
    // Settle whatever earlier requests left running before counting.
    await new Promise((r) => setTimeout(r, 1_500));
    const before = timers();
    const aborts = [new AbortController(), new AbortController()];
    const readers: StreamReader[] = [];
    for (const abort of aborts) {
      const response = await open(rolloutEventsPath(id), {}, abort.signal);
      if (response.body === null) throw new Error('no body');
      readers.push(new StreamReader(response.body));
    }
    for (const reader of readers) await reader.until((r) => r.progress().length === 1, 'the snapshot of a cohort not yet published');
    expect(readers[0]?.progress()[0]).toMatchObject({ status: 'draft', total: 0, counts: { booked: 0, pending: 0, moving: 0, failed: 0 } });
    expect(timers()).toBeGreaterThan(before);
    for (const abort of aborts) abort.abort();
    await expect.poll(timers, { timeout: 5_000 }).toBeLessThanOrEqual(before);
  });

  it('refuses a caller without a token, one without the HR role and an unknown cohort in the usual error shape', async () => {
    const anonymous = await fetch(`${stack.apiUrl}${rolloutEventsPath('0b6f8c1e-4a8e-4c55-9f57-5d0c3c1d2a11')}`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'TOKEN_MISSING', field: null });
    const participant = await open(rolloutEventsPath('0b6f8c1e-4a8e-4c55-9f57-5d0c3c1d2a11'), {
      authorization: `Bearer ${await stack.sandbox.issueUserToken('chloe.martin@acme.example')}`,
    });
    expect(participant.status).toBe(403);
    expect(await participant.json()).toMatchObject({ code: 'ROLE_REQUIRED', field: null });
    const unknown = await open(rolloutEventsPath('0b6f8c1e-4a8e-4c55-9f57-5d0c3c1d2a11'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'COHORT_NOT_FOUND', field: 'cohortId' });
    const malformed = await open(rolloutEventsPath('not-a-cohort'));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ field: 'params.cohortId' });
  });

  it('is described in the OpenAPI document as an event stream whose data carries the counts and the failures', async () => {
    const doc = (await (await fetch(`${stack.apiUrl}/docs/json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> } }>;
    };
    const route = doc.paths['/api/admin/cohorts/{cohortId}/rollout/events']?.get;
    const stream = route?.responses['200']?.content?.['text/event-stream'];
    expect(Object.keys(stream?.schema.properties ?? {})).toEqual(expect.arrayContaining(['counts', 'failures', 'status', 'version']));
    expect(Object.keys(route?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403', '404']));
  });
});
