import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { ReleasingPool } from './releasing-pool';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** A database or a transaction: services take either, so a use case can compose others in its transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'pg';
  /** Runs the committed SQL migrations in `migrations/` with drizzle's migrator. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, for dumps in tests; undefined on PostgreSQL. */
  pglite?: PGlite;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; in memory when absent. */
  dataDir?: string;
  /** A PGlite data-dir dump (from `dumpDataDir`) to start from: ~1 s instead of a fresh initdb. */
  loadDataDir?: Blob | File;
  poolSize?: number;
  migrationsFolder?: string;
  /** Called with every statement drizzle sends: tests count them per request and explain them. */
  onQuery?: (query: string, params: unknown[]) => void;
}

/** Finds `migrations/` whether this file runs from source, from a bundle in apps/api/dist, or from the repo root. */
export function findMigrationsFolder(): string {
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'migrations');
      if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('migrations folder not found (looked upwards from the working directory and the db package)');
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
  const { onQuery } = options;
  const logger = onQuery ? { logQuery: onQuery } : false;
  if (options.url) {
    const pool = new ReleasingPool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // A dropped connection (server restart) must not crash the process; the pool reconnects. The pool
    // listens only to idle clients: one checked out (a transaction between statements) emits its
    // error unheard, which kills the process, unless every client has a listener of its own. Its next
    // statement fails instead, and the pool discards it on release.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
    return {
      db,
      driver: 'pg',
      migrate: () => migratePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  // pg_trgm (search typo lookups, migration 0003) is built into PostgreSQL; PGlite loads it as an extension.
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * An embedded database with every migration applied, as a gzipped data-dir dump. Starting from it
 * takes about a second where a fresh initdb takes five to seven; the build writes one next to the
 * API bundle for first starts, and the tests start every file from one.
 */
export async function migratedPgliteDump(migrationsFolder?: string): Promise<Blob> {
  const database = await openDatabase({ migrationsFolder });
  try {
    await database.migrate();
    return await database.pglite!.dumpDataDir('gzip');
  } finally {
    await database.close();
  }
}

/** Raw SQL rows: both drivers answer `execute` with `{ rows }`, which drizzle's shared type does not show. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
