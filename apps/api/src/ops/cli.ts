/**
 * The database tools, flags of the server bundle like --migrate-only (scripts/start.mjs builds the
 * bundle when it is stale), so they run wherever the product runs, the production image included:
 *
 *   npm run db:backup [-- <file>]                       default DATA_DIR/backups/challenge-<kind>-<UTC time>.<ext>
 *   npm run db:restore -- <file> [--force]
 *   npm run db:to-postgres [-- <postgres://…>] [--force]  DATABASE_URL when no URL is given
 *
 * DATABASE_URL set: PostgreSQL; otherwise the embedded database in DATA_DIR/pglite.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadDatabaseConfig } from '../config';
import {
  backupDatabase, describeLocation, OpsRefusal, restoreDatabase, safeUrl, summarizeDatabase, type DatabaseLocation, type DatabaseSummary,
} from './backup';
import { copyEmbeddedToPostgres } from './to-postgres';

interface Args {
  /** The file (backup, restore) or URL (to-postgres). */
  operand?: string;
  force: boolean;
}

const COMMANDS: Record<string, (args: Args) => Promise<number>> = {
  '--db-backup': backup,
  '--db-restore': restore,
  '--db-to-postgres': toPostgres,
};

/** The command the arguments name, ready to run (resolving to the exit code), or null when they name none. */
export function opsCommand(argv: readonly string[]): (() => Promise<number>) | null {
  const flag = Object.keys(COMMANDS).find((f) => argv.includes(f));
  if (!flag) return null;
  const rest = argv.slice(argv.indexOf(flag) + 1);
  return async () => {
    try {
      const unknown = rest.filter((a) => a.startsWith('--') && a !== '--force');
      if (unknown.length > 0) throw new OpsRefusal(`不认识的选项：${unknown.join(' ')}（只有 --force）。`, `Unknown option ${unknown.join(' ')} (there is only --force).`);
      return await COMMANDS[flag]!({ operand: rest.find((a) => !a.startsWith('--')), force: rest.includes('--force') });
    } catch (error) {
      console.error(error instanceof OpsRefusal ? error.message : error);
      return 1;
    }
  };
}

const locationOf = (settings: ReturnType<typeof loadDatabaseConfig>): DatabaseLocation =>
  settings.databaseUrl ? { url: settings.databaseUrl } : { pgliteDir: join(settings.dataDir, 'pglite') };

const shown = (path: string) => {
  const r = relative(process.cwd(), path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path;
};
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function backup({ operand, force }: Args): Promise<number> {
  const settings = loadDatabaseConfig();
  const from = locationOf(settings);
  const kind = 'url' in from ? 'postgres' : 'embedded';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const file = resolve(operand ?? join(settings.dataDir, 'backups', `challenge-${kind}-${stamp}.${kind === 'postgres' ? 'dump' : 'tar.gz'}`));
  console.log(`backing up ${describeLocation(from)} …`);
  const result = await backupDatabase(from, file, { force });
  console.log(`backup written: ${shown(result.file)} (${megabytes(result.bytes)}, ${kind === 'postgres' ? 'pg_dump custom format' : 'PGlite data folder, gzipped tar'})`);
  console.log(`  uploaded attachments are files, not rows: keep a copy of ${shown(join(settings.dataDir, 'attachments'))} with it`);
  return 0;
}

async function restore({ operand, force }: Args): Promise<number> {
  if (!operand) throw new OpsRefusal('用法：npm run db:restore -- <备份文件> [--force]', 'Usage: npm run db:restore -- <backup file> [--force]');
  const to = locationOf(loadDatabaseConfig());
  console.log(`restoring ${shown(resolve(operand))} into ${describeLocation(to)} …`);
  const result = await restoreDatabase(resolve(operand), to, { force });
  if (result.created) console.log('  the database did not exist: created it');
  if (result.cleared) console.log('  --force: dropped everything in the public and drizzle schemas first');
  if (result.movedAside) console.log(`  --force: the data folder that was there is now ${shown(result.movedAside)}`);
  return report(to, result.summary);
}

async function toPostgres({ operand, force }: Args): Promise<number> {
  const settings = loadDatabaseConfig();
  const url = operand ?? settings.databaseUrl;
  if (!url) {
    throw new OpsRefusal(
      '用法：npm run db:to-postgres -- postgres://用户:密码@主机:5432/数据库 [--force]（或设置 DATABASE_URL）',
      'Usage: npm run db:to-postgres -- postgres://user:password@host:5432/database [--force] (or set DATABASE_URL)',
    );
  }
  const pgliteDir = join(settings.dataDir, 'pglite');
  console.log(`copying embedded PGlite in ${shown(pgliteDir)} into PostgreSQL ${safeUrl(url)} …`);
  try {
    const result = await copyEmbeddedToPostgres({ pgliteDir, url, force, onTable: (table, rows) => rows > 0 && console.log(`  ${table}: ${rows} row${rows === 1 ? '' : 's'}`) });
    if (result.created) console.log('  the database did not exist: created it');
    console.log(`  ${result.tables.length} tables, ${result.sequences} sequences`);
  } catch (error) {
    if (!(error instanceof OpsRefusal)) console.error('the copy was rolled back; the target may hold the product\'s empty tables now: run again with --force once the cause is fixed');
    throw error;
  }
  const code = report({ url }, await summarizeDatabase({ url }));
  if (code === 0) console.log(`next: start the product with DATABASE_URL=${safeUrl(url)} and the same DATA_DIR (it keeps the attachments)`);
  return code;
}

/** What the restored database holds and whether it passes the product's own checks; the exit code. */
function report(at: DatabaseLocation, s: DatabaseSummary): number {
  console.log(`${describeLocation(at)}: ${s.tables} tables, ${s.rows} rows`);
  console.log(`  audit chain: ${s.audit.ok ? `verified (${s.audit.checked} records)` : 'BROKEN — see GET /api/audit/verify'}`);
  console.log(`  funds ledger: ${s.ledger.ok ? `consistent (${s.ledger.accounts} accounts, ${s.ledger.entries} entries)` : 'INCONSISTENT — run npm run ledger:check'}`);
  return s.audit.ok && s.ledger.ok ? 0 : 1;
}
