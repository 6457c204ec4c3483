import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox } from '../sandbox/server.ts';

const usage = 'usage: binome sandbox <fixture.json> [--port N] [--state DIR]';

interface SandboxArgs {
  fixturePath: string;
  port: number | undefined;
  stateDir: string | undefined;
}

function parseArgs(args: string[]): SandboxArgs | string {
  let fixturePath: string | undefined;
  let port: number | undefined;
  let stateDir: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--port') {
      const value = args[i + 1];
      i += 1;
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) return `--port expects a port number from 0 to 65535, got ${value ?? 'nothing'}`;
      port = Number(value);
    } else if (arg === '--state') {
      const value = args[i + 1];
      i += 1;
      if (value === undefined || value === '') return '--state expects a folder';
      stateDir = value;
    } else if (arg !== undefined && arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (fixturePath === undefined && arg !== undefined) {
      fixturePath = arg;
    } else {
      return `unexpected argument ${arg ?? ''}`;
    }
  }
  if (fixturePath === undefined) return 'no fixture file given';
  return { fixturePath, port, stateDir };
}

async function loadFixture(path: string): Promise<TenantFixture | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = TenantFixture.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `  ${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`);
  return `${path} is not a valid tenant fixture:\n${issues.join('\n')}`;
}

/**
 * `binome sandbox <fixture.json> [--port N] [--state DIR]`: starts the provider
 * sandbox alone, prints one JSON line with its URLs and credentials once ready, and
 * runs until SIGINT or SIGTERM.
 */
export async function runSandboxCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n${usage}\n`);
    return 2;
  }
  const fixture = await loadFixture(parsed.fixturePath);
  if (typeof fixture === 'string') {
    process.stderr.write(`${fixture}\n`);
    return 2;
  }
  const stateDir = resolve(parsed.stateDir ?? `.data/sandbox/${fixture.tenant.id}`);
  const sandbox = await startSandbox({ fixture, stateDir, ...(parsed.port === undefined ? {} : { port: parsed.port }) });
  process.stdout.write(
    `${JSON.stringify({
      graph: sandbox.urls.graph,
      authority: sandbox.urls.authority,
      tokenEndpoint: sandbox.urls.tokenEndpoint,
      issuer: sandbox.urls.issuer,
      jwks: sandbox.urls.jwks,
      googleApiRoot: sandbox.urls.googleApiRoot ?? null,
      calendarPage: sandbox.urls.calendarPage,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      tenantId: sandbox.credentials.tenantId,
      serviceAccountKeyFile: sandbox.urls.googleServiceAccountKeyFile ?? null,
      caCertPath: sandbox.ca.certPath,
    })}\n`,
  );
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  return 0;
}
