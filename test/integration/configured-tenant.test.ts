import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownApiTokens } from '../../server/auth/app-token.ts';
import { readTenantsConfig } from '../../server/config/tenants.ts';
import { startService, type Service } from '../../server/runtime/service.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';

/**
 * What an administrator does for a real tenant, with the sandbox standing in for
 * Microsoft: a tenants file naming the Entra app and Graph's address, read by the
 * service at start. Nothing in it says "sandbox" but the URLs and the CA to trust.
 */
describe('a service started from a tenant configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'binome-configured-'));
  let sandbox: SandboxHandle;
  let service: Service;

  let hrToken: ReturnType<typeof ownApiTokens>;

  const call = async (method: string, path: string, body?: string, contentType = 'application/json') => {
    const response = await fetch(`${service.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await hrToken.get()}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown> };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ fixture: smallTenant(), stateDir: join(dir, 'sandbox') });
    const file = join(dir, 'tenants.json');
    writeFileSync(
      file,
      JSON.stringify({
        tenants: [
          {
            id: 'acme',
            name: 'Acme Industries',
            domain: 'acme.example',
            platform: 'microsoft',
            entra: { tenantId: sandbox.credentials.tenantId, clientId: sandbox.credentials.clientId, clientSecret: sandbox.credentials.clientSecret, authority: sandbox.urls.authority },
            graphBaseUrl: sandbox.urls.graph,
            caCertPath: sandbox.ca.certPath,
          },
        ],
      }),
    );
    const tenants = readTenantsConfig({ BINOME_TENANTS_FILE: file });
    if (tenants === null) throw new Error('the tenants file was not read');
    hrToken = ownApiTokens({ tokenEndpoint: sandbox.urls.tokenEndpoint, clientId: sandbox.credentials.clientId, clientSecret: sandbox.credentials.clientSecret, caCertPem: sandbox.ca.certPem });
    service = await startService({ tenants, databaseUrl: null, dataDir: null, clockStart: '2027-01-04T08:00:00Z', workers: 1, logLevel: 'silent' });
  });

  afterAll(async () => {
    await hrToken.close();
    await service.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a cohort end to end against the provider the file names', async () => {
    expect(service.runtimes.map((r) => [r.tenant.id, r.config.sandbox])).toEqual([['acme', false]]);
    const created = await call('POST', '/api/admin/cohorts', JSON.stringify({ name: 'Pilote', format: 'classic', sessions: 2, sessionMinutes: 45, start: '2027-01-11', weeks: 8 }));
    expect(created.status).toBe(201);
    const base = `/api/admin/cohorts/${String(created.body.cohortId)}`;
    expect((await call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv')).body).toMatchObject({ loaded: 6 });
    expect((await call('POST', `${base}/matching`)).status).toBe(200);
    expect((await call('POST', `${base}/publish`)).body).toMatchObject({ total: 4 });
    expect((await call('POST', `${base}/rollout`)).status).toBe(202);
    for (const w of service.workers) w.start();
    let progress = (await call('GET', `${base}/rollout`)).body;
    for (let i = 0; i < 200 && progress.done !== true; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await call('GET', `${base}/rollout`)).body;
    }
    expect(progress.byState).toMatchObject({ booked: 4, failed: 0 });
    const booked = Object.values(sandbox.calendars()).flat().filter((e) => e.binome !== null);
    expect(booked).toHaveLength(8);
  });
});
