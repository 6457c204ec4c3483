import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createGoogleConnector } from '../connectors/google/connector.ts';
import { OidcClient, tenantCommonFields } from '../config/tenant-common.ts';
import type { Provider } from './provider.ts';

/** A Google Workspace tenant: Binome's service account with domain-wide delegation, and where Google's APIs are. */
export const GoogleTenantConfig = z.object({
  ...tenantCommonFields,
  platform: z.literal('google'),
  /** The service account's JSON key file (client_email, private_key, token_uri). */
  serviceAccountKeyPath: z.string().min(1),
  /** A Workspace admin the service account impersonates for directory reads. */
  adminUser: z.email(),
  /** The Workspace customer id; `my_customer` means the admin's own. */
  customerId: z.string().min(1).default('my_customer'),
  apiRootUrl: z.url({ protocol: /^https$/, message: 'apiRootUrl must be an https URL' }).default('https://www.googleapis.com/'),
  tokenUrl: z.url({ protocol: /^https$/, message: 'tokenUrl must be an https URL' }).default('https://oauth2.googleapis.com/token'),
  /** The HR pane's sign-in (a Google OAuth client of type "web application"). */
  oauthClient: OidcClient.optional(),
  /** Who signs ID tokens: Google (default), or the sandbox's Google-like issuer and its keys. */
  idTokens: z
    .object({
      issuer: z.url({ protocol: /^https$/, message: 'idTokens.issuer must be an https URL' }),
      jwksUrl: z.url({ protocol: /^https$/, message: 'idTokens.jwksUrl must be an https URL' }),
    })
    .optional(),
  /** The Calendar add-on: the service account Google signs its requests with, and the public base URL of our add-on endpoints. */
  addOn: z
    .object({
      serviceAccountEmail: z.email(),
      /** Where Google reaches `/gcal/{tenant id}` of this service; unset: the service's own origin. */
      endpointBaseUrl: z.url().optional(),
    })
    .optional(),
});
export type GoogleTenantConfig = z.infer<typeof GoogleTenantConfig>;

export const googleProvider: Provider<GoogleTenantConfig, z.input<typeof GoogleTenantConfig>> = {
  platform: 'google',
  configSchema: GoogleTenantConfig,
  async createConnector(config) {
    let caCertPem: string | null = null;
    if (config.caCertPath !== undefined) {
      try {
        caCertPem = await readFile(config.caCertPath, 'utf8');
      } catch (error) {
        throw new Error(`tenants.${config.id}.caCertPath: cannot read ${config.caCertPath} (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    return createGoogleConnector({
      serviceAccountKey: config.serviceAccountKeyPath,
      adminEmail: config.adminUser,
      domain: config.domain,
      customerId: config.customerId,
      apiRootUrl: config.apiRootUrl,
      tokenUrl: config.tokenUrl,
      caCertPem,
    });
  },
  sandboxTenantInput(sandbox, base) {
    const { googleApiRoot, googleTokenUrl, googleServiceAccountKeyFile, googleAdminEmail } = sandbox.urls;
    if (googleApiRoot === undefined || googleTokenUrl === undefined || googleServiceAccountKeyFile === undefined || googleAdminEmail === undefined) {
      throw new Error('this sandbox serves no Google facade');
    }
    return {
      ...base,
      platform: 'google',
      sandbox: true,
      caCertPath: sandbox.ca.certPath,
      serviceAccountKeyPath: googleServiceAccountKeyFile,
      adminUser: googleAdminEmail,
      apiRootUrl: googleApiRoot,
      tokenUrl: googleTokenUrl,
      oauthClient: sandbox.googleOAuthClient,
      idTokens: { issuer: sandbox.urls.googleIssuer, jwksUrl: `${sandbox.urls.origin}/oauth2/v3/certs` },
      // Google names an add-on's service account after the project number, which leads the OAuth client id.
      addOn: { serviceAccountEmail: `service-${sandbox.googleOAuthClient.clientId.split('-')[0] ?? ''}@gcp-sa-gsuiteaddons.iam.gserviceaccount.com` },
    };
  },
};
