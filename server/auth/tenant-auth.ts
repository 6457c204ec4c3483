import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import type { TenantConfig } from '../providers/registry.ts';
import { sandboxDemoTokens, type DemoTokenSource } from './demo-token.ts';
import type { DirectoryPort } from '../../src/ports/directory.ts';
import { issuerKeys } from './keys.ts';
import { cachedMembership } from './membership-cache.ts';
import type { OidcClientConfig } from './oidc.ts';
import type { HrPolicy } from './roles.ts';
import { googleIssuers, type IssuerTrust } from './verify.ts';

/**
 * Everything the service needs to authenticate one tenant's people, built from the
 * tenant configuration: how bearer tokens are verified, the pane's OIDC client, and,
 * for sandbox tenants only, where demo tokens come from.
 */
export interface TenantAuth {
  tenantId: string;
  sandbox: boolean;
  trust: IssuerTrust;
  /** The admin pane's sign-in; null when the tenant has no pane client configured. */
  signIn: OidcClientConfig | null;
  /** Present only when `sandbox` is true. */
  demoTokens: DemoTokenSource | null;
  /** Directory ids of HR, first one used by `demo-token --role hr`. */
  hrPeople: readonly string[];
}

/** A Microsoft tenant's sign-in settings, as the tenant configuration gives them. */
export interface EntraAuthSettings {
  tenantId: string;
  sandbox: boolean;
  /** The Entra tenant id (GUID): the `tid` allow-list. */
  directoryTenantId: string;
  /** `https://login.microsoftonline.com`, or the sandbox's origin. */
  authorityOrigin: string;
  /** The Binome API app (client id, and its application ID URI when it has one): the `aud` of bearer tokens. */
  apiAudiences: string[];
  /** The delegated scope bearer tokens must carry. */
  requiredScope: string;
  /** The admin pane's OIDC client; null when the pane is not set up. */
  paneClient: { clientId: string; clientSecret: string | null } | null;
  /** The app's secret, used only to ask a sandbox for demo tokens. */
  sandboxAppSecret: string | null;
  caCertPem: string | null;
  hrPeople: readonly string[];
  /** Members of this group are HR too. */
  hrGroup?: HrPolicy['group'];
}

export function entraTenantAuth(settings: EntraAuthSettings): TenantAuth & { close(): Promise<void> } {
  const { authorityOrigin, directoryTenantId } = settings;
  const keys = issuerKeys({ jwksUrl: `${authorityOrigin}/${directoryTenantId}/discovery/v2.0/keys`, caCertPem: settings.caCertPem });
  const apiClientId = settings.apiAudiences[0];
  return {
    tenantId: settings.tenantId,
    sandbox: settings.sandbox,
    hrPeople: settings.hrPeople,
    trust: {
      platform: 'microsoft',
      tenantId: settings.tenantId,
      directoryTenantId,
      issuerTemplate: `${authorityOrigin}/{tid}/v2.0`,
      audiences: settings.apiAudiences,
      requiredScope: settings.requiredScope,
      keys,
      hr: hrPolicy(settings.hrPeople, settings.hrGroup),
    },
    signIn:
      settings.paneClient === null
        ? null
        : { issuer: `${authorityOrigin}/${directoryTenantId}/v2.0`, clientId: settings.paneClient.clientId, clientSecret: settings.paneClient.clientSecret, caCertPem: settings.caCertPem, scope: 'openid profile email', sandbox: settings.sandbox },
    demoTokens:
      settings.sandbox && settings.sandboxAppSecret !== null && apiClientId !== undefined
        ? sandboxDemoTokens({ tokenEndpoint: `${authorityOrigin}/${directoryTenantId}/oauth2/v2.0/token`, clientId: apiClientId, clientSecret: settings.sandboxAppSecret, caCertPem: settings.caCertPem })
        : null,
    close: keys.close,
  };
}

/** A Google Workspace tenant's sign-in settings. */
export interface GoogleAuthSettings {
  tenantId: string;
  sandbox: boolean;
  domain: string;
  /** Google's issuers, or the sandbox's Google-like issuer. */
  issuers: string[];
  /** `https://www.googleapis.com/oauth2/v3/certs`, or the sandbox's. */
  jwksUrl: string;
  oauthClient: { clientId: string; clientSecret: string } | null;
  caCertPem: string | null;
  hrPeople: readonly string[];
  /** Members of this group are HR too. */
  hrGroup?: HrPolicy['group'];
  /** Binome's service account (its ID tokens are the tenant's automation, as HR). */
  automationEmail: string | null;
}

export function googleTenantAuth(settings: GoogleAuthSettings): TenantAuth & { close(): Promise<void> } {
  const keys = issuerKeys({ jwksUrl: settings.jwksUrl, caCertPem: settings.caCertPem });
  const issuer = settings.issuers[0] ?? googleIssuers[0] ?? '';
  return {
    tenantId: settings.tenantId,
    sandbox: settings.sandbox,
    hrPeople: settings.hrPeople,
    trust: {
      platform: 'google',
      tenantId: settings.tenantId,
      domain: settings.domain,
      issuers: settings.issuers,
      audiences: settings.oauthClient === null ? [] : [settings.oauthClient.clientId],
      keys,
      hr: hrPolicy(settings.hrPeople, settings.hrGroup),
      automationEmail: settings.automationEmail,
    },
    signIn:
      settings.oauthClient === null
        ? null
        : { issuer, clientId: settings.oauthClient.clientId, clientSecret: settings.oauthClient.clientSecret, caCertPem: settings.caCertPem, scope: 'openid email profile', sandbox: settings.sandbox },
    // Demo tokens come from the Entra-like grant; a Google sandbox tenant signs in through its demo page instead.
    demoTokens: null,
    close: keys.close,
  };
}

function hrPolicy(people: readonly string[], group: HrPolicy['group']): HrPolicy {
  return group === undefined ? { people } : { people, group };
}

async function readCa(path: string | undefined, tenantId: string): Promise<string | null> {
  if (path === undefined) return null;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`tenants.${tenantId}.caCertPath: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * A tenant's authentication, read from its configuration (the same for the sandbox and
 * a real tenant). `directory` answers `hr.groupId` membership, kept a few minutes per person.
 */
export async function tenantAuthFor(config: TenantConfig, directory: Pick<DirectoryPort, 'isMemberOf'> | null): Promise<TenantAuth & { close(): Promise<void> }> {
  const caCertPem = await readCa(config.caCertPath, config.id);
  const groupId = config.hr.groupId;
  if (groupId !== undefined && directory === null) throw new Error(`tenants.${config.id}.hr.groupId: group membership needs the tenant's directory connector`);
  const hrGroup = groupId === undefined || directory === null ? {} : { hrGroup: { id: groupId, isMember: cachedMembership((personId, group) => directory.isMemberOf(personId, group)) } };
  if (config.platform === 'microsoft') {
    const authority = config.entra.authority ?? `https://login.microsoftonline.com/${config.entra.tenantId}`;
    return entraTenantAuth({
      tenantId: config.id,
      sandbox: config.sandbox,
      directoryTenantId: config.entra.tenantId,
      authorityOrigin: new URL(authority).origin,
      apiAudiences: [config.entra.clientId, ...(config.addin === undefined ? [] : [config.addin.applicationIdUri])],
      requiredScope: config.addin?.scope ?? 'access_as_user',
      paneClient: config.adminPane === undefined ? null : { clientId: config.adminPane.clientId, clientSecret: config.adminPane.clientSecret?.reveal() ?? null },
      sandboxAppSecret: config.sandbox ? (config.entra.clientSecret?.reveal() ?? null) : null,
      caCertPem,
      hrPeople: config.hr.people,
      ...hrGroup,
    });
  }
  return googleTenantAuth({
    tenantId: config.id,
    sandbox: config.sandbox,
    domain: config.domain,
    issuers: config.idTokens === undefined ? googleIssuers : [config.idTokens.issuer],
    jwksUrl: config.idTokens?.jwksUrl ?? 'https://www.googleapis.com/oauth2/v3/certs',
    oauthClient: config.oauthClient === undefined || config.oauthClient.clientSecret === undefined ? null : { clientId: config.oauthClient.clientId, clientSecret: config.oauthClient.clientSecret.reveal() },
    caCertPem,
    hrPeople: config.hr.people,
    ...hrGroup,
    automationEmail: await serviceAccountEmail(config.serviceAccountKeyPath),
  });
}

const ServiceAccountKey = z.object({ client_email: z.email() });

/** The `client_email` of a service account's JSON key file. */
export async function serviceAccountEmail(keyPath: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(keyPath, 'utf8');
  } catch (error) {
    throw new Error(`serviceAccountKeyPath: cannot read ${keyPath} (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = ServiceAccountKey.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`serviceAccountKeyPath: ${keyPath} has no client_email`);
  return parsed.data.client_email;
}
