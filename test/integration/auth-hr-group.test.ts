import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { tenantAuthFor } from '../../server/auth/tenant-auth.ts';
import { verifyToken } from '../../server/auth/verify.ts';
import { createConnector, sandboxTenantConfig, type TenantConfig } from '../../server/providers/registry.ts';
import { startService, type Service } from '../../server/runtime/service.ts';
import { defaultGrantedScopes } from '../../server/sandbox/google/scopes.ts';
import { stableGuid } from '../../server/sandbox/ids.ts';
import { appRoles } from '../../server/sandbox/identity/tokens.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';
import { smallTenant } from '../support/small-tenant.ts';

/** The small tenant with an HR group: Julie (u3) is in it, Chloé (u4) is not. */
function tenantWithHrGroup(platform: 'microsoft' | 'google'): TenantFixture {
  const fixture = smallTenant();
  return { ...fixture, tenant: { ...fixture.tenant, platform }, groups: [{ id: 'rh', name: 'Ressources humaines', members: ['u3'] }] };
}

async function startWith(config: TenantConfig): Promise<Service> {
  return startService({ tenants: [config], databaseUrl: null, dataDir: null, clockStart: '2027-01-04T08:00:00Z', workers: 0, logLevel: 'silent' });
}

async function adminCall(service: Service, token: string): Promise<{ status: number; code: string | null }> {
  const response = await fetch(`${service.apiUrl}/api/admin/cohorts`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { code?: string };
  return { status: response.status, code: body.code ?? null };
}

describe.each([
  {
    platform: 'microsoft' as const,
    // Graph names a group by its object id.
    groupId: (): string => stableGuid('group', 'acme', 'rh'),
    token: (sandbox: SandboxHandle, person: string) => sandbox.issueUserToken(person),
    breakDirectory: (sandbox: SandboxHandle) => sandbox.setKnobs({ appRoles: appRoles.filter((role) => !role.startsWith('User.')) }),
  },
  {
    platform: 'google' as const,
    // The Admin SDK takes the group's address or id.
    groupId: (): string => 'rh@acme.example',
    token: (sandbox: SandboxHandle, person: string) => sandbox.issueGoogleIdToken(person, { audience: sandbox.googleOAuthClient.clientId }),
    breakDirectory: (sandbox: SandboxHandle) =>
      sandbox.setKnobs({ google: { grantedScopes: defaultGrantedScopes.filter((scope) => !scope.includes('admin.directory.group')) } }),
  },
])('HR by directory group on $platform', ({ platform, groupId, token, breakDirectory }) => {
  const dir = mkdtempSync(join(tmpdir(), `binome-hr-group-${platform}-`));
  let sandbox: SandboxHandle;
  let config: TenantConfig;
  let service: Service;

  beforeAll(async () => {
    sandbox = await startSandbox({ fixture: tenantWithHrGroup(platform), stateDir: join(dir, 'sandbox') });
    const base = sandboxTenantConfig(sandbox, { id: 'acme', name: 'Acme', domain: 'acme.example', platform });
    config = { ...base, hr: { people: [], groupId: groupId() } };
    service = await startWith(config);
  });

  afterAll(async () => {
    await service?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a member of the HR group HR', async () => {
    expect(await adminCall(service, await token(sandbox, 'u3'))).toEqual({ status: 200, code: null });
  });

  it('keeps someone outside the group out of the admin API', async () => {
    expect(await adminCall(service, await token(sandbox, 'u4'))).toEqual({ status: 403, code: 'ROLE_REQUIRED' });
  });

  it('never makes anyone HR when the directory cannot answer', async () => {
    // The service's own verification, with a connector the directory refuses its group reads.
    breakDirectory(sandbox);
    const connector = await createConnector(config);
    const auth = await tenantAuthFor(config, connector.directory);
    try {
      const verified = await verifyToken(await token(sandbox, 'u3'), [auth.trust], { use: 'access' });
      expect(verified.ok && verified.identity.roles).toEqual(['participant']);
      expect(await connector.directory.isMemberOf(verified.ok ? verified.identity.personId : '', groupId())).toBe('unknown');
    } finally {
      await auth.close();
      await connector.close();
      sandbox.setKnobs({});
    }
  });
});
