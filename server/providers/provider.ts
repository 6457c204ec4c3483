import type { z } from 'zod';
import type { Platform } from '../../src/model/schema.ts';
import type { CalendarPort } from '../../src/ports/calendar.ts';
import type { DirectoryPort } from '../../src/ports/directory.ts';
import type { MailPort } from '../../src/ports/mail.ts';
import type { RequestCounts } from '../connectors/shared/counts.ts';
import type { PermissionProbe } from '../connectors/shared/permission-probe.ts';
import type { SandboxHandle } from '../sandbox/server.ts';

/** The ports a provider's connector gives the service, whatever the provider. */
export interface Connector {
  directory: DirectoryPort;
  calendar: CalendarPort;
  mail: MailPort;
  requestCounts(): RequestCounts;
  /** The provider's conditional reads, for check-tenant. */
  probes: readonly PermissionProbe[];
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** What a tenant's configuration looks like once parsed, for any provider. */
export interface ParsedTenantConfig {
  id: string;
  name: string;
  domain: string;
  platform: Platform;
  sandbox: boolean;
}

/**
 * One provider, as the runtime sees it: how its tenants are configured, how to build
 * its connector from that configuration, and how a sandbox serving its facade is
 * written as such a configuration (the sandbox is only another set of base URLs).
 */
export interface Provider<Config extends ParsedTenantConfig, Input> {
  platform: Platform;
  configSchema: z.ZodType<Config, Input>;
  createConnector(config: Config): Promise<Connector>;
  /** The configuration of the sandbox's demo tenant, as an administrator would write it (before parsing). */
  sandboxTenantInput(sandbox: SandboxHandle, base: { id: string; name: string; domain: string }): Input;
}
