/**
 * The participant API under load: `GET /api/me/sessions` and a note write
 * (`POST /api/me/sessions/{pairId}/{n}/notes`), each at a fixed 500 requests/s with
 * autocannon, as a signed-in participant of the demo tenant (a real bearer token,
 * verified on every request). Baseline, same run and same load: a bare Fastify route
 * answering a constant. On PGlite, and on PostgreSQL when BINOME_BENCH_DATABASE_URL
 * (or DATABASE_URL) names one. Target: p99 under 50 ms. Each load, the baseline's
 * too, follows 2 s of the same load that are not counted: a running service has its
 * connection pool open and its statements prepared, which the first requests pay for.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { TenantFixture } from '../src/model/fixture.ts';
import { demoCohortId, seedDemo } from '../server/demo/seed.ts';
import { startStack, type Stack } from '../server/runtime/stack.ts';
import type { BenchRow } from './report.ts';
import { ratioOf } from './report.ts';

const RATE = 500;
const SECONDS = 10;
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 20;
const NOW = '2027-01-04T08:00:00Z';
const demo = join(import.meta.dirname, '..', 'fixtures', 'demo');

interface Load {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<Load> {
  const run = (duration: number) =>
    autocannon({
      url,
      method: options.method ?? 'GET',
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.body === undefined ? {} : { body: options.body }),
      connections: CONNECTIONS,
      overallRate: RATE,
      duration,
    });
  await run(WARM_UP_SECONDS);
  const result = await run(SECONDS);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, non2xx: result.non2xx, errors: result.errors };
}

async function baseline(): Promise<Load> {
  const app = Fastify({ logger: false });
  app.get('/constant', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    return await load(`http://127.0.0.1:${port}/constant`, {});
  } finally {
    await app.close();
  }
}

async function rolledOut(stack: Stack, cohortId: string, token: string): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    const response = await fetch(`${stack.apiUrl}/api/admin/cohorts/${cohortId}/rollout`, { headers: { authorization: `Bearer ${token}` } });
    if (response.ok && ((await response.json()) as { done: boolean }).done) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the demo cohort was not booked within 300 s');
}

function rows(store: string, sessions: Load, notes: Load, base: Load): BenchRow[] {
  const row = (name: string, measured: Load, what: 'p99' | 'p50'): BenchRow => ({
    group: 'participant-api',
    name: `${name} ${what} (${store})`,
    value: measured[what],
    unit: 'ms',
    baseline: { name: `bare Fastify constant ${what}`, value: base[what] },
    ratio: ratioOf(measured[what], base[what]),
    note: `${RATE} req/s for ${SECONDS} s after ${WARM_UP_SECONDS} s not counted, ${CONNECTIONS} connections: ${measured.rps.toFixed(0)} req/s served, ${measured.non2xx} non-2xx, ${measured.errors} errors; goal p99 < 50 ms`,
  });
  return [row('GET /api/me/sessions', sessions, 'p50'), row('GET /api/me/sessions', sessions, 'p99'), row('POST a note', notes, 'p50'), row('POST a note', notes, 'p99')];
}

async function measure(store: string, databaseUrl: string | null): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'binome-bench-me-'));
  const fixture = TenantFixture.parse(JSON.parse(readFileSync(join(demo, 'tenant.json'), 'utf8')));
  const stack = await startStack({
    fixture,
    sandboxStateDir: join(dir, 'sandbox'),
    databaseUrl,
    dataDir: databaseUrl === null ? join(dir, 'db') : null,
    clockStart: NOW,
    workers: 2,
    logLevel: 'silent',
    hr: fixture.groups?.[0]?.members ?? [],
  });
  try {
    await seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: () => new Date(NOW), enrolmentsFile: join(demo, 'enrolments.csv') });
    for (const worker of stack.workers) worker.start();
    await rolledOut(stack, demoCohortId(fixture.tenant.id, 'running'), await stack.hrToken());
    for (const worker of stack.workers) await worker.stop();
    const matching = (await (await fetch(`${stack.apiUrl}/api/admin/cohorts/${demoCohortId(fixture.tenant.id, 'running')}/matching`, { headers: { authorization: `Bearer ${await stack.hrToken()}` } })).json()) as {
      pairs: { pairId: string; menteeEmail: string }[];
    };
    const pair = matching.pairs[0];
    if (pair === undefined) throw new Error('the demo cohort has no pair');
    const token = await stack.sandbox.issueUserToken(pair.menteeEmail);
    const headers = { authorization: `Bearer ${token}` };
    const base = await baseline();
    const sessions = await load(`${stack.apiUrl}/api/me/sessions`, { headers });
    const notes = await load(`${stack.apiUrl}/api/me/sessions/${pair.pairId}/1/notes`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Ce que je retiens : tester un assistant IA sur mes comptes rendus.', shared: false }),
    });
    return rows(store, sessions, notes, base);
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const out = await measure('PGlite', null);
  const postgres = process.env['BINOME_BENCH_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (postgres !== undefined && postgres !== '') out.push(...(await measure('PostgreSQL', postgres)));
  return out;
}
