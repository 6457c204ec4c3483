import type { FastifyRequest } from 'fastify';
import type { TenantRegistry, TenantRuntime } from '../runtime/tenants.ts';

export type AdminIdentity = { ok: true; runtime: TenantRuntime } | { ok: false; status: number; code: string; message: string };

const loopback = (ip: string): boolean => ip === '127.0.0.1' || ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1';

/**
 * THE place where an HR request becomes an identity. Until OpenID Connect
 * sign-in lands, the admin API answers loopback callers only, and the tenant is
 * the `x-binome-tenant` header (or the only tenant served).
 */
export function resolveAdminIdentity(request: FastifyRequest, registry: TenantRegistry): AdminIdentity {
  if (!loopback(request.ip)) {
    return { ok: false, status: 403, code: 'LOOPBACK_ONLY', message: 'the admin API answers loopback callers only until sign-in exists' };
  }
  const header = request.headers['x-binome-tenant'];
  const asked = Array.isArray(header) ? header[0] : header;
  const all = registry.all();
  const runtime = asked !== undefined ? registry.get(asked) : all.length === 1 ? all[0] : undefined;
  if (runtime === undefined) {
    return {
      ok: false,
      status: 403,
      code: 'TENANT_UNKNOWN',
      message: asked === undefined ? 'several tenants are served: name one in the x-binome-tenant header' : `tenant ${asked} is not served here`,
    };
  }
  return { ok: true, runtime };
}
