import { z } from 'zod';
import { Secret } from './secret.ts';
import { Tenant, WrittenHours } from '../../src/model/schema.ts';

/** A credential in configuration: a non-empty string, kept out of every log. */
export const SecretString = z
  .string()
  .min(1, 'must not be empty')
  .transform((value) => new Secret(value));

/** What every tenant's configuration says, whatever its platform. */
export const tenantCommonFields = {
  id: Tenant.shape.id,
  name: z.string().min(1),
  /** The organisation's mail domain (Entra verified domain, Google Workspace primary domain). */
  domain: z.string().min(3),
  /**
   * True only for the local sandbox: such a tenant allows demo-only features (demo
   * sign-in, demo tokens). Never set it for a real tenant.
   */
  sandbox: z.boolean().default(false),
  /** PEM file of a CA to trust for this tenant's provider endpoints (the sandbox's); unset: the system store. */
  caCertPath: z.string().min(1).optional(),
  /** Who is HR: people by directory id (never by address, which can change), or members of a directory group. */
  hr: z
    .object({
      people: z.array(z.string().min(1)).default([]),
      groupId: z.string().min(1).optional(),
    })
    .default({ people: [] }),
  /**
   * Working hours for people whose provider gives none and who declared none, in each
   * person's own zone: one span (`{ days, start, end }`) or a week of blocks
   * (`{ week: { mon: ["09:00-12:00", "14:00-18:00"], … } }`).
   */
  workingHours: WrittenHours.default({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }),
} as const;

/** An OAuth/OIDC client registered with the provider (the HR pane's sign-in). */
export const OidcClient = z.object({
  clientId: z.string().min(1),
  clientSecret: SecretString.optional(),
});
