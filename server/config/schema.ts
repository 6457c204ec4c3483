import { z } from 'zod';

/** The service's configuration, read once from the environment at start. */
export const ServiceConfig = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  databaseUrl: z.string().url().nullable().default(null),
  dataDir: z.string().default('.data/db'),
  /** Start the service's domain clock at this instant (demos and scenarios); real time otherwise. */
  now: z.iso.datetime({ offset: true }).nullable().default(null),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  workers: z.coerce.number().int().min(0).max(16).default(1),
  /** Encrypts the pane's session cookies: 32 bytes in base64; else kept next to the data folder (one process) or random. */
  sessionKey: z.string().min(1).nullable().default(null),
  /** The origin browsers reach the service at, when a proxy stands in front (sign-in redirect URI, Origin checks). */
  publicUrl: z.url().nullable().default(null),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export function readServiceConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const parsed = ServiceConfig.safeParse({
    host: env.BINOME_HOST,
    port: env.BINOME_PORT,
    databaseUrl: env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? null : env.DATABASE_URL,
    dataDir: env.BINOME_DATA_DIR,
    now: env.BINOME_NOW ?? null,
    logLevel: env.LOG_LEVEL,
    workers: env.BINOME_WORKERS,
    sessionKey: env.BINOME_SESSION_KEY ?? null,
    publicUrl: env.BINOME_PUBLIC_URL ?? null,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** What `npm start` adds for the demo: the sandbox it starts and the tenant it seeds it with. */
export const DemoConfig = z.object({
  fixture: z.string().min(1).default('fixtures/demo/tenant.json'),
  sandboxPort: z.coerce.number().int().min(0).max(65535).default(3443),
  sandboxPagePort: z.coerce.number().int().min(0).max(65535).default(3080),
  /**
   * The demo tenant's HR people (emails or fixture ids): they sign in to the pane as HR.
   * Empty: the members of the fixture's first group (both demos' HR department).
   */
  hr: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((s) => s.trim()).filter((s) => s !== '')),
});
export type DemoConfig = z.infer<typeof DemoConfig>;

export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const parsed = DemoConfig.safeParse({
    fixture: env.BINOME_FIXTURE,
    sandboxPort: env.BINOME_SANDBOX_PORT,
    sandboxPagePort: env.BINOME_SANDBOX_PAGE_PORT,
    hr: env.BINOME_DEMO_HR,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid demo configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
