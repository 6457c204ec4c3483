import { z } from 'zod';
import type { Platform } from '../../src/model/schema.ts';
import { GoogleTenantConfig, googleProvider } from './google.ts';
import { MicrosoftTenantConfig, microsoftProvider } from './microsoft.ts';
import type { Connector, ParsedTenantConfig, Provider } from './provider.ts';
import type { SandboxHandle } from '../sandbox/server.ts';

/**
 * The providers Binome speaks to, by platform. The runtime reads each tenant's
 * configuration and asks this registry for its connector; nothing past the runtime
 * (core, programme, rollout, HTTP API) knows which platform it talks to. A third
 * provider brings its connector and config schema in its own folders and one line here
 * (and its facade in the sandbox's own table, `server/sandbox/facades.ts`).
 */
export const TenantConfig = z.discriminatedUnion('platform', [MicrosoftTenantConfig, GoogleTenantConfig]);
export type TenantConfig = z.infer<typeof TenantConfig>;
export type TenantConfigInput = z.input<typeof TenantConfig>;

const providers: { [P in Platform]: Provider<Extract<TenantConfig, { platform: P }>, Extract<TenantConfigInput, { platform: P }>> } = {
  microsoft: microsoftProvider,
  google: googleProvider,
};

export function createConnector(config: TenantConfig): Promise<Connector> {
  switch (config.platform) {
    case 'microsoft':
      return providers.microsoft.createConnector(config);
    case 'google':
      return providers.google.createConnector(config);
  }
}

/** The configuration a sandbox's tenant gets: the same shape a real tenant's has, pointed at the sandbox's URLs. */
export function sandboxTenantConfig(sandbox: SandboxHandle, base: { id: string; name: string; domain: string; platform: Platform }): TenantConfig {
  const { platform, ...rest } = base;
  return TenantConfig.parse(providers[platform].sandboxTenantInput(sandbox, rest));
}

export type { Connector, ParsedTenantConfig };
