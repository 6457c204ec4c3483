/**
 * The outside judge, rehearsed: seeded random tenants with traps, each run through
 * `binome scenario` as a child process (some with provider faults, some with
 * PostgreSQL, some killed with SIGKILL mid-rollout and rerun on the same --out),
 * then checked against the inputs alone.
 *
 *   npx tsx scripts/scenario-campaign.ts [--count 30] [--seed 1] [--jobs 3] [--keep] [--only 7,12]
 *
 *   npx tsx scripts/scenario-campaign.ts --case '{"seed":5,"people":1000,"volunteerShare":0.6,"postgres":true,"killPoints":["matching",3]}'
 *
 *   npx tsx scripts/scenario-campaign.ts --traps --count 20 --seed 7 [--skip offGrid] [--with lossyZones,unmappedZone]
 *     the newer, opt-in traps (see trapCases and Traps in the generator); --skip leaves some out, --with adds
 *     boolean traps not drawn by default to every case
 *
 * Writes <tmp>/binome-campaign/results.json and prints one line per tenant.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { TenantFixture } from '../src/model/fixture.ts';
import { campaignViolations, readScenarioOutput, violations } from '../test/support/scenario-check.ts';
import { generateTenant, rng, type TenantOptions, type Traps } from '../test/support/tenant-generator.ts';
import { scenarioProgressLine } from '../server/cli/scenario-progress.ts';

const root = resolve(import.meta.dirname, '..');
const tsx = join(root, 'node_modules/.bin/tsx');
const cli = join(root, 'server/cli/main.ts');

export interface CampaignCase extends TenantOptions {
  /** SIGKILL the process group once this many events are posted (run.json), then rerun; `matching` kills right after the import. */
  kill?: boolean;
  killPoints?: (number | 'matching')[];
  postgres?: boolean;
}

export interface CaseResult {
  seed: number;
  people: number;
  volunteers: number;
  flags: string;
  wallMs: number;
  phasesMs: Record<string, number>;
  pairs: number;
  maxWeekly: number;
  maxDaily: number;
  maxRulesOnly: number;
  status: string;
  problems: string[];
}

function runCli(scenario: string, out: string, env: NodeJS.ProcessEnv, killWhen?: () => boolean) {
  return new Promise<{ code: number | null; stderr: string; killed: boolean }>((done) => {
    const child = spawn(tsx, [cli, 'scenario', scenario, '--out', out], { cwd: root, detached: true, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killWhen === undefined ? undefined : setInterval(() => {
      if (!killed && killWhen()) {
        killed = true;
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      }
    }, 100);
    const limit = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), 15 * 60_000);
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(limit);
      done({ code, stderr, killed });
    });
  });
}

const eventsPosted = (out: string): number => {
  try {
    const state = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { requests: Record<string, number> };
    return state.requests['POST /users/{id}/events'] ?? 0;
  } catch {
    return 0;
  }
};

const importDone = (out: string): boolean => {
  try {
    return 'importEnrolments' in (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { phases: object }).phases;
  } catch {
    return false;
  }
};

export async function runCase(c: CampaignCase, base: string): Promise<CaseResult> {
  const generated = generateTenant(c);
  const folder = join(base, `seed-${c.seed}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'tenant.json'), JSON.stringify(generated.fixture));
  writeFileSync(join(folder, 'enrolments.csv'), generated.csv);
  writeFileSync(join(folder, 'scenario.json'), JSON.stringify(generated.scenario, null, 2));
  const out = join(folder, 'out');
  const env: NodeJS.ProcessEnv = c.postgres === true ? { DATABASE_URL: process.env.CAMPAIGN_DATABASE_URL ?? 'postgres://binome:binome@127.0.0.1:5432/binome_test' } : { DATABASE_URL: '' };
  const points = c.killPoints ?? (c.kill === true ? [3] : []);
  const flags = [c.sandbox?.faults ? 'faults' : '', c.sandbox?.latencyMs ? `lat${c.sandbox.latencyMs}` : '', points.length > 0 ? `kill@${points.join('+')}` : '', c.postgres ? 'pg' : '', c.plantedChain ? 'chain' : '', c.padToBytes ? 'bigcsv' : '', ...Object.entries(c.traps ?? {}).map(([k, v]) => (v === true ? k : `${k}=${String(v)}`))].filter(Boolean).join(',');
  const started = performance.now();
  const problems: string[] = [];
  for (const point of points) {
    const when = point === 'matching' ? () => importDone(out) : () => eventsPosted(out) >= point;
    const killed = await runCli(join(folder, 'scenario.json'), out, env, when);
    // With few bookings the run may finish (or write its report) before the kill lands: the kill then tested nothing.
    if (!killed.killed) problems.push(`harness: kill at ${point}: the run finished first; no kill happened`);
    else if (existsSync(join(out, 'report.json'))) problems.push(`harness: kill at ${point}: report.json exists after the kill (written before the kill landed)`);
  }
  const first = await runCli(join(folder, 'scenario.json'), out, env);
  const wallMs = performance.now() - started;
  const result: CaseResult = { seed: c.seed, people: c.people, volunteers: generated.loaded.size, flags, wallMs: Math.round(wallMs), phasesMs: {}, pairs: -1, maxWeekly: -1, maxDaily: -1, maxRulesOnly: -1, status: `exit ${first.code}`, problems };
  // Progress lines are the run telling its phases; anything else on stderr is a problem.
  const unexpected = first.stderr.split('\n').filter((l) => l.trim() !== '' && !scenarioProgressLine.test(l)).join('\n');
  if (first.code !== 0 || unexpected !== '') problems.push(`exit ${first.code}; stderr: ${unexpected.slice(0, 600)}`);
  if (!existsSync(join(out, 'report.json'))) return result;
  const output = readScenarioOutput(out);
  result.phasesMs = (output.report as unknown as { phasesMs: Record<string, number> }).phasesMs;
  result.pairs = output.report.pairs.length;
  const fixture = TenantFixture.parse(generated.fixture);
  problems.push(...violations(fixture, generated.csv, generated.scenario.cohort, output, generated.scenario.now));
  const extra = campaignViolations(fixture, generated, generated.scenario.cohort, generated.scenario.now, output);
  problems.push(...extra.problems);
  result.maxWeekly = extra.max.weekly;
  result.maxDaily = extra.max.daily;
  result.maxRulesOnly = extra.max.rulesOnly;
  if (generated.chain !== null) {
    const pairs = new Set(output.report.pairs.map((p) => `${p.mentor}|${p.mentee}`));
    generated.chain.mentors.forEach((m, k) => {
      if (!pairs.has(`${m}|${generated.chain?.mentees[k] ?? ''}`)) problems.push(`planted chain: ${m} not paired with ${generated.chain?.mentees[k]}`);
    });
  }
  result.status = problems.length === 0 ? 'ok' : problems.every((p) => p.startsWith('harness:')) ? 'ok*' : 'FAIL';
  if (c.postgres === true) await dropRunDatabase(out, env.DATABASE_URL ?? '');
  return result;
}

async function dropRunDatabase(out: string, url: string): Promise<void> {
  const name = `binome_run_${createHash('sha256').update(resolve(out)).digest('hex').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

/** A campaign of `count` cases from `seed`: sizes 10 to 400, some with faults, latency, kills and PostgreSQL. */
export function campaignCases(count: number, seed: number): CampaignCase[] {
  const random = rng(seed);
  const sizes = [10, 20, 40, 60, 100, 150, 200, 300, 400];
  return Array.from({ length: count }, (_, k) => {
    const s = seed * 1000 + k;
    const faults = k % 3 === 1;
    return {
      seed: s,
      people: sizes[k % sizes.length] as number,
      volunteerShare: 0.3 + 0.3 * random(),
      plantedChain: k % 4 === 0,
      ...(k % 5 === 2 ? { killPoints: k % 2 === 0 ? [3] : ['matching', 3, 40] } : {}),
      postgres: k % 6 === 3,
      ...(k === count - 1 ? { padToBytes: 20 * 1024 * 1024 } : {}),
      ...(faults || k % 4 === 2 ? { sandbox: { latencyMs: 5 + Math.floor(random() * 25), ...(faults ? { faults: { rate429: 0.1, rate5xx: 0.03, dropEvery: 40 } } : {}) } } : {}),
    };
  });
}

/**
 * A campaign of the newer traps (opt-in in the generator): every case mixes a few of them, sizes 1 to 200,
 * some with faults, PostgreSQL or kills. `skip` leaves out traps whose failures are already known.
 */
export function trapCases(count: number, seed: number, skip: readonly string[] = [], withTraps: readonly string[] = []): CampaignCase[] {
  const random = rng(seed * 7919);
  const sizes = [1, 2, 3, 12, 25, 40, 60, 100, 150, 200];
  const seasons = ['autumn', 'dstDay', undefined] as const;
  const shapes = ['long', 'many', 'tight', 'odd', undefined, undefined] as const;
  return Array.from({ length: count }, (_, k) => {
    const s = 50_000 + seed * 1000 + k;
    const drawn: Traps = {
      exoticZones: random() < 0.6,
      orgCycles: random() < 0.5,
      csvVariants: random() < 0.6,
      busyVariants: random() < 0.6,
      offGrid: !skip.includes('offGrid') && random() < 0.35,
      nowInside: random() < 0.3,
      ...(seasons[k % seasons.length] === undefined ? {} : { season: seasons[k % seasons.length] }),
      ...(shapes[k % shapes.length] === undefined ? {} : { shape: shapes[k % shapes.length] }),
    };
    const traps = Object.fromEntries([...Object.entries(drawn).filter(([key, v]) => v !== false && !skip.includes(key)), ...withTraps.map((key) => [key, true])]) as Traps;
    const faults = k % 4 === 1;
    return {
      seed: s,
      people: sizes[k % sizes.length] as number,
      volunteerShare: (sizes[k % sizes.length] as number) <= 3 ? 1 : 0.35 + 0.35 * random(),
      traps,
      ...(k % 5 === 3 ? { killPoints: k % 2 === 0 ? [2] : ['matching', 3] } : {}),
      postgres: k % 3 === 2,
      ...(faults ? { sandbox: { latencyMs: 5, faults: { rate429: 0.1, rate5xx: 0.03, dropEvery: 40 } } } : {}),
    };
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
  };
  const count = Number(value('--count', '30'));
  const seed = Number(value('--seed', '1'));
  const jobs = Number(value('--jobs', '3'));
  const only = value('--only', '').split(',').filter(Boolean).map(Number);
  const base = join(tmpdir(), 'binome-campaign');
  mkdirSync(base, { recursive: true });
  const custom = value('--case', '');
  const skip = value('--skip', '').split(',').filter(Boolean);
  const all = args.includes('--traps') ? trapCases(count, seed, skip, value('--with', '').split(',').filter(Boolean)) : campaignCases(count, seed);
  const cases = custom !== '' ? [JSON.parse(custom) as CampaignCase] : all.filter((c) => only.length === 0 || only.includes(c.seed));
  const results: CaseResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as CampaignCase;
      const r = await runCase(c, base);
      results.push(r);
      process.stdout.write(`${r.status.padEnd(6)} seed ${r.seed} people ${r.people} vol ${r.volunteers} [${r.flags}] pairs ${r.pairs} max(weekly ${r.maxWeekly}, daily ${r.maxDaily}, rules ${r.maxRulesOnly}) wall ${r.wallMs} ms phases ${JSON.stringify(r.phasesMs)}\n`);
      for (const p of r.problems.slice(0, 12)) process.stdout.write(`    ${p}\n`);
      if (r.problems.length > 12) process.stdout.write(`    … ${r.problems.length - 12} more\n`);
      writeFileSync(join(base, 'results.json'), JSON.stringify(results, null, 2));
      if (!args.includes('--keep') && r.status.startsWith('ok')) rmSync(join(base, `seed-${r.seed}`), { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const failed = results.filter((r) => r.status === 'FAIL' || r.status.startsWith('exit')).length;
  process.stdout.write(`${results.length - failed}/${results.length} tenants clean; results in ${join(base, 'results.json')}\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
