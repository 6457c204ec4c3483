import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { stableGuid } from '../ids.ts';

/** The identity emulator's signing key, kept in the state folder so tokens outlive a restart. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** The one app registered in the sandbox tenant (client credentials and on-behalf-of). */
export interface AppRegistration {
  clientId: string;
  clientSecret: string;
}

export async function loadSigningKey(stateDir: string): Promise<SigningKey> {
  const path = join(stateDir, 'signing-key.json');
  let privateJwk: JWK;
  if (existsSync(path)) {
    privateJwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
  } else {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateJwk = await exportJWK(pair.privateKey);
    privateJwk.kid = await calculateJwkThumbprint(privateJwk);
    await writeFile(path, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(privateJwk));
  const { n, e, kty } = privateJwk;
  const publicJwk: JWK = { kty, n, e, kid, use: 'sig', alg: 'RS256' };
  const privateKey = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
  return { kid, privateKey, publicJwk };
}

export async function loadAppRegistration(stateDir: string, tenantId: string): Promise<AppRegistration> {
  const path = join(stateDir, 'app.json');
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as AppRegistration;
  const app: AppRegistration = {
    clientId: stableGuid('app', tenantId),
    // Shaped like an Entra secret value (40 characters with a `~`), random per state folder.
    clientSecret: `Sbx8Q~${randomBytes(26).toString('base64url').slice(0, 34)}`,
  };
  await writeFile(path, JSON.stringify(app), { mode: 0o600 });
  return app;
}
