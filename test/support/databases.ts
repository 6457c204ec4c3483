import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openStore, storeOnPglite, type Store } from '../../server/store/database.ts';

/** The stores every store-touching test runs on: PGlite always, PostgreSQL when the test command found one. */
export const storeKinds: ('pglite' | 'postgres')[] = process.env.BINOME_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

let template: Promise<PGlite> | null = null;

/** One migrated PGlite per test process, cloned for each test: starting and migrating one costs seconds. */
function migratedTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const client = new PGlite();
    await storeOnPglite(client);
    return client;
  })();
  return template;
}

/** A fresh, migrated database of the given kind; dropped on close. */
export async function freshStore(kind: 'pglite' | 'postgres'): Promise<Store> {
  if (kind === 'pglite') return storeOnPglite((await (await migratedTemplate()).clone()) as PGlite);
  const adminUrl = process.env.BINOME_TEST_DATABASE_URL;
  if (adminUrl === undefined) throw new Error('BINOME_TEST_DATABASE_URL is not set');
  const name = `binome_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), dataDir: null });
  return {
    ...store,
    close: async () => {
      await store.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
