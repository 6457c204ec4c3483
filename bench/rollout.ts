/**
 * Rollout benchmark: 1,000 pairs × 6 sessions booked through the Graph sandbox
 * (20 ms latency per request) by the real connector and two rollout workers,
 * from the moment the cohort starts rolling out until every session is booked.
 * Baseline, same run: the straightforward integration, one POST per event with
 * no batch and no re-check, on a sample of the same sessions, extrapolated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { TenantFixture } from '../src/model/fixture.ts';
import type { CohortPlan, WrittenHours } from '../src/model/schema.ts';
import { hoursIn } from '../src/model/working-hours.ts';
import { freeTime } from '../src/planning/free-time.ts';
import { planSessions } from '../src/planning/sessions.ts';
import { startSandbox } from '../server/sandbox/server.ts';
import { createMicrosoftConnector } from '../server/connectors/microsoft/connector.ts';
import { openStore } from '../server/store/database.ts';
import { ensureTenant, insertCohort, saveProposal, setCohortStatus, type PairRecord } from '../server/programme/repository.ts';
import { rolloutProgress, writeLedger, type LedgerEntry } from '../server/rollout/ledger.ts';
import { bookingKeyFor } from '../server/rollout/keys.ts';
import { createWorker } from '../server/rollout/worker.ts';
import { tenantRegistry } from '../server/runtime/tenants.ts';
import type { BenchRow } from './report.ts';
import { ratioOf } from './report.ts';
import { microsoftConfigFor } from '../server/runtime/stack.ts';
import { sandboxTenantConfig } from '../server/providers/registry.ts';

const defaultHours: WrittenHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };

const PAIRS = 1000;
const PLAN: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-01-11', weeks: 26 };
const LATENCY_MS = 20;
const BASELINE_SAMPLE = 120;
const WORKERS = 2;
const NOW = Date.parse('2027-01-04T08:00:00Z');

/** 2,000 people in Paris and Montréal with a weekly team meeting and a few one-off meetings each. */
function fixture(): TenantFixture {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const people: TenantFixture['people'] = [];
  for (let i = 0; i < 2 * PAIRS; i++) {
    const paris = i % 3 !== 0;
    const busy = [];
    for (let week = 0; week < 27; week++) {
      const monday = Date.parse('2027-01-11T00:00:00Z') + week * 7 * 86_400_000;
      const teamMeeting = monday + (paris ? 9 : 15) * 3_600_000;
      busy.push({ start: new Date(teamMeeting).toISOString(), end: new Date(teamMeeting + 3_600_000).toISOString(), subject: 'Team meeting' });
      const oneOff = monday + Math.floor(random() * 5) * 86_400_000 + (paris ? 13 : 19) * 3_600_000;
      busy.push({ start: new Date(oneOff).toISOString(), end: new Date(oneOff + 5_400_000).toISOString(), subject: 'Meeting' });
    }
    people.push({
      id: `u${i}`,
      email: `person${i}@bench.example`,
      name: `Person ${i}`,
      department: `D${i % 7}`,
      office: paris ? 'Paris' : 'Montréal',
      timeZone: paris ? 'Europe/Paris' : 'America/Toronto',
      languages: ['fr', 'en'],
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
      busy,
    });
  }
  return { tenant: { id: 'bench', name: 'Bench', domain: 'bench.example', platform: 'microsoft' }, people };
}

function plannedPairs(tenant: TenantFixture): PairRecord[] {
  const pairs: PairRecord[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const [mentor, mentee] = [tenant.people[2 * i], tenant.people[2 * i + 1]];
    if (mentor === undefined || mentee === undefined) continue;
    const free = (p: typeof mentor) =>
      freeTime(
        { workingHours: hoursIn(p.workingHours ?? defaultHours, p.timeZone), busy: p.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })) },
        PLAN,
      );
    const plan = planSessions(free(mentor), free(mentee), PLAN, { notBefore: NOW });
    if (!plan.ok) throw new Error(`bench fixture: pair ${i} cannot be planned: ${plan.message}`);
    pairs.push({
      pairId: `p${i}`,
      mentorEmail: mentor.email,
      menteeEmail: mentee.email,
      score: 1,
      reasons: [],
      sessions: plan.sessions.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
    });
  }
  return pairs;
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'binome-bench-rollout-'));
  const tenant = fixture();
  const sandbox = await startSandbox({ fixture: tenant, stateDir: join(dir, 'sandbox'), knobs: { latencyMs: LATENCY_MS } });
  const connector = createMicrosoftConnector(microsoftConfigFor(sandbox));
  const store = await openStore({ databaseUrl: null, dataDir: join(dir, 'db') });
  try {
    const config = sandboxTenantConfig(sandbox, tenant.tenant);
    const runtime = { tenant: tenant.tenant, config, directory: connector.directory, calendar: connector.calendar, mail: connector.mail, requestCounts: connector.requestCounts };
    const pairs = plannedPairs(tenant);
    const cohortId = '00000000-0000-4000-8000-000000000001';
    await ensureTenant(store.db, tenant.tenant);
    await insertCohort(store.db, tenant.tenant.id, cohortId, { ...PLAN, name: 'Bench', format: 'classic' });
    await saveProposal(store.db, tenant.tenant.id, cohortId, { pairs, unmatched: [] }, new Date(NOW));
    const entries: LedgerEntry[] = pairs.flatMap((p) =>
      p.sessions.map((s, k) => ({
        pairId: p.pairId,
        session: k + 1,
        idempotencyKey: bookingKeyFor(tenant.tenant.id, cohortId, p.pairId, k + 1),
        organizerEmail: p.mentorEmail,
        attendeeEmail: p.menteeEmail,
        subject: `Binome bench ${p.pairId} ${k + 1}`,
        online: true,
        start: s.start,
        end: s.end,
      })),
    );
    await writeLedger(store.db, tenant.tenant.id, cohortId, entries);

    // Warm the token cache so neither side pays for it.
    await connector.calendar.availability([tenant.people[0]?.email ?? ''], { start: '2027-01-11T00:00:00Z', end: '2027-01-12T00:00:00Z' });

    // Two years later, so that the baseline's events never sit in the slots the rollout books.
    const later = (iso: string) => new Date(Date.parse(iso) + 2 * 364 * 86_400_000).toISOString();
    const baselineEvents = entries.slice(0, BASELINE_SAMPLE).map((e) => ({
      key: `baseline-${e.idempotencyKey}`,
      organizerEmail: e.organizerEmail,
      attendeeEmails: [e.attendeeEmail],
      subject: e.subject,
      body: 'baseline',
      start: later(e.start),
      end: later(e.end),
      online: true,
      tag: { cohortId: 'baseline', pairId: e.pairId, session: e.session },
    }));
    const baseStarted = performance.now();
    for (const event of baselineEvents) await connector.calendar.createEvents([event]);
    const baselinePerSessionMs = (performance.now() - baseStarted) / BASELINE_SAMPLE;

    const before = connector.requestCounts();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const logger = pino({ level: 'silent' });
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      createWorker({ db: store.db, registry: tenantRegistry([runtime]), workerId: `bench-${i}`, logger, idleMs: 20 }),
    );
    const started = performance.now();
    await setCohortStatus(store.db, tenant.tenant.id, cohortId, 'rolling_out', new Date(NOW));
    for (const w of workers) w.start();
    let progress = await rolloutProgress(store.db, tenant.tenant.id, cohortId);
    while (!progress.done) {
      await new Promise((r) => setTimeout(r, 50));
      progress = await rolloutProgress(store.db, tenant.tenant.id, cohortId);
    }
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    await Promise.all(workers.map((w) => w.stop()));
    const after = connector.requestCounts();
    const booked = progress.byState.booked;
    const roundTrips = after.httpRoundTrips - before.httpRoundTrips;
    const operations = after.operations - before.operations;
    const creates = (after.byEndpoint['POST /users/{id}/events'] ?? 0) - (before.byEndpoint['POST /users/{id}/events'] ?? 0);
    const note = `${booked} of ${entries.length} sessions booked (${progress.byState.failed} failed), ${LATENCY_MS} ms latency, ${WORKERS} workers`;
    return [
      { group: 'rollout', name: 'wall time, 1,000 pairs × 6 sessions', value: wallMs / 1000, unit: 's', baseline: { name: 'one POST per event, extrapolated', value: (baselinePerSessionMs * entries.length) / 1000 }, ratio: ratioOf(wallMs, baselinePerSessionMs * entries.length), note: `${note}; baseline timed on ${BASELINE_SAMPLE} sessions. Target < 60 s` },
      { group: 'rollout', name: 'HTTP round trips per booked session', value: roundTrips / booked, unit: 'req/session', baseline: { name: 'one POST per event', value: 1 }, ratio: roundTrips / booked, note: `${roundTrips} round trips = ${(roundTrips / booked).toFixed(4)} per session. Target ≤ 0.06` },
      { group: 'rollout', name: 'Graph operations per booked session', value: operations / booked, unit: 'ops/session', baseline: { name: 'one POST per event', value: 1 }, ratio: operations / booked, note: `${(operations / booked).toFixed(4)}: ${operations} operations, of which ${creates} event creates (one per session, the floor) and ${operations - creates} free/busy re-checks and lookups: ${((operations - creates) / booked).toFixed(3)} per session` },
      { group: 'rollout', name: 'peak RSS (service and sandbox in one process)', value: peakRss / 2 ** 20, unit: 'MiB', baseline: null, ratio: null, note: 'sampled every 50 ms' },
    ];
  } finally {
    await store.close();
    await connector.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
