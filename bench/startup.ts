/**
 * Start-up benchmark: `npm run bench:startup -- [--runs 5] [--quick] [--env development|production|both]
 * [--cases a,b,c,d] [--folder /tmp/bench-startup-100000-20260301] [--n 100000] [--seed 20260301] [--rebuild]
 * [--missing 2000] [--burst 200] [--concurrency 8] [--burst-max-s 30] [--poll 20] [--source-maps] [--cpu-prof <dir>] [--build]
 * [--out bench/results/startup-pglite.json]`
 *
 * The real server process, embedded PGlite (no DATABASE_URL): `node apps/api/dist/server.js` as
 * `npm start` runs it once built (the build is made with scripts/build.mjs when it is missing, or with
 * `--build`; a build older than its sources is used with a warning), run from a private copy of that
 * build taken when no build is running (snapshotBuild: others may rebuild the checkout meanwhile). Each start is a child process
 * with DATA_DIR=<folder>, PORT=<a free port>, HOST=127.0.0.1 and nothing else of ours in its
 * environment (no DATABASE_URL, MEILI_URL, SMTP_URL, DEMO …). From the spawn, measured from outside:
 * - the first 200 of `GET /api/health`, polled every `--poll` ms (so up to that much late); then the
 *   first 200 of the home page `/` (a server-rendered page: the headline figures and two lists);
 * - the server's own "ready in N ms" line, whose clock starts when server.js's body runs, i.e. after
 *   every import is loaded: spawn → that line's arrival − N is the module loading, N the rest (open
 *   the database, migrations, the web handler, Fastify and its route schemas, the search index check,
 *   the demo data check or load, listen). Every line the server prints is timestamped on arrival;
 * - the child's RSS and peak RSS (/proc/<pid>/status VmRSS, VmHWM) and its CPU time (all threads,
 *   /proc/<pid>/stat) when ready; RSS again after the home page and after a burst of `--burst`
 *   page and API requests (`--concurrency` at a time, sent for at most `--burst-max-s` seconds: home,
 *   challenge list, a search, a challenge page, results; the API's list, search, detail, stats);
 * - SIGTERM → exit (the server stops its loops, closes Fastify and the database, exits 0).
 * Cases, interleaved in each of `--runs` runs so a change in the machine's load touches all alike:
 *   a. an empty data folder (a fresh temp dir): the build's migrated template is unpacked instead of
 *      initdb, migrations find nothing to do, and outside production the demo data is loaded;
 *   b. the same folder started again;
 *   c. a copy of the kept 100,000-challenge folder (bench/startup-data.ts: generated rows, search index
 *      built through the engine's `index()`), copied afresh for every start, so what the server writes
 *      never reaches the kept folder;
 *   d. (once, with `--missing M`, 0 to skip) the same with M search documents deleted first: the server
 *      is ready as in c and indexes them behind the open port (`reindexMissing`), timed from its "ready
 *      in" line to the line saying it is done (stopped only after that), and extrapolated to a whole folder.
 * NODE_ENV (`--env`, both by default): "development" leaves it unset, as `npm start` does on the
 * embedded set-up (demo data into an empty database); "production" is what the Docker image runs
 * (no demo data ever, JSON request logs on stdout, a JWT_SECRET is required and one is given).
 * The server's loops run on the real clock: the deadline sweeper's first pass comes one interval
 * (60 s) after start, so it would close the generated challenges whose deadline has passed (all the
 * published ones: their deadlines are around 2026-03-01) — each start is stopped before that, and
 * the output says so (or warns when one was not).
 * `--cpu-prof <dir>`: one more start per case, not counted, under `node --cpu-prof`; its phases are
 * read off the profile (a phase starts at the first sample whose stack holds its function) and printed.
 *
 * Writes bench/results/startup-pglite.json (startup-pglite-quick.json with --quick; `--out` to change);
 * prints a table with the load average at start and end.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@challenge/db';
import { defaultFolder, ensureDataFolder, folderBytes, type Manifest } from './startup-data';
import { arg, load, log, pct } from './cli';

/** The line the server prints once it has indexed, behind the open port, the challenges that had no search document. */
const INDEXED_BEHIND = /search: indexed (\d+) challenges that had no search document/;
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SERVER = join(ROOT, 'apps/api/dist/server.js');
const TEMPLATE = join(ROOT, 'apps/api/dist/pglite-template.tar.gz');
const WEB = join(ROOT, 'apps/web/build/handler.js');
/** The copy of the build the starts run from (see snapshotBuild), and its server.js. */
let APP_ROOT = ROOT;
const appServer = () => join(APP_ROOT, 'apps/api/dist/server.js');

const QUICK = process.argv.includes('--quick');
const RUNS = Number(arg('runs', QUICK ? '1' : '5'));
const ENVS = (arg('env', 'both') === 'both' ? ['development', 'production'] : [arg('env', 'both')]) as Env[];
const CASES = arg('cases', 'a,b,c,d').split(',').map((s) => s.trim()) as CaseId[];
const N = Number(arg('n', '100000'));
const SEED = Number(arg('seed', '20260301'));
const FOLDER = arg('folder', defaultFolder(N, SEED));
const REBUILD = process.argv.includes('--rebuild');
const MISSING = Number(arg('missing', QUICK ? '400' : '2000'));
const BURST = Number(arg('burst', QUICK ? '60' : '200'));
const CONCURRENCY = Number(arg('concurrency', '8'));
/** The burst stops sending after this long (slow pages on 100,000 challenges), well before the sweeper's first pass. */
const BURST_MAX_S = Number(arg('burst-max-s', '30'));
const POLL_MS = Number(arg('poll', '20'));
const SOURCE_MAPS = process.argv.includes('--source-maps');
const CPU_PROF = arg('cpu-prof', '');
const FORCE_BUILD = process.argv.includes('--build');
const OUT = arg('out', join(HERE, 'results', QUICK ? 'startup-pglite-quick.json' : 'startup-pglite.json'));
const START_TIMEOUT_MS = 15 * 60_000;
const STOP_TIMEOUT_MS = 60_000;
/** The server's default SWEEP_INTERVAL_MS: its deadline sweeper's first pass comes this long after start. */
const SWEEP_INTERVAL_MS = 60_000;

type Env = 'development' | 'production';
type CaseId = 'a' | 'b' | 'c' | 'd';
const CASE_NAMES: Record<CaseId, string> = {
  a: 'a. empty data folder',
  b: 'b. same folder, second start',
  c: `c. ${N.toLocaleString('en')}-challenge folder (fresh copy)`,
  d: 'd. as c, with search documents missing',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (kb: number) => kb / 1024;

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
const f1 = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
const s2 = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
/** "median (min–max)" in seconds or as given. */
const mmm = (xs: number[], fmt: (x: number) => string) => (xs.length === 0 ? '–' : xs.length === 1 ? fmt(xs[0]!) : `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`);

// ---------------------------------------------------------------------------------------------
// The child's memory and CPU from /proc

const CLK_TCK = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { return 100; } })();

interface Memory { rssKb: number; hwmKb: number; anonKb: number; fileKb: number }

/** VmRSS, VmHWM (peak RSS), and RSS split into anonymous memory (heaps, WASM memory) and mapped files. */
function procMemory(pid: number): Memory {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), anonKb: kb('RssAnon'), fileKb: kb('RssFile') };
  } catch {
    return { rssKb: NaN, hwmKb: NaN, anonKb: NaN, fileKb: NaN };
  }
}

/** User + system CPU of every thread of the process, in ms. */
function procCpuMs(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** One GET, its status and body (bodies are small here), or status 0 on a connection error. */
function get(port: number, path: string, timeoutMs = 30_000): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, headers: { 'accept-language': 'zh-CN' } }, (res) => {
      const cs: Buffer[] = [];
      res.on('data', (c: Buffer) => cs.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(cs).toString('utf8'), ms: performance.now() - t0 }));
      res.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
  });
}

// ---------------------------------------------------------------------------------------------
// One start

interface Line { ms: number; text: string }

interface StartResult {
  case: CaseId;
  env: Env;
  run: number;
  profiled: boolean;
  loadAtSpawn: string;
  /** Spawn → first 200 of GET /api/health. */
  healthMs: number;
  /** Spawn → first 200 of GET / (requested right after the health 200). */
  homeMs: number;
  /** The home page's first answer: its status and how long it took (the first render). */
  homeFirst: { status: number; ms: number };
  /** Spawn → arrival of the "ready in N ms" line; N; their difference (module loading before server.js's body). */
  readyLineMs: number;
  serverReadyMs: number;
  importMs: number;
  /** CPU time of the child (all threads) when /api/health first answered 200. */
  cpuAtReadyMs: number;
  rssReadyMiB: number;
  hwmReadyMiB: number;
  /** RSS when ready: anonymous memory (V8 heap, PGlite's WASM memory, buffers) and mapped files (node, native addons). */
  rssReadyAnonMiB: number;
  rssReadyFileMiB: number;
  rssAfterHomeMiB: number;
  burst: { requests: number; seconds: number; ok: number; statuses: Record<string, number>; latencyMs: { p50: number; p90: number; p99: number; max: number }; byPath: Record<string, { n: number; p50: number; max: number }> };
  rssAfterBurstMiB: number;
  hwmAfterBurstMiB: number;
  cpuAfterBurstMs: number;
  /** Spawn → SIGTERM, and SIGTERM → exit. */
  sigtermAtMs: number;
  stopMs: number;
  exit: { code: number | null; signal: string | null };
  /** Whether the deadline sweeper's first pass (60 s after start) could have run before the stop. */
  sweeperMayHaveRun: boolean;
  /** Lines printed by the server (JSON request logs counted, not kept), timestamped on arrival. */
  lines: Line[];
  jsonLogLines: number;
  dataFolderMiBAfter?: number;
  copyMs?: number;
  /** Case d: the challenges indexed behind the open port, from the "ready in" line to the line saying it is done. */
  reindex?: { indexed: number; behindMs: number; msPerChallenge: number };
  profile?: ProfilePhases;
}

function childEnv(env: Env, dataDir: string, port: number): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'SMTP_URL', 'DEMO', 'NODE_ENV', 'JWT_SECRET', 'BUREAU_ADMIN_EMAIL', 'BUREAU_ADMIN_PASSWORD',
    'LOG_REQUESTS', 'PUBLIC_URL', 'SWEEP_INTERVAL_MS', 'NOTIFY_INTERVAL_MS', 'MAIL_INTERVAL_MS', 'SEARCH_OUTBOX_INTERVAL_MS', 'LOGIN_RATE_LIMIT', 'TRUST_PROXY',
    'NODE_OPTIONS', 'WEB_HANDLER', 'PROTOCOL_HEADER', 'BODY_SIZE_LIMIT', 'ORIGIN']) delete e[k];
  e.DATA_DIR = dataDir;
  e.PORT = String(port);
  e.HOST = '127.0.0.1';
  if (env === 'production') {
    e.NODE_ENV = 'production';
    e.JWT_SECRET = randomBytes(48).toString('base64url');
  }
  return e;
}

const BURST_SEARCH = ['高温合金', 'bearing', '轴承', '热处理'];

/** The burst's requests in turn; a challenge's page and API detail only when the list has challenges (an empty production folder has none). */
function burstPaths(ids: string[]): string[] {
  const id = (i: number) => ids[i % ids.length]!;
  const q = (i: number) => encodeURIComponent(BURST_SEARCH[i % BURST_SEARCH.length]!);
  const out: string[] = [];
  for (let i = 0; out.length < BURST; i++) {
    out.push('/', '/challenges', `/challenges?q=${q(i)}`, ...(ids.length ? [`/challenges/${id(i)}`] : []), '/results',
      '/api/challenges?page=1&pageSize=20', `/api/challenges?q=${q(i + 1)}&pageSize=20`, ...(ids.length ? [`/api/challenges/${id(i + 1)}`] : []), '/api/challenges/stats');
  }
  return out.slice(0, BURST);
}

async function burst(port: number) {
  const list = await get(port, '/api/challenges?page=1&pageSize=20');
  let ids: string[] = [];
  try { ids = (JSON.parse(list.body) as { items: { id: string }[] }).items.map((x) => x.id); } catch { /* none */ }
  const paths = burstPaths(ids);
  const results: { path: string; status: number; ms: number }[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < paths.length && performance.now() - t0 < BURST_MAX_S * 1000) {
      const path = paths[next++]!;
      const r = await get(port, path);
      results.push({ path, status: r.status, ms: r.ms });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const ms = results.map((r) => r.ms);
  const kindOf = (p: string) => p.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id').replace(/q=[^&]*/, 'q=…');
  const byPath: Record<string, { n: number; p50: number; max: number }> = {};
  for (const k of new Set(results.map((r) => kindOf(r.path)))) {
    const xs = results.filter((r) => kindOf(r.path) === k).map((r) => r.ms);
    byPath[k] = { n: xs.length, p50: pct(xs, 50), max: Math.max(...xs) };
  }
  return {
    requests: results.length, seconds, ok: results.filter((r) => r.status === 200).length, statuses,
    latencyMs: { p50: pct(ms, 50), p90: pct(ms, 90), p99: pct(ms, 99), max: Math.max(...ms) }, byPath,
  };
}

async function startOnce(c: CaseId, env: Env, run: number, dataDir: string, profileDir?: string): Promise<StartResult> {
  const port = await freePort();
  const nodeArgs = [...(SOURCE_MAPS ? ['--enable-source-maps'] : []), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const loadAtSpawn = load();
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, appServer()], { cwd: APP_ROOT, env: childEnv(env, dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  const at = () => performance.now() - t0;
  const lines: Line[] = [];
  let jsonLogLines = 0;
  let exit: { code: number | null; signal: string | null } | undefined;
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => { exit = { code, signal }; resolve(at()); }));
  const outputDone = Promise.all([child.stdout!, child.stderr!].map((s) => new Promise<void>((resolve) => {
    const rl = createInterface({ input: s });
    rl.on('line', (text) => { const ms = at(); if (text.startsWith('{')) jsonLogLines++; else if (lines.length < 400) lines.push({ ms, text }); });
    rl.on('close', () => resolve());
  })));
  const failed = (what: string) => new Error(`${CASE_NAMES[c]} (${env}): ${what}; exit ${JSON.stringify(exit)}; last lines:\n${lines.slice(-20).map((l) => `  ${l.text}`).join('\n')}`);

  try {
    // Health: a poll every POLL_MS (from one request's start to the next's).
    let healthMs = NaN;
    for (;;) {
      if (exit) throw failed('the server exited before it was ready');
      if (at() > START_TIMEOUT_MS) throw failed(`not ready after ${START_TIMEOUT_MS / 1000} s`);
      const p0 = at();
      const r = await get(port, '/api/health', 5000);
      if (r.status === 200) { healthMs = at(); break; }
      await sleep(Math.max(0, POLL_MS - (at() - p0)));
    }
    const cpuAtReadyMs = procCpuMs(child.pid!);
    const ready = procMemory(child.pid!);

    let homeFirst: { status: number; ms: number } | undefined;
    let homeMs = NaN;
    for (;;) {
      if (exit) throw failed('the server exited before the home page answered');
      const p0 = at();
      const r = await get(port, '/');
      homeFirst ??= { status: r.status, ms: r.ms };
      if (r.status === 200) { homeMs = at(); break; }
      if (at() - healthMs > 30_000) throw failed(`home page not 200 30 s after the health 200 (last ${r.status})`);
      await sleep(Math.max(0, POLL_MS - (at() - p0)));
    }
    const afterHome = procMemory(child.pid!);
    const b = await burst(port);
    const afterBurst = procMemory(child.pid!);
    const cpuAfterBurstMs = procCpuMs(child.pid!);

    if (exit) throw failed('the server exited during the burst');
    // Case d indexes behind the open port: stopped only once that is done, which a stop would cut short.
    if (c === 'd') {
      while (!lines.some((l) => INDEXED_BEHIND.test(l.text))) {
        if (exit) throw failed('the server exited while indexing');
        if (at() > START_TIMEOUT_MS) throw failed(`still indexing after ${START_TIMEOUT_MS / 1000} s`);
        await sleep(POLL_MS);
      }
    }
    const sigtermAtMs = at();
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const exitAt = await exited;
    clearTimeout(killer);
    await outputDone;

    const readyLine = lines.find((l) => /ready in (\d+) ms/.test(l.text));
    const serverReadyMs = readyLine ? Number(/ready in (\d+) ms/.exec(readyLine.text)![1]) : NaN;
    const done = lines.find((l) => INDEXED_BEHIND.test(l.text));
    let reindex: StartResult['reindex'];
    if (done && readyLine) {
      const indexed = Number(INDEXED_BEHIND.exec(done.text)![1]);
      reindex = { indexed, behindMs: done.ms - readyLine.ms, msPerChallenge: (done.ms - readyLine.ms) / indexed };
    }
    return {
      case: c, env, run, profiled: !!profileDir, loadAtSpawn,
      healthMs, homeMs, homeFirst: homeFirst!,
      readyLineMs: readyLine?.ms ?? NaN, serverReadyMs, importMs: (readyLine?.ms ?? NaN) - serverReadyMs,
      cpuAtReadyMs, rssReadyMiB: mib(ready.rssKb), hwmReadyMiB: mib(ready.hwmKb), rssReadyAnonMiB: mib(ready.anonKb), rssReadyFileMiB: mib(ready.fileKb), rssAfterHomeMiB: mib(afterHome.rssKb),
      burst: b, rssAfterBurstMiB: mib(afterBurst.rssKb), hwmAfterBurstMiB: mib(afterBurst.hwmKb), cpuAfterBurstMs,
      sigtermAtMs, stopMs: exitAt - sigtermAtMs, exit: exit!,
      sweeperMayHaveRun: sigtermAtMs - (readyLine?.ms ?? healthMs) >= SWEEP_INTERVAL_MS,
      lines: lines.filter((l) => !/search: \d+ challenges indexed/.test(l.text)), jsonLogLines, reindex,
    };
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Phases from a CPU profile (--cpu-prof): a phase starts at the first sample whose stack holds one
// of its functions (in server.ts's order); samples are wall-clock stamped, idle ones included.

interface ProfilePhase { phase: string; startMs: number; ms: number; cpuMs: number; top: string[] }
interface ProfilePhases { file: string; phases: ProfilePhase[]; totalMs: number }

type Frame = { fn: string; url: string };
const inServer = (st: Frame[], re: RegExp) => st.some((f) => re.test(f.fn) && f.url.endsWith('server.js'));
/** Module loading (compile, link, evaluate) rather than a call made by the server's body. */
const moduleLoading = (st: Frame[]) => st.some((f) => /module_job|modules\/esm/.test(f.url) && /^(evaluate|instantiate|run|_instantiate|link)$/.test(f.fn));
const PHASES: { phase: string; match: (st: Frame[]) => boolean }[] = [
  { phase: 'node start, imports (server.js and its packages)', match: () => true },
  // PGlite's start runs after awaits, so its frames rarely sit under openDatabase: any PGlite or WASM code not loading a module.
  { phase: 'open the database (PGlite: WASM, template or data folder)', match: (st) => inServer(st, /^openDatabase$/) || (!moduleLoading(st) && st.some((f) => f.url.includes('@electric-sql/pglite') || f.url.startsWith('wasm'))) },
  { phase: 'migrations (drizzle migrator)', match: (st) => st.some((f) => /drizzle-orm\/(pglite\/)?migrator/.test(f.url)) },
  // The web build's modules are evaluated from a dynamic import (not under loadWebHandler), then Fastify compiles the routes' schemas at ready.
  { phase: 'web handler, buildApp, app.ready (route schemas)', match: (st) => inServer(st, /^(loadWebHandler|buildApp)$/) || st.some((f) => f.url.includes('apps/web/build')) },
  { phase: 'search index check (reindexMissing)', match: (st) => inServer(st, /^reindex(Missing|Where)$/) },
  { phase: 'demo data check or load', match: (st) => inServer(st, /^(isEmptyDatabase|loadDemoData|demoAccountsPresent)$/) },
  { phase: 'loops started, listen', match: (st) => inServer(st, /^start(BatchLoop|DeadlineSweeper|MilestoneReminders|NotificationOutbox|DraftReminders|SavedSearchAlerts|MailOutbox)$/) || st.some((f) => f.fn === 'listen' && f.url.includes('fastify')) },
];

function profilePhases(file: string, readyMs: number): ProfilePhases {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
    startTime: number; samples: number[]; timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const stacks = new Map<number, Frame[]>();
  const stackOf = (id: number) => {
    let s = stacks.get(id);
    if (!s) {
      s = [];
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) s.push({ fn: byId.get(x)!.callFrame.functionName, url: byId.get(x)!.callFrame.url });
      stacks.set(id, s);
    }
    return s;
  };
  const pkg = (url: string, fn: string) => {
    if (!url) return fn || '(native)';
    if (url.startsWith('wasm')) return 'PGlite WASM';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1]!;
    if (url.includes('dist/server.js')) return 'server.js (app code)';
    if (url.includes('apps/web/build')) return 'web build';
    return url.startsWith('node:') ? 'node internals' : url.split('/').slice(-2).join('/');
  };
  // Sample times, ms from the profile's start.
  const times: number[] = [];
  let t = 0;
  for (const d of p.timeDeltas) { t += d; times.push(t / 1000); }
  const starts: number[] = [0];
  let from = 0;
  for (let k = 1; k < PHASES.length; k++) {
    let found = -1;
    for (let i = from; i < p.samples.length && times[i]! <= readyMs; i++) {
      if (PHASES[k]!.match(stackOf(p.samples[i]!))) { found = i; break; }
    }
    starts.push(found >= 0 ? times[found]! : NaN);
    if (found >= 0) from = found;
  }
  const phases: ProfilePhase[] = [];
  const present = PHASES.map((ph, k) => ({ ...ph, start: starts[k]! })).filter((x) => Number.isFinite(x.start));
  for (let k = 0; k < present.length; k++) {
    const start = present[k]!.start;
    const end = k + 1 < present.length ? present[k + 1]!.start : readyMs;
    let cpu = 0;
    const self = new Map<string, number>();
    for (let i = 0; i < p.samples.length; i++) {
      if (times[i]! < start || times[i]! >= end) continue;
      const dt = ((p.timeDeltas[i + 1] ?? 0) / 1000);
      const top = stackOf(p.samples[i]!)[0]!;
      if (top.fn === '(idle)') continue;
      cpu += dt;
      const key = top.fn === '(garbage collector)' ? 'GC' : top.fn === '(program)' ? '(program)' : pkg(top.url, top.fn);
      self.set(key, (self.get(key) ?? 0) + dt);
    }
    phases.push({
      phase: present[k]!.phase, startMs: start, ms: end - start, cpuMs: cpu,
      top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k2, v]) => `${k2} ${Math.round(v)}`),
    });
  }
  return { file, phases, totalMs: readyMs };
}

// ---------------------------------------------------------------------------------------------
// Data folders for the cases

function tempDir(tag: string) {
  return mkdtempSync(join(tmpdir(), `bench-startup-run-${tag}-`));
}

function copyKept(): { dir: string; copyMs: number } {
  const dir = tempDir('copy');
  const t0 = performance.now();
  cpSync(FOLDER, dir, { recursive: true, preserveTimestamps: true });
  return { dir, copyMs: performance.now() - t0 };
}

/** Case d's folder: a copy with `m` search documents deleted, spread evenly over the challenges. */
async function copyWithMissing(m: number): Promise<{ dir: string; copyMs: number; deleted: number }> {
  const { dir, copyMs } = copyKept();
  const database = await openDatabase({ dataDir: join(dir, 'pglite') });
  try {
    const step = Math.max(1, Math.floor(N / m));
    const [r] = await queryRows<{ n: number }>(database.db, sql`
      with gone as (
        delete from search_documents where challenge_id in (
          select id from (select id, row_number() over (order by id) as rn from challenges) x where rn % ${step} = 0 limit ${m})
        returning 1)
      select count(*)::int as n from gone`);
    await database.db.execute(sql`checkpoint`);
    return { dir, copyMs, deleted: Number(r?.n) };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The build

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether a build (scripts/build.mjs, or the web app's vite build) is running now, by anyone: its output is being rewritten. */
function buildRunning(): boolean {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes('scripts/build.mjs') || cmd.includes('vite build') || cmd.includes('--write-pglite-template')) return true;
    } catch { /* gone */ }
  }
  return false;
}

/** Every file under dir with its size and mtime, to see whether it changed while it was copied. */
function fingerprint(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { const st = statSync(p); out.push(`${p} ${st.size} ${st.mtimeMs}`); }
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

/**
 * A private copy of what `npm start` runs, so a rebuild by someone else in the checkout cannot change
 * the build under a run: apps/api/dist and apps/web/build copied, with the files the bundle reads at
 * run time (migrations/, packages/search/dict, the package.json files), node_modules linked. The
 * server finds the web handler, migrations and dictionaries from its own place and its working
 * directory, exactly as in the checkout. Taken when no build is running, and checked unchanged after.
 */
async function snapshotBuild(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-app-'));
  for (let attempt = 1; ; attempt++) {
    for (let waited = 0; buildRunning(); waited += 5) {
      if (waited === 0) log('a build is running in the checkout: waiting for it to finish before copying the build');
      if (waited > 1200) throw new Error('a build has been running for 20 minutes: giving up');
      await sleep(5000);
    }
    const api = join(ROOT, 'apps/api/dist');
    const web = join(ROOT, 'apps/web/build');
    const before = fingerprint(api) + fingerprint(web);
    rmSync(join(dir, 'apps'), { recursive: true, force: true });
    cpSync(api, join(dir, 'apps/api/dist'), { recursive: true, preserveTimestamps: true });
    cpSync(web, join(dir, 'apps/web/build'), { recursive: true, preserveTimestamps: true });
    if (!buildRunning() && fingerprint(api) + fingerprint(web) === before && existsSync(join(dir, 'apps/web/build/handler.js'))) break;
    if (attempt >= 5) throw new Error('the build kept changing while it was copied');
    log('the build changed while it was copied: again');
    await sleep(5000);
  }
  for (const f of ['package.json', 'apps/api/package.json', 'apps/web/package.json']) cpSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'migrations'), join(dir, 'migrations'), { recursive: true });
  cpSync(join(ROOT, 'packages/search/dict'), join(dir, 'packages/search/dict'), { recursive: true });
  for (const nm of ['node_modules', 'apps/api/node_modules', 'apps/web/node_modules']) {
    if (existsSync(join(ROOT, nm))) symlinkSync(join(ROOT, nm), join(dir, nm));
  }
  return dir;
}

function ensureBuild() {
  const missing = [SERVER, TEMPLATE, WEB].filter((f) => !existsSync(f));
  if (FORCE_BUILD || missing.length > 0) {
    log(FORCE_BUILD ? 'building (--build): node scripts/build.mjs' : `not built (${missing.map((f) => f.replace(`${ROOT}/`, '')).join(', ')}): node scripts/build.mjs`);
    const t0 = performance.now();
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    log(`built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const stale = [
    statSync(TEMPLATE).mtimeMs < Math.max(newest(join(ROOT, 'apps/api/src')), newest(join(ROOT, 'packages')), newest(join(ROOT, 'migrations'))) ? 'apps/api/dist' : '',
    statSync(WEB).mtimeMs < Math.max(newest(join(ROOT, 'apps/web/src')), newest(join(ROOT, 'packages/domain/src'))) ? 'apps/web/build' : '',
  ].filter(Boolean);
  if (stale.length) log(`warning: ${stale.join(' and ')} older than its sources: measuring the build as it is (--build to rebuild)`);
  let git: { head?: string; dirty?: string[] } = {};
  try {
    git = {
      head: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim(),
      dirty: execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().split('\n').filter(Boolean),
    };
  } catch { /* not a checkout */ }
  return {
    serverBuiltAt: statSync(SERVER).mtime.toISOString(), webBuiltAt: statSync(WEB).mtime.toISOString(),
    serverBundleBytes: statSync(SERVER).size, templateBytes: statSync(TEMPLATE).size, staleAgainstSources: stale, git,
  };
}

// ---------------------------------------------------------------------------------------------

function summarize(rs: StartResult[]) {
  const pick = (f: (r: StartResult) => number) => spread(rs.map(f).filter(Number.isFinite));
  return {
    runs: rs.length,
    healthMs: pick((r) => r.healthMs), homeMs: pick((r) => r.homeMs), homeFirstRenderMs: pick((r) => r.homeFirst.ms),
    importMs: pick((r) => r.importMs), serverReadyMs: pick((r) => r.serverReadyMs), cpuAtReadyMs: pick((r) => r.cpuAtReadyMs),
    rssReadyMiB: pick((r) => r.rssReadyMiB), hwmReadyMiB: pick((r) => r.hwmReadyMiB), rssReadyAnonMiB: pick((r) => r.rssReadyAnonMiB), rssReadyFileMiB: pick((r) => r.rssReadyFileMiB), rssAfterHomeMiB: pick((r) => r.rssAfterHomeMiB),
    rssAfterBurstMiB: pick((r) => r.rssAfterBurstMiB), hwmAfterBurstMiB: pick((r) => r.hwmAfterBurstMiB),
    burstRequests: pick((r) => r.burst.requests), burstP50Ms: pick((r) => r.burst.latencyMs.p50), burstP99Ms: pick((r) => r.burst.latencyMs.p99), burstNon200: rs.reduce((a, r) => a + r.burst.requests - r.burst.ok, 0),
    stopMs: pick((r) => r.stopMs), sweeperMayHaveRun: rs.some((r) => r.sweeperMayHaveRun),
  };
}

function runLine(r: StartResult) {
  return `  ${r.profiled ? '[profiled] ' : ''}run ${r.run} ${r.env} ${CASE_NAMES[r.case]}: health 200 ${s2(r.healthMs)} s, home 200 ${s2(r.homeMs)} s (first render ${f1(r.homeFirst.ms)} ms), ` +
    `imports ${s2(r.importMs)} s + "ready in" ${s2(r.serverReadyMs)} s, CPU ${s2(r.cpuAtReadyMs)} s; RSS ready ${f1(r.rssReadyMiB)} MiB, after burst ${f1(r.rssAfterBurstMiB)} MiB (peak ${f1(r.hwmAfterBurstMiB)}); ` +
    `burst ${r.burst.ok}/${r.burst.requests} 200 p50 ${f1(r.burst.latencyMs.p50)} ms p99 ${f1(r.burst.latencyMs.p99)} ms; stop ${f1(r.stopMs)} ms (exit ${r.exit.code ?? r.exit.signal}); load ${r.loadAtSpawn.split(' ')[0]}`;
}

async function main() {
  const started = performance.now();
  const loadAtStart = load();
  log(`start-up benchmark, embedded PGlite: runs=${RUNS}, env=${ENVS.join('+')}, cases=${CASES.join(',')}, burst=${BURST} at ${CONCURRENCY}, poll ${POLL_MS} ms${SOURCE_MAPS ? ', --enable-source-maps' : ''}; load average ${loadAtStart}${QUICK ? ' (--quick)' : ''}`);
  const build = ensureBuild();
  APP_ROOT = await snapshotBuild();
  process.on('exit', () => rmSync(APP_ROOT, { recursive: true, force: true }));
  // The starts run from the copy: its build times are what is measured.
  Object.assign(build, { snapshot: APP_ROOT, serverBuiltAt: statSync(appServer()).mtime.toISOString(), webBuiltAt: statSync(join(APP_ROOT, 'apps/web/build/handler.js')).mtime.toISOString(), serverBundleBytes: statSync(appServer()).size, templateBytes: statSync(join(APP_ROOT, 'apps/api/dist/pglite-template.tar.gz')).size });
  log(`build: server.js ${(build.serverBundleBytes / 2 ** 20).toFixed(2)} MiB (${build.serverBuiltAt}), template ${(build.templateBytes / 2 ** 20).toFixed(1)} MiB, web ${build.webBuiltAt}; git ${build.git.head?.slice(0, 10) ?? '?'}${build.git.dirty?.length ? ` + ${build.git.dirty.length} uncommitted paths` : ''}`);

  let manifest: Manifest | undefined;
  let dataBuilt = false;
  if (CASES.includes('c') || CASES.includes('d')) {
    const r = await ensureDataFolder({ folder: FOLDER, n: N, seed: SEED, rebuild: REBUILD, log });
    manifest = r.manifest;
    dataBuilt = r.built;
    if (!dataBuilt) log(`kept folder ${FOLDER}: ${manifest.n} challenges, built ${manifest.builtAt} in ${(manifest.buildMs.total / 1000).toFixed(0)} s, ${(manifest.folderBytes / 2 ** 20).toFixed(0)} MiB (--rebuild to redo)`);
    log(`the server's loops run on the real clock (${new Date().toISOString().slice(0, 10)}): ${manifest.publishedPastDeadlineAtBuild} published challenges have deadlines already past, which the deadline sweeper would close on its first pass, ${SWEEP_INTERVAL_MS / 1000} s after start; every start is copied afresh and stopped before that`);
  }

  const results: StartResult[] = [];
  const failures: string[] = [];
  /** A start that fails (the server exits, never answers …) is reported and left out; the others go on. */
  const attempt = async (f: () => Promise<StartResult>): Promise<StartResult | undefined> => {
    try { return await f(); } catch (e) {
      failures.push(String((e as Error).message ?? e));
      log(`  FAILED: ${(e as Error).message ?? e}`);
      return undefined;
    }
  };
  const regular = CASES.filter((c) => c !== 'd');
  for (let run = 1; run <= RUNS; run++) {
    for (const env of ENVS) {
      let abDir: string | undefined;
      try {
        if (regular.includes('a') || regular.includes('b')) {
          abDir = tempDir('empty');
          // b alone still needs a first start: a's (not counted when only b was asked for).
          const a = await attempt(() => startOnce('a', env, run, abDir!));
          if (a && regular.includes('a')) { results.push(a); log(runLine(a)); }
          if (a && regular.includes('b')) {
            const b = await attempt(() => startOnce('b', env, run, abDir!));
            if (b) {
              b.dataFolderMiBAfter = folderBytes(abDir) / 2 ** 20;
              results.push(b);
              log(runLine(b));
            }
          }
        }
      } finally {
        if (abDir) rmSync(abDir, { recursive: true, force: true });
      }
      if (regular.includes('c')) {
        const { dir, copyMs } = copyKept();
        try {
          const c = await attempt(() => startOnce('c', env, run, dir));
          if (c) {
            c.copyMs = copyMs;
            results.push(c);
            log(runLine(c) + ` (copy ${s2(copyMs)} s, not counted)`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }

  let caseD: (StartResult & { deleted: number; extrapolatedFullMs: number; overCMedianMs: number }) | undefined;
  if (CASES.includes('d') && MISSING > 0) {
    const env = ENVS[0]!;
    log(`\n— case d (${env}): ${MISSING} search documents deleted from a fresh copy, then a start (its reindexMissing indexes them behind the open port)`);
    const { dir, copyMs, deleted } = await copyWithMissing(MISSING);
    try {
      const d = await attempt(() => startOnce('d', env, 1, dir));
      if (!d) throw new Error('case d failed');
      d.copyMs = copyMs;
      const cReady = median(results.filter((r) => r.case === 'c' && r.env === env).map((r) => r.serverReadyMs));
      const overC = d.serverReadyMs - cReady;
      // Per challenge: from "ready in" to the line saying the indexing behind it is done (the burst runs meanwhile).
      const perChallenge = d.reindex?.msPerChallenge ?? NaN;
      caseD = { ...d, deleted, overCMedianMs: overC, extrapolatedFullMs: perChallenge * N };
      results.push(d);
      log(runLine(d));
      log(`  reindexMissing: ${deleted} challenges; "ready in" ${s2(overC)} s more than case c's median (the start does not wait for it); ` +
        `indexed behind the open port in ${s2(d.reindex?.behindMs ?? NaN)} s, ${f1(perChallenge)} ms a challenge → a folder of ${N.toLocaleString('en')} challenges without search documents ` +
        `would be indexed ≈ ${(caseD.extrapolatedFullMs / 60_000).toFixed(0)} min after it is ready, serving meanwhile`);
    } catch (e) {
      log(`  case d left out: ${(e as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // One profiled start per case, not counted.
  const profiles: Record<string, ProfilePhases> = {};
  if (CPU_PROF) {
    mkdirSync(CPU_PROF, { recursive: true });
    for (const env of ENVS) {
      for (const c of regular) {
        const before = new Set(readdirSync(CPU_PROF));
        let dir: string | undefined;
        try {
          if (c === 'c') dir = copyKept().dir;
          else {
            dir = tempDir('prof');
            if (c === 'b') { await startOnce('a', env, 0, dir); for (const f of readdirSync(CPU_PROF)) before.add(f); }
          }
          const r = await startOnce(c, env, 0, dir, CPU_PROF);
          const file = readdirSync(CPU_PROF).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
          if (!file) { log(`  no profile written for ${c} (${env})`); continue; }
          // The profile starts when node does; the server is ready at the "ready in" line's arrival, less its pipe delay.
          r.profile = profilePhases(join(CPU_PROF, file), Number.isFinite(r.readyLineMs) ? r.readyLineMs : r.healthMs);
          profiles[`${env} ${c}`] = r.profile;
          results.push(r);
          log(runLine(r));
        } catch (e) {
          failures.push(`profiled ${c} (${env}): ${(e as Error).message}`);
          log(`  profiled start of ${c} (${env}) FAILED: ${(e as Error).message}`);
        } finally {
          if (dir) rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }

  const counted = results.filter((r) => !r.profiled && r.case !== 'd');
  const summary: Record<string, Record<string, ReturnType<typeof summarize>>> = {};
  for (const env of ENVS) {
    summary[env] = {};
    for (const c of regular) summary[env]![c] = summarize(counted.filter((r) => r.env === env && r.case === c));
  }
  const loadAtEnd = load();

  log(`\nstart-up of the embedded server (node apps/api/dist/server.js, PGlite), ${RUNS} run(s) each, median (min–max); load average at start ${loadAtStart}, at end ${loadAtEnd}:`);
  log('| NODE_ENV | case | /api/health 200 s | home 200 s | imports s | server "ready in" s | CPU to ready s | RSS ready MiB; anonymous | RSS after burst MiB (peak) | burst p50 / p99 ms (requests) | SIGTERM → exit ms | load (1 min) at spawn |');
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const env of ENVS) {
    for (const c of regular) {
      const rs = counted.filter((r) => r.env === env && r.case === c);
      if (rs.length === 0) continue;
      const s = summary[env]![c]!;
      const loads = rs.map((r) => Number(r.loadAtSpawn.split(' ')[0]));
      log(`| ${env === 'development' ? 'unset (development)' : 'production'} | ${CASE_NAMES[c]} | ${mmm(rs.map((r) => r.healthMs), s2)} | ${mmm(rs.map((r) => r.homeMs), s2)} | ${mmm(rs.map((r) => r.importMs), s2)} | ` +
        `${mmm(rs.map((r) => r.serverReadyMs), s2)} | ${mmm(rs.map((r) => r.cpuAtReadyMs), s2)} | ${mmm(rs.map((r) => r.rssReadyMiB), f1)}; anon ${f1(s.rssReadyAnonMiB.median)} | ` +
        `${f1(s.rssAfterBurstMiB.median)} (${f1(s.hwmAfterBurstMiB.median)}) | ${f1(s.burstP50Ms.median)} / ${f1(s.burstP99Ms.median)} (${s.burstRequests.median})${s.burstNon200 ? `, ${s.burstNon200} non-200` : ''} | ${mmm(rs.map((r) => r.stopMs), f1)} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} |`);
    }
  }
  if (caseD) {
    log(`| ${caseD.env === 'development' ? 'unset (development)' : 'production'} | d. as c, ${caseD.deleted} search documents missing (1 run) | ${s2(caseD.healthMs)} | ${s2(caseD.homeMs)} | ${s2(caseD.importMs)} | ${s2(caseD.serverReadyMs)} | ${s2(caseD.cpuAtReadyMs)} | ${f1(caseD.rssReadyMiB)}; anon ${f1(caseD.rssReadyAnonMiB)} | ` +
      `${f1(caseD.rssAfterBurstMiB)} (${f1(caseD.hwmAfterBurstMiB)}) | ${f1(caseD.burst.latencyMs.p50)} / ${f1(caseD.burst.latencyMs.p99)} (${caseD.burst.requests}) | ${f1(caseD.stopMs)} | ${caseD.loadAtSpawn.split(' ')[0]} |`);
  }
  log(`health is polled every ${POLL_MS} ms; "imports" = spawn → the "ready in" line's arrival less the server's own figure (server.js's clock starts after its imports); the burst: ${BURST} requests (or what ${BURST_MAX_S} s allowed), ${CONCURRENCY} at a time, pages and API after the home page.`);
  const sweptAny = counted.some((r) => r.sweeperMayHaveRun) || !!caseD?.sweeperMayHaveRun;
  log(sweptAny
    ? 'warning: at least one start ran longer than the sweeper interval (60 s) after ready: its deadline sweeper may have run (figures after the burst include it)'
    : `every start was stopped before its deadline sweeper's first pass (60 s after ready; the longest ran ${s2(Math.max(...results.map((r) => r.sigtermAtMs - (Number.isFinite(r.readyLineMs) ? r.readyLineMs : r.healthMs))))} s after ready)`);
  for (const [k, pr] of Object.entries(profiles)) printPhases(`${k}: ${CASE_NAMES[k.split(' ')[1] as CaseId]}`, pr);
  const firstA = counted.find((r) => r.case === 'a');
  if (firstA) log(`\nwhat the server printed on an empty folder (${firstA.env}), ms after spawn:\n${firstA.lines.slice(0, 8).map((l) => `  ${l.ms.toFixed(0).padStart(6)}  ${l.text}`).join('\n')}`);
  if (failures.length) log(`\n${failures.length} start(s) failed and are left out of the figures: see "failures" in the JSON`);
  log(`load average at end: ${loadAtEnd}; the benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const out = {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(), finishedAt: new Date().toISOString(), quick: QUICK,
    settings: { runs: RUNS, envs: ENVS, cases: CASES, n: N, seed: SEED, folder: FOLDER, missing: MISSING, burst: BURST, burstMaxSeconds: BURST_MAX_S, concurrency: CONCURRENCY, pollMs: POLL_MS, sourceMaps: SOURCE_MAPS, cpuProf: CPU_PROF || null, node: process.version },
    method: {
      server: 'node apps/api/dist/server.js as a child; DATA_DIR, PORT, HOST=127.0.0.1; no DATABASE_URL (embedded PGlite)',
      nodeEnv: 'development = NODE_ENV unset, as npm start runs the embedded set-up (demo data into an empty database); production = the Docker image\'s NODE_ENV (no demo data, request logs, JWT_SECRET given)',
      clock: 'the server runs on the real clock; its deadline sweeper\'s first pass is 60 s after start; every start is stopped before it (sweeperMayHaveRun says otherwise)',
      caseC: 'a fresh copy of the kept folder for every start; the kept folder is never opened by a server',
    },
    build, dataFolder: manifest ? { folder: FOLDER, builtNow: dataBuilt, ...manifest } : null,
    loadAtStart, loadAtEnd, totalSeconds: Math.round((performance.now() - started) / 1000),
    summary, caseD: caseD ? { deleted: caseD.deleted, overCMedianMs: caseD.overCMedianMs, extrapolatedFullMs: caseD.extrapolatedFullMs, reindex: caseD.reindex } : null,
    profiles, failures, runs: results,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(out, null, 2));
  log(`wrote ${OUT.replace(`${ROOT}/`, '')}`);
}

function printPhases(title: string, pr: ProfilePhases) {
  log(`\nphases of a profiled start (${title}), wall ms from node's start; CPU = non-idle samples; top = self time by package:`);
  log('| phase | starts at ms | wall ms | CPU ms | top (ms) |');
  log('| --- | --- | --- | --- | --- |');
  for (const ph of pr.phases) log(`| ${ph.phase} | ${ph.startMs.toFixed(0)} | ${ph.ms.toFixed(0)} | ${ph.cpuMs.toFixed(0)} | ${ph.top.join(', ')} |`);
}

// `--analyze-profile <file.cpuprofile> --ready <ms after node's start>`: only the phase table of a kept profile.
if (process.argv.includes('--analyze-profile')) {
  const file = arg('analyze-profile', '');
  printPhases(file, profilePhases(file, Number(arg('ready', 'Infinity'))));
} else main().catch((e) => {
  console.error(e);
  process.exit(1);
});
