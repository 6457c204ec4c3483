import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { createConnector, type Connector, type TenantConfig } from '../providers/registry.ts';
import { tenantAuthFor } from '../auth/tenant-auth.ts';
import { openStore, type Store } from '../store/database.ts';
import { buildApp } from '../http/app.ts';
import type { AddOnDemo } from '../http/gcal/viewer-routes.ts';
import { ensureTenant } from '../programme/repository.ts';
import { createWorker, type Worker } from '../rollout/worker.ts';
import { clockStartingAt } from './clock.ts';
import { tenantRegistry, type TenantRuntime } from './tenants.ts';

export interface ServiceOptions {
  tenants: TenantConfig[];
  databaseUrl: string | null;
  /** PGlite data folder; null keeps it in memory (tests). */
  dataDir: string | null;
  host?: string;
  apiPort?: number;
  /** Start the service's domain clock here (scenarios); real time when null. */
  clockStart: string | null;
  workers: number;
  logLevel: string;
  /** Encrypts the pane's session cookies (32 bytes); a random one per process when not given (sessions then end at restart). */
  sessionKey?: Buffer;
  /** How browsers reach the service, when not as each request says (behind a proxy). */
  publicOrigin?: string | null;
  /** The Google sandbox's signatures for the add-on's card viewer (demo stacks only). */
  addOnDemo?: AddOnDemo | null;
}

/** The service for its configured tenants: their connectors, the store, the HTTP API and rollout workers (created, not started). */
export interface Service {
  runtimes: TenantRuntime[];
  store: Store;
  app: FastifyInstance;
  apiUrl: string;
  workers: Worker[];
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const host = options.host ?? '127.0.0.1';
  const connectors: Connector[] = [];
  const runtimes: TenantRuntime[] = [];
  try {
    for (const config of options.tenants) {
      const connector = await createConnector(config);
      connectors.push(connector);
      runtimes.push({
        tenant: { id: config.id, name: config.name, domain: config.domain, platform: config.platform },
        config,
        directory: connector.directory,
        calendar: connector.calendar,
        mail: connector.mail,
        requestCounts: connector.requestCounts,
      });
    }
  } catch (error) {
    await Promise.all(connectors.map((c) => c.close()));
    throw error;
  }
  const auths = await Promise.all(options.tenants.map((config, i) => tenantAuthFor(config, connectors[i]?.directory ?? null)));
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  for (const runtime of runtimes) await ensureTenant(store.db, runtime.tenant);
  const registry = tenantRegistry(runtimes);
  const clock = clockStartingAt(options.clockStart);
  const app = await buildApp({
    db: store.db,
    registry,
    clock,
    logLevel: options.logLevel,
    auth: { tenants: auths, sessionKey: options.sessionKey ?? randomBytes(32), publicOrigin: options.publicOrigin ?? null },
    addOnDemo: options.addOnDemo ?? null,
  });
  await app.listen({ host, port: options.apiPort ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.apiPort;
  const workers = Array.from({ length: options.workers }, (_, i) =>
    createWorker({ db: store.db, registry, workerId: `${hostname()}-${process.pid}-${i}-${randomUUID()}`, logger: app.log, clock }),
  );
  return {
    runtimes,
    store,
    app,
    apiUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await app.close();
      await store.close();
      await Promise.all(connectors.map((c) => c.close()));
      await Promise.all(auths.map((a) => a.close()));
    },
  };
}
