/** Test-only: a freshly migrated database for one test file, on the driver the run was started with. */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseOptions } from './client';
import { withDatabase } from './test-global-setup';

export const onPostgres = (): boolean => inject('testDatabase').kind === 'pg';

/** On PostgreSQL `url` is the copy's connection string, for a server process started on it. */
export async function openTestDatabase(options: Pick<DatabaseOptions, 'onQuery'> = {}): Promise<Database & { url?: string }> {
  const spec = inject('testDatabase');
  if (spec.kind === 'pglite') {
    const dump = new Blob([readFileSync(spec.dumpPath)], { type: 'application/x-gzip' });
    return openDatabase({ loadDataDir: dump, ...options });
  }
  const name = `${spec.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: spec.url });
  await admin.connect();
  try {
    // Two files may copy the template at once; PostgreSQL refuses while another copy holds it, so retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${spec.template}`);
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(spec.url, name);
  const database = await openDatabase({ url, poolSize: 20, ...options });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: spec.url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
