import type { Tenant } from '../../src/model/schema.ts';
import type { DirectoryPort } from '../../src/ports/directory.ts';
import type { CalendarPort } from '../../src/ports/calendar.ts';
import type { MailPort } from '../../src/ports/mail.ts';
import type { TenantConfig } from '../providers/registry.ts';

export interface ProviderRequestCounts {
  httpRoundTrips: number;
  operations: number;
  byEndpoint: Record<string, number>;
}

/** A tenant the service serves, with its configuration and its provider's connectors. */
export interface TenantRuntime {
  tenant: Tenant;
  config: TenantConfig;
  directory: DirectoryPort;
  calendar: CalendarPort;
  mail: MailPort;
  requestCounts(): ProviderRequestCounts;
}

export interface TenantRegistry {
  get(tenantId: string): TenantRuntime | undefined;
  all(): TenantRuntime[];
}

export function tenantRegistry(runtimes: TenantRuntime[]): TenantRegistry {
  const byId = new Map(runtimes.map((r) => [r.tenant.id, r]));
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}
