import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { openGoogleSandbox, removeGoogleState, type GoogleSandbox } from './sandbox-google-harness.ts';

let sandbox: GoogleSandbox;
let fixture: TenantFixture;

beforeAll(async () => {
  fixture = TenantFixture.parse(JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'fixtures', 'google-demo', 'tenant.json'), 'utf8')));
  sandbox = await openGoogleSandbox({ fixture });
});

afterAll(async () => {
  await sandbox.close();
  await removeGoogleState(sandbox.stateDir);
});

describe('the Google demo tenant (Oréa Conseil)', () => {
  it('is a Google tenant whose whole directory the CEO lists, with the HR group and busy calendars', async () => {
    expect(fixture.tenant.platform).toBe('google');
    const admin = sandbox.google.adminEmail ?? '';
    expect(admin).toMatch(/@orea\.example$/);
    const token = await sandbox.token(admin);
    let count = 0;
    let pageToken: string | undefined;
    do {
      const page = await sandbox.call('GET', `/admin/directory/v1/users?customer=my_customer&maxResults=500${pageToken === undefined ? '' : `&pageToken=${pageToken}`}`, { token });
      count += (page.json['users'] as unknown[]).length;
      pageToken = page.json['nextPageToken'] as string | undefined;
    } while (pageToken !== undefined);
    expect(count).toBe(fixture.people.length);
    const hrMember = fixture.people.find((p) => p.id === fixture.groups?.[0]?.members[0]);
    const member = await sandbox.call('GET', `/admin/directory/v1/groups/rh/hasMember/${hrMember?.email ?? ''}`, { token });
    expect(member.json).toEqual({ isMember: true });
    const busy = await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { timeMin: '2027-01-04T00:00:00Z', timeMax: '2027-01-09T00:00:00Z', items: [{ id: admin }] } });
    expect((busy.json['calendars'] as Record<string, { busy: unknown[] }>)[admin]?.busy.length).toBeGreaterThan(0);
  });
});
