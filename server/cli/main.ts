/**
 * `npm run binome -- <command>`: one entry point, one module per command, each
 * loaded only when asked for so that `match` does not pay for Fastify's start-up.
 */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: 'start the sandbox with the demo tenant and the service against it',
    load: async () => (await import('./start.ts')).runStartCommand,
  },
  sandbox: {
    summary: '<fixture.json> [--port N]  start only the provider sandbox, seeded from the fixture',
    load: async () => (await import('./sandbox.ts')).runSandboxCommand,
  },
  match: {
    summary: '<instance.json>  solve a bare assignment instance and print {pairs, score, solveMs}',
    load: async () => (await import('./match.ts')).runMatchCommand,
  },
  'check-tenant': {
    summary: '[--write]  try each permission of every configured tenant once and say which one is missing',
    load: async () => (await import('./check-tenant.ts')).runCheckTenantCommand,
  },
  'demo-token': {
    summary: '(--as <email> | --role hr|mentor|mentee) [--api URL]  print a one-hour bearer token for the running sandbox demo',
    load: async () => (await import('./demo-token.ts')).runDemoTokenCommand,
  },
  scenario: {
    summary: '<scenario.json> --out <dir>  run a whole cohort headless through the HTTP API',
    load: async () => (await import('./scenario.ts')).runScenarioCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  binome ${name} ${c.summary}`);
  return ['usage:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(`${name === undefined ? 'no command given' : `unknown command "${name}"`}\n${usage()}\n`);
    return 2;
  }
  const run = await command.load();
  return run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
