import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox } from '../../server/sandbox/server.ts';
import { smallTenant } from '../support/small-tenant.ts';

const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'binome-sandbox-startup-'));
  dirs.push(dir);
  return dir;
}

function tenantWithBusyCeo(platform: 'microsoft' | 'google'): TenantFixture {
  const fixture = smallTenant();
  const [ceo, ...others] = fixture.people;
  if (ceo === undefined) throw new Error('the small tenant has no people');
  const busy = [
    { start: '2027-03-01T09:00:00Z', end: '2027-03-01T10:00:00Z', subject: 'Board' },
    { start: '2027-03-02T09:00:00Z', end: '2027-03-02T10:00:00Z', subject: 'Board' },
  ];
  return { ...fixture, tenant: { ...fixture.tenant, platform }, people: [{ ...ceo, busy }, ...others] };
}

describe('sandbox start-up', () => {
  it('serves HTTPS with a server certificate its own CA signed, and a restart keeps trusting the same CA', async () => {
    const dir = await stateDir();
    const fixture = smallTenant();
    const first = await startSandbox({ fixture, stateDir: dir });
    const ca = new X509Certificate(first.ca.certPem);
    const server = new X509Certificate(await readFile(join(dir, 'server.pem')));
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    const caPem = first.ca.certPem;
    await first.close();

    const second = await startSandbox({ fixture, stateDir: dir });
    try {
      expect(second.ca.certPem).toBe(caPem);
      const dispatcher = new Agent({ connect: { ca: caPem } });
      const response = await fetch(second.urls.jwks, { dispatcher });
      expect(response.status).toBe(200);
      await dispatcher.close();
    } finally {
      await second.close();
    }
  });

  it('gives a fixture the same user and event ids it always had, on Microsoft and Google tenants', async () => {
    const expected = {
      microsoft: ['AAMkAVsxJYtgunlDc_LYebLewzpKtT1VERTJAtqWjnLoBUmUAAA', 'AAMkA5m4WQDO5UCLRuBMOBkgYDG4ihf8poArUzFFV-J9IrLMAAA'],
      google: ['b1ef96308baa3fac4d2e4c96cf', 'd94affd0cd2f007d63af6246cd'],
    };
    for (const platform of ['microsoft', 'google'] as const) {
      const fixture = tenantWithBusyCeo(platform);
      const sandbox = await startSandbox({ fixture, stateDir: await stateDir() });
      try {
        expect(sandbox.userId('u1')).toBe('4faf51ea-e0b7-53ae-b195-6d163b24e9ad');
        const email = fixture.people[0]?.email ?? '';
        expect(sandbox.calendars()[email]?.map((event) => event.id)).toEqual(expected[platform]);
      } finally {
        await sandbox.close();
      }
    }
  });
});
