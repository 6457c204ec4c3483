import { SignJWT, importPKCS8 } from 'jose';
import { googleScopes } from '../connectors/google/auth.ts';
import { loadServiceAccountKey } from '../connectors/google/config.ts';
import { googleTokenUrl } from '../connectors/google/round-trip.ts';
import { createTlsFetch } from '../connectors/shared/transport.ts';
import type { GoogleTenantConfig } from '../providers/google.ts';

/** What the tenant's domain-wide delegation grants, scope by scope, of those the connector asks for. */
export interface DelegationProbe {
  /** The service account's OAuth client id: what the Admin console's delegation list is keyed by. */
  clientId: string | null;
  /** Scopes the token endpoint refused as `unauthorized_client`, asked one at a time. */
  ungranted: string[];
}

/**
 * Google refuses a delegated token as a whole (`unauthorized_client`) when one
 * requested scope is not granted, without naming it: asking for each scope alone
 * names the missing ones. Impersonates the configured admin, like directory reads.
 */
export async function probeDelegation(config: GoogleTenantConfig, caCertPem: string | null): Promise<DelegationProbe> {
  const key = loadServiceAccountKey(config.serviceAccountKeyPath);
  const clientId = typeof key['client_id'] === 'string' ? key['client_id'] : null;
  const privateKey = await importPKCS8(key.private_key, 'RS256');
  const transport = createTlsFetch(caCertPem);
  try {
    const ungranted: string[] = [];
    for (const scope of googleScopes) {
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ scope })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id === undefined ? {} : { kid: key.private_key_id }) })
        .setIssuer(key.client_email)
        .setSubject(config.adminUser)
        .setAudience(googleTokenUrl)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
      const response = await transport.fetch(config.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      });
      const text = await response.text();
      if (!response.ok && text.includes('unauthorized_client')) ungranted.push(scope);
    }
    return { clientId, ungranted };
  } finally {
    await transport.close();
  }
}
