import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import { AzureIdentityAuthenticationProvider } from '@microsoft/kiota-authentication-azure';
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from '@microsoft/msgraph-sdk';
import { createGraphClientFactory } from '@microsoft/msgraph-sdk-core';
import '@microsoft/msgraph-sdk-users';
import { createTlsFetch } from '../../server/connectors/shared/transport.ts';
import type { SandboxHandle } from '../../server/sandbox/server.ts';

/**
 * Microsoft's Kiota-based Graph SDK pointed at the sandbox, configured the way a
 * customer would point it at a national cloud: `@azure/identity` with the sandbox as
 * authority host (no instance discovery) and the Graph base URL set on the adapter.
 * The sandbox CA is trusted per client (Node reads NODE_EXTRA_CA_CERTS only at start).
 */
export interface KiotaClient {
  graph: GraphServiceClient;
  credential: ClientSecretCredential;
  close(): Promise<void>;
}

export function kiotaClient(sandbox: SandboxHandle): KiotaClient {
  const host = new URL(sandbox.urls.origin).hostname;
  // @azure/identity's token requests go through its own HTTP pipeline: trust the CA there.
  const caPolicy: PipelinePolicy = {
    name: 'sandboxCa',
    sendRequest: (request, next) => {
      request.tlsSettings = { ca: sandbox.ca.certPem };
      return next(request);
    },
  };
  const credential = new ClientSecretCredential(sandbox.credentials.tenantId, sandbox.credentials.clientId, sandbox.credentials.clientSecret, {
    authorityHost: sandbox.urls.origin,
    disableInstanceDiscovery: true,
    additionalPolicies: [{ policy: caPolicy, position: 'perCall' }],
  });
  const authentication = new AzureIdentityAuthenticationProvider(credential, ['https://graph.microsoft.com/.default'], undefined, new Set([host]));
  const transport = createTlsFetch(sandbox.ca.certPem);
  const customFetch = transport.fetch as unknown as (request: string, init: RequestInit) => Promise<Response>;
  const httpClient = createGraphClientFactory({ graphServiceTargetVersion: '', graphServiceLibraryClientVersion: 'sandbox-test' }, customFetch);
  const adapter = new GraphRequestAdapter(authentication, undefined, undefined, httpClient);
  adapter.baseUrl = sandbox.urls.graph;
  return { graph: createGraphServiceClient(adapter), credential, close: transport.close };
}
