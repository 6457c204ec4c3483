import type { FastifyRequest } from 'fastify';
import type { TenantRegistry, TenantRuntime } from '../runtime/tenants.ts';
import type { Identity } from './schema.ts';

export type AdminIdentity =
  | { ok: true; runtime: TenantRuntime; identity: Identity }
  | { ok: false; status: number; code: string; message: string };

/**
 * THE place where an HR request becomes a tenant: the identity the auth hook verified
 * (bearer token or pane session) names the tenant; nothing the caller sends can
 * choose another one.
 */
export function resolveAdminIdentity(request: FastifyRequest, registry: TenantRegistry): AdminIdentity {
  const identity = request.identity;
  if (identity === null) return { ok: false, status: 401, code: 'TOKEN_MISSING', message: 'sign in (GET /auth/login) or send Authorization: Bearer <token>' };
  if (!identity.roles.includes('hr')) return { ok: false, status: 403, code: 'ROLE_REQUIRED', message: 'the admin API is for HR; this identity does not have the HR role' };
  const runtime = registry.get(identity.tenantId);
  if (runtime === undefined) return { ok: false, status: 403, code: 'TENANT_NOT_ALLOWED', message: `tenant ${identity.tenantId} is not served here` };
  return { ok: true, runtime, identity };
}
