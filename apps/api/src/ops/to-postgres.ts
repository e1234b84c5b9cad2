/**
 * `npm run db:to-postgres`: the embedded database copied into PostgreSQL, for a user who outgrows
 * one machine.
 *
 * PGlite 0.5 is PostgreSQL 18; servers like this machine's are 15, and a dump of 18 carries what 15
 * refuses (`SET transaction_timeout`, newer catalog options). So no DDL crosses over: the target is
 * built by the product's own migrations, and only rows are copied — table by table, parents before
 * the tables whose foreign keys point at them, each value as text through its type's own input
 * function (as pg_dump's COPY does), all in one transaction — then every sequence is set where the
 * source's stands. Generated columns are left for the target to compute.
 */
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '@challenge/db';
import pg from 'pg';
import { assertEmbeddedAvailable, openEmbedded, OpsRefusal, prepareEmptyPostgres } from './backup';

export interface CopyOptions {
  /** The embedded database's folder (DATA_DIR/pglite). */
  pgliteDir: string;
  /** The PostgreSQL database to fill; created when the server does not have it. */
  url: string;
  /** Clear a target that is not empty (its public and drizzle schemas are dropped); where the source folder's holder cannot be checked, pass its leftover postmaster.pid. */
  force?: boolean;
  /** Rows per read and insert; memory stays bounded by it whatever the table's size. */
  batchSize?: number;
  onTable?: (table: string, rows: number) => void;
}

export interface CopyResult {
  tables: { table: string; rows: number }[];
  sequences: number;
  created: boolean;
  cleared: boolean;
}

const q = pg.escapeIdentifier;

export async function copyEmbeddedToPostgres(options: CopyOptions): Promise<CopyResult> {
  const batchSize = options.batchSize ?? 500;
  // Both refusals before anything is opened or written.
  assertEmbeddedAvailable(options.pgliteDir, options.force);
  const prepared = await prepareEmptyPostgres(options.url, options.force ?? false);
  const source = await openEmbedded(options.pgliteDir, options.force);
  try {
    const migrated = await openDatabase({ url: options.url, poolSize: 1 });
    try {
      await migrated.migrate();
    } finally {
      await migrated.close();
    }
    const target = new pg.Client({ connectionString: options.url });
    await target.connect();
    try {
      await assertSameMigrations(source.pglite!, target);
      const order = await copyOrder(target);
      await target.query('begin');
      // Rows the migrations seed (the holiday calendar) come from the source, as it has them now.
      for (const table of [...order].reverse()) await target.query(`delete from ${q(table)}`);
      const tables: CopyResult['tables'] = [];
      for (const table of order) {
        const rows = await copyTable(source.pglite!, target, table, batchSize);
        tables.push({ table, rows });
        options.onTable?.(table, rows);
      }
      const sequences = await copySequences(source.pglite!, target);
      await target.query('commit');
      await target.query('analyze');
      return { tables, sequences, ...prepared };
    } catch (error) {
      await target.query('rollback').catch(() => {});
      throw error;
    } finally {
      await target.end();
    }
  } finally {
    await source.close();
  }
}

async function assertSameMigrations(source: PGlite, target: pg.Client) {
  const sql = 'select hash from drizzle.__drizzle_migrations order by id';
  const [from, to] = [(await source.query<{ hash: string }>(sql)).rows, (await target.query<{ hash: string }>(sql)).rows];
  if (from.map((r) => r.hash).join() === to.map((r) => r.hash).join()) return;
  throw new OpsRefusal(
    `嵌入式数据库的迁移（${from.length} 个）与本版本（${to.length} 个）不一致：请先用本版本启动一次或运行 npm run db:migrate（不设 DATABASE_URL），再迁移。`,
    `The embedded database has ${from.length} migrations applied, this version ${to.length}: start this version once, or run npm run db:migrate without DATABASE_URL, then move it.`,
  );
}

/** The product's tables, each after every table its foreign keys point at. */
async function copyOrder(target: pg.Client): Promise<string[]> {
  const { rows: tables } = await target.query<{ name: string }>(
    `select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relispartition order by relname`,
  );
  const { rows: edges } = await target.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace`,
  );
  const waitingFor = new Map(tables.map((t) => [t.name, new Set(edges.filter((e) => e.child === t.name).map((e) => e.parent))]));
  const order: string[] = [];
  while (waitingFor.size > 0) {
    const ready = [...waitingFor].filter(([, parents]) => [...parents].every((p) => !waitingFor.has(p))).map(([t]) => t);
    // A table referring to itself (or a cycle) would need its rows ordered too; none does today.
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...waitingFor.keys()].join(', ')}: the copy has no table order`);
    for (const t of ready) {
      order.push(t);
      waitingFor.delete(t);
    }
  }
  return order;
}

async function copyTable(source: PGlite, target: pg.Client, table: string, batchSize: number): Promise<number> {
  const relation = `public.${q(table)}`;
  const { rows: columns } = await target.query<{ name: string; type: string }>(
    `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
     where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
    [relation],
  );
  const { rows: key } = await target.query<{ name: string }>(
    `select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`,
    [relation],
  );
  const { rows: [identityRow] } = await target.query<{ identity: boolean }>(
    `select exists (select 1 from pg_attribute where attrelid = $1::regclass and attidentity = 'a') as identity`,
    [relation],
  );
  const identity = identityRow!.identity;

  const alias = (i: number) => `c${i}`;
  const keyIndex = key.map((k) => columns.findIndex((c) => c.name === k.name));
  const keyList = key.map((k) => q(k.name)).join(', ');
  const read = (after: boolean) =>
    `select ${columns.map((c, i) => `${q(c.name)}::text as ${alias(i)}`).join(', ')} from ${q(table)}` +
    (after ? ` where (${keyList}) > (${keyIndex.map((ci, j) => `$${j + 1}::${columns[ci]!.type}`).join(', ')})` : '') +
    (key.length > 0 ? ` order by ${keyList} limit ${batchSize}` : '');
  const insert =
    `insert into ${q(table)} (${columns.map((c) => q(c.name)).join(', ')})${identity ? ' overriding system value' : ''} ` +
    `select ${columns.map((c, i) => `${alias(i)}::${c.type}`).join(', ')} ` +
    `from unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as u(${columns.map((_, i) => alias(i)).join(', ')})`;

  // Without a primary key there is nothing to page by: the table is read whole.
  const page = async (after: (string | null)[] | null) =>
    (await source.query<Record<string, string | null>>(read(after !== null), after ?? [])).rows;
  let total = 0;
  let after: (string | null)[] | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) await target.query(insert, columns.map((_, i) => rows.map((r) => r[alias(i)] ?? null)));
    total += rows.length;
    if (key.length === 0 || rows.length < batchSize) return total;
    const last = rows.at(-1)!;
    after = keyIndex.map((ci) => last[alias(ci)] ?? null);
  }
}

/** Every sequence set where the source's stands, so the next receipt number or ledger sequence follows on. */
async function copySequences(source: PGlite, target: pg.Client): Promise<number> {
  const { rows } = await source.query<{ name: string; last: string | null; start: string }>(
    `select sequencename as name, last_value::text as last, start_value::text as start from pg_sequences where schemaname = 'public'`,
  );
  for (const s of rows) {
    await target.query('select setval($1::regclass, $2::bigint, $3)', [`public.${q(s.name)}`, s.last ?? s.start, s.last !== null]);
  }
  return rows.length;
}
