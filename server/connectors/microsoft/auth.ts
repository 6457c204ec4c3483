import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

/**
 * App-only tokens (client credentials) from msal-node. The authority is
 * configuration: against the sandbox msal must not try Microsoft's instance
 * discovery, so the discovery and OpenID documents are handed to it up front,
 * built from the authority itself.
 */

export const graphScope = 'https://graph.microsoft.com/.default';

export interface AuthConfig {
  tenantId: string;
  clientId: string;
  clientSecret?: string | undefined;
  clientCertificate?: { privateKeyPem: string; thumbprintSha256: string } | undefined;
  /** https://host[:port]/<tenant> */
  authority: string;
}

export function authorityMetadata(authority: string): { cloudDiscoveryMetadata: string; authorityMetadata: string; host: string } {
  const url = new URL(authority.replace(/\/+$/, ''));
  if (url.protocol !== 'https:') throw new Error(`authority must be https (msal refuses others), got ${authority}`);
  const base = `${url.origin}${url.pathname}`;
  const host = url.host;
  return {
    host,
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
    authorityMetadata: JSON.stringify({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      issuer: `${base}/v2.0`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      response_types_supported: ['code', 'id_token', 'token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${url.origin}/oidc/userinfo`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
      tenant_region_scope: null,
      cloud_instance_name: host,
      cloud_graph_host_name: host,
      msgraph_host: host,
      rbac_url: url.origin,
    }),
  };
}

/** Binome's app registration as msal's confidential client, against `config.authority` without instance discovery. */
export function confidentialClient(config: AuthConfig, networkClient: INetworkModule): ConfidentialClientApplication {
  const metadata = authorityMetadata(config.authority);
  return new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      ...(config.clientSecret === undefined ? {} : { clientSecret: config.clientSecret }),
      ...(config.clientCertificate === undefined
        ? {}
        : { clientCertificate: { thumbprintSha256: config.clientCertificate.thumbprintSha256, privateKey: config.clientCertificate.privateKeyPem } }),
      authority: config.authority,
      knownAuthorities: [metadata.host],
      cloudDiscoveryMetadata: metadata.cloudDiscoveryMetadata,
      authorityMetadata: metadata.authorityMetadata,
    },
    system: { networkClient },
  });
}

/** A graph-client auth provider backed by msal's token cache. */
export function msalAuthProvider(config: AuthConfig, networkClient: INetworkModule): AuthenticationProvider {
  const app = confidentialClient(config, networkClient);
  return {
    async getAccessToken() {
      const result = await app.acquireTokenByClientCredential({ scopes: [graphScope] });
      if (result === null || result.accessToken === '') throw new Error(`no access token from ${config.authority}`);
      return result.accessToken;
    },
  };
}
