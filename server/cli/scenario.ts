import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { TenantFixture } from '../../src/model/fixture.ts';
import { startStack } from '../runtime/stack.ts';
import { seedProblem } from '../sandbox/state.ts';
import { expireAllClaims, type BookingFailure } from '../rollout/ledger.ts';
import { RunState, Scenario } from './scenario-schema.ts';
import { progressLine } from './progress-line.ts';
import { whileMatching } from './scenario-progress.ts';

const POLL_MS = 250;
/** A rollout stuck on a provider that never answers still ends with a report. */
const ROLLOUT_DEADLINE_MS = 60 * 60_000;

function parseArgs(args: string[]): { scenarioPath: string; out: string } | string {
  let scenarioPath: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = args[++i];
    else if (arg?.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (scenarioPath === undefined && arg !== undefined && !arg.startsWith('--')) scenarioPath = arg;
    else return `unexpected argument "${arg}"`;
  }
  if (scenarioPath === undefined) return 'missing <scenario.json>';
  if (out === undefined) return 'missing --out <dir>';
  return { scenarioPath: resolve(scenarioPath), out: resolve(out) };
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

class UsageError extends Error {}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n');
}

/** Writes a file whole or not at all, so a kill never leaves half a JSON behind. */
function writeAtomically(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

/**
 * With DATABASE_URL, each output folder gets its own database (`binome_run_<hash of
 * --out>`), labelled with the run's id. A fresh run drops and recreates it, so an old
 * run's cohort is never taken for this one's; a resumed run must find its own label,
 * since its sandbox state lives under --out and the two must belong together.
 */
async function databaseFor(out: string, runId: string, fresh: boolean): Promise<string | null> {
  const base = process.env.DATABASE_URL;
  if (base === undefined || base === '') return null;
  const name = `binome_run_${createHash('sha256').update(out).digest('hex').slice(0, 16)}`;
  const label = `binome scenario run ${runId}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    if (fresh) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.query(`comment on database ${name} is '${label}'`);
    } else {
      const found = await admin.query<{ label: string | null }>(
        `select shobj_description(oid, 'pg_database') as label from pg_database where datname = $1`,
        [name],
      );
      const current = found.rows[0];
      if (current === undefined) {
        throw new UsageError(`${out} holds a run whose database ${name} is gone: delete ${out} to start afresh`);
      }
      if (current.label !== label) {
        throw new UsageError(
          `the database ${name} belongs to another run than ${out} (${current.label ?? 'unlabelled'}): delete ${out} to start afresh`,
        );
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function runScenarioCommand(args: string[]): Promise<number> {
  const parsedArgs = parseArgs(args);
  if (typeof parsedArgs === 'string') {
    process.stderr.write(`binome scenario: ${parsedArgs}\nusage: binome scenario <scenario.json> --out <dir>\n`);
    return 2;
  }
  try {
    return await runScenario(parsedArgs.scenarioPath, parsedArgs.out);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`binome scenario: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function runScenario(scenarioPath: string, out: string): Promise<number> {
  const scenario = Scenario.safeParse(readJson(scenarioPath, 'scenario'));
  if (!scenario.success) throw new UsageError(`invalid scenario ${scenarioPath}:\n${issuesOf(scenario.error)}`);
  const base = dirname(scenarioPath);
  const fixturePath = resolve(base, scenario.data.fixture);
  const fixture = TenantFixture.safeParse(readJson(fixturePath, 'fixture'));
  if (!fixture.success) throw new UsageError(`invalid fixture ${fixturePath}:\n${issuesOf(fixture.error)}`);
  const unseedable = seedProblem(fixture.data);
  if (unseedable !== null) throw new UsageError(`invalid fixture ${fixturePath}:\n${unseedable}`);
  const enrolmentsPath = resolve(base, scenario.data.enrolments);
  if (!existsSync(enrolmentsPath)) throw new UsageError(`cannot read enrolments ${enrolmentsPath}: no such file`);
  const csv = readFileSync(enrolmentsPath, 'utf8');

  mkdirSync(out, { recursive: true });
  const statePath = resolve(out, 'run.json');
  const fresh = !existsSync(statePath);
  if (fresh && (existsSync(resolve(out, 'sandbox')) || existsSync(resolve(out, 'db')))) {
    throw new UsageError(`${out} holds the state of a run but no run.json: delete ${out} to start afresh`);
  }
  if (!fresh && !existsSync(resolve(out, 'sandbox'))) {
    throw new UsageError(`${out}/run.json names a run whose sandbox state (${out}/sandbox) is gone: delete ${out} to start afresh`);
  }
  const state: RunState = fresh ? { runId: randomUUID(), cohortId: null, phases: {}, requests: {} } : RunState.parse(readJson(statePath, 'run state'));
  // Runs written before run ids existed are named by their folder.
  const runId = state.runId ?? `legacy-${createHash('sha256').update(out).digest('hex').slice(0, 16)}`;
  const saveState = () => writeAtomically(statePath, `${JSON.stringify(state, null, 2)}\n`);
  const databaseUrl = await databaseFor(out, runId, fresh);
  saveState();

  // Phases and counts go to stderr as the run goes: stdout and report.json stay what they were.
  const line = progressLine(process.stderr, 'binome scenario: ');
  const bootStarted = performance.now();
  line.say('boot', 'starting the sandbox, the store and the service');
  const stack = await startStack({
    fixture: fixture.data,
    sandboxStateDir: resolve(out, 'sandbox'),
    ...(scenario.data.sandbox === undefined ? {} : { knobs: scenario.data.sandbox }),
    databaseUrl,
    dataDir: resolve(out, 'db'),
    clockStart: scenario.data.now,
    workers: 2,
    logLevel: process.env.LOG_LEVEL ?? 'warn',
  });
  const countsAtStart = { ...state.requests };
  const recordRequests = () => {
    const now = stack.runtime.requestCounts();
    const merged: Record<string, number> = { ...countsAtStart };
    const add = (k: string, v: number) => (merged[k] = (merged[k] ?? 0) + v);
    add('httpRoundTrips', now.httpRoundTrips);
    add('operations', now.operations);
    for (const [k, v] of Object.entries(now.byEndpoint)) add(k, v);
    state.requests = merged;
  };
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      state.phases[phase] = (state.phases[phase] ?? 0) + (performance.now() - started);
      recordRequests();
      saveState();
    }
  };
  try {
    await expireAllClaims(stack.store.db);
    for (const w of stack.workers) w.start();
    state.phases.boot = (state.phases.boot ?? 0) + (performance.now() - bootStarted);
    line.settle('boot', `ready in ${Math.round(performance.now() - bootStarted)} ms`);
    const api = apiClient(stack.apiUrl, stack.hrToken);

    if (state.cohortId === null) {
      // A kill between the cohort's creation and run.json's write leaves the cohort behind: take it up again.
      const existing = ((await api.get('/api/admin/cohorts')) as { cohortId: string; name: string }[]).find(
        (c) => c.name === scenario.data.cohort.name,
      );
      const cohort = existing ?? (await timed('createCohort', () => api.post('/api/admin/cohorts', scenario.data.cohort, 201)));
      state.cohortId = String((cohort as { cohortId: string }).cohortId);
      saveState();
    }
    const cohortPath = `/api/admin/cohorts/${state.cohortId}`;
    const status = async () => String(((await api.get(cohortPath)) as { status: string }).status);

    if ((await status()) === 'draft') {
      const enrolled = (await api.get(`${cohortPath}/enrolments`)) as unknown[];
      const refused = ((await api.get(`${cohortPath}/matching`)) as MatchingAnswer).rejected;
      const imported = enrolled.length > 0 || refused.length > 0;
      if (!imported && state.fileError === undefined) {
        line.say('import', `sending the enrolment file (${Buffer.byteLength(csv).toLocaleString('en')} bytes)`);
        const answer = await timed('importEnrolments', () => api.send('POST', `${cohortPath}/enrolments`, csv, 'text/csv; charset=utf-8', [200, 400]));
        if (answer.status === 400) {
          const refusal = answer.body as { code: string; message: string };
          state.fileError = { code: refusal.code, message: refusal.message };
          saveState();
          line.settle('import', 'refused whole');
          process.stderr.write(`binome scenario: the enrolment file was refused whole: ${refusal.message}\n`);
        } else {
          const report = answer.body as { loaded: number; rejectedTotal: number; enrolled: { mentors: number; mentees: number } };
          line.settle(
            'import',
            `${report.loaded.toLocaleString('en')} rows loaded (${report.enrolled.mentors.toLocaleString('en')} mentors, ${report.enrolled.mentees.toLocaleString('en')} mentees), ${report.rejectedTotal.toLocaleString('en')} refused`,
          );
        }
      }
      if (state.fileError === undefined) {
        const cohortId = state.cohortId;
        const matched = await timed('matching', () => whileMatching(api.send('POST', `${cohortPath}/matching`, undefined, null, [200, 409]), api.get, cohortId, line));
        if (matched.status === 409) {
          const refusal = matched.body as { code: string; message: string };
          line.settle('matching', 'nothing to match');
          process.stderr.write(`binome scenario: nothing to match: ${refusal.message}\n`);
        } else {
          const view = matched.body as MatchingAnswer;
          line.settle('matching', `${view.pairs.length.toLocaleString('en')} pairs, ${view.unmatched.length.toLocaleString('en')} unmatched`);
        }
      }
    }
    const formed = ((await api.get(`${cohortPath}/matching`)) as MatchingAnswer).pairs.length;
    if ((await status()) === 'matched' && formed > 0) {
      const published = (await timed('publish', () => api.post(`${cohortPath}/publish`, undefined, 200))) as { total: number };
      line.settle('publish', `${published.total.toLocaleString('en')} sessions to book`);
    }
    if ((await status()) === 'published') await api.post(`${cohortPath}/rollout`, undefined, 202);
    await timed('rollout', async () => {
      const deadline = Date.now() + ROLLOUT_DEADLINE_MS;
      for (;;) {
        if (Date.now() > deadline) {
          line.settle('rollout', 'still running');
          process.stderr.write(`binome scenario: the rollout is still running after ${ROLLOUT_DEADLINE_MS / 60_000} minutes; reporting where it stands (run the same command again to go on)\n`);
          break;
        }
        const now = (await api.get(`${cohortPath}/rollout`)) as ProgressAnswer & { done: boolean };
        const counts = `${now.byState.booked.toLocaleString('en')}/${now.total.toLocaleString('en')} booked, ${(now.byState.planned + now.byState.booking).toLocaleString('en')} pending, ${now.byState.failed.toLocaleString('en')} failed`;
        if (now.done || now.total === 0) {
          line.settle('rollout', counts);
          break;
        }
        line.say('rollout', counts);
        recordRequests();
        saveState();
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    });
    await Promise.all(stack.workers.map((w) => w.stop()));
    // What the ledger says was booked is checked against the calendars before it is reported.
    line.say('reconcile', 'reading the booked events back from the calendars');
    const reconciled = (await api.post(`${cohortPath}/rollout/reconcile`, undefined, 200)) as { checked: number; missing: number; unknown: number };
    line.settle('reconcile', `${reconciled.checked.toLocaleString('en')} booked sessions checked, ${reconciled.missing.toLocaleString('en')} missing, ${reconciled.unknown.toLocaleString('en')} unreadable`);
    if (reconciled.missing > 0) {
      process.stderr.write(`binome scenario: ${reconciled.missing} booked session(s) have no event in the calendars any more; reported as failed (EVENT_MISSING)\n`);
    }

    const matching = (await api.get(`${cohortPath}/matching`)) as MatchingAnswer;
    const rejected = matching.rejectedTotal > matching.rejected.length ? await allRejections(api, cohortPath) : matching.rejected;
    const progress = (await api.get(`${cohortPath}/rollout`)) as ProgressAnswer;
    const booked = progress.byState.booked;
    // Binome compares addresses without case; the report spells them as the directory does.
    const spelling = new Map(fixture.data.people.map((p) => [p.email.toLowerCase(), p.email]));
    const asWritten = (email: string) => spelling.get(email.toLowerCase()) ?? email;
    const report = {
      scenario: scenarioPath,
      tenant: fixture.data.tenant.id,
      cohortId: state.cohortId,
      pairs: matching.pairs.map((p) => ({
        mentor: asWritten(p.mentorEmail),
        mentee: asWritten(p.menteeEmail),
        score: p.score,
        reasons: p.reasons.map((r) => r.message),
        sessions: p.sessions,
      })),
      unmatched: matching.unmatched.map((u) => ({ email: asWritten(u.email), role: u.role, code: u.code, reason: u.reason })),
      rejected:
        state.fileError === undefined
          ? rejected
          : [{ line: 0, field: null, code: state.fileError.code, reason: `the whole file was refused: ${state.fileError.message}` }],
      bookings: {
        planned: progress.total,
        booked,
        failed: progress.byState.failed,
        failures: progress.failures,
      },
      providerRequests: {
        byEndpoint: Object.fromEntries(
          Object.entries(state.requests).filter(([k]) => k !== 'httpRoundTrips' && k !== 'operations'),
        ),
        httpRoundTrips: state.requests.httpRoundTrips ?? 0,
        operations: state.requests.operations ?? 0,
        note: 'counted by the connector over every phase, across resumed runs',
      },
      phasesMs: Object.fromEntries(Object.entries(state.phases).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    };
    writeAtomically(resolve(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeAtomically(resolve(out, 'calendars.json'), `${JSON.stringify(stack.sandbox.calendars(), null, 2)}\n`);
    process.stdout.write(
      `${JSON.stringify({ out, pairs: report.pairs.length, unmatched: report.unmatched.length, rejected: report.rejected.length, bookings: report.bookings })}\n`,
    );
    const complete = progress.byState.planned === 0 && progress.byState.booking === 0 && progress.byState.failed === 0;
    const loaded = ((await api.get(`${cohortPath}/enrolments`)) as unknown[]).length > 0;
    return complete && loaded && state.fileError === undefined ? 0 : 1;
  } finally {
    await stack.close();
  }
}

/** Rows refused for the same cause come grouped, with line ranges: spelt out again one row each. */
interface RejectionPage {
  groups: number;
  items: { field: string | null; code: string; detail: string; lines: [number, number][] }[];
}

/** The API shows the first refused rows with the proposal; the report lists every one, so it pages through the rest. */
async function allRejections(api: ReturnType<typeof apiClient>, cohortPath: string): Promise<MatchingAnswer['rejected']> {
  const rows: MatchingAnswer['rejected'] = [];
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = (await api.get(`${cohortPath}/rejections?offset=${offset}&limit=${limit}`)) as RejectionPage;
    for (const group of page.items) {
      for (const [first, last] of group.lines) {
        for (let line = first; line <= last; line++) {
          const reason = group.field === null ? `line ${line}: ${group.detail}` : `line ${line}, field ${group.field}: ${group.detail}`;
          rows.push({ line, field: group.field, code: group.code, reason });
        }
      }
    }
    if (offset + limit >= page.groups) break;
  }
  return rows.sort((a, b) => a.line - b.line);
}

interface MatchingAnswer {
  pairs: { mentorEmail: string; menteeEmail: string; score: number; reasons: { message: string }[]; sessions: { start: string; end: string }[] }[];
  unmatched: { email: string; role: string; code: string; reason: string }[];
  rejected: { line: number; field: string | null; code: string; reason: string }[];
  /** Refused rows in all; `rejected` shows the first of them. */
  rejectedTotal: number;
}
interface ProgressAnswer {
  total: number;
  byState: { planned: number; booking: number; booked: number; failed: number };
  failures: BookingFailure[];
}

/** How often the run asks again when the service says the provider did not answer (503). */
const providerRetries = 5;

/** The API as HR drives it: with an HR bearer token from the stack's own identity emulator. */
function apiClient(baseUrl: string, hrToken: () => Promise<string>) {
  const send = async (method: string, path: string, body: string | undefined, contentType: string | null, expected: number[]) => {
    const call = async () =>
      fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${await hrToken()}`, ...(contentType === null ? {} : { 'content-type': contentType }) }, body });
    let response = await call();
    // The provider did not answer and nothing was changed: try again, as HR would, a few times.
    for (let retry = 1; response.status === 503 && retry <= providerRetries; retry++) {
      const after = Number(response.headers.get('retry-after') ?? '');
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(after) && after > 0 ? after * 1000 : 2000 * retry));
      response = await call();
    }
    const text = await response.text();
    if (!expected.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status} (expected ${expected.join(' or ')}): ${text}`);
    }
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };
  return {
    send,
    get: async (path: string) => (await send('GET', path, undefined, null, [200])).body,
    post: async (path: string, body: unknown, expected: number) =>
      (await send('POST', path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? null : 'application/json', [expected])).body,
  };
}
