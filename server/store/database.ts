import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  if (options.dataDir === null) return storeOnPglite(new PGlite());
  mkdirSync(options.dataDir, { recursive: true });
  // A folder PGlite never used starts as a copy of the migrated template: no initdb, no migrations.
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) return storeOnPglite(new PGlite(options.dataDir, { loadDataDir: await migratedTemplate() }));
  return storeOnPglite(new PGlite(options.dataDir));
}

/** Where templates are kept: beside the installed packages, so a fresh clone builds its own. */
const templateFolder = fileURLToPath(new URL('../../node_modules/.cache/binome/', import.meta.url));

/** The migrations' identity: every file of the folder (SQL and journal), names and bytes. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else hash.update(`${prefix}${entry.name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(migrationsFolder, '');
  return hash.digest('hex').slice(0, 16);
}

/**
 * A PGlite data folder with every migration applied, as a tarball: built once per
 * set of migrations (on first use, in memory) and kept in `templateFolder` under the
 * migrations' hash, so a changed migration builds a new one. Loading it spares a
 * fresh folder PGlite's initdb and the migrations, most of a first start.
 */
export async function migratedTemplate(): Promise<Blob> {
  const path = join(templateFolder, `pglite-${migrationsHash()}.tar`);
  if (existsSync(path)) return new Blob([await readFile(path)]);
  return buildTemplate(path);
}

/** Builds the template and keeps it at `path` (the benchmark times this once-per-migrations cost). */
export async function buildTemplate(path: string = join(templateFolder, `pglite-${migrationsHash()}.tar`)): Promise<Blob> {
  const client = new PGlite();
  try {
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    const dump = await client.dumpDataDir('none');
    mkdirSync(templateFolder, { recursive: true });
    // Written aside then renamed: a process starting meanwhile never reads half a template.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
    return dump;
  } finally {
    await client.close();
  }
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
