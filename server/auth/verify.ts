import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthFailure } from './errors.ts';
import type { IssuerKeys } from './keys.ts';
import { personRoles, type HrPolicy } from './roles.ts';
import { tokenCache } from './token-cache.ts';
import { AddOnSystemClaims, EntraAccessClaims, GoogleIdClaims, hrAppRole, type Identity } from './schema.ts';

/** Clock skew tolerated on `exp`, `nbf` and `iat`. */
export const clockSkewSeconds = 120;

/** Only RS256: never `none`, never an HMAC whose secret could be a public key. */
const algorithms = ['RS256'];

/** The two spellings Google's ID tokens use for their issuer. */
export const googleIssuers = ['https://accounts.google.com', 'accounts.google.com'];

/** One Binome tenant on Entra ID: which directory, which audience, which keys. */
export interface EntraTrust {
  platform: 'microsoft';
  tenantId: string;
  /** The Entra `tid` this tenant is (the tenant allow-list). */
  directoryTenantId: string;
  /** `<authority origin>/{tid}/v2.0`: `tid` is substituted in and the result compared exactly. */
  issuerTemplate: string;
  /** The API's app id and/or application ID URI (`aud` of v2 access tokens). */
  audiences: string[];
  /** A delegated token must carry this scope (`access_as_user`); null accepts any delegated scope. */
  requiredScope: string | null;
  keys: IssuerKeys;
  hr: HrPolicy;
}

/** One Binome tenant on Google Workspace: its domain (`hd`), OAuth client (`aud`) and Google's keys. */
export interface GoogleTrust {
  platform: 'google';
  tenantId: string;
  domain: string;
  issuers: string[];
  audiences: string[];
  keys: IssuerKeys;
  hr: HrPolicy;
  /**
   * Binome's own service account: a Google-signed ID token for it (no `hd`, verified
   * email) is the tenant's automation, as HR, like the Binome.HR app role on Entra.
   */
  automationEmail: string | null;
}

export type IssuerTrust = EntraTrust | GoogleTrust;

export type Verified = { ok: true; identity: Identity; claims: JWTPayload } | { ok: false; failure: AuthFailure };

export interface VerifyOptions {
  /** Which kind of token is expected: an API access token (Entra) or an ID token (sign-in, Google). */
  use: 'access' | 'id';
  /** Overrides the trust's audiences: an ID token is for the sign-in client, not the API. */
  audiences?: string[];
  currentDate?: Date;
}

const refuse = (code: AuthFailure['code'], message: string): { ok: false; failure: AuthFailure } => ({ ok: false, failure: { code, message } });

function joseFailure(error: unknown): { ok: false; failure: AuthFailure } {
  if (error instanceof errors.JWTExpired) return refuse('TOKEN_EXPIRED', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return refuse('TOKEN_NOT_YET_VALID', 'the token is not valid yet (nbf)');
    if (error.claim === 'aud') return refuse('TOKEN_AUDIENCE', 'the token was issued for another audience');
    if (error.claim === 'iss') return refuse('TOKEN_ISSUER', 'the token comes from another issuer');
    return refuse('TOKEN_CLAIMS', `the token's ${error.claim} claim is missing or invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refuse('TOKEN_ALGORITHM', 'only RS256 tokens are accepted');
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return refuse('TOKEN_SIGNATURE', 'the token signature does not verify against the issuer keys');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return refuse('TOKEN_MALFORMED', 'the token is not a well-formed JWT');
  // Keys that cannot be fetched, a timeout: not the caller's fault, let the error handler answer 500.
  throw error;
}

/** jose checks `iat` only with a maximum age; a token issued in the future is refused here. */
function issuedInFuture(payload: JWTPayload, currentDate: Date | undefined): boolean {
  const nowSeconds = Math.floor((currentDate ?? new Date()).getTime() / 1000);
  return typeof payload.iat === 'number' && payload.iat > nowSeconds + clockSkewSeconds;
}

/** The unverified claims, only to choose the trust that then verifies everything. */
function peek(token: string): { ok: true; claims: JWTPayload } | { ok: false; failure: AuthFailure } {
  if (token === '') return refuse('TOKEN_MISSING', 'no bearer token was sent');
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg === undefined || !algorithms.includes(header.alg)) return refuse('TOKEN_ALGORITHM', `alg ${String(header.alg)} is refused: only RS256 tokens are accepted`);
    return { ok: true, claims: decodeJwt(token) };
  } catch {
    return refuse('TOKEN_MALFORMED', 'the token is not a well-formed JWT');
  }
}

type Chosen = { ok: true; trust: IssuerTrust; issuer: string } | { ok: false; failure: AuthFailure };

function chooseTrust(claims: JWTPayload, trusts: readonly IssuerTrust[]): Chosen {
  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const tid = claims['tid'];
  if (typeof tid === 'string') {
    const entra = trusts.filter((t): t is EntraTrust => t.platform === 'microsoft');
    const recognised = entra.filter((t) => t.issuerTemplate.replace('{tid}', tid) === iss);
    if (recognised.length === 0) return refuse('TOKEN_ISSUER', 'the token comes from an issuer this service does not trust');
    const trust = recognised.find((t) => t.directoryTenantId === tid);
    return trust === undefined ? refuse('TENANT_NOT_ALLOWED', `directory tenant ${tid} is not served here`) : { ok: true, trust, issuer: iss };
  }
  const google = trusts.filter((t): t is GoogleTrust => t.platform === 'google' && t.issuers.includes(iss));
  if (google.length === 0) return refuse('TOKEN_ISSUER', 'the token comes from an issuer this service does not trust');
  const hd = claims['hd'];
  const email = claims['email'];
  const trust = hd === undefined ? google.find((t) => t.automationEmail !== null && t.automationEmail === email) : google.find((t) => t.domain === hd);
  if (trust === undefined) return refuse('TENANT_NOT_ALLOWED', typeof hd === 'string' ? `Workspace domain ${hd} is not served here` : 'the token names no Workspace domain (hd)');
  return { ok: true, trust, issuer: iss };
}

async function entraIdentity(trust: EntraTrust, payload: JWTPayload, use: VerifyOptions['use']): Promise<Verified> {
  const parsed = (use === 'id' ? EntraAccessClaims.omit({ ver: true }) : EntraAccessClaims).safeParse(payload);
  if (!parsed.success) return refuse('TOKEN_CLAIMS', `the token lacks ${parsed.error.issues[0]?.path.join('.') ?? 'a claim'}`);
  const claims = parsed.data;
  if (claims.tid !== trust.directoryTenantId) return refuse('TENANT_NOT_ALLOWED', `directory tenant ${claims.tid} is not served here`);
  const name = claims.name ?? claims.preferred_username ?? null;
  if (use === 'id') {
    return { ok: true, claims: payload, identity: { tenantId: trust.tenantId, personId: claims.oid, roles: await personRoles(trust.hr, claims.oid), kind: 'user', name } };
  }
  if (claims.scp !== undefined) {
    const scopes = claims.scp.split(' ');
    if (trust.requiredScope !== null && !scopes.includes(trust.requiredScope)) return refuse('TOKEN_CLAIMS', `the token lacks the ${trust.requiredScope} scope`);
    return { ok: true, claims: payload, identity: { tenantId: trust.tenantId, personId: claims.oid, roles: await personRoles(trust.hr, claims.oid), kind: 'user', name } };
  }
  // No scp: an app-only token; only an app role makes it anything.
  if (claims.roles === undefined) return refuse('TOKEN_CLAIMS', 'the token carries neither scp nor roles');
  return {
    ok: true,
    claims: payload,
    identity: { tenantId: trust.tenantId, personId: claims.oid, roles: claims.roles.includes(hrAppRole) ? ['hr'] : [], kind: 'app', name },
  };
}

async function googleIdentity(trust: GoogleTrust, payload: JWTPayload): Promise<Verified> {
  const parsed = GoogleIdClaims.safeParse(payload);
  if (!parsed.success) return refuse('TOKEN_CLAIMS', `the token lacks ${parsed.error.issues[0]?.path.join('.') ?? 'a claim'}`);
  const claims = parsed.data;
  if (claims.hd === undefined && trust.automationEmail !== null && claims.email === trust.automationEmail) {
    if (claims.email_verified !== true) return refuse('TOKEN_CLAIMS', 'the service account email is not verified');
    return { ok: true, claims: payload, identity: { tenantId: trust.tenantId, personId: claims.sub, roles: ['hr'], kind: 'app', name: claims.email } };
  }
  if (claims.hd !== trust.domain) return refuse('TENANT_NOT_ALLOWED', `Workspace domain ${claims.hd ?? '(none)'} is not served here`);
  return {
    ok: true,
    claims: payload,
    identity: { tenantId: trust.tenantId, personId: claims.sub, roles: await personRoles(trust.hr, claims.sub), kind: 'user', name: claims.name ?? claims.email ?? null },
  };
}

/** Signatures already checked, per trust and purpose, until each token's `exp`. */
const verifiedTokens = tokenCache<IssuerTrust>();

/**
 * Verifies a bearer token against the tenants served: RS256 signature by the
 * issuer's keys, exact issuer, audience, `exp`/`nbf`/`iat` within two minutes of
 * skew, the tenant allow-list; then maps it to an identity keyed on `tid`+`oid`
 * (Entra) or `sub`+`hd` (Google), never on a name or an email. A token that verified
 * is not checked again before its `exp` (its identity and roles are).
 */
export async function verifyToken(token: string, trusts: readonly IssuerTrust[], options: VerifyOptions): Promise<Verified> {
  const now = (options.currentDate ?? new Date()).getTime();
  const purpose = `${options.use}\u0000${options.audiences?.join(' ') ?? ''}`;
  const kept = verifiedTokens.get(token, now);
  if (kept !== null && kept.purpose === purpose && trusts.includes(kept.trust)) return identityOf(kept.trust, kept.payload, options.use);
  const peeked = peek(token);
  if (!peeked.ok) return peeked;
  const chosen = chooseTrust(peeked.claims, trusts);
  if (!chosen.ok) return chosen;
  const { trust, issuer } = chosen;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, trust.keys.getKey, {
      algorithms,
      issuer,
      audience: options.audiences ?? trust.audiences,
      clockTolerance: clockSkewSeconds,
      requiredClaims: ['exp', 'iat'],
      ...(options.currentDate === undefined ? {} : { currentDate: options.currentDate }),
    }));
  } catch (error) {
    return joseFailure(error);
  }
  if (issuedInFuture(payload, options.currentDate)) return refuse('TOKEN_NOT_YET_VALID', 'the token was issued in the future (iat)');
  verifiedTokens.set(token, { trust, purpose, payload }, now);
  return identityOf(trust, payload, options.use);
}

const identityOf = (trust: IssuerTrust, payload: JWTPayload, use: VerifyOptions['use']): Promise<Verified> =>
  trust.platform === 'microsoft' ? entraIdentity(trust, payload, use) : googleIdentity(trust, payload);

/** What a Workspace add-on endpoint trusts: Google's keys, its own URL as audience, the add-on's service account. */
export interface AddOnTrust {
  issuers: string[];
  keys: IssuerKeys;
  /** The endpoint URL the deployment calls (the token's `aud`). */
  audience: string;
  serviceAccountEmail: string;
}

/** Verifies the system ID token Google sends with each add-on request (`Authorization: Bearer`). */
export async function verifyAddOnSystemToken(
  token: string,
  trust: AddOnTrust,
  currentDate?: Date,
): Promise<{ ok: true } | { ok: false; failure: AuthFailure }> {
  const peeked = peek(token);
  if (!peeked.ok) return peeked;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, trust.keys.getKey, {
      algorithms,
      issuer: trust.issuers,
      audience: trust.audience,
      clockTolerance: clockSkewSeconds,
      requiredClaims: ['exp', 'iat'],
      ...(currentDate === undefined ? {} : { currentDate }),
    }));
  } catch (error) {
    return joseFailure(error);
  }
  if (issuedInFuture(payload, currentDate)) return refuse('TOKEN_NOT_YET_VALID', 'the token was issued in the future (iat)');
  const parsed = AddOnSystemClaims.safeParse(payload);
  if (!parsed.success) return refuse('TOKEN_CLAIMS', 'the system token has no verified email');
  if (parsed.data.email !== trust.serviceAccountEmail) return refuse('TOKEN_CLAIMS', 'the system token was not issued to this add-on\'s service account');
  return { ok: true };
}
