import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Google's real token URL: google-auth-library signs every assertion for this audience and posts there. */
export const googleTokenUrl = 'https://oauth2.googleapis.com/token';

/** A service-account JSON key file, as the Cloud console hands it out. */
export const ServiceAccountKeyFile = z.object({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  private_key_id: z.string().min(1),
  private_key: z.string().min(1),
  client_email: z.string().min(1),
  client_id: z.string().min(1),
  auth_uri: z.string(),
  token_uri: z.string(),
  auth_provider_x509_cert_url: z.string(),
  client_x509_cert_url: z.string(),
  universe_domain: z.string(),
});
export type ServiceAccountKeyFile = z.infer<typeof ServiceAccountKeyFile>;

export interface ServiceAccount {
  key: ServiceAccountKeyFile;
  publicKey: KeyObject;
  /** Signs the sandbox's opaque access tokens (derived from the private key, so it outlives restarts). */
  tokenSecret: Buffer;
  keyFilePath: string;
}

const keyFileName = 'google-service-account.json';

/** A 21-digit numeric id, as Google gives service accounts and directory users; stable for the same parts. */
export function numericId(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let digits = '1';
  for (let i = 0; digits.length < 21; i += 1) digits += String((digest[i % digest.length] ?? 0) % 10);
  return digits;
}

function freshKeyFile(tenantId: string): ServiceAccountKeyFile {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const projectId = `${tenantId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-sandbox`;
  const email = `binome-sandbox@${projectId}.iam.gserviceaccount.com`;
  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: createHash('sha1').update(pem).digest('hex'),
    private_key: pem,
    client_email: email,
    client_id: numericId('service-account', tenantId),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: googleTokenUrl,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
    universe_domain: 'googleapis.com',
  };
}

/**
 * The service account of the sandbox tenant: created on the first start of `stateDir`,
 * the same key afterwards. Synchronous: it runs once, while the host registers facades.
 */
export function loadServiceAccount(stateDir: string, tenantId: string): ServiceAccount {
  const keyFilePath = join(stateDir, keyFileName);
  let key: ServiceAccountKeyFile;
  if (existsSync(keyFilePath)) {
    key = ServiceAccountKeyFile.parse(JSON.parse(readFileSync(keyFilePath, 'utf8')));
  } else {
    key = freshKeyFile(tenantId);
    writeFileSync(keyFilePath, JSON.stringify(key, null, 2), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(key.private_key);
  return {
    key,
    publicKey: createPublicKey(privateKey),
    tokenSecret: createHash('sha256').update(`access-tokens:${key.private_key}`).digest(),
    keyFilePath,
  };
}

/**
 * Points the key file's `token_uri` at the sandbox (the port can change between
 * starts). google-auth-library ignores it; a connector that reads it finds the sandbox.
 */
export function writeKeyFileTokenUri(account: ServiceAccount, tokenUri: string): void {
  if (account.key.token_uri === tokenUri) return;
  account.key = { ...account.key, token_uri: tokenUri };
  writeFileSync(account.keyFilePath, JSON.stringify(account.key, null, 2), { mode: 0o600 });
}
