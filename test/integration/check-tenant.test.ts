import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleProvider } from '../../server/providers/google.ts';
import { microsoftProvider } from '../../server/providers/microsoft.ts';
import { numericId } from '../../server/sandbox/google/service-account.ts';
import { appRoles } from '../../server/sandbox/identity/tokens.ts';
import { defaultGrantedScopes } from '../../server/sandbox/google/scopes.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { stableGuid } from '../../server/sandbox/ids.ts';
import { smallTenant } from '../support/small-tenant.ts';

interface Run {
  code: number;
  out: string;
}

/** The command as an administrator runs it: its own process, the configuration in the environment. */
function checkTenant(tenants: unknown, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, BINOME_TENANTS_FILE: '' };
  if (tenants === null) delete env.BINOME_TENANTS;
  else env.BINOME_TENANTS = JSON.stringify({ tenants: [tenants] });
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'server/cli/main.ts', 'check-tenant', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** The small tenant with an HR group (Julie, u3, is in it): HR named by group makes check-tenant read its membership. */
function withHrGroup(platform: 'microsoft' | 'google'): TenantFixture {
  const fixture = smallTenant();
  return { ...fixture, tenant: { ...fixture.tenant, platform }, groups: [{ id: 'rh', name: 'Ressources humaines', members: ['u3'] }] };
}

const lines = (run: Run, mark: '✓' | '✗') => run.out.split('\n').filter((l) => l.trimStart().startsWith(mark));

describe('binome check-tenant against a Microsoft tenant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'binome-check-ms-'));
  let sandbox: SandboxHandle;
  let tenant: unknown;

  beforeAll(async () => {
    sandbox = await startSandbox({ fixture: withHrGroup('microsoft'), stateDir: join(dir, 'sandbox') });
    // Graph names a group by its object id.
    const hr = { people: [sandbox.userId('u2')], groupId: stableGuid('group', 'acme', 'rh') };
    tenant = { ...microsoftProvider.sandboxTenantInput(sandbox, { id: 'acme', name: 'Acme Industries', domain: 'acme.example' }), sandbox: false, hr };
  });

  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('only reads without --write: every read passes and no calendar or mailbox changes', async () => {
    const calendars = JSON.stringify(sandbox.calendars());
    const mail = sandbox.sentMail().length;
    const run = await checkTenant(tenant);
    expect(run.code, run.out).toBe(0);
    expect(lines(run, '✓').map((l) => l.trim())).toEqual([
      '✓ read the directory: 7 people',
      expect.stringMatching(/^✓ read [a-z.]+@acme\.example's availability: [A-Za-z]+\/[A-Za-z_]+, works mon–fri 09:00–18:00, 0 busy slots over the next 7 days$/),
      expect.stringMatching(/^✓ read [a-z.]+@acme\.example's mailbox settings: .+, working hours set$/),
      expect.stringMatching(/^✓ read the HR group [0-9a-f-]{36}: [a-z.]+@acme\.example is (not )?a member$/),
    ]);
    expect(lines(run, '✗')).toEqual([]);
    expect(JSON.stringify(sandbox.calendars())).toBe(calendars);
    expect(sandbox.sentMail()).toHaveLength(mail);
  });

  it('with --write and every permission, books and cancels one event and sends one mail as the HR person', async () => {
    const run = await checkTenant(tenant, '--write');
    expect(run.code, run.out).toBe(0);
    expect(lines(run, '✓')).toHaveLength(6);
    expect(run.out).toContain("✓ created and cancelled one tagged event in marc.petit@acme.example's calendar");
    expect(run.out).toContain('✓ sent one mail from and to marc.petit@acme.example');
    expect(sandbox.sentMail().at(-1)).toMatchObject({ subject: 'Binome permission check' });
  });

  it('names Mail.Send and where to grant it when the app lacks it, and exits 1', async () => {
    sandbox.setKnobs({ appRoles: appRoles.filter((r) => r !== 'Mail.Send') });
    try {
      const run = await checkTenant(tenant, '--write');
      expect(run.code, run.out).toBe(1);
      expect(lines(run, '✓')).toHaveLength(5);
      expect(lines(run, '✗')).toEqual([expect.stringContaining('could not send mail as marc.petit@acme.example')]);
      expect(run.out).toMatch(/missing permission Mail\.Send: grant the Microsoft Graph application permission Mail\.Send .*admin consent.*"Application Mail\.Send"/);
    } finally {
      sandbox.setKnobs({});
    }
  });

  it('names MailboxSettings.Read when the mailbox settings cannot be read, though getSchedule still answers', async () => {
    sandbox.setKnobs({ appRoles: appRoles.filter((r) => r !== 'MailboxSettings.Read') });
    try {
      const run = await checkTenant(tenant);
      expect(run.code, run.out).toBe(1);
      expect(lines(run, '✗')).toEqual([expect.stringMatching(/could not read [a-z.]+@acme\.example's mailbox settings: .*ErrorAccessDenied/)]);
      expect(run.out).toMatch(/missing permission MailboxSettings\.Read: grant .*"Application MailboxSettings\.Read"/);
    } finally {
      sandbox.setKnobs({});
    }
  });

  it('names GroupMember.Read.All when HR is a group whose membership cannot be read', async () => {
    sandbox.setKnobs({ appRoles: appRoles.filter((r) => r !== 'GroupMember.Read.All') });
    try {
      const run = await checkTenant(tenant);
      expect(run.code, run.out).toBe(1);
      expect(lines(run, '✗')).toEqual([expect.stringContaining('could not read the membership of the HR group')]);
      expect(run.out).toMatch(/object id of an Entra group, and grant GroupMember\.Read\.All besides User\.Read\.All/);
    } finally {
      sandbox.setKnobs({});
    }
  });

  it('names User.Read.All when the directory cannot be read', async () => {
    sandbox.setKnobs({ appRoles: appRoles.filter((r) => r !== 'User.Read.All') });
    try {
      const run = await checkTenant(tenant);
      expect(run.code, run.out).toBe(1);
      expect(run.out).toContain('Authorization_RequestDenied');
      expect(run.out).toContain('missing permission User.Read.All');
    } finally {
      sandbox.setKnobs({});
    }
  });
});

describe('binome check-tenant against a Google tenant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'binome-check-google-'));
  let sandbox: SandboxHandle;
  let tenant: unknown;

  beforeAll(async () => {
    sandbox = await startSandbox({ fixture: withHrGroup('google'), stateDir: join(dir, 'sandbox') });
    // HR people are named by their Workspace directory id, a number; the Admin SDK takes a group's address.
    const marc = numericId('directory-user', sandbox.userId('u2') ?? 'u2');
    const hr = { people: [marc], groupId: 'rh@acme.example' };
    tenant = { ...googleProvider.sandboxTenantInput(sandbox, { id: 'acme', name: 'Acme Industries', domain: 'acme.example' }), sandbox: false, hr };
  });

  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every step with the delegation granted', async () => {
    const run = await checkTenant(tenant, '--write');
    expect(run.code, run.out).toBe(0);
    expect(lines(run, '✓')).toHaveLength(5);
    expect(run.out).toMatch(/✓ read the HR group rh@acme\.example: [a-z.]+@acme\.example is (not )?a member/);
  });

  it('names the group membership scope when HR is a group the delegation cannot read', async () => {
    const groupScope = 'https://www.googleapis.com/auth/admin.directory.group.member.readonly';
    sandbox.setKnobs({ google: { grantedScopes: defaultGrantedScopes.filter((s) => s !== groupScope) } });
    try {
      const run = await checkTenant(tenant);
      expect(run.code, run.out).toBe(1);
      expect(lines(run, '✗')).toEqual([expect.stringContaining('could not read the membership of the HR group rh@acme.example')]);
      expect(run.out).toContain(`add ${groupScope} to the domain-wide delegation`);
    } finally {
      sandbox.setKnobs({});
    }
  });

  it('names the gmail.send scope the delegation lacks, and where to add it', async () => {
    const gmailSend = 'https://www.googleapis.com/auth/gmail.send';
    sandbox.setKnobs({ google: { grantedScopes: defaultGrantedScopes.filter((s) => s !== gmailSend) } });
    try {
      const run = await checkTenant(tenant, '--write');
      expect(run.code, run.out).toBe(1);
      expect(run.out).toContain(`missing scope ${gmailSend}`);
      expect(run.out).toContain('Manage domain-wide delegation');
    } finally {
      sandbox.setKnobs({});
    }
  });
});

describe('binome check-tenant without a configuration', () => {
  it('says so and exits 2', async () => {
    const run = await checkTenant(null);
    expect(run.code).toBe(2);
    expect(run.out).toContain('no tenant is configured');
  });
});
