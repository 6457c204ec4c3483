import { createHmac } from 'node:crypto';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuerKeys } from '../../server/auth/keys.ts';
import { verifyAddOnSystemToken, verifyToken, type EntraTrust, type GoogleTrust } from '../../server/auth/verify.ts';

const now = new Date('2027-01-04T08:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const tid = '5f1c4d0e-1111-4c2b-9a55-0a1b2c3d4e5f';
const otherTid = '9e8d7c6b-2222-4a1b-8c7d-6e5f4a3b2c1d';
const apiAppId = '6a0b1c2d-3333-4e4f-8a9b-0c1d2e3f4a5b';
const hrOid = 'aaaaaaaa-0000-4000-8000-000000000001';
const mentorOid = 'aaaaaaaa-0000-4000-8000-000000000002';
const authorityOrigin = 'https://login.example.test';

let privateKey: CryptoKey;
let publicJwk: JWK;
let publicPem: string;
let strangerKey: CryptoKey;
let entra: EntraTrust;
let google: GoogleTrust;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  publicPem = await exportSPKI(pair.publicKey);
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const keys = issuerKeys({ keys: { keys: [publicJwk] } });
  entra = {
    platform: 'microsoft',
    tenantId: 'contoso',
    directoryTenantId: tid,
    issuerTemplate: `${authorityOrigin}/{tid}/v2.0`,
    audiences: [apiAppId],
    requiredScope: 'access_as_user',
    keys,
    hr: { people: [hrOid] },
  };
  google = { platform: 'google', tenantId: 'fabrikam', domain: 'fabrikam.example', issuers: ['https://accounts.google.com', 'accounts.google.com'], audiences: ['client-1.apps.example'], keys, hr: { people: ['110000000000000000001'] }, automationEmail: 'binome@fabrikam-binome.iam.gserviceaccount.com' };
});

function entraClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: `${authorityOrigin}/${tid}/v2.0`,
    aud: apiAppId,
    tid,
    oid: hrOid,
    sub: 'pairwise-subject',
    scp: 'access_as_user',
    ver: '2.0',
    name: 'Hélène RH',
    preferred_username: 'helene@contoso.example',
    iat: nowSeconds - 60,
    nbf: nowSeconds - 60,
    exp: nowSeconds + 3600,
    ...overrides,
  };
}

function sign(claims: JWTPayload, key: CryptoKey = privateKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' }).sign(key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(token: string, trusts = [entra, google]) {
  const result = await verifyToken(token, trusts, { use: 'access', currentDate: now });
  return result.ok ? 'accepted' : result.failure.code;
}

describe('bearer token verification', () => {
  it('accepts an Entra v2 access token and keys the person on oid, with the HR role from configuration', async () => {
    const result = await verifyToken(await sign(entraClaims()), [entra], { use: 'access', currentDate: now });
    expect(result).toMatchObject({ ok: true, identity: { tenantId: 'contoso', personId: hrOid, roles: ['hr', 'participant'], kind: 'user', name: 'Hélène RH' } });
  });

  it('gives a person not named in hr.people the participant role only, whatever their email says', async () => {
    const token = await sign(entraClaims({ oid: mentorOid, preferred_username: 'helene@contoso.example', name: 'Hélène RH' }));
    const result = await verifyToken(token, [entra], { use: 'access', currentDate: now });
    expect(result).toMatchObject({ ok: true, identity: { personId: mentorOid, roles: ['participant'] } });
  });

  it('makes an app-only token HR only when it carries the Binome.HR app role', async () => {
    const app = entraClaims({ scp: undefined, oid: 'sp-1', roles: ['Binome.HR'] });
    expect(await verifyToken(await sign(app), [entra], { use: 'access', currentDate: now })).toMatchObject({ ok: true, identity: { kind: 'app', roles: ['hr'] } });
    const plain = entraClaims({ scp: undefined, oid: 'sp-1', roles: ['Something.Else'] });
    expect(await verifyToken(await sign(plain), [entra], { use: 'access', currentDate: now })).toMatchObject({ ok: true, identity: { kind: 'app', roles: [] } });
  });

  it('refuses a token signed by another key', async () => {
    expect(await refusal(await sign(entraClaims(), strangerKey))).toBe('TOKEN_SIGNATURE');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(entraClaims({ oid: mentorOid }))).split('.');
    expect(await refusal(`${header}.${b64(entraClaims())}.${signature}`)).toBe('TOKEN_SIGNATURE');
  });

  it('refuses alg none and an HS256 token keyed with the public key', async () => {
    expect(await refusal(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(entraClaims())}.`)).toBe('TOKEN_ALGORITHM');
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64(entraClaims())}`;
    for (const secret of [publicPem, JSON.stringify(publicJwk)]) {
      const mac = createHmac('sha256', secret).update(signingInput).digest('base64url');
      expect(await refusal(`${signingInput}.${mac}`)).toBe('TOKEN_ALGORITHM');
    }
  });

  it('refuses a token past its expiry beyond two minutes of skew, and accepts one inside the skew', async () => {
    expect(await refusal(await sign(entraClaims({ exp: nowSeconds - 121 })))).toBe('TOKEN_EXPIRED');
    expect(await refusal(await sign(entraClaims({ exp: nowSeconds - 60 })))).toBe('accepted');
  });

  it('refuses a token not valid yet, or issued in the future', async () => {
    expect(await refusal(await sign(entraClaims({ nbf: nowSeconds + 600 })))).toBe('TOKEN_NOT_YET_VALID');
    expect(await refusal(await sign(entraClaims({ iat: nowSeconds + 600, nbf: undefined })))).toBe('TOKEN_NOT_YET_VALID');
  });

  it('refuses a token without an expiry', async () => {
    expect(await refusal(await sign(entraClaims({ exp: undefined })))).toBe('TOKEN_CLAIMS');
  });

  it('refuses another audience, such as a Graph token', async () => {
    expect(await refusal(await sign(entraClaims({ aud: 'https://graph.microsoft.com' })))).toBe('TOKEN_AUDIENCE');
  });

  it('refuses an issuer that is not the tenant template filled with the token tid', async () => {
    expect(await refusal(await sign(entraClaims({ iss: `${authorityOrigin}/${otherTid}/v2.0` })))).toBe('TOKEN_ISSUER');
    expect(await refusal(await sign(entraClaims({ iss: `https://sts.windows.net/${tid}/` })))).toBe('TOKEN_ISSUER');
    expect(await refusal(await sign(entraClaims({ iss: `${authorityOrigin}/${tid}/v2.0/` })))).toBe('TOKEN_ISSUER');
  });

  it("refuses another directory tenant's token, even when it is well signed", async () => {
    expect(await refusal(await sign(entraClaims({ tid: otherTid, iss: `${authorityOrigin}/${otherTid}/v2.0` })))).toBe('TENANT_NOT_ALLOWED');
  });

  it('refuses a delegated token without the required scope, and a v1 token', async () => {
    expect(await refusal(await sign(entraClaims({ scp: 'User.Read' })))).toBe('TOKEN_CLAIMS');
    expect(await refusal(await sign(entraClaims({ ver: '1.0' })))).toBe('TOKEN_CLAIMS');
  });

  it('refuses garbage and an empty token', async () => {
    expect(await refusal('not.a.jwt')).toBe('TOKEN_MALFORMED');
    expect(await refusal('')).toBe('TOKEN_MISSING');
  });
});

describe('a token seen again', () => {
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('is refused once it has expired, though it was accepted before', async () => {
    const token = await sign(entraClaims({ oid: mentorOid, exp: nowSeconds + 600 }));
    expect(await verifyToken(token, [entra], { use: 'access', currentDate: now })).toMatchObject({ ok: true });
    expect(await verifyToken(token, [entra], { use: 'access', currentDate: later(300) })).toMatchObject({ ok: true, identity: { personId: mentorOid } });
    expect(await verifyToken(token, [entra], { use: 'access', currentDate: later(600 + 121) })).toMatchObject({ ok: false, failure: { code: 'TOKEN_EXPIRED' } });
  });

  it('is checked again against the keys of a service that trusts the same issuer with other keys', async () => {
    const token = await sign(entraClaims({ oid: mentorOid, name: 'Seen before' }));
    expect(await verifyToken(token, [entra], { use: 'access', currentDate: now })).toMatchObject({ ok: true });
    const strangerJwk = { ...(await exportJWK((await generateKeyPair('RS256')).publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const elsewhere: EntraTrust = { ...entra, keys: issuerKeys({ keys: { keys: [strangerJwk] } }) };
    expect(await refusal(token, [elsewhere])).toBe('TOKEN_SIGNATURE');
  });

  it('is checked again for another audience, and before the moment it was first accepted', async () => {
    const token = await sign(entraClaims({ oid: mentorOid, name: 'Seen twice', nbf: nowSeconds + 60 }));
    expect(await verifyToken(token, [entra], { use: 'access', currentDate: later(60) })).toMatchObject({ ok: true });
    expect(await verifyToken(token, [entra], { use: 'id', audiences: ['pane-client'], currentDate: later(60) })).toMatchObject({ ok: false, failure: { code: 'TOKEN_AUDIENCE' } });
    expect(await verifyToken(token, [entra], { use: 'access', currentDate: later(-200) })).toMatchObject({ ok: false, failure: { code: 'TOKEN_NOT_YET_VALID' } });
  });
});

describe('Google ID tokens', () => {
  const googleClaims = (overrides: JWTPayload = {}): JWTPayload => ({
    iss: 'https://accounts.google.com',
    aud: 'client-1.apps.example',
    azp: 'client-1.apps.example',
    sub: '110000000000000000001',
    email: 'rh@fabrikam.example',
    email_verified: true,
    hd: 'fabrikam.example',
    iat: nowSeconds - 10,
    exp: nowSeconds + 3600,
    ...overrides,
  });

  it('accepts both issuer spellings and keys the person on sub within the hd domain', async () => {
    for (const iss of ['https://accounts.google.com', 'accounts.google.com']) {
      const result = await verifyToken(await sign(googleClaims({ iss })), [entra, google], { use: 'id', currentDate: now });
      expect(result).toMatchObject({ ok: true, identity: { tenantId: 'fabrikam', personId: '110000000000000000001', roles: ['hr', 'participant'] } });
    }
  });

  it('refuses a token from another Workspace domain or a personal account', async () => {
    expect(await refusal(await sign(googleClaims({ hd: 'other.example' })))).toBe('TENANT_NOT_ALLOWED');
    expect(await refusal(await sign(googleClaims({ hd: undefined })))).toBe('TENANT_NOT_ALLOWED');
  });

  it('does not make someone HR because their email looks like an HR email', async () => {
    const result = await verifyToken(await sign(googleClaims({ sub: '110000000000000000009' })), [google], { use: 'id', currentDate: now });
    expect(result).toMatchObject({ ok: true, identity: { roles: ['participant'] } });
  });
});

describe("Binome's own service account on Google", () => {
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    iss: 'https://accounts.google.com',
    aud: 'client-1.apps.example',
    sub: '104000000000000000007',
    email: 'binome@fabrikam-binome.iam.gserviceaccount.com',
    email_verified: true,
    iat: nowSeconds - 10,
    exp: nowSeconds + 3600,
    ...overrides,
  });

  it('is the tenant automation, as HR', async () => {
    expect(await verifyToken(await sign(claims()), [entra, google], { use: 'access', currentDate: now })).toMatchObject({ ok: true, identity: { tenantId: 'fabrikam', kind: 'app', roles: ['hr'] } });
  });

  it('refuses another service account and an unverified email', async () => {
    expect(await refusal(await sign(claims({ email: 'someone@other.iam.gserviceaccount.com' })))).toBe('TENANT_NOT_ALLOWED');
    expect(await refusal(await sign(claims({ email_verified: false })))).toBe('TOKEN_CLAIMS');
  });
});

describe('Workspace add-on system ID tokens', () => {
  const endpoint = 'https://binome.example/gcal/addon';
  const serviceAccountEmail = 'service-123456789@gcp-sa-gsuiteaddons.iam.gserviceaccount.com';
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    iss: 'https://accounts.google.com',
    aud: endpoint,
    azp: '1234567890',
    sub: '1234567890',
    email: serviceAccountEmail,
    email_verified: true,
    iat: nowSeconds - 10,
    exp: nowSeconds + 3600,
    ...overrides,
  });
  const check = async (token: string) => {
    const result = await verifyAddOnSystemToken(token, { issuers: google.issuers, keys: google.keys, audience: endpoint, serviceAccountEmail }, now);
    return result.ok ? 'accepted' : result.failure.code;
  };

  it("accepts Google's token for this endpoint from the add-on's service account", async () => {
    expect(await check(await sign(claims()))).toBe('accepted');
  });

  it('refuses another endpoint, another service account, or an unverified email', async () => {
    expect(await check(await sign(claims({ aud: 'https://elsewhere.example/addon' })))).toBe('TOKEN_AUDIENCE');
    expect(await check(await sign(claims({ email: 'someone@gmail.com' })))).toBe('TOKEN_CLAIMS');
    expect(await check(await sign(claims({ email_verified: false })))).toBe('TOKEN_CLAIMS');
  });
});
