import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TenantFixture } from '../../src/model/fixture.ts';
import { readDemoConfig, readServiceConfig, type ServiceConfig } from '../config/schema.ts';
import { readTenantsConfig } from '../config/tenants.ts';
import type { TenantConfig } from '../providers/registry.ts';
import { startService } from '../runtime/service.ts';
import { startStack } from '../runtime/stack.ts';

function waitForStop(): Promise<void> {
  return new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
}

/** With a tenant configuration: the service against the providers it names, no sandbox. */
async function runConfigured(config: ServiceConfig, tenants: TenantConfig[]): Promise<number> {
  const service = await startService({
    tenants,
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl === null ? resolve(config.dataDir) : null,
    host: config.host,
    apiPort: config.port,
    clockStart: config.now,
    workers: config.workers,
    logLevel: config.logLevel,
  });
  for (const w of service.workers) w.start();
  const names = tenants.map((t) => `${t.name} (${t.platform}${t.sandbox ? ', sandbox' : ''})`).join(', ');
  process.stdout.write(`\nBinome is running for ${names}.\n\n  API and its OpenAPI page   ${service.apiUrl}/docs\n\nCtrl+C stops it.\n`);
  await waitForStop();
  await service.close();
  return 0;
}

/** `npm start`: the demo tenant in the sandbox, the service against it, everything on loopback. */
export async function runStartCommand(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write(`binome start takes no argument (got ${args.join(' ')}); configure it with BINOME_* variables\n`);
    return 2;
  }
  const config = readServiceConfig(process.env);
  const tenants = readTenantsConfig(process.env);
  if (tenants !== null) return runConfigured(config, tenants);
  const demo = readDemoConfig(process.env);
  const fixturePath = resolve(demo.fixture);
  const fixture = TenantFixture.parse(JSON.parse(readFileSync(fixturePath, 'utf8')));
  const stack = await startStack({
    fixture,
    sandboxStateDir: resolve('.data/sandbox', fixture.tenant.id),
    sandboxPort: demo.sandboxPort,
    sandboxPagePort: demo.sandboxPagePort,
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl === null ? resolve(config.dataDir) : null,
    host: config.host,
    apiPort: config.port,
    clockStart: config.now,
    workers: config.workers,
    logLevel: config.logLevel,
  });
  for (const w of stack.workers) w.start();
  const lines = [
    '',
    `Binome is running on the demo tenant "${fixture.tenant.name}" (${fixture.people.length} people, sandbox: no cloud account needed).`,
    '',
    `  API and its OpenAPI page   ${stack.apiUrl}/docs`,
    `  calendars, as the sandbox holds them   ${stack.sandbox.urls.calendarPage}`,
    `  the sandbox's Graph API   ${stack.sandbox.urls.graph} (HTTPS; its CA: ${stack.sandbox.ca.certPath})`,
    '',
    'Try the whole flow from the OpenAPI page: POST /api/admin/cohorts, then POST …/enrolments with',
    'fixtures/demo/enrolments.csv, …/matching, …/publish, …/rollout, and GET …/rollout until done.',
    'Or headless: npm run binome -- scenario fixtures/demo/scenario.json --out out/demo',
    '',
    'Ctrl+C stops it; data stays in .data/ for the next start.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  await waitForStop();
  await stack.close();
  return 0;
}
