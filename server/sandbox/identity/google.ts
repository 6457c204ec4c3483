import { createHash, createHmac, createPublicKey, randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { SandboxUser } from '../state.ts';
import type { AppRegistration, SigningKey } from './keys.ts';

/**
 * The sandbox's stand-in for accounts.google.com: an OpenID issuer that signs
 * Google-shaped ID tokens for the tenant's people and the system ID tokens a
 * Workspace add-on endpoint receives. Its keys are at `/oauth2/v3/certs` (JWK) and
 * `/oauth2/v1/certs` (PEM, what google-auth-library reads on Node), like googleapis.com.
 */
export const googleIssuerPath = '/accounts.google';
export const googleJwksPath = '/oauth2/v3/certs';
export const googlePemCertsPath = '/oauth2/v1/certs';
export const googleTokenLifetimeSeconds = 3599;

export interface GoogleTokenContext {
  issuer: string;
  domain: string;
  key: SigningKey;
}

/** A 21-digit numeric id, as Google gives directory users; the Google facade's `directoryUserId` derives the same. */
function numericId(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let digits = '1';
  for (let i = 0; digits.length < 21; i += 1) digits += String((digest[i % digest.length] ?? 0) % 10);
  return digits;
}

/** The `sub` of a person's Google ID token: their Admin SDK directory id. */
export function googleSubject(user: SandboxUser): string {
  return numericId('directory-user', user.id);
}

/** The sandbox's Google OAuth client for sign-in, derived from the app registration so it needs no file of its own. */
export function googleOAuthClient(app: AppRegistration): { clientId: string; clientSecret: string } {
  const digits = numericId('oauth-client', app.clientId).slice(0, 12);
  const label = createHash('sha256').update(`label:${app.clientId}`).digest('hex').slice(0, 32);
  return {
    clientId: `${digits}-${label}.apps.googleusercontent.com`,
    clientSecret: `GOCSPX-${createHmac('sha256', app.clientSecret).update('google-oauth-client').digest('base64url').slice(0, 28)}`,
  };
}

async function sign(context: GoogleTokenContext, claims: JWTPayload): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: context.issuer, iat: now, exp: now + googleTokenLifetimeSeconds, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: context.key.kid })
    .sign(context.key.privateKey);
}

export interface GoogleIdTokenOptions {
  /** The OAuth client id the token is for. */
  audience: string;
  nonce?: string | null;
  /** Extra or overriding claims (an expired `exp`, another `hd`) for negative tests. */
  claims?: JWTPayload;
}

/** A Google ID token for a person of the Workspace domain (`sub` = directory id, `hd` = domain). */
export function issueGoogleIdToken(context: GoogleTokenContext, user: SandboxUser, options: GoogleIdTokenOptions): Promise<string> {
  return sign(context, {
    aud: options.audience,
    azp: options.audience,
    sub: googleSubject(user),
    email: user.email,
    email_verified: true,
    hd: context.domain,
    name: user.displayName,
    ...(options.nonce === undefined || options.nonce === null ? {} : { nonce: options.nonce }),
    ...options.claims,
  });
}

export interface AddOnSystemTokenOptions {
  /** The add-on endpoint URL Google calls. */
  audience: string;
  /** `service-<project number>@gcp-sa-gsuiteaddons.iam.gserviceaccount.com` */
  serviceAccountEmail: string;
  claims?: JWTPayload;
}

/** The Google-signed system ID token sent with every request to a Workspace add-on's HTTP endpoint. */
export function issueAddOnSystemToken(context: GoogleTokenContext, options: AddOnSystemTokenOptions): Promise<string> {
  const subject = numericId('add-on-service-account', options.serviceAccountEmail);
  return sign(context, {
    aud: options.audience,
    azp: subject,
    sub: subject,
    email: options.serviceAccountEmail,
    email_verified: true,
    jti: randomUUID(),
    ...options.claims,
  });
}

/** `{ kid: PEM }` as `/oauth2/v1/certs` serves it (a public key PEM: Node verifies with it as with a certificate). */
export function pemCerts(key: SigningKey): Record<string, string> {
  const pem = createPublicKey({ key: { kty: 'RSA', n: key.publicJwk.n ?? '', e: key.publicJwk.e ?? '' }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  return { [key.kid]: pem.toString() };
}
