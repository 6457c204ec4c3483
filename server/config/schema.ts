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
});
export type DemoConfig = z.infer<typeof DemoConfig>;

export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const parsed = DemoConfig.safeParse({
    fixture: env.BINOME_FIXTURE,
    sandboxPort: env.BINOME_SANDBOX_PORT,
    sandboxPagePort: env.BINOME_SANDBOX_PAGE_PORT,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid demo configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
