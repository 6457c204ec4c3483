import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createMicrosoftConnector, type MicrosoftConfig } from '../connectors/microsoft/connector.ts';
import { OidcClient, SecretString, tenantCommonFields } from '../config/tenant-common.ts';
import type { Provider } from './provider.ts';

const https = (what: string) => z.url({ protocol: /^https$/, message: `${what} must be an https URL` });

/** A Microsoft 365 tenant: Binome's Entra app registration and where Graph is. */
export const MicrosoftTenantConfig = z.object({
  ...tenantCommonFields,
  platform: z.literal('microsoft'),
  entra: z
    .object({
      /** The directory (tenant) id: a GUID. */
      tenantId: z.string().min(1),
      /** The application (client) id of Binome's app registration. */
      clientId: z.string().min(1),
      clientSecret: SecretString.optional(),
      /** A certificate uploaded to the app registration: its private key (PEM file) and SHA-256 thumbprint. */
      certificate: z
        .object({ privateKeyPath: z.string().min(1), thumbprintSha256: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex digits') })
        .optional(),
      /** Default https://login.microsoftonline.com/<tenantId>. */
      authority: https('entra.authority').optional(),
    })
    .refine((e) => (e.clientSecret === undefined) !== (e.certificate === undefined), {
      message: 'give exactly one app credential: clientSecret or certificate',
      path: ['clientSecret'],
    }),
  graphBaseUrl: https('graphBaseUrl').default('https://graph.microsoft.com/v1.0'),
  /** The HR pane's sign-in (an Entra app registration with a web redirect URI). */
  adminPane: OidcClient.optional(),
  /** The Outlook add-in's API: the application id URI the add-in asks a token for, and its delegated scope. */
  addin: z.object({ applicationIdUri: z.string().min(1), scope: z.string().min(1).default('access_as_user') }).optional(),
});
export type MicrosoftTenantConfig = z.infer<typeof MicrosoftTenantConfig>;

async function readPem(path: string | undefined, field: string): Promise<string | null> {
  if (path === undefined) return null;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${field}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The Graph client's configuration for a tenant (app credentials, authority, Graph URL, CA), both for app-only calls and on-behalf-of exchanges. */
export async function graphClientConfig(config: MicrosoftTenantConfig): Promise<MicrosoftConfig> {
  const certificateKey = await readPem(config.entra.certificate?.privateKeyPath, `tenants.${config.id}.entra.certificate.privateKeyPath`);
  return {
    tenantId: config.entra.tenantId,
    clientId: config.entra.clientId,
    ...(config.entra.clientSecret === undefined ? {} : { clientSecret: config.entra.clientSecret.reveal() }),
    ...(certificateKey === null || config.entra.certificate === undefined
      ? {}
      : { clientCertificate: { privateKeyPem: certificateKey, thumbprintSha256: config.entra.certificate.thumbprintSha256 } }),
    authority: config.entra.authority ?? `https://login.microsoftonline.com/${config.entra.tenantId}`,
    graphBaseUrl: config.graphBaseUrl,
    caCertPem: await readPem(config.caCertPath, `tenants.${config.id}.caCertPath`),
  };
}

export const microsoftProvider: Provider<MicrosoftTenantConfig, z.input<typeof MicrosoftTenantConfig>> = {
  platform: 'microsoft',
  configSchema: MicrosoftTenantConfig,
  async createConnector(config) {
    return createMicrosoftConnector(await graphClientConfig(config));
  },
  sandboxTenantInput: (sandbox, base) => ({
    ...base,
    platform: 'microsoft',
    sandbox: true,
    caCertPath: sandbox.ca.certPath,
    entra: {
      tenantId: sandbox.credentials.tenantId,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      authority: sandbox.urls.authority,
    },
    graphBaseUrl: sandbox.urls.graph,
    // The sandbox registers one app: it is also the pane's sign-in client.
    adminPane: { clientId: sandbox.credentials.clientId, clientSecret: sandbox.credentials.clientSecret },
  }),
};
