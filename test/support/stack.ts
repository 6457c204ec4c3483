import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantFixture } from '../../src/model/fixture.ts';
import type { SandboxKnobs } from '../../server/sandbox/server.ts';
import { startStack, type Stack } from '../../server/runtime/stack.ts';

export interface TestStack extends Stack {
  /** JSON (or CSV) over HTTP against the service, as HR calls it (an HR bearer token from the sandbox). */
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: unknown }>;
}

/** The whole stack on loopback: sandbox, real connector, a fresh database, the service. */
export async function startTestStack(
  fixture: TenantFixture,
  options: {
    databaseUrl?: string | null;
    knobs?: SandboxKnobs;
    now?: string;
    workers?: number;
    /** HR people (emails or fixture ids), who sign in to the pane as HR. */
    hr?: string[];
    /** Serve the sandbox's pages (calendar, demo sign-in) over plain HTTP too, as `npm start` does (0: any port). */
    sandboxPagePort?: number;
  } = {},
): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'binome-stack-'));
  const stack = await startStack({
    fixture,
    sandboxStateDir: join(dir, 'sandbox'),
    databaseUrl: options.databaseUrl ?? null,
    dataDir: null,
    clockStart: options.now ?? '2027-01-04T08:00:00Z',
    workers: options.workers ?? 1,
    logLevel: 'silent',
    ...(options.knobs === undefined ? {} : { knobs: options.knobs }),
    ...(options.hr === undefined ? {} : { hr: options.hr }),
    ...(options.sandboxPagePort === undefined ? {} : { sandboxPagePort: options.sandboxPagePort }),
  });
  return {
    ...stack,
    close: async () => {
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
    call: async (method, path, body, contentType) => {
      const isCsv = contentType !== undefined;
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${await stack.hrToken()}`, ...(body === undefined ? {} : { 'content-type': contentType ?? 'application/json' }) },
        body: body === undefined ? undefined : isCsv ? String(body) : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
  };
}
