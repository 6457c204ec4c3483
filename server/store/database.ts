import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL URL, so that another pool (another process) can open the same database. */
  url: string | null;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Serialises migrations when several processes start on one PostgreSQL. */
const MIGRATION_LOCK = 727_001;

/**
 * PGlite in `dataDir` by default; PostgreSQL when a URL is given. Migrations
 * are applied before the store is handed out.
 */
export async function openStore(options: { databaseUrl: string | null; dataDir: string | null }): Promise<Store> {
  if (options.databaseUrl !== null) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzlePg(pool, { schema });
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    return { db, kind: 'postgres', url: options.databaseUrl, close: () => pool.end() };
  }
  if (options.dataDir !== null) mkdirSync(options.dataDir, { recursive: true });
  return storeOnPglite(options.dataDir === null ? new PGlite() : new PGlite(options.dataDir));
}

/** A store over a PGlite instance the caller made (a data folder, memory, or a clone). */
export async function storeOnPglite(client: PGlite): Promise<Store> {
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db, kind: 'pglite', url: null, close: () => client.close() };
}

/** Rows of a raw statement, whatever the driver. */
export async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
