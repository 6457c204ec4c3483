import { OAuth2Client } from 'google-auth-library';
import { decodeJwt } from 'jose';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuerKeys, type IssuerKeys } from '../../server/auth/keys.ts';
import { finishSignIn, openOidcClient, startSignIn, type OidcClient } from '../../server/auth/oidc.ts';
import { verifyAddOnSystemToken, verifyToken, type EntraTrust, type GoogleTrust } from '../../server/auth/verify.ts';
import { openSandbox, removeState, type SandboxClient } from './sandbox-harness.ts';

let client: SandboxClient;
let entraKeys: IssuerKeys;
let googleKeys: IssuerKeys;
const redirectUri = 'http://127.0.0.1:9/auth/callback';

beforeAll(async () => {
  client = await openSandbox();
  const ca = client.sandbox.ca.certPem;
  entraKeys = issuerKeys({ jwksUrl: client.sandbox.urls.jwks, caCertPem: ca });
  googleKeys = issuerKeys({ jwksUrl: `${client.sandbox.urls.origin}/oauth2/v3/certs`, caCertPem: ca });
});

afterAll(async () => {
  await entraKeys.close();
  await googleKeys.close();
  await client.close();
  await removeState(client.stateDir);
});

function entraTrust(hrPeople: string[]): EntraTrust {
  const { urls, credentials } = client.sandbox;
  return {
    platform: 'microsoft',
    tenantId: 'contoso',
    directoryTenantId: credentials.tenantId,
    issuerTemplate: `${urls.origin}/{tid}/v2.0`,
    audiences: [credentials.clientId],
    requiredScope: 'access_as_user',
    keys: entraKeys,
    hr: { people: hrPeople },
  };
}

function googleTrust(hrPeople: string[]): GoogleTrust {
  return {
    platform: 'google',
    tenantId: 'contoso',
    domain: 'contoso.example',
    issuers: [client.sandbox.urls.googleIssuer],
    audiences: [client.sandbox.googleOAuthClient.clientId],
    keys: googleKeys,
    hr: { people: hrPeople },
    automationEmail: null,
  };
}

/** Opens the demo sign-in page, checks it, and posts the pick of `email`; returns where the browser is sent back. */
async function pickOnDemoPage(authorizationUrl: URL, email: string, lang: 'fr' | 'en' = 'fr'): Promise<{ page: string; location: string }> {
  const pageUrl = new URL(authorizationUrl);
  if (lang === 'en') pageUrl.searchParams.set('lang', 'en');
  const page = await client.raw(pageUrl.toString());
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const userId = client.sandbox.userId(email);
  expect(page.text).toContain(`name="person" value="${userId ?? 'missing'}"`);
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  expect(action).toBe(authorizationUrl.pathname);
  const hidden = [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1] ?? '', (m[2] ?? '').replaceAll('&amp;', '&')]);
  const form = new URLSearchParams([...hidden, ['person', userId ?? '']]);
  const answer = await fetch(new URL(action ?? '', authorizationUrl).toString(), {
    method: 'POST',
    dispatcher: client.agent,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await answer.text();
  expect(answer.status).toBe(302);
  return { page: page.text, location: answer.headers.get('location') ?? '' };
}

describe('the Entra-like issuer: code flow with PKCE and the demo sign-in', () => {
  let oidc: OidcClient;
  beforeAll(async () => {
    oidc = await openOidcClient({
      issuer: client.sandbox.urls.issuer,
      clientId: client.sandbox.credentials.clientId,
      clientSecret: client.sandbox.credentials.clientSecret,
      caCertPem: client.sandbox.ca.certPem,
      scope: 'openid profile email',
      sandbox: true,
    });
  });
  afterAll(async () => oidc.close());

  it('signs a picked person in and returns an ID token openid-client and the service both verify', async () => {
    const { url, pending } = await startSignIn(oidc, redirectUri);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const { page, location } = await pickOnDemoPage(url, 'bruno.leroy@contoso.example');
    expect(page).toContain('lang="fr"');
    expect(page).toContain('Bac à sable : connexion de démonstration');
    const callback = new URL(location);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(pending.state);

    const idToken = await finishSignIn(oidc, callback, pending);
    const brunoId = client.sandbox.userId('bruno.leroy@contoso.example') ?? '';
    expect(decodeJwt(idToken)).toMatchObject({ tid: client.sandbox.credentials.tenantId, oid: brunoId, nonce: pending.nonce, ver: '2.0', preferred_username: 'bruno.leroy@contoso.example' });
    const verified = await verifyToken(idToken, [entraTrust([brunoId])], { use: 'id', audiences: [client.sandbox.credentials.clientId] });
    expect(verified).toMatchObject({ ok: true, identity: { tenantId: 'contoso', personId: brunoId, roles: ['hr', 'participant'] } });
  });

  it('says in English too that the page is the sandbox demo sign-in', async () => {
    const { url } = await startSignIn(oidc, redirectUri);
    const { page } = await pickOnDemoPage(url, 'ana.martin@contoso.example', 'en');
    expect(page).toContain('lang="en"');
    expect(page).toContain('Sandbox: demo sign-in. No password is asked');
  });

  it('refuses a wrong PKCE verifier and a code used twice', async () => {
    const { url, pending } = await startSignIn(oidc, redirectUri);
    const callback = new URL((await pickOnDemoPage(url, 'ana.martin@contoso.example')).location);
    await expect(finishSignIn(oidc, callback, { ...pending, codeVerifier: 'x'.repeat(43) })).rejects.toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/^AADSTS501481: /) });
    await expect(finishSignIn(oidc, callback, pending)).rejects.toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/^AADSTS70008: /) });
  });

  it('refuses to send a code anywhere but this machine, and requires PKCE', async () => {
    const { url } = await startSignIn(oidc, 'https://evil.example/callback');
    const page = await client.raw(url.toString());
    expect(page.status).toBe(400);
    const noPkce = new URL(url);
    noPkce.searchParams.set('redirect_uri', redirectUri);
    noPkce.searchParams.delete('code_challenge');
    const refused = await fetch(noPkce.toString(), { dispatcher: client.agent, redirect: 'manual' });
    expect(new URL(refused.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });
});

describe('the Google-like issuer', () => {
  it('signs a person in by the code flow and returns a Google-shaped ID token (sub, email, hd)', async () => {
    const oidc = await openOidcClient({
      issuer: client.sandbox.urls.googleIssuer,
      clientId: client.sandbox.googleOAuthClient.clientId,
      clientSecret: client.sandbox.googleOAuthClient.clientSecret,
      caCertPem: client.sandbox.ca.certPem,
      scope: 'openid email profile',
      sandbox: true,
    });
    try {
      const { url, pending } = await startSignIn(oidc, redirectUri);
      const idToken = await finishSignIn(oidc, new URL((await pickOnDemoPage(url, 'dev.thapa@contoso.example')).location), pending);
      const claims = decodeJwt(idToken);
      expect(claims).toMatchObject({ iss: client.sandbox.urls.googleIssuer, aud: client.sandbox.googleOAuthClient.clientId, email: 'dev.thapa@contoso.example', email_verified: true, hd: 'contoso.example' });
      expect(claims.sub).toMatch(/^\d{21}$/);
      const verified = await verifyToken(idToken, [googleTrust([])], { use: 'id' });
      expect(verified).toMatchObject({ ok: true, identity: { personId: claims.sub, roles: ['participant'] } });
    } finally {
      await oidc.close();
    }
  });

  it('serves its keys as PEM that google-auth-library verifies ID tokens and add-on system tokens with', async () => {
    const pem = JSON.parse((await client.raw(`${client.sandbox.urls.origin}/oauth2/v1/certs`)).text) as Record<string, string>;
    const google = new OAuth2Client();
    const idToken = await client.sandbox.issueGoogleIdToken('u1', { audience: client.sandbox.googleOAuthClient.clientId });
    const ticket = await google.verifySignedJwtWithCertsAsync(idToken, pem, client.sandbox.googleOAuthClient.clientId, [client.sandbox.urls.googleIssuer]);
    expect(ticket.getPayload()).toMatchObject({ email: 'ana.martin@contoso.example', hd: 'contoso.example' });

    const endpoint = 'https://127.0.0.1:8443/gcal/addon';
    const serviceAccountEmail = 'service-123456789012@gcp-sa-gsuiteaddons.iam.gserviceaccount.com';
    const system = await client.sandbox.issueAddOnSystemToken({ audience: endpoint, serviceAccountEmail });
    const systemTicket = await google.verifySignedJwtWithCertsAsync(system, pem, endpoint, [client.sandbox.urls.googleIssuer]);
    expect(systemTicket.getPayload()).toMatchObject({ email: serviceAccountEmail, email_verified: true });
    const trust = { issuers: [client.sandbox.urls.googleIssuer], keys: googleKeys, audience: endpoint, serviceAccountEmail };
    expect(await verifyAddOnSystemToken(system, trust)).toEqual({ ok: true });
    expect(await verifyAddOnSystemToken(system, { ...trust, audience: 'https://127.0.0.1:8443/other' })).toMatchObject({ ok: false, failure: { code: 'TOKEN_AUDIENCE' } });
  });
});

describe('sandbox-only demo tokens', () => {
  it('issues a one-hour access token for a named person to the app holding the secret, and nobody else', async () => {
    const { clientId, clientSecret } = client.sandbox.credentials;
    const ask = (secret: string) =>
      client.raw(client.sandbox.urls.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:binome:sandbox:demo-user', client_id: clientId, client_secret: secret, username: 'eve.moreau@contoso.example' }).toString(),
      });
    expect((await ask('wrong')).status).toBe(401);
    const answer = JSON.parse((await ask(clientSecret)).text) as { access_token: string; expires_in: number };
    expect(answer.expires_in).toBe(3600);
    const verified = await verifyToken(answer.access_token, [entraTrust([])], { use: 'access' });
    expect(verified).toMatchObject({ ok: true, identity: { personId: client.sandbox.userId('u7'), roles: ['participant'] } });
  });
});
