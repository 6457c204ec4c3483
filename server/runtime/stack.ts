import type { FastifyInstance } from 'fastify';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox, type SandboxHandle, type SandboxKnobs } from '../sandbox/server.ts';
import type { MicrosoftConfig } from '../connectors/microsoft/connector.ts';
import { sandboxTenantConfig } from '../providers/registry.ts';
import type { Store } from '../store/database.ts';
import type { Worker } from '../rollout/worker.ts';
import { startService } from './service.ts';
import type { TenantRuntime } from './tenants.ts';

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
 * The sandbox, the service configured for the sandbox's tenant exactly as for a real
 * one (the sandbox is only another set of base URLs), the store and the rollout
 * workers (created, not started: the caller decides when), on loopback.
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
  try {
    const service = await startService({
      tenants: [sandboxTenantConfig(sandbox, options.fixture.tenant)],
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      host,
      ...(options.apiPort === undefined ? {} : { apiPort: options.apiPort }),
      clockStart: options.clockStart,
      workers: options.workers,
      logLevel: options.logLevel,
    });
    const [runtime] = service.runtimes;
    if (runtime === undefined) throw new Error('the sandbox tenant has no runtime');
    return {
      sandbox,
      runtime,
      store: service.store,
      app: service.app,
      apiUrl: service.apiUrl,
      workers: service.workers,
      close: async () => {
        await service.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
