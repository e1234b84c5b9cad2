/**
 * Dashboard benchmark: `npm run bench:dashboard -- [--url postgres://postgres@127.0.0.1:5432/postgres]
 * [--source bench_search_100000_20260301] [--name bench_dashboard_100000] [--ledger 500000] [--seed 20260301]
 * [--requests 200] [--warmup 3] [--pool 10] [--rebuild] [--export-timeout 900]
 * [--no-exports] [--out <file>] [--resume] [--quick]`
 *
 * The issue: "Dashboard: its queries at 100,000 challenges and 500,000 ledger entries, p95."
 *
 * 1. Data. bench/dashboard-data.ts copies the search benchmark's database of 100,000 challenges
 *    (`--source`, never written to) as `--name` and adds the money side as the app's use cases write it
 *    (applications, decisions, projects with milestones, releases, budgets and a double-entry ledger of
 *    `--ledger` entries built by the domain's own transfer builders); see its header. The copy is kept
 *    and reused while its parameters and counts hold; `--rebuild` redoes it. It is migrated (the app's
 *    migrations may have moved on since the copy), then the ledger check (`checkLedger`, what
 *    `npm run ledger:check` runs) reads the whole ledger.
 * 2. Server. This file started again as a child process (`--serve`): the real API (`buildApp`, env
 *    `production`, a PostgreSQL pool of `--pool`, no background loops, its clock a TestClock at the
 *    generator's BENCH_NOW), the bureau and finance users of the data signing in through
 *    `POST /api/auth/login` (again when their 15-minute tokens near their end). Every statement the app
 *    sends is timed in the child, from pg's `Client.query` call to its answer (so a statement's time
 *    includes waiting behind the others of the same request on the 2 cores, not the wait for a pool
 *    connection), and labelled by the dashboard part that sent it.
 * 3. Dashboard. `GET /api/dashboard` through `app.inject` as the bureau, one request at a time over a
 *    spread of the filters `PortfolioQuery` offers — none, each industry, each fiscal year, and the
 *    latest full year with each industry — `--warmup` requests first, then `--requests` requests cycling
 *    through them: latency p50/p95/p99/max overall and per filter kind, answer size, statements per
 *    request, and each statement's p50/p95/max by part. The dashboard reads its 8 parts concurrently
 *    (11 statements), so a request takes about as long as its slowest statement. Finance is refused the
 *    dashboard (scope.ts `requireBureau`): its answer is checked once. Then EXPLAIN (ANALYZE, BUFFERS)
 *    of every statement of one unfiltered and one year-filtered request, one at a time.
 * 4. Exports. The report routes over HTTP (the child listens on a port; the client only counts bytes):
 *    the ledger as CSV, unfiltered (every entry) and for one year (finance), the ledger as XLSX, and
 *    the challenges, applications, projects and releases as CSV — time to the first byte and to the
 *    last, bytes, rows, SQL statements (pages of 500), the server's CPU and its RSS: sampled every
 *    100 ms and its peak (VmHWM, reset through /proc/<pid>/clear_refs before each export), against the
 *    file's size, to show whether it streams or buffers. An export still running after
 *    `--export-timeout` seconds is cut off and reported as such, with its rate so far.
 *
 * Writes bench/results/dashboard-pg.json (dashboard-pg-quick.json with --quick; `--out` to change)
 * after each phase, with `partial: true` until the end; `--resume` continues such a file where it
 * stopped (a phase already measured is printed from it, not measured again). Prints tables with the
 * load average.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@challenge/db';
import { buildApp } from '../apps/api/src/app';
import { TestClock } from '../apps/api/src/clock';
import { ensureBureauAdmin } from '../apps/api/src/demo/seed';
import { checkLedger } from '../apps/api/src/services/ledger/check-ledger';
import { reportSource, type ReportKind } from '../apps/api/src/services/reports/export-kinds';
import { EXPORT_PAGE_SIZE } from '../apps/api/src/services/reports/export-writers';
import { BENCH_NOW } from './generate';
import { BUREAU_EMAIL, ensureDashboardData, FINANCE_EMAIL, STAFF_PASSWORD } from './dashboard-data';
import { arg, load, log, pct } from './cli';

const HERE = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);

const QUICK = process.argv.includes('--quick');
const ADMIN_URL = arg('url', process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const SOURCE = arg('source', 'bench_search_100000_20260301');
const NAME = arg('name', 'bench_dashboard_100000');
const LEDGER = Number(arg('ledger', '500000'));
const SEED = Number(arg('seed', '20260301'));
const REQUESTS = Number(arg('requests', QUICK ? '30' : '200'));
const WARMUP = process.argv.includes('--warmup') ? Number(arg('warmup', '0')) : undefined;
const POOL = Number(arg('pool', '10'));
const EXPORT_TIMEOUT_S = Number(arg('export-timeout', QUICK ? '120' : '900'));
const EXPORTS = !process.argv.includes('--no-exports');
const RESUME = process.argv.includes('--resume');
const OUT = arg('out', join(HERE, 'results', QUICK ? 'dashboard-pg-quick.json' : 'dashboard-pg.json'));

const lat = (xs: number[]) => ({
  n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: xs.reduce((m, x) => Math.max(m, x), -Infinity),
  mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN,
});
const f1 = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

// ---------------------------------------------------------------------------------------------
// Statements: which dashboard part sent each

const PARTS: [string, RegExp][] = [
  ['stages (funnel)', /with reached as/],
  ['money by source (ledger)', /acct\.source/],
  ['budget of the year', /from "?fiscal_budgets"?/],
  ['overdue milestones', /days_overdue/],
  ['time to award', /with awarded as/],
  ['slowest awards', /d\.finalized_at is not null[\s\S]*order by days desc/],
  ['applications per challenge', /with counts as/],
  ['applicants by country', /o\.country as key/],
  ['applicants by kind', /o\.kind::text as key/],
  ['leading enterprises', /sum\(c\.bounty_fen\)/],
  ['leading solvers', /sum\(p\.award_fen\)/],
];
const partOf = (text: string) => PARTS.find(([, re]) => re.test(text))?.[0]
  ?? (/^select "id", "role", "status"/.test(text) ? 'the signed-in user (requireUser)' : `other: ${text.replace(/\s+/g, ' ').slice(0, 70)}`);

interface Timed { part: string; ms: number }
interface DashboardSample { query: string; kind: string; status: number; ms: number; bytes: number; statements: number; timed: Timed[] }

// =============================================================================================
// The child: the real API on the benchmark's database

async function serve() {
  const url = arg('db', '');
  // Each statement timed from pg's Client.query to its answer, while a window is open.
  let window: Timed[] | null = null;
  const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = clientProto.query;
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    const into = window;
    if (!into || !text) return original.apply(this, args);
    const t0 = performance.now();
    const done = () => into.push({ part: partOf(text), ms: performance.now() - t0 });
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, ...r: unknown[]) { done(); return (last as (...x: unknown[]) => unknown).apply(this, r); };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    result?.then?.(done, done);
    return result;
  };

  let statements = 0;
  let capture: { text: string; params: unknown[] }[] | null = null;
  const database = await openDatabase({
    url, poolSize: POOL,
    onQuery: (text, params) => { statements++; capture?.push({ text, params }); },
  });
  const clock = new TestClock();
  clock.set(BENCH_NOW);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
  const app = await buildApp({ db: database.db, driver: 'pg', clock, jwtSecret: randomBytes(32).toString('hex'), env: 'production', logger: false, dataDir });
  await app.ready();
  await ensureBureauAdmin(app.ctx, { email: BUREAU_EMAIL, password: STAFF_PASSWORD });

  const tokens = new Map<string, { token: string; at: number }>();
  const tokenFor = async (role: 'bureau' | 'finance') => {
    const held = tokens.get(role);
    if (held && performance.now() - held.at < 10 * 60_000) return held.token;
    const email = role === 'bureau' ? BUREAU_EMAIL : FINANCE_EMAIL;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: STAFF_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${role}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const token = (res.json() as { accessToken: string }).accessToken;
    tokens.set(role, { token, at: performance.now() });
    return token;
  };
  await tokenFor('bureau');
  await tokenFor('finance');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;

  const get = async (path: string, role: 'bureau' | 'finance') =>
    app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${await tokenFor(role)}` } });

  async function dashboard(msg: { filters: { query: string; kind: string }[]; requests: number; warmup: number }) {
    for (let i = 0; i < msg.warmup; i++) {
      const f = msg.filters[i % msg.filters.length]!;
      const res = await get(`/api/dashboard${f.query}`, 'bureau');
      if (res.statusCode !== 200) throw new Error(`dashboard ${f.query}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    const samples: DashboardSample[] = [];
    const shapes: Record<string, unknown> = {};
    for (let i = 0; i < msg.requests; i++) {
      const f = msg.filters[i % msg.filters.length]!;
      const token = await tokenFor('bureau');
      const s0 = statements;
      window = [];
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/dashboard${f.query}`, headers: { authorization: `Bearer ${token}` } });
      const ms = performance.now() - t0;
      const timed = window;
      window = null;
      samples.push({ query: f.query, kind: f.kind, status: res.statusCode, ms, bytes: res.rawPayload.length, statements: statements - s0, timed });
      if ((i + 1) % msg.filters.length === 0 || i + 1 === msg.requests) {
        const last = samples.slice(-msg.filters.length).map((x) => x.ms).sort((a, b) => a - b);
        console.log(`  ${i + 1}/${msg.requests} requests; the last ${last.length}: median ${(last[Math.floor(last.length / 2)]! / 1000).toFixed(1)} s (load ${load()})`);
      }
      if (!(f.query in shapes) && res.statusCode === 200) {
        const d = res.json() as {
          stages: { funnel: { stage: string; challenges: number }[]; failed: number }; money: { source: string; reservedFen: number; paidFen: number }[];
          overdue: { total: number; items: unknown[] }; timeToAward: { awarded: number; medianDays: number | null; slowest: unknown[] }; applications: { total: number };
          leadingEnterprises: unknown[]; leadingSolvers: unknown[];
        };
        shapes[f.query] = {
          funnel: Object.fromEntries(d.stages.funnel.map((s) => [s.stage, s.challenges])), failed: d.stages.failed,
          overdue: d.overdue.total, overdueRows: d.overdue.items.length, awarded: d.timeToAward.awarded, slowestRows: d.timeToAward.slowest.length,
          medianDaysToAward: d.timeToAward.medianDays,
          applications: d.applications.total, money: d.money,
        };
      }
    }
    return { samples, shapes };
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of each statement `run` sends, one after the other, on a connection of its own. */
  async function explainAll(run: () => Promise<unknown>) {
    capture = [];
    await run();
    const captured = capture;
    capture = null;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const out: { part: string; text: string; params: unknown[]; executionMs: number; planningMs: number; plan: string[] }[] = [];
    try {
      for (const s of captured) {
        if (!/^\s*(with|select)\b/i.test(s.text)) continue; // the sign-in's and the token's own statements are not the dashboard's
        const r = await client.query(`explain (analyze, buffers) ${s.text}`, s.params as unknown[]);
        const plan = r.rows.map((row: Record<string, string>) => row['QUERY PLAN']!);
        const num = (re: RegExp) => Number(plan.map((l) => re.exec(l)?.[1]).find(Boolean) ?? NaN);
        out.push({ part: partOf(s.text), text: s.text, params: s.params, executionMs: num(/Execution Time: ([\d.]+)/), planningMs: num(/Planning Time: ([\d.]+)/), plan });
      }
    } finally {
      await client.end();
    }
    return out;
  }

  process.on('message', async (msg: { type: string } & Record<string, unknown>) => {
    try {
      if (msg.type === 'token') {
        process.send!({ type: 'token', token: await tokenFor(msg.role as 'bureau' | 'finance') });
      } else if (msg.type === 'dashboard') {
        process.send!({ type: 'dashboard', ...(await dashboard(msg as never)) });
      } else if (msg.type === 'status') {
        const t0 = performance.now();
        const res = await get(msg.path as string, msg.role as 'bureau' | 'finance');
        process.send!({ type: 'status', status: res.statusCode, ms: performance.now() - t0, body: res.body.slice(0, 200) });
      } else if (msg.type === 'explain-dashboard') {
        const token = await tokenFor('bureau');
        const plans = await explainAll(() => app.inject({ method: 'GET', url: `/api/dashboard${msg.query as string}`, headers: { authorization: `Bearer ${token}` } }));
        process.send!({ type: 'explain', plans });
      } else if (msg.type === 'explain-export') {
        const filter = msg.filter as { year?: number; industry?: 'metallurgy_new_materials' | 'high_end_equipment' };
        const source = reportSource(msg.kind as ReportKind, filter, 'zh-CN', true);
        const plans = await explainAll(() => source.page(app.ctx, (msg.after as string | null) ?? null, EXPORT_PAGE_SIZE));
        process.send!({ type: 'explain', plans });
      } else if (msg.type === 'stats') {
        const mem = process.memoryUsage();
        process.send!({ type: 'stats', rss: mem.rss, heapUsed: mem.heapUsed, cpuMicros: process.cpuUsage(), statements, maxRssKb: process.resourceUsage().maxRSS });
      } else if (msg.type === 'stop') {
        await app.close();
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
        process.send!({ type: 'stopped' });
        process.exit(0);
      }
    } catch (e) {
      process.send!({ type: 'error', message: String((e as Error).stack ?? e) });
    }
  });
  process.send!({ type: 'ready', port, pid: process.pid });
}

// =============================================================================================
// The parent

class Server {
  private waiters: ((m: { type: string } & Record<string, unknown>) => void)[] = [];
  readonly pid: number;
  private constructor(private readonly child: ChildProcess, readonly port: number) {
    this.pid = child.pid!;
    child.on('message', (m: { type: string } & Record<string, unknown>) => this.waiters.shift()?.(m));
  }

  static async start(url: string): Promise<Server> {
    const child = fork(SELF, ['--serve', '--db', url, '--pool', String(POOL)], {
      execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' },
    });
    const ready = await new Promise<{ port: number }>((resolve, reject) => {
      child.once('message', (m: { type: string; port: number; message?: string }) => (m.type === 'ready' ? resolve(m) : reject(new Error(m.message))));
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
    });
    return new Server(child, ready.port);
  }

  ask<T>(type: string, extra: Record<string, unknown> = {}): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiters.push((m) => (m.type === 'error' ? reject(new Error(String(m.message))) : resolve(m as T)));
      this.child.send({ type, ...extra });
    });
  }
  kill = () => this.child.kill();
}

// ---------------------------------------------------------------------------------------------
// The server process seen from outside: /proc

function procStatus(pid: number) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}
function procCpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

interface ExportResult {
  name: string; path: string; role: string; status: number; seconds: number; ttfbMs: number; bytes: number; rows: number; complete: boolean; cutOff: boolean;
  statements: number; serverCpuSeconds: number; rssBeforeMiB: number; rssMaxSampledMiB: number; peakRssMiB: number | null; peakRssResetWorked: boolean;
  peakOverBeforeMiB: number; mibPerSecond: number; rowsPerSecond: number; loadAtEnd: string;
}

async function exportRun(server: Server, name: string, path: string, role: 'bureau' | 'finance'): Promise<ExportResult> {
  const { token } = await server.ask<{ token: string }>('token', { role });
  const s0 = await server.ask<{ statements: number }>('stats');
  const reset = resetPeak(server.pid);
  const before = procStatus(server.pid);
  const cpu0 = procCpuMs(server.pid);
  let maxRssKb = before.rssKb;
  const sampler = setInterval(() => { maxRssKb = Math.max(maxRssKb, procStatus(server.pid).rssKb); }, 100);
  const t0 = performance.now();
  let ttfb = NaN, bytes = 0, newlines = 0, status = 0, complete = false, cutOff = false;
  await new Promise<void>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' } }, (res) => {
      status = res.statusCode!;
      res.on('data', (c: Buffer) => {
        if (bytes === 0) ttfb = performance.now() - t0;
        bytes += c.length;
        for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) newlines++;
      });
      res.on('end', () => { complete = true; resolve(); });
      res.on('error', () => resolve());
      res.on('close', () => resolve());
    });
    req.setTimeout(EXPORT_TIMEOUT_S * 1000, () => { cutOff = true; req.destroy(new Error('cut off')); });
    req.on('error', () => resolve());
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const after = procStatus(server.pid);
  maxRssKb = Math.max(maxRssKb, after.rssKb);
  const s1 = await server.ask<{ statements: number }>('stats');
  const csv = path.includes('.csv');
  return {
    name, path, role, status, seconds, ttfbMs: ttfb, bytes, rows: csv ? Math.max(0, newlines - 1) : NaN, complete, cutOff,
    statements: s1.statements - s0.statements, serverCpuSeconds: (procCpuMs(server.pid) - cpu0) / 1000,
    rssBeforeMiB: before.rssKb / 1024, rssMaxSampledMiB: maxRssKb / 1024, peakRssMiB: reset ? after.hwmKb / 1024 : null, peakRssResetWorked: reset,
    peakOverBeforeMiB: ((reset ? Math.max(after.hwmKb, maxRssKb) : maxRssKb) - before.rssKb) / 1024,
    mibPerSecond: bytes / 2 ** 20 / seconds, rowsPerSecond: csv ? Math.max(0, newlines - 1) / seconds : NaN, loadAtEnd: load(),
  };
}

// ---------------------------------------------------------------------------------------------

/** The commit measured, and whether the app's code differed from it (others may be changing it). */
function gitHead() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: join(HERE, '..'), encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'packages', 'migrations'], { cwd: join(HERE, '..'), encoding: 'utf8' }).trim();
    return { head, appCodeModified: dirty !== '' };
  } catch {
    return null;
  }
}

async function main() {
  const started = performance.now();
  // The 1-minute load average every 15 s through the run.
  const loadSamples: { at: number; load1: number }[] = RESUME && existsSync(OUT)
    ? (((JSON.parse(readFileSync(OUT, 'utf8')) as { loadDuringRun?: { samples: { at: number; load1: number }[] } }).loadDuringRun?.samples) ?? []) : [];
  const loadTimer = setInterval(() => loadSamples.push({ at: Math.round(Date.now() / 1000), load1: loadavg()[0]! }), 15_000);
  loadTimer.unref();
  const previous = RESUME && existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : null;
  if (RESUME && !previous?.partial) throw new Error(`--resume: ${OUT} is not a run cut short (partial)`);
  const out: Record<string, unknown> = previous ? { ...previous, resumedAt: [...((previous.resumedAt as string[]) ?? []), new Date().toISOString()], commitAtResume: gitHead() } : {
    startedAt: new Date().toISOString(), quick: QUICK, loadAtStart: load(), commit: gitHead(),
    settings: { source: SOURCE, name: NAME, ledger: LEDGER, seed: SEED, requests: REQUESTS, pool: POOL, exportTimeoutSeconds: EXPORT_TIMEOUT_S, benchNow: BENCH_NOW.toISOString() },
  };
  // Written after each phase (`partial: true` until the end), so a run cut short still leaves its figures.
  const save = () => {
    out.loadDuringRun = { samples: loadSamples };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(out, null, 2));
  };
  out.partial = true;
  log(`Dashboard benchmark: ${NAME} (a copy of ${SOURCE} with ${LEDGER} ledger entries), app at ${JSON.stringify(out.commit)}; load average at start ${load()}` +
    `${QUICK ? ' (--quick: fewer requests, no XLSX, figures for checking the benchmark only)' : ''}`);

  // 1. Data
  log(`\n— data (load ${load()})`);
  const data = await ensureDashboardData({ adminUrl: ADMIN_URL, source: SOURCE, name: NAME, ledger: LEDGER, seed: SEED, rebuild: process.argv.includes('--rebuild'), log });
  out.database = data.url.replace(/\/\/[^@]*@/, '//');
  out.data = { reused: data.reused, buildSeconds: data.buildSeconds, phasesMs: data.phases, counts: data.counts };
  const c = data.counts;
  log(`| challenges | published | applications | decisions (final) | projects | milestones (overdue) | releases | ledger accounts | transfers | entries | build |`);
  log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  log(`| ${c.challenges} | ${c.published} | ${c.applications} | ${c.decisions} (${c.finalized}) | ${c.projects} | ${c.milestones} (${c.overdueMilestones}) | ${c.releases} | ${c.accounts} | ${c.transfers} | ${c.entries} | ` +
    `${data.buildSeconds ?? '–'} s${data.reused ? ' (reused)' : ''} |`);
  log(`states: ${JSON.stringify(c.byState)}; transfers by kind: ${JSON.stringify(c.transfersByKind)}`);
  save();

  const database = await openDatabase({ url: data.url, poolSize: 2 });
  let years: number[];
  try {
    await database.migrate();
    log(`\n— ledger check (checkLedger, as npm run ledger:check) (load ${load()})`);
    const t0 = performance.now();
    const check = await checkLedger(database.db);
    const checkMs = performance.now() - t0;
    out.ledgerCheck = { ok: check.ok, accounts: check.accounts, transfers: check.transfers, entries: check.entries, differences: check.differences.length, unbalancedTransfers: check.unbalancedTransfers.length, brokenRules: check.brokenRules.length, ms: Math.round(checkMs) };
    log(`ledger check: ${check.ok ? 'consistent' : 'INCONSISTENT'} — ${check.accounts} accounts, ${check.transfers} transfers, ${check.entries} entries; ` +
      `${check.differences.length} differences, ${check.unbalancedTransfers.length} unbalanced transfers, ${check.brokenRules.length} broken rules; ${(checkMs / 1000).toFixed(1)} s`);
    years = (await queryRows<{ y: number }>(database.db, sql`select distinct fiscal_year as y from challenges where fiscal_year is not null order by 1`)).map((r) => Number(r.y));
  } finally {
    await database.close();
  }

  const industries = ['metallurgy_new_materials', 'high_end_equipment'];
  const fullYear = years.filter((y) => y < Number(BENCH_NOW.toISOString().slice(0, 4))).at(-1) ?? years.at(-1)!;
  const filters = [
    { query: '', kind: 'none' },
    ...industries.map((i) => ({ query: `?industry=${i}`, kind: 'industry' })),
    ...years.map((y) => ({ query: `?year=${y}`, kind: 'year' })),
    ...industries.map((i) => ({ query: `?year=${fullYear}&industry=${i}`, kind: 'year+industry' })),
  ];
  const kinds = ['none', 'industry', 'year', 'year+industry'];
  out.filters = filters;

  // 2. Server
  log(`\n— server (load ${load()})`);
  const server = await Server.start(data.url);
  try {
    const st0 = await server.ask<{ rss: number }>('stats');
    log(`API child ready (pid ${server.pid}, port ${server.port}, pool ${POOL}, RSS ${mib(st0.rss)} MiB)`);

    // 3. Dashboard
    if (!out.dashboard) {
      const warmup = WARMUP ?? 3;
      log(`\n— GET /api/dashboard as the bureau: ${warmup} warm-up, then ${REQUESTS} requests one at a time over ${filters.length} filters (load ${load()})`);
      const l0 = load();
      const cpu0 = procCpuMs(server.pid);
      const t0 = performance.now();
      const { samples, shapes } = await server.ask<{ samples: DashboardSample[]; shapes: Record<string, unknown> }>('dashboard', { filters, requests: REQUESTS, warmup });
      const seconds = (performance.now() - t0) / 1000;
      const cpuShare = (procCpuMs(server.pid) - cpu0) / 1000 / seconds;
      // Figures of nothing would time nothing: the unfiltered answer must show the money the data holds.
      const whole = shapes[''] as { money: { reservedFen: number; paidFen: number }[] } | undefined;
      if (whole && !whole.money.some((m) => m.reservedFen > 0 && m.paidFen > 0)) {
        throw new Error(`the unfiltered dashboard shows no money (${JSON.stringify(whole.money)}): do the data's ledger accounts carry their challenge and source?`);
      }
      const bad = samples.filter((s) => s.status !== 200);
      const ok = samples.filter((s) => s.status === 200);
      const overall = lat(ok.map((s) => s.ms));
      const byKind = Object.fromEntries(kinds.map((k) => {
        const ks = ok.filter((s) => s.kind === k);
        return [k, { ...lat(ks.map((s) => s.ms)), meanBytes: Math.round(ks.reduce((a, s) => a + s.bytes, 0) / Math.max(1, ks.length)), meanStatements: ks.reduce((a, s) => a + s.statements, 0) / Math.max(1, ks.length) }];
      }));
      const byFilter = Object.fromEntries(filters.map((f) => {
        const fs = ok.filter((s) => s.query === f.query);
        return [f.query || '(none)', { ...lat(fs.map((s) => s.ms)), bytes: fs[0]?.bytes ?? null, shape: shapes[f.query] }];
      }));
      const parts = [...new Set(ok.flatMap((s) => s.timed.map((t) => t.part)))];
      const byPart = Object.fromEntries(parts.map((p) => {
        const ts = ok.flatMap((s) => s.timed.filter((t) => t.part === p).map((t) => t.ms));
        return [p, { ...lat(ts), perRequest: ts.length / ok.length }];
      }));
      // The statement each request waited for last: its slowest.
      const slowestCount: Record<string, number> = {};
      for (const s of ok) {
        const top = [...s.timed].sort((a, b) => b.ms - a.ms)[0];
        if (top) slowestCount[top.part] = (slowestCount[top.part] ?? 0) + 1;
      }
      const statementsPerRequest = ok.reduce((a, s) => a + s.statements, 0) / Math.max(1, ok.length);
      out.dashboard = {
        warmup, requests: REQUESTS, seconds: +seconds.toFixed(1), errors: bad.length, errorStatuses: bad.map((s) => s.status), overall, byKind, byFilter, statementsPerRequest,
        statementsByPart: byPart, slowestStatementOfRequest: slowestCount, serverCpuShare: cpuShare, loadAtStart: l0, loadAtEnd: load(),
        latenciesMs: ok.map((s) => +s.ms.toFixed(2)), meanBytes: ok.reduce((a, s) => a + s.bytes, 0) / Math.max(1, ok.length),
      };
      save();
    } else log(`\n— GET /api/dashboard: measured before the run was cut short (--resume)`);
    const D = out.dashboard as {
      warmup: number; requests: number; seconds: number; errors: number; errorStatuses: number[]; overall: ReturnType<typeof lat>; byKind: Record<string, ReturnType<typeof lat> & { meanBytes: number }>;
      byFilter: Record<string, ReturnType<typeof lat> & { bytes: number | null; shape: unknown }>; statementsPerRequest: number; meanBytes: number;
      statementsByPart: Record<string, ReturnType<typeof lat> & { perRequest: number }>; slowestStatementOfRequest: Record<string, number>; serverCpuShare: number; loadAtStart: string; loadAtEnd: string;
    };
    const { overall, byKind, byFilter } = D;
    const okN = overall.n;
    log(`${okN} answered 200${D.errors ? `, ${D.errors} not (${[...new Set(D.errorStatuses)].join(', ')})` : ''} in ${D.seconds.toFixed(1)} s; ` +
      `${f1(D.statementsPerRequest)} SQL statements a request; server CPU ${(D.serverCpuShare * 100).toFixed(0)}% of a core; load ${D.loadAtStart} → ${D.loadAtEnd}`);
    log(`| filter kind | requests | p50 ms | p95 ms | p99 ms | max ms | mean answer |`);
    log(`| --- | --- | --- | --- | --- | --- | --- |`);
    for (const k of kinds) {
      const b = byKind[k]!;
      log(`| ${k} | ${b.n} | ${f1(b.p50)} | ${f1(b.p95)} | ${f1(b.p99)} | ${f1(b.max)} | ${(b.meanBytes / 1024).toFixed(1)} KB |`);
    }
    log(`| **all** | ${overall.n} | ${f1(overall.p50)} | ${f1(overall.p95)} | ${f1(overall.p99)} | ${f1(overall.max)} | ${(D.meanBytes / 1024).toFixed(1)} KB |`);
    log(`\nper filter (p50 / p95 ms; rows the answer lists):`);
    log(`| filter | p50 | p95 | answer | awarded (slowest listed) | overdue milestones (listed) |`);
    log(`| --- | --- | --- | --- | --- | --- |`);
    for (const [q, b] of Object.entries(byFilter)) {
      const shape = b.shape as { awarded?: number; slowestRows?: number; overdue?: number; overdueRows?: number } | undefined;
      log(`| ${q} | ${f1(b.p50)} | ${f1(b.p95)} | ${b.bytes === null ? '–' : `${(b.bytes / 1024).toFixed(1)} KB`} | ${shape?.awarded ?? '–'} (${shape?.slowestRows ?? '–'}) | ${shape?.overdue ?? '–'} (${shape?.overdueRows ?? '–'}) |`);
    }
    log(`\neach statement, timed in the server while the request's statements ran concurrently (ms):`);
    log(`| part | per request | p50 | p95 | max | slowest of its request |`);
    log(`| --- | --- | --- | --- | --- | --- |`);
    for (const [p, b] of Object.entries(D.statementsByPart).sort((x, y) => y[1].p95 - x[1].p95)) {
      log(`| ${p} | ${f1(b.perRequest)} | ${f1(b.p50)} | ${f1(b.p95)} | ${f1(b.max)} | ${D.slowestStatementOfRequest[p] ?? 0} of ${okN} |`);
    }

    // Finance and the dashboard
    if (!out.finance) {
      const fin = await server.ask<{ status: number; ms: number; body: string }>('status', { path: '/api/dashboard', role: 'finance' });
      const finApps = await server.ask<{ status: number; ms: number; body: string }>('status', { path: '/api/reports/applications.csv', role: 'finance' });
      out.finance = { dashboard: fin, applicationsExport: finApps };
      save();
    }
    const { dashboard: fin, applicationsExport: finApps } = out.finance as { dashboard: { status: number; ms: number }; applicationsExport: { status: number } };
    log(`\nfinance: GET /api/dashboard → ${fin.status} in ${f1(fin.ms)} ms (the dashboard is the bureau's: scope.ts requireBureau); ` +
      `GET /api/reports/applications.csv → ${finApps.status}; finance exports releases and the ledger (below)`);

    // EXPLAIN
    log(`\n— EXPLAIN (ANALYZE, BUFFERS), each statement alone (load ${load()})`);
    const explained = (out.explain as Record<string, { part: string; executionMs: number; planningMs: number; plan: string[] }[]> | undefined) ?? {};
    for (const q of ['', `?year=${fullYear}`]) {
      const plans = explained[q || '(none)'] ?? (await server.ask<{ plans: { part: string; executionMs: number; planningMs: number; plan: string[] }[] }>('explain-dashboard', { query: q })).plans;
      explained[q || '(none)'] = plans;
      log(`${q || '(no filter)'}: ${plans.sort((a, b) => b.executionMs - a.executionMs).map((p) => `${p.part} ${f1(p.executionMs)} ms`).join('; ')}`);
    }
    const worst = explained['(none)']![0]!;
    log(`\nthe slowest, ${worst.part} (${f1(worst.executionMs)} ms), its plan's top:`);
    for (const line of worst.plan.filter((l) => /->|^\S|Execution|Planning/.test(l)).slice(0, 16)) log(`    ${line}`);
    out.explain = explained;
    save();

    // 4. Exports
    if (EXPORTS) {
      log(`\n— exports over HTTP (each cut off after ${EXPORT_TIMEOUT_S} s) (load ${load()})`);
      const runs: [string, string, 'bureau' | 'finance'][] = [
        ['ledger CSV, every entry', '/api/reports/ledger.csv', 'bureau'],
        ...(QUICK ? [] : [['ledger XLSX, every entry', '/api/reports/ledger.xlsx', 'bureau'] as [string, string, 'bureau']]),
        ['challenges CSV', '/api/reports/challenges.csv', 'bureau'],
        ['applications CSV', '/api/reports/applications.csv', 'bureau'],
        ['projects CSV', '/api/reports/projects.csv', 'bureau'],
        ['releases CSV', '/api/reports/releases.csv', 'finance'],
        // Last: the longest (a window of 500 entries a statement, all 1,000 windows read whatever the filter).
        [`ledger CSV, fiscal year ${fullYear}`, `/api/reports/ledger.csv?year=${fullYear}`, 'finance'],
      ];
      const results: ExportResult[] = (out.exports as ExportResult[] | undefined) ?? [];
      log(`| export | as | status | rows | MB | first byte | all | rows/s | SQL | server CPU | RSS before → peak (MiB) |`);
      log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
      for (const [name, path, role] of runs) {
        let r = results.find((x) => x.name === name);
        if (!r) {
          r = await exportRun(server, name, path, role);
          results.push(r);
          out.exports = results;
          save();
        }
        log(`| ${name} | ${role} | ${r.status}${r.cutOff ? ' (cut off)' : r.complete ? '' : ' (incomplete)'} | ${Number.isFinite(r.rows) ? r.rows : '–'} | ${(r.bytes / 1e6).toFixed(1)} | ` +
          `${f1(r.ttfbMs)} ms | ${r.seconds.toFixed(1)} s | ${Number.isFinite(r.rowsPerSecond) ? Math.round(r.rowsPerSecond) : '–'} | ${r.statements} | ${r.serverCpuSeconds.toFixed(1)} s | ` +
          `${r.rssBeforeMiB.toFixed(0)} → ${(r.peakRssMiB ?? r.rssMaxSampledMiB).toFixed(0)}${r.peakRssResetWorked ? '' : ' (sampled)'} |`);
      }
      out.exports = results;
      // The filtered ledger export's page statement, first page and a late one.
      const { plans: first } = await server.ask<{ plans: { executionMs: number; plan: string[] }[] }>('explain-export', { kind: 'ledger', filter: { year: fullYear } });
      const { plans: all } = await server.ask<{ plans: { executionMs: number; plan: string[] }[] }>('explain-export', { kind: 'ledger', filter: {} });
      out.explainExports = { [`ledger year ${fullYear}, first page`]: first, 'ledger, first page': all };
      log(`ledger export page of ${EXPORT_PAGE_SIZE}, alone: unfiltered ${f1(all[0]?.executionMs ?? NaN)} ms; year ${fullYear} ${f1(first[0]?.executionMs ?? NaN)} ms`);
    }

    const st1 = await server.ask<{ rss: number; maxRssKb: number }>('stats');
    out.serverMemory = { rssAtEndMiB: st1.rss / 2 ** 20, lifetimePeakRssMiB: st1.maxRssKb / 1024 };
    await server.ask('stop');
  } catch (e) {
    server.kill();
    throw e;
  }
  clearInterval(loadTimer);
  out.loadAtEnd = load();
  const l1 = loadSamples.map((x) => x.load1);
  if (l1.length === 0) l1.push(loadavg()[0]!);
  out.loadDuringRun = { min: Math.min(...l1), mean: l1.reduce((a, b) => a + b, 0) / Math.max(1, l1.length), max: Math.max(...l1), samples: loadSamples };
  out.finishedAt = new Date().toISOString();
  out.totalSeconds = Math.round((performance.now() - started) / 1000);
  delete out.partial;
  log(`\nload average at end: ${load()}; 1-minute load during the run (every 15 s): min ${Math.min(...l1).toFixed(2)}, mean ${(l1.reduce((a, b) => a + b, 0) / Math.max(1, l1.length)).toFixed(2)}, max ${Math.max(...l1).toFixed(2)}; the run took ${out.totalSeconds} s`);
  save();
  log(`wrote ${OUT.replace(`${join(HERE, '..')}/`, '')}`);
}

if (process.argv.includes('--serve')) {
  serve().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
