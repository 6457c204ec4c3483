import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox, type SandboxHandle, type SandboxKnobs } from '../sandbox/server.ts';
import { createMicrosoftConnector, type MicrosoftConfig } from '../connectors/microsoft/connector.ts';
import { openStore, type Store } from '../store/database.ts';
import { buildApp } from '../http/app.ts';
import { ensureTenant } from '../programme/repository.ts';
import { createWorker, type Worker } from '../rollout/worker.ts';
import { clockStartingAt } from './clock.ts';
import { tenantRegistry, type TenantRuntime } from './tenants.ts';

export interface StackOptions {
  fixture: TenantFixture;
  sandboxStateDir: string;
  sandboxPort?: number;
  /** Serve the sandbox's calendar page over plain HTTP on this port too (demos). */
  sandboxPagePort?: number;
  knobs?: SandboxKnobs;
  databaseUrl: string | null;
  /** PGlite data folder; null keeps it in memory (tests). */
  dataDir: string | null;
  host?: string;
  apiPort?: number;
  /** Start the service's domain clock here (scenarios); real time when null. */
  clockStart: string | null;
  workers: number;
  logLevel: string;
}

/**
 * The sandbox, the connector pointed at it, the store, the service and its
 * rollout workers (created, not started: the caller decides when), on loopback.
 */
export interface Stack {
  sandbox: SandboxHandle;
  runtime: TenantRuntime;
  store: Store;
  app: FastifyInstance;
  apiUrl: string;
  workers: Worker[];
  close(): Promise<void>;
}

/** The Microsoft connector's settings for a sandbox: its URLs, its demo app, and trust in its CA only. */
export function microsoftConfigFor(sandbox: SandboxHandle): MicrosoftConfig {
  return {
    tenantId: sandbox.credentials.tenantId,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    authority: sandbox.urls.authority,
    graphBaseUrl: sandbox.urls.graph,
    caCertPem: sandbox.ca.certPem,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const sandbox = await startSandbox({
    fixture: options.fixture,
    stateDir: options.sandboxStateDir,
    host,
    ...(options.sandboxPort === undefined ? {} : { port: options.sandboxPort }),
    ...(options.sandboxPagePort === undefined ? {} : { pagePort: options.sandboxPagePort }),
    ...(options.knobs === undefined ? {} : { knobs: options.knobs }),
  });
  const connector = createMicrosoftConnector(microsoftConfigFor(sandbox));
  const runtime: TenantRuntime = {
    tenant: options.fixture.tenant,
    directory: connector.directory,
    calendar: connector.calendar,
    mail: connector.mail,
    requestCounts: connector.requestCounts,
  };
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  await ensureTenant(store.db, runtime.tenant);
  const registry = tenantRegistry([runtime]);
  const clock = clockStartingAt(options.clockStart);
  const app = await buildApp({ db: store.db, registry, clock, logLevel: options.logLevel });
  await app.listen({ host, port: options.apiPort ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.apiPort;
  const workers = Array.from({ length: options.workers }, (_, i) =>
    createWorker({ db: store.db, registry, workerId: `${hostname()}-${process.pid}-${i}-${randomUUID()}`, logger: app.log, clock }),
  );
  return {
    sandbox,
    runtime,
    store,
    app,
    apiUrl: `http://${host}:${port}`,
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await app.close();
      await store.close();
      await connector.close();
      await sandbox.close();
    },
  };
}
