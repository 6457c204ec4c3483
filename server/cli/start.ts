import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TenantFixture } from '../../src/model/fixture.ts';
import { readDemoConfig, readServiceConfig } from '../config/schema.ts';
import { startStack } from '../runtime/stack.ts';

/** `npm start`: the demo tenant in the sandbox, the service against it, everything on loopback. */
export async function runStartCommand(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write(`binome start takes no argument (got ${args.join(' ')}); configure it with BINOME_* variables\n`);
    return 2;
  }
  const config = readServiceConfig(process.env);
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
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  await stack.close();
  return 0;
}
