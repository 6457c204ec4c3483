/**
 * Event-loop benchmark: the API, the rollout worker and the sandbox share one process,
 * so long work must leave the event loop free. Measured with a 1 ms interval timer (the
 * longest gap between two of its runs; `monitorEventLoopDelay` missed whole
 * synchronous calls here): the worst delay of the loop while
 * - a 25 MB enrolment CSV is imported through the admin API (a 3,000-person tenant;
 *   300,000 rows: each person once, then the same people again, refused as duplicates);
 * - a 10,000 x 10,000 assignment at 2% is solved on the off-loop thread;
 * - the whole proposal for a generated 2,431-person tenant's cohort (1,122 volunteers,
 *   the example) is formed the way the service forms it.
 * Baselines, same run: the same work done in one synchronous call on the event loop
 * (the file parsed by `parseEnrolmentCsv`; `solveAssignment` and `proposePairs` called
 * directly), whose whole duration is the delay it would cause. Goal: under 100 ms.
 */
import { loadavg } from 'node:os';
import type { TenantFixture } from '../src/model/fixture.ts';
import { defaultThemes } from '../src/model/schema.ts';
import { parseEnrolmentCsv } from '../src/enrolment/csv.ts';
import { solveAssignment } from '../src/matching/solver.ts';
import { proposePairs } from '../src/matching/propose.ts';
import { proposeWithoutBlocking, solveOffThread } from '../server/off-loop/matching.ts';
import { proposalInputOf } from '../test/support/proposal-input.ts';
import { generateTenant } from '../test/support/tenant-generator.ts';
import { buildTestApp } from '../test/support/app.ts';
import { randomInstance } from './matching.ts';
import type { BenchRow } from './report.ts';
import { ratioOf } from './report.ts';

const PEOPLE = 3000;
/** 25 MB, just under the import route's 25 MiB limit. */
const FILE_BYTES = 25_000_000;

function tenant(): TenantFixture {
  const people: TenantFixture['people'] = [];
  for (let i = 0; i < PEOPLE; i++) {
    people.push({
      id: `u${i}`,
      email: `person${i}@loop.example`,
      name: `Person ${i}`,
      department: `D${i % 11}`,
      timeZone: 'Europe/Paris',
      ...(i === 0 ? {} : { managerId: `u${Math.floor((i - 1) / 8)}` }),
      languages: ['fr', 'en'],
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
      busy: [],
    });
  }
  return { tenant: { id: 'loop', name: 'Loop', domain: 'loop.example', platform: 'microsoft' }, people };
}

/** About `FILE_BYTES` of CSV: the tenant's people in turn, as mentors and mentees, over and over. */
function enrolmentFile(): { text: string; rows: number } {
  const lines = ['email,role,offers,wants,languages,format'];
  let bytes = lines[0]?.length ?? 0;
  let rows = 0;
  while (bytes < FILE_BYTES) {
    const i = rows % PEOPLE;
    const line = i % 2 === 0 ? `person${i}@loop.example,mentor,"ai;data;cybersecurity",,fr;en,video` : `person${i}@loop.example,mentee,,"ai;social-networks",fr;en,either`;
    lines.push(line);
    bytes += line.length + 1;
    rows++;
  }
  return { text: lines.join('\n'), rows };
}

interface Measured<T> {
  value: T;
  /** Wall time of the work. */
  ms: number;
  /** Worst event-loop delay while it ran. */
  worstMs: number;
}

async function measured<T>(work: () => Promise<T> | T): Promise<Measured<T>> {
  // A 1 ms interval timer: the longest gap between two of its runs is the loop's worst delay.
  let last = performance.now();
  let worst = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(probe);
  return { value, ms, worstMs: worst };
}

async function importRows(): Promise<BenchRow[]> {
  const fixture = tenant();
  const { text, rows } = enrolmentFile();
  const t = await buildTestApp(fixture);
  try {
    const cohort = { name: 'Loop', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
    const created = await t.call('POST', '/api/admin/cohorts', cohort);
    const cohortId = (created.body as { cohortId: string }).cohortId;
    const file = Buffer.from(text, 'utf8');
    const imported = await measured(() => t.call('POST', `/api/admin/cohorts/${cohortId}/enrolments`, file, 'text/csv'));
    if (imported.value.status !== 200) throw new Error(`the import answered ${imported.value.status}: ${JSON.stringify(imported.value.body)}`);
    const report = imported.value.body as { loaded: number; rejectedTotal: number };
    const knownEmails = new Set(fixture.people.map((p) => p.email));
    const inOneCall = await measured(() => parseEnrolmentCsv(text, { knownEmails, themes: new Set<string>(defaultThemes) }));
    return [
      {
        group: 'event loop',
        name: 'worst delay, 25 MB enrolment import through the admin API',
        value: imported.worstMs,
        unit: 'ms',
        baseline: { name: 'the same file parsed in one synchronous call', value: inOneCall.worstMs },
        ratio: ratioOf(imported.worstMs, inOneCall.worstMs),
        note: `${(file.length / 1e6).toFixed(1)} MB, ${rows} rows (${report.loaded} loaded, ${report.rejectedTotal} refused), import ${imported.ms.toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1) ?? '?'}; goal under 100 ms`,
      },
    ];
  } finally {
    await t.close();
  }
}

async function solveRows(): Promise<BenchRow[]> {
  const instance = randomInstance(10000, 10000, 0.02, 7, 100);
  const offThread = await measured(() => solveOffThread(instance));
  const inLoop = await measured(() => solveAssignment(instance));
  if (offThread.value.pairs !== inLoop.value.pairs || offThread.value.score !== inLoop.value.score) {
    throw new Error('the solve on the off-loop thread and the direct one disagree');
  }
  return [
    {
      group: 'event loop',
      name: 'worst delay, 10,000 x 10,000 solve (2%, scores 1..100) on the off-loop thread',
      value: offThread.worstMs,
      unit: 'ms',
      baseline: { name: 'solveAssignment called on the event loop', value: inLoop.worstMs },
      ratio: ratioOf(offThread.worstMs, inLoop.worstMs),
      note: `${instance.edgeScore.length} edges; on the thread ${offThread.ms.toFixed(0)} ms end to end, direct ${inLoop.ms.toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1) ?? '?'}; goal under 100 ms`,
    },
  ];
}

async function proposalRows(): Promise<BenchRow[]> {
  const input = proposalInputOf(generateTenant({ seed: 102, people: 2431, volunteerShare: 0.47 }));
  const offLoop = await measured(() => proposeWithoutBlocking(input));
  const inLoop = await measured(() => proposePairs(input));
  if (JSON.stringify(offLoop.value) !== JSON.stringify(inLoop.value)) throw new Error('the proposal formed off the loop and the direct one differ');
  const mentors = input.enrolments.filter((e) => e.role === 'mentor').length;
  return [
    {
      group: 'event loop',
      name: `worst delay, whole proposal for ${input.enrolments.length} volunteers, as the service forms it`,
      value: offLoop.worstMs,
      unit: 'ms',
      baseline: { name: 'proposePairs called on the event loop', value: inLoop.worstMs },
      ratio: ratioOf(offLoop.worstMs, inLoop.worstMs),
      note: `${mentors} mentors x ${input.enrolments.length - mentors} mentees, ${offLoop.value.pairs.length} pairs; off the loop ${offLoop.ms.toFixed(0)} ms end to end, direct ${inLoop.ms.toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1) ?? '?'}; goal under 100 ms`,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [...(await importRows()), ...(await solveRows()), ...(await proposalRows())];
}
