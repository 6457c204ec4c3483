import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TenantFixture } from '../../src/model/fixture.ts';
import { readDemoConfig, readServiceConfig, type ServiceConfig } from '../config/schema.ts';
import { readTenantsConfig } from '../config/tenants.ts';
import type { TenantConfig } from '../providers/registry.ts';
import { startService } from '../runtime/service.ts';
import { startStack } from '../runtime/stack.ts';
import { loadSessionKey } from '../http/auth/session.ts';
import { seedDemo } from '../demo/seed.ts';
import { demoPersonas } from '../demo/personas.ts';
import { clockStartingAt } from '../runtime/clock.ts';

function waitForStop(): Promise<void> {
  return new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
}

/** Where the demo tenant's provider API answers, named as its platform names it. */
function providerApi(config: TenantConfig): string {
  switch (config.platform) {
    case 'microsoft':
      return `Graph API   ${config.graphBaseUrl}`;
    case 'google':
      return `Google APIs   ${config.apiRootUrl}`;
  }
}

/** The first demo HR person as the demo sign-in page lists them: name and address. */
function demoHrPerson(fixture: TenantFixture, hr: readonly string[]): string {
  const ref = hr[0];
  if (ref === undefined) return 'a person named in BINOME_DEMO_HR (none is set)';
  const person = fixture.people.find((p) => p.id === ref || p.email.toLowerCase() === ref.toLowerCase());
  return person === undefined ? ref : `${person.name} (${person.email})`;
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
    sessionKey: loadSessionKey(config.sessionKey, config.databaseUrl === null ? dirname(resolve(config.dataDir)) : null),
    publicOrigin: config.publicUrl === null ? null : new URL(config.publicUrl).origin,
  });
  for (const w of service.workers) w.start();
  const names = tenants.map((t) => `${t.name} (${t.platform}${t.sandbox ? ', sandbox' : ''})`).join(', ');
  process.stdout.write(
    `\nBinome is running for ${names}.\n\n  the HR pane (sign in with your organisation's account)   ${service.apiUrl}/admin/\n  API and its OpenAPI page   ${service.apiUrl}/docs\n\nCtrl+C stops it.\n`,
  );
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
  const hr = demo.hr.length > 0 ? demo.hr : (fixture.groups?.[0]?.members ?? []);
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
    hr,
  });
  await seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: clockStartingAt(config.now), enrolmentsFile: join(dirname(fixturePath), 'enrolments.csv') });
  // The people the README and this output name come first on the demo sign-in page.
  const personas = await demoPersonas(stack.store.db, stack.runtime.tenant.id);
  stack.sandbox.featureOnSignIn([
    ...hr.slice(0, 1).map((ref) => ({ ref, role: 'hr' as const })),
    ...(personas.juniorMentor === null ? [] : [{ ref: personas.juniorMentor, role: 'mentor' as const }]),
    ...(personas.seniorMentee === null ? [] : [{ ref: personas.seniorMentee, role: 'mentee' as const }]),
  ]);
  for (const w of stack.workers) w.start();
  const lines = [
    '',
    `Binome is running on the demo tenant "${fixture.tenant.name}" (${fixture.people.length} people, sandbox: no cloud account needed).`,
    '',
    `  Open the HR pane   ${stack.apiUrl}/admin/`,
    `  and sign in as HR: on the sandbox's demo sign-in page, pick ${demoHrPerson(fixture, hr)}`,
    '',
    ...(stack.runtime.config.platform === 'google'
      ? [`  the Google Calendar add-on's cards, as Google would draw them (demo card viewer)   ${stack.apiUrl}/gcal-viewer/`]
      : [
          `  the Outlook pane outside Outlook (demo: be the junior mentor, the senior mentee or anyone)   ${stack.apiUrl}/outlook/demo`,
          '  the Google Calendar add-on and its card viewer: start the Google demo instead (BINOME_FIXTURE=fixtures/google-demo/tenant.json npm start)',
        ]),
    `  API and its OpenAPI page   ${stack.apiUrl}/docs`,
    `  a bearer token for the API   npm run binome -- demo-token --role hr   (or --as <email>, --role mentor|mentee)`,
    `  calendars, as the sandbox holds them   ${stack.sandbox.urls.calendarPage}`,
    `  the sandbox's ${providerApi(stack.runtime.config)} (HTTPS; its CA: ${stack.sandbox.ca.certPath})`,
    '',
    'Or drive the API from the OpenAPI page (Authorize with the demo-token above): POST /api/admin/cohorts, then POST …/enrolments with',
    `${join(dirname(demo.fixture), 'enrolments.csv')}, …/matching, …/publish, …/rollout, and GET …/rollout until done.`,
    `Or headless: npm run binome -- scenario ${join(dirname(demo.fixture), 'scenario.json')} --out out/${fixture.tenant.id}`,
    '',
    'Ctrl+C stops it; data stays in .data/ for the next start.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  await waitForStop();
  await stack.close();
  return 0;
}
