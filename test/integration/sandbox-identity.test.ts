import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, removeState, type SandboxClient } from './sandbox-harness.ts';

let client: SandboxClient;

beforeAll(async () => {
  client = await openSandbox();
});

afterAll(async () => {
  await client.close();
  await removeState(client.stateDir);
});

async function token(fields: Record<string, string>) {
  const response = await client.raw(client.sandbox.urls.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
}

const graphScope = 'https://graph.microsoft.com/.default';

describe('the Entra ID facade', () => {
  it('serves the OpenID configuration and keys msal-node reads', async () => {
    const { urls, credentials } = client.sandbox;
    const config = JSON.parse((await client.raw(`${urls.authority}/v2.0/.well-known/openid-configuration`)).text) as Record<string, string>;
    expect(config['token_endpoint']).toBe(urls.tokenEndpoint);
    expect(config['issuer']).toBe(urls.issuer);
    expect(config['jwks_uri']).toBe(urls.jwks);
    const keys = JSON.parse((await client.raw(urls.jwks)).text) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(keys.keys[0]?.kty).toBe('RSA');
    expect(keys.keys[0]?.d).toBeUndefined();
    const discovery = JSON.parse((await client.raw(`${urls.origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${urls.authority}/oauth2/v2.0/authorize`)}`)).text) as Record<string, unknown>;
    expect(discovery['tenant_discovery_endpoint']).toBe(`${urls.origin}/${credentials.tenantId}/v2.0/.well-known/openid-configuration`);
  });

  it('issues an RS256 access token for client credentials with expires_in 3599', async () => {
    const { clientId, clientSecret } = client.sandbox.credentials;
    const answer = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: graphScope });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const header = JSON.parse(Buffer.from(String(answer.body['access_token']).split('.')[0] ?? '', 'base64url').toString()) as { alg: string };
    expect(header.alg).toBe('RS256');
  });

  it('refuses a wrong secret with 401 invalid_client and an AADSTS description', async () => {
    const answer = await token({ grant_type: 'client_credentials', client_id: client.sandbox.credentials.clientId, client_secret: 'nope', scope: graphScope });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(String(answer.body['error_description'])).toMatch(/^AADSTS7000215: /);
    expect(answer.body['trace_id']).toEqual(expect.any(String));
    expect(answer.body['correlation_id']).toEqual(expect.any(String));
    expect(answer.body['timestamp']).toEqual(expect.any(String));
  });

  it('refuses an unknown client, a scope without /.default and an unknown tenant with 400', async () => {
    const { clientId, clientSecret } = client.sandbox.credentials;
    const unknownClient = await token({ grant_type: 'client_credentials', client_id: '00000000-0000-0000-0000-000000000001', client_secret: clientSecret, scope: graphScope });
    expect(unknownClient).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [700016] } });
    const badScope = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'https://graph.microsoft.com/User.Read' });
    expect(badScope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    const response = await client.raw(`${client.sandbox.urls.origin}/fabrikam/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: graphScope }).toString(),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ error_codes: [90002] });
  });

  it('exchanges a user token signed by the sandbox issuer on behalf of that user, and refuses a forged one', async () => {
    const { clientId, clientSecret } = client.sandbox.credentials;
    const assertion = await client.sandbox.issueUserToken('ana.martin@contoso.example');
    const base = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', client_id: clientId, client_secret: clientSecret, scope: `${graphScope} offline_access` };
    const answer = await token({ ...base, assertion });
    expect(answer.status).toBe(200);
    expect(answer.body['scope']).toContain('Calendars.ReadWrite');
    const delegated = String(answer.body['access_token']);
    const own = await client.raw(`${client.sandbox.urls.graph}/users/ana.martin@contoso.example/mailboxSettings`, { headers: { authorization: `Bearer ${delegated}` } });
    expect(own.status).toBe(200);
    const other = await client.raw(`${client.sandbox.urls.graph}/users/bruno.leroy@contoso.example/events`, { headers: { authorization: `Bearer ${delegated}` } });
    expect(other.status).toBe(403);
    const me = await client.raw(`${client.sandbox.urls.graph}/me/mailboxSettings`, { headers: { authorization: `Bearer ${delegated}` } });
    expect(JSON.parse(me.text)).toMatchObject({ timeZone: 'Romance Standard Time' });
    const batch = await client.raw(`${client.sandbox.urls.graph}/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${delegated}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/me?$select=mail' }] }),
    });
    expect(JSON.parse(batch.text)).toMatchObject({ responses: [{ id: '1', status: 200, body: { mail: 'ana.martin@contoso.example' } }] });
    const appOnly = await client.graph('GET', '/me');
    expect(appOnly.status).toBe(400);

    const parts = assertion.split('.');
    const forged = `${parts[0]}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString()), oid: 'someone-else' })).toString('base64url')}.${parts[2]}`;
    expect(await token({ ...base, assertion: forged })).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50013] } });
    const expired = await client.sandbox.issueUserToken('ana.martin@contoso.example', { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } });
    expect(await token({ ...base, assertion: expired })).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [500133] } });
  });
});

describe('Graph authentication', () => {
  it('answers 401 InvalidAuthenticationToken without a bearer token', async () => {
    const response = await client.raw(`${client.sandbox.urls.graph}/users`);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
  });

  it('answers 401 to a token whose audience is not Graph', async () => {
    const userToken = await client.sandbox.issueUserToken('ana.martin@contoso.example');
    const response = await client.raw(`${client.sandbox.urls.graph}/users`, { headers: { authorization: `Bearer ${userToken}` } });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });
});
