import { readFile } from 'node:fs/promises';
import { admin } from '@googleapis/admin';
import { auth, calendar } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleFixture, openGoogleSandbox, removeGoogleState, type GoogleSandbox } from './sandbox-google-harness.ts';

let sandbox: GoogleSandbox;
let key: { client_email: string; private_key: string };

beforeAll(async () => {
  sandbox = await openGoogleSandbox({ fixture: googleFixture() });
  key = JSON.parse(await readFile(sandbox.google.serviceAccountKeyFile, 'utf8')) as typeof key;
});

afterAll(async () => {
  await sandbox.close();
  await removeGoogleState(sandbox.stateDir);
});

/**
 * google-auth-library posts to a hard-coded https://oauth2.googleapis.com/token; its
 * transporter is the one seam: this fetch sends that URL to the sandbox and trusts
 * the sandbox CA. API calls go through it too (the clients call `auth.request`).
 */
function sandboxFetch(input: unknown, init?: Record<string, unknown>) {
  const url = input instanceof URL ? input.href : typeof input === 'string' ? input : String((input as { url: string }).url);
  return fetch(url.replace('https://oauth2.googleapis.com/token', sandbox.google.tokenUrl), { ...(init ?? {}), dispatcher: sandbox.agent } as Parameters<typeof fetch>[1]);
}
const transporterOptions = () => ({ fetchImplementation: sandboxFetch as unknown as typeof globalThis.fetch });

/**
 * The JWT client the @googleapis packages bring (their google-auth-library), with the
 * email and key read from the key file: given only `keyFile`, google-auth-library
 * signs an assertion without `iss`, which the token endpoint refuses.
 */
function client(subject: string, scopes: string[]) {
  return new auth.JWT({ email: key.client_email, key: key.private_key, subject, scopes, transporterOptions: transporterOptions() });
}

describe('the real Google clients against the facade', () => {
  it('google-auth-library obtains a delegated token with the key file, through its transporter', async () => {
    const jwt = new JWT({ email: key.client_email, key: key.private_key, subject: 'ana.martin@fabrikam.example', scopes: ['https://www.googleapis.com/auth/calendar'], transporterOptions: transporterOptions() });
    const { token } = await jwt.getAccessToken();
    expect(token).toMatch(/^ya29\./);
  });

  it('google-auth-library reports a scope the delegation does not grant', async () => {
    const jwt = client('ana.martin@fabrikam.example', ['https://www.googleapis.com/auth/drive']);
    await expect(jwt.getAccessToken()).rejects.toThrow(/unauthorized_client/);
  });

  it('@googleapis/calendar with a per-API rootUrl inserts, reads back and queries free/busy', async () => {
    const auth = client('ana.martin@fabrikam.example', ['https://www.googleapis.com/auth/calendar']);
    const api = calendar({ version: 'v3', auth, rootUrl: sandbox.google.apiRoot });
    const inserted = await api.events.insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      sendUpdates: 'all',
      requestBody: {
        id: 'sdkevent0001',
        summary: 'SDK session',
        start: { dateTime: '2027-02-01T10:00:00+01:00', timeZone: 'Europe/Paris' },
        end: { dateTime: '2027-02-01T11:00:00+01:00', timeZone: 'Europe/Paris' },
        attendees: [{ email: 'bruno.leroy@fabrikam.example' }],
        extendedProperties: { private: { binomePair: 'p9' } },
        conferenceData: { createRequest: { requestId: 'sdk-req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      },
    });
    expect(inserted.status).toBe(200);
    expect(inserted.data.id).toBe('sdkevent0001');
    const listed = await api.events.list({ calendarId: 'primary', privateExtendedProperty: ['binomePair=p9'] });
    expect(listed.data.items?.map((e) => e.id)).toEqual(['sdkevent0001']);
    expect(listed.data.items?.[0]?.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
    const duplicate = api.events.insert({ calendarId: 'primary', requestBody: { id: 'sdkevent0001', start: { dateTime: '2027-02-01T10:00:00Z' }, end: { dateTime: '2027-02-01T11:00:00Z' } } });
    await expect(duplicate).rejects.toMatchObject({ status: 409 });
    const busy = await api.freebusy.query({ requestBody: { timeMin: '2027-02-01T00:00:00Z', timeMax: '2027-02-02T00:00:00Z', items: [{ id: 'bruno.leroy@fabrikam.example' }] } });
    expect(busy.data.calendars?.['bruno.leroy@fabrikam.example']?.busy).toEqual([{ start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z' }]);
  });

  it('@googleapis/admin lists the directory as the admin', async () => {
    const auth = client('eve.moreau@fabrikam.example', ['https://www.googleapis.com/auth/admin.directory.user.readonly']);
    const directory = admin({ version: 'directory_v1', auth, rootUrl: sandbox.google.apiRoot });
    const users = await directory.users.list({ customer: 'my_customer', maxResults: 2, orderBy: 'email' });
    expect(users.data.users?.map((u) => u.primaryEmail)).toEqual(['ana.martin@fabrikam.example', 'bruno.leroy@fabrikam.example']);
    expect(users.data.nextPageToken).toBeDefined();
  });
});
