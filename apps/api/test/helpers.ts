/** Test harness: the real app on a real, freshly migrated database (PGlite dump or a PostgreSQL copy). */
import { openTestDatabase } from '@challenge/db/testing';
import { queryRows, type Database } from '@challenge/db';
import { sql } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { buildApp, type App } from '../src/app';
import { TestClock } from '../src/clock';
import { ensureBureauAdmin } from '../src/demo/seed';

export interface TestEnv {
  app: App;
  database: Database;
  clock: TestClock;
}

/** One app and database per test file; closed after the file. */
export async function setupTestApp(): Promise<TestEnv> {
  const database = await openTestDatabase();
  const clock = new TestClock();
  const app = await buildApp({ db: database.db, driver: database.driver, clock, jwtSecret: 'test-secret-that-is-long-enough-0123456789', env: 'test' });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return { app, database, clock };
}

let seq = 0;
export const unique = (prefix = 'u') => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Appends the GB 32100-2015 check character, so tests can make as many valid, distinct codes as they need. */
export function validUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const n = (Date.now() * 1000 + seq++) % 1e9;
  const body = `9113010${String(n).padStart(9, '0')}X`.slice(0, 17);
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

export const PASSWORD = 'correct-horse-battery';

export function enterpriseRegistration(overrides: Record<string, unknown> = {}, org: Record<string, unknown> = {}) {
  const id = unique('ent');
  return {
    email: `${id}@steel.example.cn`,
    password: PASSWORD,
    displayName: '王工',
    role: 'enterprise',
    organization: { kind: 'enterprise', country: 'CN', nameZh: `测试特钢${id}`, nameEn: `Test Steel ${id}`, uscc: validUscc(), ...org },
    ...overrides,
  };
}

export function foreignSolverRegistration(overrides: Record<string, unknown> = {}, org: Record<string, unknown> = {}) {
  const id = unique('sol');
  const domain = `${id}.example.edu`;
  return {
    email: `researcher@${domain}`,
    password: PASSWORD,
    displayName: 'Ada Researcher',
    role: 'solver',
    locale: 'en',
    organization: { kind: 'university', country: 'DE', nameEn: `University ${id}`, website: `https://www.${domain}`, emailDomain: domain, ...org },
    ...overrides,
  };
}

export async function registerUser(app: App, body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode}: ${res.body}`);
  return res.json() as { user: { id: string; email: string }; organization: { id: string }; joinRequest: { id: string } | null };
}

export async function login(app: App, email: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`);
  return res.json() as { accessToken: string; refreshToken: string };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function bureauToken(env: TestEnv, email = `${unique('bureau')}@kgj.example.gov.cn`) {
  await ensureBureauAdmin({ db: env.database.db, clock: env.clock }, { email, password: PASSWORD });
  return (await login(env.app, email)).accessToken;
}

export async function staffToken(env: TestEnv, role: 'expert' | 'finance' | 'bureau') {
  const bureau = await bureauToken(env);
  const email = `${unique(role)}@staff.example.cn`;
  const res = await env.app.inject({ method: 'POST', url: '/api/users', headers: bearer(bureau), payload: { email, password: PASSWORD, displayName: role, role } });
  if (res.statusCode !== 201) throw new Error(`create ${role} failed: ${res.body}`);
  return { token: (await login(env.app, email)).accessToken, id: (res.json() as { id: string }).id };
}

/** Row count and content checksum of every table: equal before and after means nothing changed. */
export async function fingerprint(env: TestEnv): Promise<Record<string, string>> {
  const tables = await queryRows<{ tablename: string }>(env.database.db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r] = await queryRows<{ n: string; h: string }>(
      env.database.db,
      sql.raw(`select count(*)::text as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${tablename}" t`),
    );
    out[tablename] = `${r!.n}:${r!.h}`;
  }
  return out;
}
