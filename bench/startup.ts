/**
 * Start-up benchmark on a 3,000-person tenant (60 busy events each): the sandbox's
 * first start and its restart, the service's start (PGlite and migrations), a
 * scenario's boot (sandbox + service, fresh folders) and `npm start` itself, in its
 * own process on fresh folders, until it prints its banner (demo seed included).
 * Baselines, same run: a bare HTTPS Fastify server listening with a ready
 * certificate, a bare PGlite open, and tsx running a one-line script, so that the
 * ratios hold on a loaded machine (the load average is in the notes).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import type { TenantFixture } from '../src/model/fixture.ts';
import { startSandbox, type SandboxHandle } from '../server/sandbox/server.ts';
import { buildTemplate, storeOnPglite } from '../server/store/database.ts';
import { ensureTls } from '../server/sandbox/tls.ts';
import { sandboxTenantConfig } from '../server/providers/registry.ts';
import { startService } from '../server/runtime/service.ts';
import { startStack } from '../server/runtime/stack.ts';
import type { BenchRow } from './report.ts';
import { ratioOf } from './report.ts';

const PEOPLE = 3000;
const BUSY_PER_PERSON = 60;
const ZONES = ['Europe/Paris', 'America/Toronto', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo', 'Asia/Tokyo', 'Europe/London', 'Africa/Nairobi'];

function fixture(): TenantFixture {
  const people: TenantFixture['people'] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const busy = [];
    for (let k = 0; k < BUSY_PER_PERSON; k++) {
      const start = Date.parse('2027-01-11T08:00:00Z') + k * 86_400_000 + (i % 9) * 3_600_000;
      busy.push({ start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(), subject: 'Meeting' });
    }
    people.push({
      id: `u${i}`,
      email: `person${i}@startup.example`,
      name: `Person ${i}`,
      department: `D${i % 11}`,
      timeZone: ZONES[i % ZONES.length] ?? 'UTC',
      ...(i === 0 ? {} : { managerId: `u${Math.floor((i - 1) / 8)}` }),
      languages: ['en'],
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
      busy,
    });
  }
  return { tenant: { id: 'startup', name: 'Startup', domain: 'startup.example', platform: 'microsoft' }, people };
}

async function bareHttps(certDir: string): Promise<() => Promise<void>> {
  const key = await readFile(join(certDir, 'server-key.pem'), 'utf8');
  const cert = await readFile(join(certDir, 'server.pem'), 'utf8');
  const app = Fastify({ https: { key, cert }, logger: false });
  app.get('/', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return () => app.close();
}

/** What a first start cost before the template: PGlite makes the folder (initdb), then every migration runs. */
async function migratedFolder(dataDir: string): Promise<() => Promise<void>> {
  const store = await storeOnPglite(new PGlite(dataDir));
  return () => store.close();
}

async function barePglite(dataDir: string): Promise<() => Promise<void>> {
  const db = new PGlite(dataDir);
  await db.waitReady;
  return () => db.close();
}

/** The demo seed's cohort: 24 mentors and 24 mentees of the tenant, as `npm start` imports them. */
function enrolmentsCsv(tenant: TenantFixture): string {
  const rows = tenant.people.slice(100, 148).map((p, i) => `${p.email},${i % 2 === 0 ? 'mentor' : 'mentee'},${i % 2 === 0 ? 'ai;data' : ''},${i % 2 === 0 ? '' : 'ai;data'},,video`);
  return ['email,role,offers,wants,languages,format', ...rows].join('\n');
}

const repository = resolve(import.meta.dirname, '..');
const tsx = join(repository, 'node_modules', '.bin', 'tsx');

/** A command in its own process until a line of its stdout contains `ready`; the process is stopped afterwards. */
function untilPrinted(args: string[], ready: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<() => Promise<void>> {
  return new Promise((resolveStarted, reject) => {
    const child = spawn(tsx, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const stop = () =>
      new Promise<void>((resolveStopped) => {
        if (child.exitCode !== null) return resolveStopped();
        child.once('exit', () => resolveStopped());
        child.kill('SIGTERM');
      });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes(ready)) resolveStarted(stop);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code ?? 'signal'}) before printing "${ready}": ${err.slice(-2000)}`)));
  });
}

export async function run(): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'binome-bench-startup-'));
  const tenant = fixture();
  const note = `${PEOPLE} people × ${BUSY_PER_PERSON} busy; load average ${loadavg()[0]?.toFixed(1) ?? '?'} when it started`;
  const rows: BenchRow[] = [];
  const row = (name: string, value: number, baseline: { name: string; value: number }) =>
    rows.push({ group: 'startup', name, value, unit: 'ms', baseline, ratio: ratioOf(value, baseline.value), note });
  const closers: (() => Promise<void>)[] = [];
  /** Times `start` until it resolves; what it started is closed afterwards, outside the timing. */
  const timed = async (start: () => Promise<() => Promise<void>>): Promise<number> => {
    const started = performance.now();
    const close = await start();
    const ms = performance.now() - started;
    closers.push(close);
    return ms;
  };
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    await ensureTls(join(root, 'certs'));
    const https = { name: 'bare HTTPS Fastify listening (certificate made)', value: await timed(() => bareHttps(join(root, 'certs'))) };
    await closeAll();

    const sandboxDir = join(root, 'sandbox');
    row('sandbox ready, first start', await timed(async () => (await startSandbox({ fixture: tenant, stateDir: sandboxDir })).close), https);
    await closeAll();
    let sandbox: SandboxHandle | null = null;
    row('sandbox ready, restart', await timed(async () => {
      const started = await startSandbox({ fixture: tenant, stateDir: sandboxDir });
      sandbox = started;
      return started.close;
    }), https);
    const running: SandboxHandle | null = sandbox;
    if (running === null) throw new Error('the sandbox did not start');

    const pglite = { name: 'bare PGlite open (fresh folder)', value: await timed(() => barePglite(join(root, 'bare-db'))) };
    const migrated = { name: 'fresh PGlite folder created and migrated, no template', value: await timed(() => migratedFolder(join(root, 'migrated-db'))) };
    await closeAll();
    row('PGlite template built (once per set of migrations)', await timed(async () => {
      await buildTemplate();
      return async () => undefined;
    }), migrated);
    const service = await timed(async () => {
      const started = await startService({
        tenants: [sandboxTenantConfig(running, tenant.tenant)],
        databaseUrl: null,
        dataDir: join(root, 'service-db'),
        clockStart: null,
        workers: 0,
        logLevel: 'warn',
      });
      return started.close;
    });
    row('service ready (fresh PGlite folder from the template)', service, migrated);
    await closeAll();

    const boot = await timed(async () => {
      const stack = await startStack({
        fixture: tenant,
        sandboxStateDir: join(root, 'boot-sandbox'),
        databaseUrl: null,
        dataDir: join(root, 'boot-db'),
        clockStart: '2027-01-04T08:00:00Z',
        workers: 2,
        logLevel: 'warn',
      });
      return stack.close;
    });
    row('scenario boot (sandbox + service, fresh)', boot, { name: 'bare HTTPS + bare PGlite', value: https.value + pglite.value });
    await closeAll();

    const home = join(root, 'npm-start');
    mkdirSync(join(home, 'fixture'), { recursive: true });
    writeFileSync(join(home, 'fixture', 'tenant.json'), JSON.stringify(tenant));
    writeFileSync(join(home, 'fixture', 'enrolments.csv'), enrolmentsCsv(tenant));
    writeFileSync(join(home, 'hello.ts'), "process.stdout.write('ready\\n'); setInterval(() => undefined, 1000);\n");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BINOME_FIXTURE: join(home, 'fixture', 'tenant.json'),
      BINOME_PORT: '0',
      BINOME_SANDBOX_PORT: '0',
      BINOME_SANDBOX_PAGE_PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    };
    const bareTsx = { name: 'tsx running a one-line script (own process)', value: await timed(() => untilPrinted([join(home, 'hello.ts')], 'ready', { cwd: home, env })) };
    await closeAll();
    row(
      'npm start ready, fresh folders (own process, demo seed)',
      await timed(() => untilPrinted([join(repository, 'server', 'cli', 'main.ts'), 'start'], 'Binome is running', { cwd: home, env })),
      bareTsx,
    );
  } finally {
    await closeAll();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
