import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let base: string;
let serviceAccount: string;
let oauthClientId: string;
const person = 'jeanne.meyer@orea.example';

beforeAll(async () => {
  const fixture = TenantFixture.parse(JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'fixtures', 'google-demo', 'tenant.json'), 'utf8')));
  stack = await startTestStack(fixture);
  base = `${stack.apiUrl}/gcal/${fixture.tenant.id}`;
  oauthClientId = stack.sandbox.googleOAuthClient.clientId;
  serviceAccount = `service-${oauthClientId.split('-')[0] ?? ''}@gcp-sa-gsuiteaddons.iam.gserviceaccount.com`;
}, 60_000);

afterAll(async () => {
  await stack.close();
});

async function eventObject(userIdToken?: string) {
  return {
    commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB', userLocale: 'fr-FR', timeZone: { id: 'Europe/Paris', offset: 3_600_000 } },
    authorizationEventObject: { systemIdToken: 'unused-here', ...(userIdToken === undefined ? {} : { userIdToken }) },
  };
}

async function post(url: string, systemToken: string | null, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(systemToken === null ? {} : { authorization: `Bearer ${systemToken}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const userToken = () => stack.sandbox.issueGoogleIdToken(person, { audience: oauthClientId });
const systemToken = (audience: string, claims?: Record<string, unknown>) =>
  stack.sandbox.issueAddOnSystemToken({ audience, serviceAccountEmail: serviceAccount, ...(claims === undefined ? {} : { claims }) });

describe('the Google Calendar add-on endpoints check who calls them', () => {
  it('answer the homepage trigger with a card when Google signs the request for that URL and names the person', async () => {
    const answer = await post(`${base}/home`, await systemToken(`${base}/home`), await eventObject(await userToken()));
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveProperty('action.navigations.0.pushCard.header');
  });

  it('refuse a request without the system ID token', async () => {
    const answer = await post(`${base}/home`, null, await eventObject(await userToken()));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'TOKEN_MISSING' });
  });

  it('refuse a system token issued for another endpoint (the audience is the URL called)', async () => {
    const answer = await post(`${base}/home`, await systemToken(`${base}/actions/home`), await eventObject(await userToken()));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'TOKEN_AUDIENCE' });
  });

  it('refuse an expired system token', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const answer = await post(`${base}/home`, await systemToken(`${base}/home`, { iat: past, exp: past + 3600 }), await eventObject(await userToken()));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuse a system token of another service account', async () => {
    const forged = await stack.sandbox.issueAddOnSystemToken({ audience: `${base}/home`, serviceAccountEmail: 'intruder@attacker.iam.gserviceaccount.com' });
    const answer = await post(`${base}/home`, forged, await eventObject(await userToken()));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'TOKEN_CLAIMS' });
  });

  it('refuse a system token whose signature was tampered with', async () => {
    const token = await systemToken(`${base}/home`);
    const [header, payload] = token.split('.');
    const answer = await post(`${base}/home`, `${header}.${payload}.${'A'.repeat(342)}`, await eventObject(await userToken()));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'TOKEN_SIGNATURE' });
  });

  it('refuse a request that does not say who the person is, or names someone outside the domain', async () => {
    const missing = await post(`${base}/home`, await systemToken(`${base}/home`), await eventObject());
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ code: 'TOKEN_MISSING' });
    const outsider = await stack.sandbox.issueGoogleIdToken(person, { audience: oauthClientId, claims: { hd: 'elsewhere.example' } });
    const foreign = await post(`${base}/home`, await systemToken(`${base}/home`), await eventObject(outsider));
    expect(foreign.status).toBe(401);
    expect(foreign.body).toMatchObject({ code: 'TENANT_NOT_ALLOWED' });
  });

  it('name the field of an event object Google would never send', async () => {
    const answer = await post(`${base}/home`, await systemToken(`${base}/home`), { commonEventObject: { hostApp: 'CALENDAR' }, authorizationEventObject: { systemIdToken: 'x' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'EVENT_OBJECT_INVALID', field: 'commonEventObject.platform' });
  });

  it('answer 404 for a tenant that has no add-on here', async () => {
    const answer = await post(`${stack.apiUrl}/gcal/nobody/home`, await systemToken(`${stack.apiUrl}/gcal/nobody/home`), await eventObject(await userToken()));
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'ADDON_NOT_FOUND', field: 'tenantId' });
  });
});
