import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { stableGuid } from '../ids.ts';
import type { SandboxUser } from '../state.ts';
import type { SigningKey } from './keys.ts';

export const graphResource = 'https://graph.microsoft.com';
export const graphResourceAppId = '00000003-0000-0000-c000-000000000000';
export const tokenLifetimeSeconds = 3599;
/** Application permissions granted to the sandbox app (admin consent assumed). */
export const appRoles = ['User.Read.All', 'GroupMember.Read.All', 'Calendars.ReadWrite', 'MailboxSettings.Read', 'Mail.Send'];
/** Delegated permissions the app holds, returned for `.default` in on-behalf-of. */
export const delegatedScopes = ['Calendars.ReadBasic', 'Calendars.ReadWrite', 'MailboxSettings.Read', 'Mail.Send', 'User.Read', 'User.ReadBasic.All'];

export interface TokenContext {
  issuer: string;
  tenantGuid: string;
  key: SigningKey;
}

export interface GraphClaims extends JWTPayload {
  tid: string;
  appid: string;
  oid: string;
  idtyp: 'app' | 'user';
  roles?: string[];
  scp?: string;
  upn?: string;
}

async function sign(context: TokenContext, claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // Claims given explicitly (a past `exp` in a negative test) win over the defaults.
  return new SignJWT({ iss: context.issuer, iat: now, nbf: now - 300, exp: now + lifetimeSeconds, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: context.key.kid })
    .sign(context.key.privateKey);
}

/** An app-only Graph token (client credentials), carrying the application permissions consented for the app. */
export function issueAppToken(context: TokenContext, clientId: string, roles: readonly string[] = appRoles): Promise<string> {
  const servicePrincipal = stableGuid('service-principal', clientId);
  return sign(
    context,
    {
      aud: graphResource,
      tid: context.tenantGuid,
      appid: clientId,
      azp: clientId,
      oid: servicePrincipal,
      sub: servicePrincipal,
      idtyp: 'app',
      roles: [...roles],
      ver: '1.0',
    },
    tokenLifetimeSeconds,
  );
}

/** The app role the sandbox app holds on its own API: automation (the scenario CLI) calls the admin API as HR. */
export const binomeHrAppRole = 'Binome.HR';

/** A v2 app-only token for the app's own API (`<clientId>/.default`), carrying its app roles. */
export function issueOwnApiAppToken(context: TokenContext, clientId: string): Promise<string> {
  const servicePrincipal = stableGuid('service-principal', clientId);
  return sign(
    context,
    { aud: clientId, tid: context.tenantGuid, azp: clientId, oid: servicePrincipal, sub: servicePrincipal, idtyp: 'app', roles: [binomeHrAppRole], ver: '2.0' },
    tokenLifetimeSeconds,
  );
}

/** A delegated Graph token for `user` (what on-behalf-of returns). */
export function issueDelegatedToken(context: TokenContext, clientId: string, user: SandboxUser, scopes: string[]): Promise<string> {
  return sign(
    context,
    {
      aud: graphResource,
      tid: context.tenantGuid,
      appid: clientId,
      azp: clientId,
      oid: user.id,
      sub: stableGuid('subject', clientId, user.id),
      upn: user.email,
      unique_name: user.email,
      name: user.displayName,
      idtyp: 'user',
      scp: scopes.join(' '),
      ver: '1.0',
    },
    tokenLifetimeSeconds,
  );
}

export interface UserTokenOptions {
  /** Audience: the add-in's app id by default (as Office SSO issues it). */
  audience?: string;
  scopes?: string[];
  lifetimeSeconds?: number;
  /** Extra or overriding claims, e.g. an expired `exp` or a foreign `tid` for negative tests. */
  claims?: JWTPayload;
}

/** A user token shaped like Office SSO's (v2.0, `scp: access_as_user`), signed by the sandbox issuer. */
export function issueUserToken(context: TokenContext, clientId: string, user: SandboxUser, options: UserTokenOptions): Promise<string> {
  return sign(
    context,
    {
      aud: options.audience ?? clientId,
      tid: context.tenantGuid,
      azp: clientId,
      oid: user.id,
      sub: stableGuid('subject', clientId, user.id),
      preferred_username: user.email,
      name: user.displayName,
      scp: (options.scopes ?? ['access_as_user']).join(' '),
      ver: '2.0',
      ...options.claims,
    },
    options.lifetimeSeconds ?? tokenLifetimeSeconds,
  );
}

export interface IdTokenOptions {
  clientId: string;
  nonce: string | null;
}

/** An Entra v2 ID token for `user`, as the authorization code flow returns it (`aud` = the signing-in client). */
export function issueIdToken(context: TokenContext, user: SandboxUser, options: IdTokenOptions): Promise<string> {
  return sign(
    context,
    {
      aud: options.clientId,
      tid: context.tenantGuid,
      oid: user.id,
      sub: stableGuid('subject', options.clientId, user.id),
      preferred_username: user.email,
      email: user.email,
      name: user.displayName,
      ver: '2.0',
      ...(options.nonce === null ? {} : { nonce: options.nonce }),
    },
    tokenLifetimeSeconds,
  );
}

export type VerifyFailure = { reason: 'empty' | 'malformed' | 'expired' | 'audience' | 'issuer' | 'signature' | 'tenant' };

/** Verifies a token signed by the sandbox issuer for `audiences`. */
export async function verifyToken(
  context: TokenContext,
  token: string,
  audiences: string[],
): Promise<{ ok: true; claims: GraphClaims } | { ok: false; failure: VerifyFailure }> {
  if (token === '') return { ok: false, failure: { reason: 'empty' } };
  if (token.split('.').length !== 3) return { ok: false, failure: { reason: 'malformed' } };
  const keys = createLocalJWKSet({ keys: [context.key.publicJwk] });
  try {
    const { payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], clockTolerance: 300 });
    if (payload.iss !== context.issuer) return { ok: false, failure: { reason: 'issuer' } };
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.some((a) => a !== undefined && audiences.includes(a))) return { ok: false, failure: { reason: 'audience' } };
    if (payload['tid'] !== context.tenantGuid) return { ok: false, failure: { reason: 'tenant' } };
    return { ok: true, claims: payload as GraphClaims };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, failure: { reason: 'expired' } };
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
      return { ok: false, failure: { reason: 'signature' } };
    }
    return { ok: false, failure: { reason: 'malformed' } };
  }
}
