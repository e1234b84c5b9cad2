/**
 * Backup and restore of the product's database (`npm run db:backup`, `npm run db:restore`).
 *
 * PostgreSQL: pg_dump's custom format, restored with pg_restore into an empty database in one
 * transaction. Embedded: PGlite's own dump of its data folder (a gzipped tar), loaded into a fresh
 * data folder. Attachments are files under DATA_DIR/attachments, not rows: neither covers them.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase, queryRows, verifyAuditChain, type Database } from '@challenge/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { checkLedger } from '../services/ledger/check-ledger';

/** Where the product's database is: PostgreSQL (DATABASE_URL) or an embedded data folder (DATA_DIR/pglite). */
export type DatabaseLocation = { url: string } | { pgliteDir: string };
export type BackupKind = 'postgres' | 'embedded';

/** A refusal the operator can act on (say what to do), as opposed to a failure. */
export class OpsRefusal extends Error {
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`);
    this.name = 'OpsRefusal';
  }
}

export const describeLocation = (at: DatabaseLocation) => ('url' in at ? `PostgreSQL ${safeUrl(at.url)}` : `embedded PGlite in ${at.pgliteDir}`);

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

// ---- the embedded database's folder ------------------------------------------------------------

/**
 * PGlite is one process's database, and it does not lock its folder: a second process opening it
 * (a backup while the server runs) is let in and corrupts it. Its postmaster.pid exists while it is
 * open but names no real process, so on Linux the holder is found by who keeps the folder's files
 * (the WAL at least) open. Processes of other users are not visible: run this as the server's user.
 * Without /proc the pid file alone decides, and only there may --force pass a folder a crash left.
 */
export function assertEmbeddedIdle(pgliteDir: string, force = false): void {
  if (!existsSync(join(pgliteDir, 'postmaster.pid'))) return;
  const holders = processesHolding(pgliteDir);
  if (holders === null) {
    if (force) return;
    throw new OpsRefusal(
      `数据目录 ${pgliteDir} 可能正被运行中的服务使用（存在 postmaster.pid）：请先停止服务；若服务已停止（上次异常退出），加 --force 重试。`,
      `The data folder ${pgliteDir} may be in use by the running server (postmaster.pid is present): stop the server first; if it is not running (it stopped abnormally), run again with --force.`,
    );
  }
  if (holders.length > 0) {
    throw new OpsRefusal(
      `数据目录 ${pgliteDir} 正被进程 ${holders.join(', ')} 使用（服务在运行？）：嵌入式数据库只允许一个进程打开，请先停止服务。`,
      `The data folder ${pgliteDir} is in use by process ${holders.join(', ')} (is the server running?): the embedded database allows one process only — stop the server first.`,
    );
  }
}

/** Pids of the processes with a file under `dir` open; null where /proc does not exist. */
function processesHolding(dir: string): number[] | null {
  if (!existsSync('/proc/self/fd')) return null;
  const prefix = `${realpathSync(dir)}/`;
  const pids: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(prefix);
      } catch {
        return false;
      }
    });
    if (holds) pids.push(Number(pid));
  }
  return pids;
}

/** There is an embedded database at `pgliteDir`, and no other process has it open. */
export function assertEmbeddedAvailable(pgliteDir: string, force = false): void {
  if (!existsSync(join(pgliteDir, 'PG_VERSION'))) {
    throw new OpsRefusal(`${pgliteDir} 中没有嵌入式数据库。`, `There is no embedded database in ${pgliteDir}.`);
  }
  assertEmbeddedIdle(pgliteDir, force);
}

export async function openEmbedded(pgliteDir: string, force = false): Promise<Database> {
  assertEmbeddedAvailable(pgliteDir, force);
  return openDatabase({ dataDir: pgliteDir });
}

// ---- PostgreSQL ----------------------------------------------------------------------------------

/** The product's schemas: what "empty" looks at and what --force clears. */
const PRODUCT_SCHEMAS = ['public', 'drizzle'];

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database the URL names when the server does not have it yet; true when created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  try {
    await withClient(url, async () => {});
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  await withClient(u.toString(), (c) => c.query(`create database ${pg.escapeIdentifier(name)}`));
  return true;
}

/** Whether the product's schemas hold any table, sequence, view or type. */
export async function postgresHasObjects(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ used: boolean }>(
      `select exists (select 1 from pg_class k join pg_namespace n on n.oid = k.relnamespace
                      where n.nspname = any($1) and k.relkind in ('r', 'p', 'v', 'm', 'S', 'f'))
           or exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                      where n.nspname = any($1) and t.typtype in ('e', 'd')) as used`,
      [PRODUCT_SCHEMAS],
    );
    return rows[0]!.used;
  });
}

/**
 * A target must be empty, so a restore cannot mix two databases' rows; --force clears the product's
 * schemas first (everything in them is lost).
 */
export async function prepareEmptyPostgres(url: string, force: boolean): Promise<{ created: boolean; cleared: boolean }> {
  const created = await ensureDatabase(url);
  if (created || !(await postgresHasObjects(url))) return { created, cleared: false };
  if (!force) {
    throw new OpsRefusal(
      `目标数据库 ${safeUrl(url)} 不是空的：请换一个空数据库；或加 --force，先删除其中 public 与 drizzle 两个 schema 的全部内容。`,
      `The target database ${safeUrl(url)} is not empty: use an empty one, or run again with --force to drop everything in its public and drizzle schemas first.`,
    );
  }
  await withClient(url, (c) => c.query(`drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public`));
  return { created: false, cleared: true };
}

/** Runs pg_dump or pg_restore with the URL's password in the environment, not on the command line (`ps` shows that). */
function runClientTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, [...args, `--dbname=${u.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') return reject(error);
      reject(new OpsRefusal(
        `找不到 ${tool}：请安装与 PostgreSQL 服务器同一大版本或更新的客户端工具（Debian：apt-get install postgresql-client-15）。`,
        `${tool} was not found: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client-15).`,
      ));
    });
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${tool} failed (exit ${code}):\n${stderr.trim()}`))));
  });
}

// ---- backup and restore --------------------------------------------------------------------------

export interface BackupResult {
  file: string;
  kind: BackupKind;
  bytes: number;
}

/**
 * Writes a backup of the database at `from` to `file` (never over an existing file). It is written
 * under a `.partial` name and renamed when complete, so a file with the final name is a whole backup.
 */
export async function backupDatabase(from: DatabaseLocation, file: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  if (existsSync(file)) throw new OpsRefusal(`${file} 已存在：备份不会覆盖已有文件。`, `${file} exists: a backup never overwrites a file.`);
  if ('pgliteDir' in from) assertEmbeddedAvailable(from.pgliteDir, options.force);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if ('url' in from) {
      await runClientTool('pg_dump', ['--format=custom', `--file=${partial}`], from.url);
    } else {
      const database = await openEmbedded(from.pgliteDir, options.force);
      try {
        // Data files brought up to date, so the copy needs no WAL replay to be consistent.
        await database.pglite!.exec('checkpoint');
        writeFileSync(partial, Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()));
      } finally {
        await database.close();
      }
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file, kind: 'url' in from ? 'postgres' : 'embedded', bytes: statSync(file).size };
}

/** What a backup file holds, by its first bytes: pg_dump's custom format starts with PGDMP, PGlite's dump is gzip. */
export function backupKindOf(file: string): BackupKind {
  if (!existsSync(file)) throw new OpsRefusal(`找不到备份文件 ${file}。`, `The backup file ${file} does not exist.`);
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  throw new OpsRefusal(`${file} 不是 npm run db:backup 写出的备份。`, `${file} is not a backup written by npm run db:backup.`);
}

export interface RestoreResult {
  kind: BackupKind;
  /** The restored database, checked as the product checks it. */
  summary: DatabaseSummary;
  /** PostgreSQL: the database did not exist and was created. */
  created?: boolean;
  /** PostgreSQL with --force: the product's schemas were dropped first. */
  cleared?: boolean;
  /** Embedded with --force: where the data folder that was there has been moved. */
  movedAside?: string;
}

/**
 * Restores `file` into `to`, which must be empty (or is cleared with `force`: a PostgreSQL target's
 * schemas are dropped; an embedded data folder is moved aside, not deleted). A backup restores into
 * its own kind of database; moving the embedded one to PostgreSQL is `copyEmbeddedToPostgres`.
 */
export async function restoreDatabase(file: string, to: DatabaseLocation, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const force = options.force ?? false;
  const kind = backupKindOf(file);
  if ('url' in to) {
    if (kind !== 'postgres') {
      throw new OpsRefusal(
        `${file} 是嵌入式数据库的备份，只能恢复到数据目录（不设 DATABASE_URL）。要迁到 PostgreSQL：先恢复到数据目录，再运行 npm run db:to-postgres。`,
        `${file} is a backup of the embedded database: it restores into a data folder (without DATABASE_URL). To move it to PostgreSQL, restore it into a data folder, then run npm run db:to-postgres.`,
      );
    }
    const prepared = await prepareEmptyPostgres(to.url, force);
    // No owners or grants from the source: the restoring user owns what it restores.
    await runClientTool('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', file], to.url);
    await withClient(to.url, (c) => c.query('analyze'));
    return { kind, summary: await summarizeDatabase(to), ...prepared };
  }
  if (kind !== 'embedded') {
    throw new OpsRefusal(
      `${file} 是 PostgreSQL 的备份（pg_dump），只能恢复到 PostgreSQL：请设置 DATABASE_URL。`,
      `${file} is a PostgreSQL backup (pg_dump): it restores into PostgreSQL — set DATABASE_URL.`,
    );
  }
  const dir = to.pgliteDir;
  let movedAside: string | undefined;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    // Even --force never moves a folder a running server has open.
    assertEmbeddedIdle(dir, force);
    if (!force) {
      throw new OpsRefusal(
        `数据目录 ${dir} 不是空的：请换一个空目录（DATA_DIR）；或加 --force，把现有目录移到一旁后再恢复。`,
        `The data folder ${dir} is not empty: use an empty one (DATA_DIR), or run again with --force to move the existing folder aside first.`,
      );
    }
    movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, movedAside);
  }
  // Loaded under another name and renamed when whole, so an interrupted restore leaves no half database.
  const loading = `${dir}.restoring`;
  rmSync(loading, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const database = await openDatabase({ dataDir: loading, loadDataDir: new Blob([readFileSync(file)], { type: 'application/x-gzip' }) });
  let summary: DatabaseSummary;
  try {
    summary = await summarize(database);
  } finally {
    await database.close();
  }
  renameSync(loading, dir);
  return { kind, summary, ...(movedAside ? { movedAside } : {}) };
}

// ---- what the operator is told afterwards ------------------------------------------------------

export interface DatabaseSummary {
  tables: number;
  rows: number;
  audit: { ok: boolean; checked: number };
  ledger: { ok: boolean; accounts: number; entries: number };
}

export async function summarizeDatabase(at: DatabaseLocation): Promise<DatabaseSummary> {
  const database = 'url' in at ? await openDatabase({ url: at.url, poolSize: 1 }) : await openEmbedded(at.pgliteDir);
  try {
    return await summarize(database);
  } finally {
    await database.close();
  }
}

/** Rows, the audit chain recomputed and the ledger rebalanced: what a restored database is checked by. */
async function summarize(database: Database): Promise<DatabaseSummary> {
  const tables = await queryRows<{ tablename: string }>(database.db, sql`select tablename from pg_tables where schemaname = 'public'`);
  let rows = 0;
  // Counted, not estimated: statistics are stale right after a restore.
  for (const { tablename } of tables) {
    const [r] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${pg.escapeIdentifier(tablename)}`));
    rows += Number(r!.n);
  }
  const audit = await verifyAuditChain(database.db);
  const ledger = await checkLedger(database.db);
  return { tables: tables.length, rows, audit: { ok: audit.ok, checked: audit.checked }, ledger: { ok: ledger.ok, accounts: ledger.accounts, entries: ledger.entries } };
}
