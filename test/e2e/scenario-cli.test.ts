import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { readScenarioOutput, violations } from '../support/scenario-check.ts';
import { scenarioProgressLine } from '../../server/cli/scenario-progress.ts';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const cli = join(root, 'server/cli/main.ts');
const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'binome-scenario-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runScenario(scenario: string, out: string, databaseUrl?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  if (databaseUrl === undefined) delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  return spawnSync(tsx, [cli, 'scenario', scenario, '--out', out], { cwd: root, encoding: 'utf8', env, timeout: 240_000 });
}

/** Runs the DST trap tenant and expects a quiet, complete run that breaks no rule. */
function expectCleanDstRun(out: string, databaseUrl?: string): void {
  const folder = join(root, 'fixtures/test/dst-small');
  const run = runScenario(join(folder, 'scenario.json'), out, databaseUrl);
  expect(run.status).toBe(0);
  const { report } = readScenarioOutput(out);
  // stderr tells the phases and their counts as the run goes (plain lines: no terminal here), and nothing else.
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines.filter((l) => !scenarioProgressLine.test(l))).toEqual([]);
  expect([...new Set(lines.map((l) => l.split(': ')[1]))]).toEqual(['boot', 'import', 'matching', 'publish', 'rollout', 'reconcile']);
  expect(lines).toContain(`binome scenario: matching: ${report.pairs.length} pairs, ${report.unmatched.length} unmatched`);
  expect(lines).toContain(`binome scenario: rollout: ${report.bookings.booked}/${report.bookings.planned} booked, 0 pending, 0 failed`);
  // stdout and report.json keep their contract: one JSON line that sums the report up, and the report's own fields.
  expect(run.stdout).toBe(`${JSON.stringify({ out, pairs: report.pairs.length, unmatched: report.unmatched.length, rejected: report.rejected.length, bookings: report.bookings })}\n`);
  expect(Object.keys(report)).toEqual(['scenario', 'tenant', 'cohortId', 'pairs', 'unmatched', 'rejected', 'bookings', 'providerRequests', 'phasesMs']);
  expect(report.pairs.length).toBeGreaterThan(0);
  expect(report.bookings.booked).toBe(report.bookings.planned);
  expect(check(folder, out)).toEqual([]);
}

/** The scenario's own database (named after its --out folder), dropped once checked. */
async function dropRunDatabase(out: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.BINOME_TEST_DATABASE_URL });
  await client.connect();
  await client.query(`drop database if exists binome_run_${createHash('sha256').update(out).digest('hex').slice(0, 16)} with (force)`);
  await client.end();
}

function check(folder: string, out: string) {
  const scenario = JSON.parse(readFileSync(join(folder, 'scenario.json'), 'utf8')) as { cohort: { sessions: number; start: string; weeks: number } };
  const fixture = TenantFixture.parse(JSON.parse(readFileSync(join(folder, 'tenant.json'), 'utf8')));
  return violations(fixture, readFileSync(join(folder, 'enrolments.csv'), 'utf8'), scenario.cohort, readScenarioOutput(out));
}

describe('binome scenario', { timeout: 300_000 }, () => {
  it('books every session of the maximum pairs across both DST changes, inside everyone\'s working hours', () => {
    expectCleanDstRun(scratch());
  });

  it.skipIf(process.env.BINOME_TEST_DATABASE_URL === undefined)('runs the same on PostgreSQL when DATABASE_URL is set', async () => {
    const out = scratch();
    expectCleanDstRun(out, process.env.BINOME_TEST_DATABASE_URL);
    await dropRunDatabase(out);
  });

  it('lists every rejected row in the report, past the first thousand the API shows at once', () => {
    const folder = join(root, 'fixtures/test/reporting-line');
    const dir = scratch();
    const good = readFileSync(join(folder, 'enrolments.csv'), 'utf8').trimEnd();
    const strangers = Array.from({ length: 1_200 }, (_, i) => `stranger${i}@elsewhere.example,mentee,,ai,fr,video`);
    writeFileSync(join(dir, 'enrolments.csv'), `${good}\n${strangers.join('\n')}\n`);
    const scenario = JSON.parse(readFileSync(join(folder, 'scenario.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ ...scenario, fixture: join(folder, 'tenant.json'), enrolments: join(dir, 'enrolments.csv') }));
    const out = join(dir, 'out');
    const run = runScenario(join(dir, 'scenario.json'), out);
    expect(run.status).toBe(0);
    const { report } = readScenarioOutput(out);
    const firstStrangerLine = good.split('\n').length + 1;
    expect(report.rejected).toHaveLength(1_200);
    expect(report.rejected.map((r) => r.line)).toEqual(Array.from({ length: 1_200 }, (_, i) => firstStrangerLine + i));
    expect(report.rejected.every((r) => r.code === 'CSV_UNKNOWN_PERSON' && r.field === 'email' && r.reason.startsWith(`line ${r.line}, field email: `))).toBe(true);
    expect(report.pairs).toHaveLength(2);
  });

  it('pairs nobody inside a reporting line, at any depth', () => {
    const folder = join(root, 'fixtures/test/reporting-line');
    const out = scratch();
    const run = runScenario(join(folder, 'scenario.json'), out);
    expect(run.status).toBe(0);
    const { report } = readScenarioOutput(out);
    expect(report.pairs).toHaveLength(2);
    expect(report.unmatched.map((u) => u.reason).join(' ')).toMatch(/reporting line/);
    expect(check(folder, out)).toEqual([]);
  });

  it('writes a report naming the refusal when the enrolment file is empty, and one with no booking when nobody can pair', () => {
    const folder = join(root, 'fixtures/test/dst-small');
    const dir = scratch();
    const scenario = JSON.parse(readFileSync(join(folder, 'scenario.json'), 'utf8')) as Record<string, unknown>;
    const write = (name: string, csv: string) => {
      writeFileSync(join(dir, `${name}.csv`), csv);
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...scenario, fixture: join(folder, 'tenant.json'), enrolments: `${name}.csv` }));
      return join(dir, `${name}.json`);
    };
    const empty = runScenario(write('empty', ''), join(dir, 'out-empty'));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/refused whole/);
    const emptyReport = readScenarioOutput(join(dir, 'out-empty')).report;
    expect(emptyReport.rejected).toEqual([expect.objectContaining({ line: 0, field: null })]);
    expect(emptyReport.bookings).toMatchObject({ planned: 0, booked: 0, failed: 0 });

    const header = 'email,role,offers,wants,languages,format';
    const lonely = runScenario(write('lonely', `${header}\n${readFileSync(join(folder, 'enrolments.csv'), 'utf8').split('\n').filter((l) => l.includes(',mentor,'))[0]}\n`), join(dir, 'out-lonely'));
    expect(lonely.status).toBe(0);
    const lonelyReport = readScenarioOutput(join(dir, 'out-lonely')).report;
    expect(lonelyReport.pairs).toEqual([]);
    expect(lonelyReport.unmatched).toHaveLength(1);
    expect(lonelyReport.unmatched[0]?.reason).toMatch(/no mentee volunteered/);
  });

  it('reports a bad scenario file by field, with exit code 2', () => {
    const dir = scratch();
    const path = join(dir, 'scenario.json');
    writeFileSync(path, JSON.stringify({ fixture: 'tenant.json', enrolments: 'e.csv', now: 'soon', cohort: { name: 'x', format: 'classic', sessions: 0, sessionMinutes: 60, start: '2027-01-11', weeks: 26 } }));
    const run = runScenario(path, join(dir, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/now/);
    expect(run.stderr).toMatch(/cohort\.sessions/);
  });

  it('refuses, with exit code 2 and the field named, a fixture zone Graph has no Windows name for', () => {
    const dir = scratch();
    const demo = join(root, 'fixtures/demo');
    const fixture = TenantFixture.parse(JSON.parse(readFileSync(join(demo, 'tenant.json'), 'utf8')));
    const people = fixture.people.map((p, i) => (i === 3 ? { ...p, timeZone: 'Antarctica/Troll' } : p));
    writeFileSync(join(dir, 'tenant.json'), JSON.stringify({ ...fixture, people }));
    const path = join(dir, 'scenario.json');
    const cohort = { name: 'x', format: 'classic', sessions: 6, sessionMinutes: 60, start: '2027-01-11', weeks: 26 };
    writeFileSync(path, JSON.stringify({ fixture: 'tenant.json', enrolments: join(demo, 'enrolments.csv'), now: '2027-01-04T08:00:00Z', cohort }));
    const run = runScenario(path, join(dir, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/people\[3\]\.timeZone: "Antarctica\/Troll"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('finishes a rollout killed mid-way with no duplicate event and no lost booking', async () => {
    const dir = scratch();
    const demo = join(root, 'fixtures/demo');
    const scenarioPath = join(dir, 'scenario.json');
    const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 6, sessionMinutes: 60, start: '2027-01-11', weeks: 26 };
    writeFileSync(
      scenarioPath,
      JSON.stringify({
        fixture: join(demo, 'tenant.json'),
        enrolments: join(demo, 'enrolments.csv'),
        now: '2027-01-04T08:00:00Z',
        cohort,
        sandbox: { latencyMs: 40, faults: { rate429: 0.1, rate5xx: 0.05, dropEvery: 9 } },
      }),
    );
    const out = join(dir, 'out');
    const child = spawn(tsx, [cli, 'scenario', scenarioPath, '--out', out], { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'silent' } });
    const deadline = Date.now() + 180_000;
    const booked = () => {
      try {
        const state = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { requests: Record<string, number> };
        return state.requests['POST /users/{id}/events'] ?? 0;
      } catch {
        return 0;
      }
    };
    while (Date.now() < deadline && booked() < 40) await new Promise((r) => setTimeout(r, 200));
    expect(booked()).toBeGreaterThanOrEqual(40);
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(join(out, 'report.json'))).toBe(false);

    const again = runScenario(scenarioPath, out);
    expect(again.status).toBe(0);
    const output = readScenarioOutput(out);
    expect(output.report.bookings).toMatchObject({ planned: 240, booked: 240, failed: 0 });
    expect(check(demo, out)).toEqual([]);
  }, 300_000);
  it('runs the Google demo tenant killed mid-rollout under faults, and resumes it with every session booked once, Meet links on video sessions', async () => {
    const dir = scratch();
    const demo = join(root, 'fixtures/google-demo');
    const scenarioPath = join(dir, 'scenario.json');
    const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 6, sessionMinutes: 60, start: '2027-01-11', weeks: 26 };
    writeFileSync(
      scenarioPath,
      JSON.stringify({
        fixture: join(demo, 'tenant.json'),
        enrolments: join(demo, 'enrolments.csv'),
        now: '2027-01-04T08:00:00Z',
        cohort,
        sandbox: { latencyMs: 40, faults: { rate429: 0.1, rate5xx: 0.05, dropEvery: 9 } },
      }),
    );
    const out = join(dir, 'out');
    const child = spawn(tsx, [cli, 'scenario', scenarioPath, '--out', out], { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'silent' } });
    const deadline = Date.now() + 180_000;
    const batches = () => {
      try {
        const state = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { phases: Record<string, number>; requests: Record<string, number> };
        return state.phases['publish'] === undefined ? 0 : (state.requests['POST /batch/calendar/v3'] ?? 0);
      } catch {
        return 0;
      }
    };
    while (Date.now() < deadline && batches() < 2) await new Promise((r) => setTimeout(r, 200));
    expect(batches()).toBeGreaterThanOrEqual(2);
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(join(out, 'report.json'))).toBe(false);

    const again = runScenario(scenarioPath, out);
    expect(again.status).toBe(0);
    const output = readScenarioOutput(out);
    expect(output.report.bookings).toMatchObject({ planned: 240, booked: 240, failed: 0 });
    expect(check(demo, out)).toEqual([]);
    const ours = Object.values(output.calendars).flat().filter((e) => e.binome !== null);
    expect(ours).toHaveLength(480);
    const links = ours.map((e) => e.onlineMeetingUrl).filter((url) => url !== null);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((url) => url.startsWith('https://meet.google.com/'))).toBe(true);
  }, 300_000);
});
