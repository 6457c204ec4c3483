import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allScopes, googleFixture, openGoogleSandbox, removeGoogleState, type GoogleSandbox } from './sandbox-google-harness.ts';

let sandbox: GoogleSandbox;
const admin = 'eve.moreau@fabrikam.example';
const ana = 'ana.martin@fabrikam.example';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

beforeAll(async () => {
  sandbox = await openGoogleSandbox({ fixture: googleFixture(230) });
});

afterEach(() => {
  sandbox.setKnobs({});
});

afterAll(async () => {
  await sandbox.close();
  await removeGoogleState(sandbox.stateDir);
});

async function grant(assertion: string) {
  const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString();
  return sandbox.call('POST', '/token', { raw: body, headers: form });
}

describe('the service-account key file', () => {
  it('is a real service_account JSON key whose token_uri is the sandbox token URL', async () => {
    const key = JSON.parse(await readFile(sandbox.google.serviceAccountKeyFile, 'utf8')) as Record<string, string>;
    expect(key['type']).toBe('service_account');
    expect(key['client_email']).toBe(sandbox.google.serviceAccountEmail);
    expect(key['private_key']).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(key['private_key_id']).toMatch(/^[0-9a-f]{40}$/);
    expect(key['client_id']).toMatch(/^\d{21}$/);
    expect(key['token_uri']).toBe(sandbox.google.tokenUrl);
    expect(sandbox.google.adminEmail).toBe(admin);
  });

  it('keeps the same key when the sandbox restarts on the same state folder', async () => {
    const before = await readFile(sandbox.google.serviceAccountKeyFile, 'utf8');
    const again = await openGoogleSandbox({ stateDir: sandbox.stateDir, fixture: googleFixture(230) });
    try {
      const after = await readFile(again.google.serviceAccountKeyFile, 'utf8');
      expect(JSON.parse(after).private_key).toBe(JSON.parse(before).private_key);
      // A token issued before the restart still works after it.
      const token = await sandbox.token(ana);
      const me = await again.call('GET', '/calendar/v3/users/me/settings/timezone', { token });
      expect(me.status).toBe(200);
    } finally {
      await again.close();
    }
  });
});

describe('POST /token (JWT bearer grant with domain-wide delegation)', () => {
  it('grants a bearer token for a user of the domain', async () => {
    const answer = await grant(await sandbox.assertion({ sub: ana }));
    expect(answer.status).toBe(200);
    expect(answer.json['token_type']).toBe('Bearer');
    expect(answer.json['expires_in']).toBe(3599);
    expect(String(answer.json['access_token'])).toMatch(/^ya29\./);
  });

  it("accepts Google's own token URL as the audience (google-auth-library hard-codes it)", async () => {
    const answer = await grant(await sandbox.assertion({ sub: ana, aud: 'https://oauth2.googleapis.com/token' }));
    expect(answer.status).toBe(200);
  });

  it('refuses an assertion signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const answer = await grant(await sandbox.assertion({ sub: ana }, { key: other }));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  });

  it('refuses an expired assertion and one living more than an hour', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await grant(await sandbox.assertion({ sub: ana, iat: now - 7200, exp: now - 3600 }));
    expect(expired.status).toBe(400);
    expect(expired.json['error']).toBe('invalid_grant');
    expect(String(expired.json['error_description'])).toMatch(/short-lived token \(60 minutes\)/);
    const tooLong = await grant(await sandbox.assertion({ sub: ana, iat: now, exp: now + 7200 }));
    expect(tooLong.json['error']).toBe('invalid_grant');
  });

  it('refuses to impersonate someone outside the domain or unknown in it', async () => {
    for (const sub of ['someone@gmail.com', 'nobody@fabrikam.example']) {
      const answer = await grant(await sandbox.assertion({ sub }));
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid email or User ID' });
    }
  });

  it('refuses a scope the delegation does not grant, as soon as a test takes it away', async () => {
    const calendar = 'https://www.googleapis.com/auth/calendar';
    expect((await grant(await sandbox.assertion({ sub: ana, scope: calendar }))).status).toBe(200);
    sandbox.setKnobs({ google: { grantedScopes: allScopes.filter((s) => s !== calendar) } });
    const answer = await grant(await sandbox.assertion({ sub: ana, scope: calendar }));
    expect(answer.status).toBe(401);
    expect(answer.json['error']).toBe('unauthorized_client');
  });

  it('answers 403 insufficientPermissions to a call its token has no scope for: a calendar-settings token reads the calendar but cannot book', async () => {
    const token = await sandbox.token(ana, ['https://www.googleapis.com/auth/calendar.calendars.readonly']);
    expect((await sandbox.call('GET', '/calendar/v3/calendars/primary', { token })).status).toBe(200);
    const insert = await sandbox.call('POST', '/calendar/v3/calendars/primary/events', {
      token,
      body: { summary: 'x', start: { dateTime: '2027-02-01T09:00:00Z' }, end: { dateTime: '2027-02-01T10:00:00Z' } },
    });
    expect(insert.status).toBe(403);
    expect(insert.json.error?.errors[0]?.reason).toBe('insufficientPermissions');
    const freeBusy = await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { timeMin: '2027-02-01T00:00:00Z', timeMax: '2027-02-02T00:00:00Z', items: [] } });
    expect(freeBusy.status).toBe(403);
  });

  it('refuses an assertion without scope, another grant type, and a wrong audience', async () => {
    expect((await grant(await sandbox.assertion({ sub: ana, scope: undefined }))).json['error']).toBe('invalid_scope');
    const other = await sandbox.call('POST', '/token', { raw: 'grant_type=client_credentials', headers: form });
    expect(other.json['error']).toBe('unsupported_grant_type');
    expect((await grant(await sandbox.assertion({ sub: ana, aud: 'https://example.com/token' }))).json['error']).toBe('invalid_grant');
  });
});

describe('API authentication', () => {
  it('answers 401 authError without a token, with a forged one, and checks scopes per API', async () => {
    const none = await sandbox.call('GET', '/calendar/v3/calendars/primary');
    expect(none.status).toBe(401);
    expect(none.json.error?.errors[0]).toMatchObject({ domain: 'global', reason: 'authError', message: 'Invalid Credentials', location: 'Authorization' });
    const forged = await sandbox.call('GET', '/calendar/v3/calendars/primary', { token: 'ya29.eyJzdWIiOiJ4In0.AAAA' });
    expect(forged.status).toBe(401);
    const calendarOnly = await sandbox.token(ana, ['https://www.googleapis.com/auth/calendar']);
    const directory = await sandbox.call('GET', '/admin/directory/v1/users?customer=my_customer', { token: calendarOnly });
    expect(directory.status).toBe(403);
    expect(directory.json.error?.errors[0]?.reason).toBe('insufficientPermissions');
  });
});

describe('Admin SDK Directory', () => {
  it('lists every user in pages of at most 500, 100 by default, with nextPageToken until the last page', async () => {
    const token = await sandbox.token(admin);
    const first = await sandbox.call('GET', '/admin/directory/v1/users?customer=my_customer', { token });
    expect(first.status).toBe(200);
    expect(first.json['kind']).toBe('admin#directory#users');
    expect((first.json['users'] as unknown[]).length).toBe(100);
    const seen = new Set<string>();
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await sandbox.call('GET', `/admin/directory/v1/users?customer=my_customer&maxResults=200${pageToken === undefined ? '' : `&pageToken=${encodeURIComponent(pageToken)}`}`, { token });
      for (const user of page.json['users'] as { primaryEmail: string }[]) seen.add(user.primaryEmail);
      pageToken = page.json['nextPageToken'] as string | undefined;
      pages += 1;
    } while (pageToken !== undefined);
    expect(pages).toBe(2);
    expect(seen.size).toBe(235);
    const tooMany = await sandbox.call('GET', '/admin/directory/v1/users?customer=my_customer&maxResults=501', { token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error?.message).toBe("Invalid value '501'. Values must be within the range: [1, 500]");
  });

  it('serves manager, organization, location and languages in the admin view, by email query too', async () => {
    const token = await sandbox.token(admin);
    const answer = await sandbox.call('GET', `/admin/directory/v1/users?domain=fabrikam.example&query=${encodeURIComponent(`email:${ana}`)}`, { token });
    const users = answer.json['users'] as Record<string, unknown>[];
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      primaryEmail: ana,
      name: { fullName: 'Ana Martin', givenName: 'Ana', familyName: 'Martin' },
      relations: [{ type: 'manager', value: 'bruno.leroy@fabrikam.example' }],
      organizations: [{ title: 'Data analyst', department: 'Finance', primary: true }],
      locations: [{ type: 'desk', area: 'Paris', buildingId: 'Paris' }],
      languages: [{ languageCode: 'fr', preference: 'preferred' }, { languageCode: 'en', preference: 'not_preferred' }],
      creationTime: '2024-09-02T00:00:00.000Z',
    });
    const byId = await sandbox.call('GET', `/admin/directory/v1/users/${String(users[0]?.['id'])}`, { token });
    expect(byId.json['primaryEmail']).toBe(ana);
    const missing = await sandbox.call('GET', '/admin/directory/v1/users/nobody@fabrikam.example', { token });
    expect(missing.status).toBe(404);
    expect(missing.json.error?.message).toBe('Resource Not Found: userKey');
  });

  it('lets a non-admin read only the domain_public view, without manager or languages', async () => {
    const token = await sandbox.token(ana);
    const adminView = await sandbox.call('GET', '/admin/directory/v1/users?customer=my_customer', { token });
    expect(adminView.status).toBe(403);
    expect(adminView.json.error?.message).toBe('Not Authorized to access this resource/api');
    const publicView = await sandbox.call('GET', '/admin/directory/v1/users?customer=my_customer&viewType=domain_public&maxResults=1', { token });
    expect(publicView.status).toBe(200);
    const user = (publicView.json['users'] as Record<string, unknown>[])[0] ?? {};
    expect(user['relations']).toBeUndefined();
    expect(user['languages']).toBeUndefined();
  });

  it('refuses a list with neither customer nor domain, and another domain', async () => {
    const token = await sandbox.token(admin);
    expect((await sandbox.call('GET', '/admin/directory/v1/users', { token })).status).toBe(400);
    expect((await sandbox.call('GET', '/admin/directory/v1/users?domain=contoso.example', { token })).status).toBe(403);
  });

  it('answers group membership and pages group members', async () => {
    const token = await sandbox.token(admin);
    const yes = await sandbox.call('GET', `/admin/directory/v1/groups/hr@fabrikam.example/hasMember/${admin}`, { token });
    expect(yes.json).toEqual({ isMember: true });
    const no = await sandbox.call('GET', `/admin/directory/v1/groups/hr/hasMember/${ana}`, { token });
    expect(no.json).toEqual({ isMember: false });
    const members = await sandbox.call('GET', '/admin/directory/v1/groups/hr/members?maxResults=1', { token });
    expect((members.json['members'] as { email: string }[]).map((m) => m.email)).toEqual(['bruno.leroy@fabrikam.example']);
    const rest = await sandbox.call('GET', `/admin/directory/v1/groups/hr/members?maxResults=1&pageToken=${String(members.json['nextPageToken'])}`, { token });
    expect((rest.json['members'] as { email: string }[]).map((m) => m.email)).toEqual([admin]);
    expect(rest.json['nextPageToken']).toBeUndefined();
    expect((await sandbox.call('GET', '/admin/directory/v1/groups/nope/members', { token })).status).toBe(404);
  });
});

describe('Calendar: freeBusy, calendars.get, settings', () => {
  it('reports merged busy blocks per calendar and notFound for unknown ones', async () => {
    const token = await sandbox.token(ana);
    const answer = await sandbox.call('POST', '/calendar/v3/freeBusy', {
      token,
      body: { timeMin: '2027-01-04T00:00:00Z', timeMax: '2027-01-06T00:00:00Z', items: [{ id: ana }, { id: 'carla.diaz@fabrikam.example' }, { id: 'ghost@fabrikam.example' }] },
    });
    expect(answer.status).toBe(200);
    const calendars = answer.json['calendars'] as Record<string, { busy: unknown[]; errors?: unknown[] }>;
    expect(calendars[ana]?.busy).toEqual([{ start: '2027-01-04T08:00:00Z', end: '2027-01-04T10:00:00Z' }]);
    expect(calendars['carla.diaz@fabrikam.example']?.busy).toEqual([{ start: '2027-01-05T14:00:00Z', end: '2027-01-05T15:30:00Z' }]);
    expect(calendars['ghost@fabrikam.example']).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
  });

  it('refuses more than 50 calendars, an empty range and a range over 90 days', async () => {
    const token = await sandbox.token(ana);
    const items = Array.from({ length: 51 }, (_, i) => ({ id: `person${String(i).padStart(3, '0')}@fabrikam.example` }));
    const range = { timeMin: '2027-01-04T00:00:00Z', timeMax: '2027-01-05T00:00:00Z' };
    expect((await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { ...range, items: items.slice(0, 50) } })).status).toBe(200);
    const tooMany = await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { ...range, items } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error?.errors[0]?.reason).toBe('tooManyCalendarsRequested');
    const empty = await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { timeMin: range.timeMin, timeMax: range.timeMin, items: [] } });
    expect(empty.json.error?.errors[0]).toMatchObject({ reason: 'timeRangeEmpty', location: 'timeMax' });
    expect((await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { timeMin: '2027-01-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z', items: [] } })).status).toBe(200);
    const long = await sandbox.call('POST', '/calendar/v3/freeBusy', { token, body: { timeMin: '2027-01-01T00:00:00Z', timeMax: '2027-04-01T00:00:01Z', items: [] } });
    expect(long.status).toBe(400);
    expect(long.json.error?.message).toBe('The requested time range is too long.');
  });

  it("serves the primary calendar's zone and working hours, and the timezone setting", async () => {
    const token = await sandbox.token('dev.thapa@fabrikam.example');
    const calendar = await sandbox.call('GET', '/calendar/v3/calendars/primary', { token });
    expect(calendar.json).toMatchObject({
      kind: 'calendar#calendar',
      id: 'dev.thapa@fabrikam.example',
      timeZone: 'Asia/Kathmandu',
      workingHours: { workingHoursEnabled: true },
    });
    const available = (calendar.json['workingHours'] as { availableTimes: unknown[] }).availableTimes;
    expect(available).toContainEqual({ dayOfWeek: 'sunday', periodStart: 600, periodEnd: 1080 });
    expect(available).toHaveLength(5);
    const setting = await sandbox.call('GET', '/calendar/v3/users/me/settings/timezone', { token });
    expect(setting.json).toMatchObject({ kind: 'calendar#setting', id: 'timezone', value: 'Asia/Kathmandu' });
    const someoneElse = await sandbox.call('GET', `/calendar/v3/calendars/${ana}`, { token });
    expect(someoneElse.status).toBe(404);
  });
});
