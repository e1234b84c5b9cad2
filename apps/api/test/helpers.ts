/** Test harness: the real app on a real, freshly migrated database (PGlite dump or a PostgreSQL copy). */
import { openTestDatabase } from '@challenge/db/testing';
import { queryRows, type Database } from '@challenge/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { buildApp, type App } from '../src/app';
import { TestClock } from '../src/clock';
import { ensureBureauAdmin } from '../src/demo/seed';

export interface TestEnv {
  app: App;
  database: Database;
  clock: TestClock;
  /** DATA_DIR of this file's app: a temporary folder, removed after the file. */
  dataDir: string;
}

/** The special fund's budget every test file starts with, for each year its clocks reach: ¥100 million. */
export const TEST_BUDGET_FEN = 10_000_000_000;
export const TEST_BUDGET_YEARS = [2025, 2026, 2027, 2028] as const;

/**
 * One app and database per test file; closed after the file. The Finance Bureau has set the special
 * fund's budget of the years the tests' clocks reach, so approvals can reserve against it; tests of
 * the budget itself use other years. `fundYears: false` leaves the database empty; `onQuery` sees
 * every statement the app sends.
 */
export async function setupTestApp(opts: { fundYears?: boolean; onQuery?: (query: string, params: unknown[]) => void } = {}): Promise<TestEnv> {
  const database = await openTestDatabase({ onQuery: opts.onQuery });
  const clock = new TestClock();
  const dataDir = mkdtempSync(join(tmpdir(), 'challenge-data-'));
  const app = await buildApp({ db: database.db, driver: database.driver, clock, jwtSecret: 'test-secret-that-is-long-enough-0123456789', env: 'test', dataDir });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { app, database, clock, dataDir };
  if (opts.fundYears === false) return env;
  const finance = await staffToken(env, 'finance');
  for (const year of TEST_BUDGET_YEARS) {
    const res = await app.inject({ method: 'PUT', url: `/api/budgets/${year}`, headers: bearer(finance.token), payload: { budgetFen: TEST_BUDGET_FEN } });
    if (res.statusCode !== 200) throw new Error(`budget ${year}: ${res.body}`);
  }
  return env;
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
  return { token: (await login(env.app, email)).accessToken, id: (res.json() as { id: string }).id, email };
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

// ---- organisations with a signed-in user ---------------------------------------------------------

export interface Member {
  token: string;
  userId: string;
  organizationId: string;
  email: string;
}

const bureauTokens = new WeakMap<TestEnv, { token: Promise<string>; at: number }>();
/**
 * One bureau officer per test file, for the set-up steps tests do not look at. Signed in again when
 * the test clock has moved on 10 minutes, since access tokens last 15 minutes of that clock.
 */
export function sharedBureauToken(env: TestEnv): Promise<string> {
  const now = env.clock.now().getTime();
  const cached = bureauTokens.get(env);
  if (cached && now - cached.at < 10 * 60 * 1000) return cached.token;
  const email = `${unique('bureau')}@kgj.example.gov.cn`;
  const token = bureauToken(env, email);
  bureauTokens.set(env, { token, at: now });
  return token;
}

async function member(env: TestEnv, body: Record<string, unknown>, verify: boolean): Promise<Member> {
  const r = await registerUser(env.app, body);
  if (verify) {
    const res = await env.app.inject({ method: 'POST', url: `/api/organizations/${r.organization.id}/verify`, headers: bearer(await sharedBureauToken(env)), payload: {} });
    if (res.statusCode !== 200) throw new Error(`verify failed ${res.statusCode}: ${res.body}`);
  }
  return { token: (await login(env.app, r.user.email)).accessToken, userId: r.user.id, organizationId: r.organization.id, email: r.user.email };
}

/** An enterprise user whose organisation the bureau has verified (it may create challenges). */
export const verifiedEnterprise = (env: TestEnv) => member(env, enterpriseRegistration(), true);
/** An enterprise user whose organisation still waits for verification. */
export const pendingEnterprise = (env: TestEnv) => member(env, enterpriseRegistration(), false);
/** A solver (a foreign university) whose organisation the bureau has verified. */
export const verifiedSolver = (env: TestEnv) => member(env, foreignSolverRegistration(), true);
/** A solver whose organisation still waits for verification. */
export const pendingSolver = (env: TestEnv) => member(env, foreignSolverRegistration(), false);

// ---- challenges ----------------------------------------------------------------------------------

const DAY = 24 * 60 * 60 * 1000;

/** A draft complete enough to submit, with its deadline 30 days after the test clock's now. */
export function challengeInput(env: TestEnv, overrides: Record<string, unknown> = {}) {
  return {
    titleZh: '高温合金真空感应熔炼夹杂物控制',
    titleEn: 'Inclusion control in vacuum induction melting of nickel superalloys',
    summaryZh: '将 GH4169 母合金的氧化物夹杂总量降到 5 ppm 以下，满足航空锻件要求。',
    summaryEn: 'Bring total oxide inclusions in GH4169 master alloy below 5 ppm for aero-engine forgings.',
    descriptionZh: '我公司 6 吨真空感应炉冶炼 GH4169，现有氧含量 12–15 ppm，探伤不合格率 4%。',
    descriptionEn: 'Our 6-tonne VIM furnace melts GH4169 at 12–15 ppm oxygen; 4% of forgings fail ultrasonic testing.',
    industry: 'metallurgy_new_materials',
    category: 'bottleneck',
    indicators: [
      { nameZh: '总氧含量', nameEn: 'Total oxygen', target: '≤ 5', unit: 'ppm', method: 'GB/T 11261 惰气熔融红外法，每炉取 3 个试样' },
      { nameZh: '探伤不合格率', nameEn: 'Ultrasonic rejection rate', target: '≤ 0.5', unit: '%', method: '按 GB/T 4162 A 级，连续 20 炉统计' },
    ],
    eligibilityZh: '具有高温合金冶炼研究经验的高校、科研院所或企业。',
    eligibilityEn: 'Universities, institutes or companies with research experience in superalloy melting.',
    enterpriseShareFen: 100_000_000, // ¥1,000,000
    requestedSpecialFundFen: 50_000_000, // ¥500,000
    deadline: new Date(env.clock.now().getTime() + 30 * DAY).toISOString(),
    durationMonths: 18,
    maxWinners: 2,
    ipTermsZh: '新产生的知识产权归双方共有。',
    ipTermsEn: 'New intellectual property is owned jointly.',
    visibility: 'public',
    domesticOnly: false,
    ...overrides,
  };
}

export type ChallengeJson = Record<string, unknown> & { id: string; state: string; view: string };

export async function createChallenge(env: TestEnv, owner: Member, overrides: Record<string, unknown> = {}): Promise<ChallengeJson> {
  const res = await env.app.inject({ method: 'POST', url: '/api/challenges', headers: bearer(owner.token), payload: challengeInput(env, overrides) });
  if (res.statusCode !== 201) throw new Error(`create challenge failed ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** Moves a challenge with a POST to `/api/challenges/:id/<action>`, failing loudly if refused. */
export async function act(env: TestEnv, token: string, id: string, action: string, payload: Record<string, unknown> = {}): Promise<ChallengeJson> {
  const res = await env.app.inject({ method: 'POST', url: `/api/challenges/${id}/${action}`, headers: bearer(token), payload });
  if (res.statusCode >= 300) throw new Error(`${action} failed ${res.statusCode}: ${res.body}`);
  return res.json();
}

export type ChallengeStage = 'draft' | 'pending_review' | 'published' | 'closed' | 'cancelled';

/**
 * A challenge of `owner` brought to `stage` through the API. `closed`: published with a deadline a
 * minute ahead, the test clock moved past it, the close recorded by the bureau.
 */
export async function challengeIn(env: TestEnv, owner: Member, stage: ChallengeStage, overrides: Record<string, unknown> = {}): Promise<ChallengeJson> {
  const created = await createChallenge(env, owner, stage === 'closed' ? { deadline: soonDeadline(env), ...overrides } : overrides);
  if (stage === 'draft') return created;
  if (stage === 'cancelled') return act(env, owner.token, created.id, 'cancel', { reason: '需求已由内部解决' });
  const submitted = await act(env, owner.token, created.id, 'submit');
  if (stage === 'pending_review') return submitted;
  const published = await act(env, await sharedBureauToken(env), created.id, 'approve', { specialFundFen: 50_000_000 });
  if (stage === 'published') return published;
  env.clock.advance(DEADLINE_SOON_MS + 1000);
  return act(env, await sharedBureauToken(env), created.id, 'close');
}

/** How far ahead `soonDeadline` lies: short, so advancing past it leaves access tokens (15 min) valid. */
export const DEADLINE_SOON_MS = 60 * 1000;
export const soonDeadline = (env: TestEnv) => new Date(env.clock.now().getTime() + DEADLINE_SOON_MS).toISOString();
