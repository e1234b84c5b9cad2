/**
 * npm run db:backup / db:restore / db:to-postgres, each proven by a round trip: the portfolio of the
 * dashboard tests (challenges in every stage, applications, reviews, decisions, projects, releases,
 * the ledger, the audit log, notification events) plus a question whose text carries what array and
 * record literals must escape, backed up, restored into a fresh target and compared table by table.
 *
 * The round trip of each pass is its own driver's: the PGlite pass backs up and restores an embedded
 * data folder, the PostgreSQL pass runs pg_dump and pg_restore. Moving the embedded database to
 * PostgreSQL needs an embedded one to start from, which only the PGlite pass has (a fresh initdb
 * costs 5–20 s here), so those tests are registered in that pass alone — the PostgreSQL pass's CI
 * check fails on skipped tests, and they are not PostgreSQL tests. They write into scratch databases
 * on the PostgreSQL server (DATABASE_URL's, or the local one on 127.0.0.1:5432 that this machine and
 * CI run), dropped afterwards.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, queryRows, verifyAuditChain, type Database } from '@challenge/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opsCommand } from '../src/ops/cli';
import { assertEmbeddedIdle, backupDatabase, OpsRefusal, restoreDatabase, summarizeDatabase, type DatabaseLocation, type RestoreResult } from '../src/ops/backup';
import { copyEmbeddedToPostgres } from '../src/ops/to-postgres';
import { checkLedger } from '../src/services/ledger/check-ledger';
import { bearer, fingerprint, setupTestApp, verifiedSolver, type TestEnv } from './helpers';
import { buildPortfolio } from './portfolio-helpers';

const env = await setupTestApp();
const onPglite = env.database.driver === 'pglite';
const work = mkdtempSync(join(tmpdir(), 'challenge-backup-'));
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch: string[] = [];

/** A database name on the test server that no other file uses; dropped after the file. */
function scratchUrl(): string {
  const name = `challenge_ops_${process.pid}_${scratch.length}_${Date.now().toString(36)}`;
  scratch.push(name);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer(statement: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** The pass's own database: its data folder (PGlite pass) or its URL (PostgreSQL pass). */
let source: DatabaseLocation;
let sourceFingerprint: Record<string, string>;
/** Text a copy must carry byte for byte: quotes, backslashes, braces and commas of array literals, a newline, an emoji. */
const AWKWARD = '问 "引号" \\反斜杠\\ {花,括号} 逗号,\n第二行 🔥 NULL';

beforeAll(async () => {
  const portfolio = await buildPortfolio(env);
  const asker = await verifiedSolver(env);
  const asked = await env.app.inject({ method: 'POST', url: `/api/challenges/${portfolio.challenges.d.id}/questions`, headers: bearer(asker.token), payload: { body: AWKWARD } });
  if (asked.statusCode !== 201) throw new Error(`question: ${asked.body}`);
  sourceFingerprint = await fingerprint(env);
  if (onPglite) {
    // The suite's databases live in memory; the tools work on a data folder, as the product's does.
    const dir = join(mkdtempSync(join(work, 'source-')), 'pglite');
    const copy = await openDatabase({ dataDir: dir, loadDataDir: await env.database.pglite!.dumpDataDir('none') });
    await copy.close();
    source = { pgliteDir: dir };
  } else {
    const [{ name }] = await queryRows<{ name: string }>(env.database.db, sql`select current_database() as name`) as [{ name: string }];
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    source = { url: u.toString() };
  }
}, 120_000);

afterAll(async () => {
  for (const name of scratch) await onServer(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  rmSync(work, { recursive: true, force: true });
});

/** Opens a restored database, runs `fn` on it, closes it. */
async function inside<T>(at: DatabaseLocation, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = 'url' in at ? await openDatabase({ url: at.url, poolSize: 1 }) : await openDatabase({ dataDir: at.pgliteDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
const fingerprintOf = (database: Database) => fingerprint({ database } as TestEnv);

/** The restored database must equal the source and pass the product's own checks. */
async function expectSameAsSource(at: DatabaseLocation) {
  await inside(at, async (database) => {
    expect(await fingerprintOf(database)).toEqual(sourceFingerprint);
    const audit = await verifyAuditChain(database.db);
    expect(audit).toMatchObject({ ok: true, brokenIds: [] });
    expect(audit.checked).toBe(Number(sourceFingerprint.audit_log!.split(':')[0]));
    const ledger = await checkLedger(database.db);
    expect(ledger.ok).toBe(true);
    expect(ledger.entries).toBeGreaterThan(10);
  });
}

const freshTarget = (): DatabaseLocation => (onPglite ? { pgliteDir: join(mkdtempSync(join(work, 'target-')), 'pglite') } : { url: scratchUrl() });
const rowsIn = (table: string) => Number(sourceFingerprint[table]!.split(':')[0]);

/** One backup of the source, restored into a fresh target: made by the first test that needs it. */
let made: Promise<{ file: string; kind: string; bytes: number; target: DatabaseLocation; restored: RestoreResult }> | undefined;
const roundTrip = () => (made ??= (async () => {
  const file = join(work, onPglite ? 'round-trip.tar.gz' : 'round-trip.dump');
  const written = await backupDatabase(source, file);
  const target = freshTarget();
  return { ...written, target, restored: await restoreDatabase(file, target) };
})());

describe(`backup and restore (${env.database.driver})`, () => {
  test('the data set fills the tables a round trip must carry', () => {
    for (const table of ['challenges', 'applications', 'application_versions', 'review_assignments', 'decisions', 'projects', 'project_milestones', 'releases', 'ledger_entries', 'ledger_transfers', 'audit_log', 'notification_events', 'questions', 'search_documents', 'calendar_days']) {
      expect(rowsIn(table), table).toBeGreaterThan(0);
    }
  });

  test('a backup restores into a fresh target: every table equal, the audit chain verifies, the ledger balances', async () => {
    const { file, kind, bytes, target, restored } = await roundTrip();
    expect(kind).toBe(onPglite ? 'embedded' : 'postgres');
    expect(bytes).toBeGreaterThan(10_000);
    expect(existsSync(`${file}.partial`)).toBe(false);
    // A PostgreSQL target that does not exist yet is created.
    expect(restored).toMatchObject({ kind, ...(onPglite ? {} : { created: true, cleared: false }) });
    // What the operator is told: every row, the chain and the ledger checked.
    const tables = Object.keys(sourceFingerprint);
    expect(restored.summary).toEqual({
      tables: tables.length, rows: tables.reduce((n, t) => n + rowsIn(t), 0),
      audit: { ok: true, checked: rowsIn('audit_log') }, ledger: { ok: true, accounts: rowsIn('ledger_accounts'), entries: rowsIn('ledger_entries') },
    });
    await expectSameAsSource(target);
    await expect(backupDatabase(source, file)).rejects.toThrow(/never overwrites/);
  });

  test('a target that holds data is refused unless --force, which replaces it whole', async () => {
    const { file, target } = await roundTrip();
    // Something the backup does not have, which --force must not keep (an embedded folder is moved aside whole).
    if ('url' in target) await inside(target, (database) => database.db.execute(sql`insert into calendar_days (day, kind, note) values ('2031-01-01', 'holiday', 'only in the target')`));
    const refused = restoreDatabase(file, target);
    await expect(refused).rejects.toBeInstanceOf(OpsRefusal);
    await expect(refused).rejects.toThrow(onPglite ? /data folder .* is not empty/ : /target database .* is not empty/);
    const replaced = await restoreDatabase(file, target, { force: true });
    if ('pgliteDir' in target) {
      // The folder that was there is moved aside, not deleted.
      expect(replaced.movedAside).toMatch(/pglite\.before-restore-/);
      expect(readdirSync(replaced.movedAside!)).toContain('PG_VERSION');
    } else {
      expect(replaced).toMatchObject({ cleared: true });
    }
    await expectSameAsSource(target);
  });

  test('a backup restores only into its own kind of database, and a file that is no backup is refused', async () => {
    const { file } = await roundTrip();
    const otherKind: DatabaseLocation = onPglite ? { url: scratchUrl() } : { pgliteDir: join(work, 'never', 'pglite') };
    await expect(restoreDatabase(file, otherKind)).rejects.toThrow(onPglite ? /restores into a data folder .* db:to-postgres/s : /restores into PostgreSQL/);
    const notABackup = join(work, 'notes.txt');
    writeFileSync(notABackup, 'not a backup');
    await expect(restoreDatabase(notABackup, freshTarget())).rejects.toThrow(/is not a backup written by npm run db:backup/);
    expect(existsSync(join(work, 'never'))).toBe(false);
  });

  test('the npm scripts: db:backup writes into DATA_DIR/backups, db:restore restores and checks, mistakes exit 1', async () => {
    const run = async (argv: string[], settings: { DATABASE_URL?: string; DATA_DIR: string }) => {
      const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
      const set = (values: Record<string, string | undefined>) => {
        for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      };
      set({ DATABASE_URL: undefined, ...settings });
      try {
        return await opsCommand(['node', 'server.js', ...argv])!();
      } finally {
        set(saved);
      }
    };
    const settingsOf = (at: DatabaseLocation) => ('url' in at ? { DATABASE_URL: at.url, DATA_DIR: mkdtempSync(join(work, 'cli-')) } : { DATA_DIR: join(at.pgliteDir, '..') });
    const from = settingsOf(source);
    expect(await run(['--db-backup'], from)).toBe(0);
    const backups = readdirSync(join(from.DATA_DIR, 'backups'));
    expect(backups).toEqual([expect.stringMatching(onPglite ? /^challenge-embedded-\d{8}-\d{6}\.tar\.gz$/ : /^challenge-postgres-\d{8}-\d{6}\.dump$/)]);
    const file = join(from.DATA_DIR, 'backups', backups[0]!);

    const target = freshTarget();
    const to = settingsOf(target);
    expect(await run(['--db-restore', file], to)).toBe(0);
    expect(await run(['--db-restore', file], to)).toBe(1);
    expect(await run(['--db-restore'], to)).toBe(1);
    expect(await run(['--db-restore', file, '--froce'], to)).toBe(1);
    expect(opsCommand(['node', 'server.js', '--migrate-only'])).toBeNull();
    await inside(target, async (database) => expect(await fingerprintOf(database)).toEqual(sourceFingerprint));
  });
});

if (onPglite) {
  describe('the embedded database (PGlite pass only: it has one to start from)', () => {
    test('nothing opens a data folder another process has open: PGlite would let it in and corrupt it', async () => {
      if (!('pgliteDir' in source)) throw new Error('unreachable');
      const { file } = await roundTrip();
      // This test's process stands for the running server.
      const running = await openDatabase({ dataDir: source.pgliteDir });
      try {
        const inUse = new RegExp(`in use by process ${process.pid}\\b`);
        await expect(backupDatabase(source, join(work, 'while-running.tar.gz'))).rejects.toThrow(inUse);
        expect(existsSync(join(work, 'while-running.tar.gz'))).toBe(false);
        const url = scratchUrl();
        await expect(copyEmbeddedToPostgres({ pgliteDir: source.pgliteDir, url })).rejects.toThrow(inUse);
        // Not even --force replaces a folder in use.
        await expect(restoreDatabase(file, source, { force: true })).rejects.toThrow(inUse);
        await expect(copyEmbeddedToPostgres({ pgliteDir: source.pgliteDir, url, force: true })).rejects.toThrow(inUse);
      } finally {
        await running.close();
      }
    });

    test('a postmaster.pid that no process backs (the server was killed) does not stop the tools; an open file does', () => {
      const dir = mkdtempSync(join(work, 'crashed-'));
      writeFileSync(join(dir, 'postmaster.pid'), '-42\n/pglite/data\n');
      expect(() => assertEmbeddedIdle(dir)).not.toThrow();
      const held = openSync(join(dir, 'postmaster.pid'), 'r');
      try {
        expect(() => assertEmbeddedIdle(dir)).toThrow(new RegExp(`in use by process ${process.pid}\\b`));
      } finally {
        closeSync(held);
      }
    });

    test('it moves to PostgreSQL 15: every table equal, sequences follow on, the audit chain and the ledger intact', async () => {
      if (!('pgliteDir' in source)) throw new Error('unreachable');
      const url = scratchUrl();
      // Small batches, so tables are read in several pages.
      const copied = await copyEmbeddedToPostgres({ pgliteDir: source.pgliteDir, url, batchSize: 7 });
      expect(copied.created).toBe(true);
      expect(copied.tables.find((t) => t.table === 'audit_log')?.rows).toBe(rowsIn('audit_log'));
      // Parents first: a row never arrives before the row its foreign key names.
      const order = copied.tables.map((t) => t.table);
      expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('challenges'));
      expect(order.indexOf('challenges')).toBeLessThan(order.indexOf('applications'));

      await inside({ url }, async (database) => {
        const [{ version }] = await queryRows<{ version: number }>(database.db, sql`select current_setting('server_version_num')::int as version`) as [{ version: number }];
        console.info(`embedded (PostgreSQL 18) → PostgreSQL ${Math.floor(version / 10000)}`);
        // The same text for every row on 18 and 15: both sessions print timestamps in UTC, floats
        // shortest-exact, and order rows by code point (PGlite's C, this server's C.UTF-8).
        expect(await fingerprintOf(database)).toEqual(sourceFingerprint);
        expect((await verifyAuditChain(database.db)).ok).toBe(true);
        expect((await checkLedger(database.db)).ok).toBe(true);
        // Where the source's sequences stand (after a recovery PostgreSQL skips ahead, so past the
        // largest id, not next to it): the next audit record or receipt number collides with none.
        const [seq] = await queryRows<{ audit: boolean; receipts: boolean }>(database.db, sql`
          select nextval('audit_log_id_seq') > (select max(id) from audit_log) as audit,
                 nextval('application_receipt_seq') > (select max(receipt_sequence) from applications) as receipts`);
        expect(seq).toEqual({ audit: true, receipts: true });
      });
      expect(await summarizeDatabase({ url })).toMatchObject({ audit: { ok: true, checked: rowsIn('audit_log') }, ledger: { ok: true } });

      // Clearing with --force is prepareEmptyPostgres, which the PostgreSQL pass's restore tests cover.
      await expect(copyEmbeddedToPostgres({ pgliteDir: source.pgliteDir, url })).rejects.toThrow(/target database .* is not empty/);
    });
  });
}
