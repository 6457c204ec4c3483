import { z } from 'zod';
import { createTlsFetch } from '../connectors/shared/transport.ts';

/** Asks a sandbox's identity emulator for a user token (the sandbox-only demo grant). */
export type DemoTokenSource = (personRef: string) => Promise<{ token: string; expiresIn: number }>;

/** The sandbox emulator's own grant; real Entra ID refuses it, which is the point. */
const demoUserGrant = 'urn:binome:sandbox:demo-user';

const DemoTokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

export interface SandboxTokenEndpoint {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  caCertPem: string | null;
}

/** Demo tokens from a sandbox tenant's emulator, paid for with the tenant app's secret. */
export function sandboxDemoTokens(endpoint: SandboxTokenEndpoint): DemoTokenSource {
  return async (personRef) => {
    const transport = createTlsFetch(endpoint.caCertPem);
    try {
      const response = await transport.fetch(endpoint.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: demoUserGrant, client_id: endpoint.clientId, client_secret: endpoint.clientSecret, username: personRef }).toString(),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`the sandbox refused a demo token for ${personRef}: ${response.status} ${text}`);
      const answer = DemoTokenAnswer.parse(JSON.parse(text));
      return { token: answer.access_token, expiresIn: answer.expires_in };
    } finally {
      await transport.close();
    }
  };
}
