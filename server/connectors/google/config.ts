import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The fields of a service-account key file (the JSON the Cloud console downloads) that the JWT grant needs. */
export const ServiceAccountKey = z
  .object({
    type: z.literal('service_account'),
    client_email: z.email(),
    private_key: z.string().includes('PRIVATE KEY', { message: 'private_key must be a PEM private key' }),
    private_key_id: z.string().min(1).optional(),
  })
  .loose();
export type ServiceAccountKey = z.infer<typeof ServiceAccountKey>;

const httpsUrl = (field: string) => z.url({ protocol: /^https$/, message: `${field} must be an https URL` });

export const GoogleConfig = z
  .object({
    /** The key itself, or the path of its JSON file. */
    serviceAccountKey: z.union([ServiceAccountKey, z.string().min(1)]),
    /** A Workspace admin to impersonate for directory reads (domain-wide delegation). */
    adminEmail: z.email(),
    /** users.list needs a domain or a customer id ("my_customer" reads every domain of the account). */
    domain: z.string().min(3).nullish(),
    customerId: z.string().min(1).nullish(),
    /**
     * One origin for every Google API (the sandbox's); null: each API's own host.
     * Only the origin counts: googleapis keeps nothing else of a per-API rootUrl.
     */
    apiRootUrl: httpsUrl('apiRootUrl').nullish(),
    /** Where JWT bearer grants go instead of https://oauth2.googleapis.com/token (the sandbox's). */
    tokenUrl: httpsUrl('tokenUrl').nullish(),
    /** A CA to trust besides none (the sandbox's); null: the system store. */
    caCertPem: z.string().min(1).nullish(),
    retry: z.object({ maxAttempts: z.number().int().min(1), budgetMs: z.number().int().min(0) }).optional(),
    /** Requests in flight to one calendar or the directory. */
    concurrency: z.number().int().min(1).max(50).optional(),
    /** Token grants in flight at once (a directory read asks one per person). */
    tokenConcurrency: z.number().int().min(1).max(100).optional(),
  })
  .refine((c) => (c.domain ?? c.customerId) != null, { message: 'domain or customerId is required', path: ['domain'] });
export type GoogleConfig = z.input<typeof GoogleConfig>;
export type ParsedGoogleConfig = z.output<typeof GoogleConfig>;

/** The key from the config, reading and checking the file when a path was given. */
export function loadServiceAccountKey(value: ServiceAccountKey | string): ServiceAccountKey {
  if (typeof value !== 'string') return value;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(value, 'utf8'));
  } catch (error) {
    throw new Error(`serviceAccountKey: cannot read ${value} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = ServiceAccountKey.safeParse(json);
  if (!parsed.success) throw new Error(`serviceAccountKey: ${value} is not a service-account key: ${parsed.error.message}`);
  return parsed.data;
}
