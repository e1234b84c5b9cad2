/**
 * Indexes for what the product reads. Every foreign key has an index that starts with its columns (and
 * leaves out no non-null row), so joins and checks on delete never scan the referencing table; and on PostgreSQL, with 100,000 rows in the
 * large tables and fresh statistics, the statements the main routes actually send are explained: a
 * sequential scan of a large table fails the test.
 */
import { onPostgres } from '@challenge/db/testing';
import { queryRows } from '@challenge/db';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { login, setupTestApp, sharedBureauToken } from './helpers';
import { buildPortfolio, portfolioCalls, type Portfolio } from './portfolio-helpers';

interface Statement { query: string; params: unknown[] }
interface PlanNode { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }
let capturing: Statement[] | null = null;
const env = await setupTestApp({ onQuery: (query, params) => capturing?.push({ query, params }) });

describe('foreign keys', () => {
  test('each has an index whose leading columns are its own', async () => {
    const unindexed = await queryRows<{ fk: string }>(env.database.db, sql`
      select c.conrelid::regclass || '(' || array_to_string(array(select a.attname from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k), ', ') || ')' as fk
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            -- a partial index serves the key's lookups only if it leaves out nothing but nulls
            and (i.indpred is null or pg_get_expr(i.indpred, i.indrelid) ~ '^\\(\\w+ IS NOT NULL\\)$')
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
        )
      order by 1`);
    expect(unindexed.map((r) => r.fk)).toEqual([]);
  });
});

/** Tables that hold 100,000 rows here; a sequential scan of one of them in a main route's statement fails. */
const LARGE = ['challenges', 'search_documents', 'search_document_texts', 'applications', 'notifications', 'notification_events', 'audit_log'];
const ROWS = 100_000;

describe.runIf(onPostgres())('plans of the main routes over 100,000 rows (PostgreSQL)', () => {
  let p: Portfolio;
  let tokens: { bureau: string; owner: string; winner: string };
  const { call } = portfolioCalls(env);

  beforeAll(async () => {
    p = await buildPortfolio(env);
    tokens = { bureau: await sharedBureauToken(env), owner: (await login(env.app, p.e1.email)).accessToken, winner: (await login(env.app, p.s1.email)).accessToken };
    await multiply();
    // As autovacuum leaves a table: statistics, and the visibility map that index-only scans need.
    await env.database.db.execute(sql`vacuum analyze`);
  }, 180_000);

  /**
   * Copies of the portfolio's rows, spread over 1,000 organisations, the four states a list shows, both
   * industries, a year of publication dates and deadlines and a range of bounties, so the planner sees
   * the distribution a district's portfolio would have after some years.
   */
  async function multiply() {
    const db = env.database.db;
    await db.execute(sql`
      insert into organizations (kind, country, name_zh, status, created_at)
      select 'company', 'CN', '复制企业' || g, 'verified', now() from generate_series(1, 1000) g`);
    await db.execute(sql.raw(`
      with orgs as (select array_agg(id) ids from organizations),
           t as (select * from challenges where id = '${p.challenges.d.id}')
      insert into challenges (owner_organization_id, created_by, state, title_zh, title_en, summary_zh, summary_en, description_zh, description_en,
        industry, category, eligibility_zh, eligibility_en, enterprise_share_fen, requested_special_fund_fen, special_fund_fen, bounty_fen, deadline,
        duration_months, max_winners, ip_terms_zh, ip_terms_en, visibility, domestic_only, confidentiality_terms_version, submitted_at, published_at,
        closed_at, created_at, updated_at, fiscal_year)
      select orgs.ids[1 + g % 1000], t.created_by, (array['published','published','closed','draft','pending_review']::challenge_state[])[1 + g % 5],
        t.title_zh || g, t.title_en, t.summary_zh, t.summary_en, t.description_zh, t.description_en,
        (array['metallurgy_new_materials','high_end_equipment']::challenge_industry[])[1 + g % 2], t.category, t.eligibility_zh, t.eligibility_en,
        (g % 1000) * 100000, t.requested_special_fund_fen, t.special_fund_fen, (g % 1000) * 100000 + t.special_fund_fen, now() + (g % 365) * interval '1 day',
        t.duration_months, t.max_winners, t.ip_terms_zh, t.ip_terms_en, t.visibility, t.domestic_only, t.confidentiality_terms_version,
        t.submitted_at, case when g % 5 < 3 then now() - (g % 365) * interval '1 day' end, null, now() - (g % 400) * interval '1 day', now(), t.fiscal_year
      from t, orgs, generate_series(1, ${ROWS}) g`));
    // The copies' documents hold no words: the text indexes stay the portfolio's (cheap to build), and a
    // search still plans over 100,000 rows.
    await db.execute(sql.raw(`
      insert into search_documents (challenge_id, owner_organization_id, state, visibility, industry, category, bounty_fen, deadline, published_at,
        created_at, public_vector, full_vector, title_words)
      select c.id, c.owner_organization_id, c.state, c.visibility, c.industry, c.category, c.bounty_fen, c.deadline, c.published_at, c.created_at,
        ''::tsvector, ''::tsvector, ''
      from challenges c where not exists (select 1 from search_documents d where d.challenge_id = c.id)`));
    await db.execute(sql.raw(`
      with t as (select * from search_document_texts where challenge_id = '${p.challenges.d.id}')
      insert into search_document_texts (challenge_id, public_texts, detail_texts)
      select c.id, t.public_texts, t.detail_texts from challenges c cross join t
      where not exists (select 1 from search_document_texts d where d.challenge_id = c.id)`));
    // One application from a copied organisation to each copied challenge: (challenge, organisation) stays unique.
    await db.execute(sql.raw(`
      with t as (select * from applications where challenge_id = '${p.challenges.d.id}' limit 1)
      insert into applications (challenge_id, organization_id, created_by, state, content, requested_fen, version, submitted_at, created_at, updated_at)
      select c.id, c.owner_organization_id, t.created_by, t.state, t.content, t.requested_fen, t.version, t.submitted_at, c.created_at, c.created_at
      from challenges c cross join t where c.title_zh ~ '[0-9]$' and c.id <> t.challenge_id`));
    await db.execute(sql.raw(`
      with t as (select * from notification_events limit 1)
      insert into notification_events (${await columns('notification_events', { id: 'gen_random_uuid()' })})
      select ${await columns('notification_events', { id: 'gen_random_uuid()' }, 't.')} from t, generate_series(1, ${ROWS}) g`));
    await db.execute(sql.raw(`
      with us as (select array_agg(id) ids from users)
      insert into notifications (user_id, event_id, kind, challenge_id, payload, created_at)
      select us.ids[1 + (row_number() over ()) % cardinality(us.ids)], e.id, (enum_range(null::notification_kind))[1], e.challenge_id, '{}', e.created_at
      from us, notification_events e where not exists (select 1 from notifications n where n.event_id = e.id)`));
    await db.execute(sql.raw(`
      insert into audit_log (at, actor_id, actor_role, action, entity_type, entity_id, before, after, changed_personal_fields, prev_hash, hash)
      select now() - g * interval '1 minute', null, 'system', (array['challenge.publish','application.submit','project.sign'])[1 + g % 3],
        (array['challenge','application','project'])[1 + g % 3], gen_random_uuid()::text, null, '{}'::jsonb, '{}', md5(g::text), md5((g + 1)::text)
      from generate_series(1, ${ROWS}) g`));
  }

  /** A table's columns for an insert … select, with some replaced by expressions. */
  async function columns(table: string, replaced: Record<string, string>, prefix = '') {
    const rows = await queryRows<{ name: string }>(env.database.db, sql`select column_name as name from information_schema.columns where table_name = ${table} order by ordinal_position`);
    return rows.map((r) => (prefix ? replaced[r.name] ?? `${prefix}"${r.name}"` : `"${r.name}"`)).join(', ');
  }

  /** The large tables a statement's plan scans sequentially. */
  async function seqScans(query: string, params: unknown[]) {
    const client = (env.database.db as unknown as { $client: { query(text: string, values: unknown[]): Promise<{ rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] }> } }).$client;
    const { rows } = await client.query(`explain (format json) ${query}`, params);
    const scans: string[] = [];
    const walk = (node: PlanNode) => {
      if (node['Node Type'] === 'Seq Scan' && LARGE.includes(node['Relation Name']!)) scans.push(node['Relation Name']!);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(rows[0]!['QUERY PLAN'][0]!.Plan);
    return scans;
  }

  /** The statements one request sends, each explained: the large tables they scan sequentially. */
  async function seqScansOf(url: string, token?: string) {
    capturing = [];
    const r = await call('GET', url, token);
    const statements = capturing;
    capturing = null;
    expect(r.status, `${url}: ${r.res.body}`).toBe(200);
    const found: string[] = [];
    for (const s of statements.filter((x) => /^\s*(with|select)\b/i.test(x.query))) {
      for (const table of await seqScans(s.query, s.params)) found.push(`${table} in: ${s.query.slice(0, 400)}`);
    }
    return { statements: statements.length, scans: found };
  }

  const routes: [string, () => string, () => string | undefined][] = [
    ['the list, newest first', () => '/api/challenges?pageSize=20', () => undefined],
    ['the list by deadline, one industry', () => '/api/challenges?pageSize=20&sort=deadline&industry=high_end_equipment', () => undefined],
    ['the list by bounty, a bounty range', () => '/api/challenges?pageSize=20&sort=bounty&minBountyFen=50000000&maxBountyFen=60000000', () => undefined],
    ['the list, page 50', () => '/api/challenges?pageSize=20&page=50', () => undefined],
    ['a search', () => '/api/challenges?pageSize=20&q=%E6%AC%A1%E5%B9%B4', () => undefined],
    ['a challenge', () => `/api/challenges/${p.challenges.a.id}`, () => undefined],
    ['a challenge, to its owner', () => `/api/challenges/${p.challenges.a.id}`, () => tokens.owner],
    ["a solver's applications", () => '/api/applications', () => tokens.winner],
    ['the applications to a closed challenge, to its owner', () => `/api/challenges/${p.challenges.a.id}/applications`, () => tokens.owner],
    ['notifications', () => '/api/notifications', () => tokens.winner],
    ['a project', () => `/api/projects/${p.projects.a}`, () => tokens.winner],
    ['the audit of one challenge', () => `/api/audit?entityType=challenge&entityId=${p.challenges.a.id}`, () => tokens.bureau],
    ['public results', () => '/api/results', () => undefined],
  ];

  test.each(routes)('%s: no sequential scan of a large table', async (_label, url, token) => {
    const { statements, scans } = await seqScansOf(url(), token());
    expect(statements).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });

  test('the tables really are large, and a plan that must scan is caught', async () => {
    const sizes = await queryRows<{ relname: string; n: number }>(env.database.db, sql`select relname, reltuples::int as n from pg_class where relname in ('challenges', 'applications', 'notifications', 'audit_log')`);
    expect(sizes).toHaveLength(4);
    for (const s of sizes) expect(s.n, s.relname).toBeGreaterThanOrEqual(ROWS * 0.9);
    // An unindexed predicate: the check must see this scan, or it could not see any.
    expect(await seqScans("select count(*) from challenges where title_en like '%x%'", [])).toContain('challenges');
  });
});
