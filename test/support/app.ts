import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { TenantFixture } from '../../src/model/fixture.ts';
import type { WrittenHours } from '../../src/model/schema.ts';
import { startSandbox } from '../../server/sandbox/server.ts';
import { createConnector, sandboxTenantConfig } from '../../server/providers/registry.ts';
import { openStore, type Store } from '../../server/store/database.ts';
import { buildApp } from '../../server/http/app.ts';
import { ownApiTokens } from '../../server/auth/app-token.ts';
import { serviceAccountEmail, tenantAuthFor } from '../../server/auth/tenant-auth.ts';
import { loadSessionKey } from '../../server/http/auth/session.ts';
import { ensureTenant } from '../../server/programme/repository.ts';
import { clockStartingAt } from '../../server/runtime/clock.ts';
import { tenantRegistry, type TenantRuntime } from '../../server/runtime/tenants.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
  raw: Buffer;
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** A request as HR would send it (an HR bearer token unless `headers` name another authorization), through `inject` (no socket). JSON unless a content type is named. */
  call(method: InjectOptions['method'], url: string, body?: unknown, contentType?: string, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The service alone, built over a fresh in-memory PGlite store and a runtime
 * whose Microsoft connector talks to a sandbox seeded with `fixture`; no
 * listening socket, no rollout worker.
 */
export async function buildTestApp(fixture: TenantFixture, options: { now?: string; tenantHours?: WrittenHours } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'binome-app-'));
  const sandbox = await startSandbox({ fixture, stateDir: join(dir, 'sandbox') });
  const sandboxConfig = sandboxTenantConfig(sandbox, fixture.tenant);
  const config = options.tenantHours === undefined ? sandboxConfig : { ...sandboxConfig, workingHours: options.tenantHours };
  const connector = await createConnector(config);
  const runtime: TenantRuntime = {
    tenant: fixture.tenant,
    config,
    directory: connector.directory,
    calendar: connector.calendar,
    mail: connector.mail,
    requestCounts: connector.requestCounts,
  };
  const store = await openStore({ databaseUrl: null, dataDir: null });
  await ensureTenant(store.db, runtime.tenant);
  const auth = await tenantAuthFor(config, connector.directory);
  // HR as automation is: the sandbox app's own token for the API, with the Binome.HR app role.
  const hrToken = ownApiTokens({ tokenEndpoint: sandbox.urls.tokenEndpoint, clientId: sandbox.credentials.clientId, clientSecret: sandbox.credentials.clientSecret, caCertPem: sandbox.ca.certPem });
  // On Google, HR as automation is Binome's own service account, by its ID token.
  const googleHr =
    config.platform === 'google' && config.oauthClient !== undefined
      ? { audience: config.oauthClient.clientId, serviceAccountEmail: await serviceAccountEmail(config.serviceAccountKeyPath) }
      : null;
  const bearer = () => (googleHr === null ? hrToken.get() : sandbox.issueAddOnSystemToken(googleHr));
  const app = await buildApp({
    db: store.db,
    registry: tenantRegistry([runtime]),
    clock: clockStartingAt(options.now ?? '2027-01-04T08:00:00Z'),
    logLevel: 'silent',
    auth: { tenants: [auth], sessionKey: loadSessionKey(null, null), publicOrigin: null },
  });
  await app.ready();
  return {
    app,
    store,
    call: async (method, url, body, contentType, headers = {}) => {
      const payload =
        body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${await bearer()}`, ...(payload === undefined ? {} : { 'content-type': contentType ?? 'application/json' }), ...headers },
        ...(payload === undefined ? {} : { payload }),
      });
      const type = String(response.headers['content-type'] ?? '');
      return {
        status: response.statusCode,
        headers: response.headers,
        body: type.startsWith('application/json') && response.body !== '' ? (JSON.parse(response.body) as unknown) : response.body,
        raw: response.rawPayload,
      };
    },
    close: async () => {
      await app.close();
      await store.close();
      await connector.close();
      await auth.close();
      await hrToken.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
