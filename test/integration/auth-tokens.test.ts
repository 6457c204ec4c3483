import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDemoTokenCommand } from '../../server/cli/demo-token.ts';
import { TenantFixture } from '../../src/model/fixture.ts';
import { sandboxTenantConfig } from '../../server/providers/registry.ts';
import { startService, type Service } from '../../server/runtime/service.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';
import { openSandbox, removeState, sandboxFixture, type SandboxClient } from './sandbox-harness.ts';

let client: SandboxClient;
let stranger: SandboxHandle;
let strangerDir: string;
let service: Service;
let api: string;
const hrEmail = 'eve.moreau@contoso.example';
const participantEmail = 'ana.martin@contoso.example';
const cohort = { name: 'Pilote', format: 'classic', sessions: 2, sessionMinutes: 45, start: '2027-01-11', weeks: 8 };

beforeAll(async () => {
  client = await openSandbox();
  strangerDir = await mkdtemp(join(tmpdir(), 'binome-stranger-'));
  const fabrikam = TenantFixture.parse({ ...sandboxFixture(), tenant: { id: 'fabrikam', name: 'Fabrikam', domain: 'fabrikam.example', platform: 'microsoft' } });
  stranger = await startSandbox({ fixture: fabrikam, stateDir: strangerDir });
  // The sandbox tenant configured as a real one would be, with Eve named HR by her directory id.
  const config = sandboxTenantConfig(client.sandbox, { id: 'contoso', name: 'Contoso', domain: 'contoso.example', platform: 'microsoft' });
  service = await startService({
    tenants: [{ ...config, hr: { people: [client.sandbox.userId(hrEmail) ?? ''] } }],
    databaseUrl: null,
    dataDir: null,
    clockStart: '2027-01-04T08:00:00Z',
    workers: 0,
    logLevel: 'silent',
  });
  api = service.apiUrl;
});

afterAll(async () => {
  await service.close();
  await stranger.close();
  await client.close();
  await removeState(client.stateDir);
  await rm(strangerDir, { recursive: true, force: true });
});

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const response = await fetch(`${api}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text !== '' && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as Record<string, unknown> };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens on the admin API', () => {
  it('lets an HR person in, keyed on their directory id', async () => {
    const token = await client.sandbox.issueUserToken(hrEmail);
    expect(await call('POST', '/api/admin/cohorts', bearer(token), cohort)).toMatchObject({ status: 201, body: { name: 'Pilote' } });
    expect((await call('GET', '/api/admin/cohorts', bearer(token))).status).toBe(200);
    const me = await call('GET', '/api/me/session', bearer(token));
    expect(me.body).toMatchObject({ tenantId: 'contoso', personId: client.sandbox.userId(hrEmail), roles: ['hr', 'participant'], via: 'bearer', csrfToken: null });
  });

  it('lets automation in with an app token carrying the Binome.HR app role (client credentials for the API)', async () => {
    const { clientId, clientSecret } = client.sandbox.credentials;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: `api://${clientId}/.default` });
    const token = JSON.parse((await client.raw(client.sandbox.urls.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })).text) as { access_token: string };
    expect((await call('GET', '/api/admin/cohorts', bearer(token.access_token))).status).toBe(200);
  });

  const refusals: [string, () => Promise<string>, number, string][] = [
    [
      'a forged signature',
      async () => {
        const [header, , signature] = (await client.sandbox.issueUserToken(participantEmail)).split('.');
        const hrPayload = (await client.sandbox.issueUserToken(hrEmail)).split('.')[1];
        return `${header}.${hrPayload}.${signature}`;
      },
      401,
      'TOKEN_SIGNATURE',
    ],
    [
      'alg none',
      async () => {
        const payload = (await client.sandbox.issueUserToken(hrEmail)).split('.')[1];
        return `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      },
      401,
      'TOKEN_ALGORITHM',
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const payload = (await client.sandbox.issueUserToken(hrEmail)).split('.')[1];
        const jwks = JSON.parse((await client.raw(client.sandbox.urls.jwks)).text) as { keys: { kid: string }[] };
        const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: jwks.keys[0]?.kid })}.${payload}`;
        return `${input}.${createHmac('sha256', JSON.stringify(jwks.keys[0])).update(input).digest('base64url')}`;
      },
      401,
      'TOKEN_ALGORITHM',
    ],
    ['an expired token', () => client.sandbox.issueUserToken(hrEmail, { claims: { exp: Math.floor(Date.now() / 1000) - 600 } }), 401, 'TOKEN_EXPIRED'],
    ['a token not valid yet', () => client.sandbox.issueUserToken(hrEmail, { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }), 401, 'TOKEN_NOT_YET_VALID'],
    ['a token for another audience', () => client.sandbox.issueUserToken(hrEmail, { audience: 'https://graph.microsoft.com' }), 401, 'TOKEN_AUDIENCE'],
    ['a token from another issuer', () => client.sandbox.issueUserToken(hrEmail, { claims: { iss: `https://login.microsoftonline.com/${client.sandbox.credentials.tenantId}/v2.0` } }), 401, 'TOKEN_ISSUER'],
    [
      "another directory tenant's token from the same issuer and keys",
      () => client.sandbox.issueUserToken(hrEmail, { claims: { tid: stranger.credentials.tenantId, iss: `${client.sandbox.urls.origin}/${stranger.credentials.tenantId}/v2.0` } }),
      401,
      'TENANT_NOT_ALLOWED',
    ],
    ["another sandbox tenant's own token", () => stranger.issueUserToken('u7'), 401, 'TOKEN_ISSUER'],
    ["a participant's token", () => client.sandbox.issueUserToken(participantEmail), 403, 'ROLE_REQUIRED'],
  ];

  for (const [what, mint, status, code] of refusals) {
    it(`refuses ${what} with ${status} ${code}`, async () => {
      const answer = await call('GET', '/api/admin/cohorts', bearer(await mint()));
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ code, message: expect.any(String), field: null });
      if (status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="binome", error="invalid_token"/);
    });
  }

  it('answers 401 with a bare challenge when no credential comes at all', async () => {
    const answer = await call('GET', '/api/admin/cohorts');
    expect(answer).toMatchObject({ status: 401, body: { code: 'TOKEN_MISSING' } });
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="binome"');
  });
});

/** Cookies a browser would keep, by name. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair !== undefined && at > 0) this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): Record<string, string> {
    return this.#cookies.size === 0 ? {} : { cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }
}

/** The whole pane sign-in, as a browser does it: login, the sandbox's demo page, the pick, the callback. */
async function signIn(email: string, jar: CookieJar): Promise<string> {
  const login = await fetch(`${api}/auth/login?returnTo=/admin`, { redirect: 'manual' });
  jar.take(login.headers as unknown as Headers);
  await login.text();
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get('location') ?? '');
  expect(authorize.origin).toBe(client.sandbox.urls.origin);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const page = await client.raw(authorize.toString());
  expect(page.text).toContain('connexion de démonstration');
  const form = new URLSearchParams(authorize.searchParams);
  form.set('person', client.sandbox.userId(email) ?? '');
  const picked = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    dispatcher: client.agent,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await picked.text();
  const callback = picked.headers.get('location') ?? '';
  expect(callback.startsWith(`${api}/auth/callback?`)).toBe(true);
  const back = await fetch(callback, { redirect: 'manual', headers: jar.header() });
  jar.take(back.headers as unknown as Headers);
  await back.text();
  expect(back.status).toBe(302);
  expect(back.headers.get('location')).toBe('/admin');
  const session = await call('GET', '/api/me/session', jar.header());
  jar.take(session.headers as unknown as Headers);
  expect(session.status).toBe(200);
  return String(session.body['csrfToken']);
}

describe('the pane: sign-in by code flow with PKCE, cookie session, CSRF', () => {
  it('signs HR in through the sandbox demo page and says who they are', async () => {
    const jar = new CookieJar();
    const csrf = await signIn(hrEmail, jar);
    expect(csrf.length).toBeGreaterThan(10);
    const me = await call('GET', '/api/me/session', jar.header());
    expect(me.body).toMatchObject({ tenantId: 'contoso', personId: client.sandbox.userId(hrEmail), roles: ['hr', 'participant'], name: 'Eve Moreau', via: 'session' });
    expect((await call('GET', '/api/admin/cohorts', jar.header())).status).toBe(200);
  });

  it('sets the session cookie secure, httpOnly and SameSite=Lax', async () => {
    const login = await fetch(`${api}/auth/login`, { redirect: 'manual' });
    await login.text();
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('binome_session=')) ?? '';
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
  });

  it('accepts a cookie-authenticated change only with the CSRF token and from its own origin', async () => {
    const jar = new CookieJar();
    const csrf = await signIn(hrEmail, jar);
    const without = await call('POST', '/api/admin/cohorts', { ...jar.header(), origin: api }, cohort);
    expect(without).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED', field: null } });
    const wrong = await call('POST', '/api/admin/cohorts', { ...jar.header(), origin: api, 'x-csrf-token': `${csrf}x` }, cohort);
    expect(wrong).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    const foreign = await call('POST', '/api/admin/cohorts', { ...jar.header(), origin: 'https://evil.example', 'x-csrf-token': csrf }, cohort);
    expect(foreign).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    const noOrigin = await call('POST', '/api/admin/cohorts', { ...jar.header(), 'x-csrf-token': csrf }, cohort);
    expect(noOrigin.status).toBe(403);
    const good = await call('POST', '/api/admin/cohorts', { ...jar.header(), origin: api, 'x-csrf-token': csrf }, cohort);
    expect(good).toMatchObject({ status: 201, body: { name: 'Pilote' } });
  });

  it('keeps a participant who signed in out of the admin API', async () => {
    const jar = new CookieJar();
    await signIn(participantEmail, jar);
    expect((await call('GET', '/api/admin/cohorts', jar.header())).body).toMatchObject({ code: 'ROLE_REQUIRED' });
  });

  it('refuses a callback this browser did not start, and signs out only with the CSRF token', async () => {
    const stray = await call('GET', '/auth/callback?code=abc&state=def');
    expect(stray).toMatchObject({ status: 401, body: { code: 'SIGN_IN_FAILED' } });
    const jar = new CookieJar();
    const csrf = await signIn(hrEmail, jar);
    expect((await call('POST', '/auth/logout', { ...jar.header(), origin: api })).status).toBe(403);
    const out = await fetch(`${api}/auth/logout`, { method: 'POST', headers: { ...jar.header(), origin: api, 'x-csrf-token': csrf } });
    await out.text();
    expect(out.status).toBe(204);
    jar.take(out.headers as unknown as Headers);
    expect((await call('GET', '/api/me/session', jar.header())).status).toBe(401);
  });
});

describe('a sign-in that fails at the callback', () => {
  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it('shows a browser a page in its language that says what happened and offers to sign in again; a JSON client keeps the error body', async () => {
    const fr = await call('GET', '/auth/callback?code=abc&state=def', { ...browser, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' });
    expect(fr.status).toBe(401);
    expect(fr.headers.get('content-type')).toContain('text/html');
    const page = String(fr.body);
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('La connexion n’a pas abouti');
    expect(page).toContain('a expiré, a déjà servi, ou a été commencée dans un autre navigateur');
    expect(page).toContain('href="/auth/login?returnTo=%2Fadmin%2F">Se connecter à nouveau</a>');
    expect(page).toContain('SIGN_IN_FAILED');

    const en = await call('GET', '/auth/callback?code=abc&state=def', { ...browser, 'accept-language': 'en-GB,en;q=0.9' });
    expect(String(en.body)).toContain('Signing in did not work');
    expect(String(en.body)).toContain('>Sign in again</a>');
    // No language asked: French.
    expect(String((await call('GET', '/auth/callback?code=abc', browser)).body)).toContain('<html lang="fr">');

    const json = await call('GET', '/auth/callback?code=abc&state=def', { accept: 'application/json' });
    expect(json).toMatchObject({ status: 401, body: { code: 'SIGN_IN_FAILED', field: null } });
  });

  it('says the identity provider refused, naming its error, and brings the person back where they were going', async () => {
    const jar = new CookieJar();
    const login = await fetch(`${api}/auth/login?returnTo=/admin/%23cohorts`, { redirect: 'manual' });
    jar.take(login.headers as unknown as Headers);
    await login.text();
    const refused = await call('GET', '/auth/callback?error=access_denied&error_description=the+user+cancelled', { ...browser, ...jar.header(), 'accept-language': 'en' });
    expect(refused.status).toBe(401);
    const page = String(refused.body);
    expect(page).toContain('The identity provider refused the sign-in (access_denied).');
    expect(page).toContain('the user cancelled');
    expect(page).toContain('href="/auth/login?returnTo=%2Fadmin%2F%23cohorts"');
    // The way back in works: it starts a new sign-in at the tenant's identity provider.
    const again = await fetch(`${api}/auth/login?returnTo=%2Fadmin%2F%23cohorts`, { redirect: 'manual' });
    await again.text();
    expect(again.status).toBe(302);
  });
});

describe('demo tokens', () => {
  it('hands a sandbox tenant HR a one-hour token that the admin API accepts', async () => {
    const answer = await call('POST', '/auth/demo-token', {}, { role: 'hr' });
    expect(answer).toMatchObject({ status: 200, body: { tenantId: 'contoso', expiresIn: 3600 } });
    expect((await call('GET', '/api/admin/cohorts', bearer(String(answer.body['token'])))).status).toBe(200);
    const participant = await call('POST', '/auth/demo-token', {}, { as: participantEmail });
    expect((await call('GET', '/api/admin/cohorts', bearer(String(participant.body['token'])))).status).toBe(403);
  });

  it('prints one line from the demo-token command: a token the admin API takes as HR', async () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = await runDemoTokenCommand(['--role', 'hr', '--api', api]);
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(0);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect((await call('GET', '/api/admin/cohorts', bearer(printed[0]?.trim() ?? ''))).status).toBe(200);
  });

  it('refuses demo tokens for a tenant that is not a sandbox tenant', async () => {
    const config = sandboxTenantConfig(client.sandbox, { id: 'contoso', name: 'Contoso', domain: 'contoso.example', platform: 'microsoft' });
    const real = await startService({ tenants: [{ ...config, sandbox: false }], databaseUrl: null, dataDir: null, clockStart: null, workers: 0, logLevel: 'silent' });
    try {
      const answer = await fetch(`${real.apiUrl}/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: hrEmail }) });
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ code: 'DEMO_ONLY' });
    } finally {
      await real.close();
    }
  });
});
