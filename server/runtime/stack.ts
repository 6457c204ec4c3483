import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox, type SandboxHandle, type SandboxKnobs } from '../sandbox/server.ts';
import type { MicrosoftConfig } from '../connectors/microsoft/connector.ts';
import { sandboxTenantConfig, type TenantConfig } from '../providers/registry.ts';
import type { Store } from '../store/database.ts';
import type { Worker } from '../rollout/worker.ts';
import { ownApiTokens } from '../auth/app-token.ts';
import { serviceAccountEmail } from '../auth/tenant-auth.ts';
import { loadSessionKey } from '../http/auth/session.ts';
import type { AddOnDemo } from '../http/gcal/viewer-routes.ts';
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
  /** The tenant's HR people, by email or fixture id (the demo's HR director); none by default. */
  hr?: string[];
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
  /**
   * HR tokens for the API, as automation gets them: on Microsoft the sandbox app's own
   * token with the Binome.HR app role; on Google an ID token for Binome's service account.
   */
  hrToken(): Promise<string>;
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

async function hrTokenSource(sandbox: SandboxHandle, config: TenantConfig, entra: () => Promise<string>): Promise<() => Promise<string>> {
  if (config.platform === 'microsoft') return entra;
  const audience = config.oauthClient?.clientId;
  if (audience === undefined) throw new Error(`tenant ${config.id} has no OAuth client to address HR tokens to`);
  const serviceAccount = await serviceAccountEmail(config.serviceAccountKeyPath);
  // Google signs a service account's ID token the way it signs an add-on's system token.
  return () => sandbox.issueAddOnSystemToken({ audience, serviceAccountEmail: serviceAccount });
}

/** The card viewer's signer over a Google sandbox: the emulator signs what Google would. */
function addOnDemoFor(sandbox: SandboxHandle, config: TenantConfig, fixture: TenantFixture): AddOnDemo | null {
  if (config.platform !== 'google' || config.addOn === undefined || config.oauthClient === undefined) return null;
  const { serviceAccountEmail } = config.addOn;
  const audience = config.oauthClient.clientId;
  return {
    tenantId: config.id,
    systemToken: (url) => sandbox.issueAddOnSystemToken({ audience: url, serviceAccountEmail }),
    userToken: (email) => sandbox.issueGoogleIdToken(email, { audience }),
    people: fixture.people.map((person) => ({ email: person.email, name: person.name, jobTitle: person.jobTitle ?? null })),
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
    const config = sandboxTenantConfig(sandbox, options.fixture.tenant);
    const hrPeople = (options.hr ?? []).map((ref) => {
      const id = sandbox.directoryId(ref);
      if (id === undefined) throw new Error(`HR person ${ref} is not in the fixture`);
      return id;
    });
    const service = await startService({
      tenants: [{ ...config, hr: { ...config.hr, people: hrPeople } }],
      sessionKey: loadSessionKey(null, options.dataDir === null ? null : dirname(options.dataDir)),
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      host,
      ...(options.apiPort === undefined ? {} : { apiPort: options.apiPort }),
      clockStart: options.clockStart,
      workers: options.workers,
      logLevel: options.logLevel,
      addOnDemo: addOnDemoFor(sandbox, config, options.fixture),
    });
    const [runtime] = service.runtimes;
    if (runtime === undefined) throw new Error('the sandbox tenant has no runtime');
    const hrTokens = ownApiTokens({ tokenEndpoint: sandbox.urls.tokenEndpoint, clientId: sandbox.credentials.clientId, clientSecret: sandbox.credentials.clientSecret, caCertPem: sandbox.ca.certPem });
    return {
      hrToken: await hrTokenSource(sandbox, config, () => hrTokens.get()),
      sandbox,
      runtime,
      store: service.store,
      app: service.app,
      apiUrl: service.apiUrl,
      workers: service.workers,
      close: async () => {
        await hrTokens.close();
        await service.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
