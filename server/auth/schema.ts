import { z } from 'zod';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller of an `/api/` route, or null; set by the auth hook before any handler runs. */
    identity: Identity | null;
    identityVia: 'bearer' | 'session' | null;
  }
}

/** What a verified caller may do: HR runs programmes; a participant sees their own pairs. */
export const Role = z.enum(['hr', 'participant']);
export type Role = z.infer<typeof Role>;

/**
 * A verified caller. `personId` is the provider's immutable directory id (Entra `oid`,
 * Google `sub`), the key every authorisation uses; `name` is for display only.
 */
export interface Identity {
  tenantId: string;
  personId: string;
  roles: Role[];
  kind: 'user' | 'app';
  name: string | null;
}

/** The Entra app role that makes an app-only token (automation) an HR caller. */
export const hrAppRole = 'Binome.HR';

/** Claims of an Entra v2 access token we rely on; everything else is ignored. */
export const EntraAccessClaims = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  ver: z.literal('2.0'),
  scp: z.string().optional(),
  roles: z.array(z.string()).optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});

/** Claims of a Google ID token we rely on. */
export const GoogleIdClaims = z.object({
  sub: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  hd: z.string().optional(),
  name: z.string().optional(),
});

/** Claims of the system ID token Google sends a Workspace add-on endpoint. */
export const AddOnSystemClaims = z.object({
  email: z.string().min(1),
  email_verified: z.literal(true),
});
