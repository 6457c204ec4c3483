import { z } from 'zod';
import { createTlsFetch } from '../connectors/shared/transport.ts';

export interface AppCredentials {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  caCertPem: string | null;
}

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
/** Ask again this long before the token runs out. */
const renewBeforeSeconds = 300;

/**
 * App-only tokens for Binome's own API (client credentials, scope `api://<client id>/.default`):
 * automation such as the scenario CLI calls the admin API with them, as HR when the
 * app holds the Binome.HR app role. Kept until five minutes before they expire.
 */
export function ownApiTokens(credentials: AppCredentials): { get(): Promise<string>; close(): Promise<void> } {
  const transport = createTlsFetch(credentials.caCertPem);
  let cached: { token: string; renewAt: number } | null = null;
  return {
    async get() {
      if (cached !== null && Date.now() < cached.renewAt) return cached.token;
      const response = await transport.fetch(credentials.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          scope: `api://${credentials.clientId}/.default`,
        }).toString(),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`the token endpoint refused an app token for the Binome API: ${response.status} ${text}`);
      const answer = TokenAnswer.parse(JSON.parse(text));
      cached = { token: answer.access_token, renewAt: Date.now() + (answer.expires_in - renewBeforeSeconds) * 1000 };
      return cached.token;
    },
    close: transport.close,
  };
}
