/**
 * API benchmark: `npm run bench:api -- [--url postgres://postgres@127.0.0.1:5432/bench_search_100000_20260301]
 * [--connections 16] [--duration 12] [--rounds 2] [--fixed 8] [--step 15] [--rate-start 20] [--rate-factor 1.5]
 * [--refine 2] [--max-steps 12] [--mix browse:40,search:30,detail:25,draft:3,signin:2] [--mix-sockets 64] [--signin-addresses 1] [--solvers 10] [--pool 10]
 * [--cpu-prof <dir>] [--out <file>] [--quick]`
 *
 * Starts bench/api-server.ts as a child process on the database (migrated first): the real API and, in
 * the same process, a bare Fastify route sending a fixed body of the real answers' mean size. Then:
 *
 * 1. Ratios. autocannon, closed loop (`--connections`, no rate), against the real
 *    `GET /api/challenges/:id` (ids sampled from what anyone may read), the bare one, the real
 *    `GET /api/challenges` (pages of 20 with facets: varied page, filters, sort) and the bare one —
 *    interleaved in `--rounds` rounds so a change in the machine's load hits all four alike; each
 *    gets `--duration` seconds in all. Throughput (2xx per second), latency percentiles, and the
 *    server's CPU time per request; then real ÷ bare. Then each target `--fixed` seconds at one fixed
 *    rate, open loop (as in 2.), half what the real route sustained: p99 real ÷ bare at equal load.
 * 2. Load. The issue's mix (browse 40, search 30, detail 25, save a draft 3, sign in 2) at fixed
 *    request rates, open loop: arrivals are a seeded Poisson process at the step's rate, whatever the
 *    server answers, and each latency runs from the request's scheduled instant, so a slow server is
 *    not let off by being sent less (coordinated omission). Rates go up by `--rate-factor` from
 *    `--rate-start`, `--step` seconds each, until a step fails (p99 ≥ 200 ms, or any error: a non-2xx
 *    other than a sign-in's 429, a connection error, a timeout); then `--refine` steps bisect between
 *    the last good and the first failed rate (when the first step fails, rates go down instead).
 *    429s (the sign-in limit: 10 per address and e-mail in 15 minutes, and every request comes from
 *    127.0.0.1) are counted apart and are not errors; `--signin-addresses N` sends the sign-ins from
 *    127.0.0.1 … 127.0.0.N instead, so more of them are real (argon2) sign-ins.
 *    Why not autocannon's `overallRate` here: it gives each connection a quota per second that the
 *    connection sends back to back as soon as the second starts, so the load arrives in bursts at
 *    each second's start rather than at the rate; and its coordinated-omission correction records
 *    with an expected interval of ceil(1 / per-connection rate) ms, i.e. 1 ms, which fills the
 *    histogram with made-up samples below every real one.
 * 3. Memory: the server's RSS (and peak RSS) after the load.
 *
 * Writes bench/results/api-pg.json (api-pg-quick.json with --quick; `--out` to change); prints tables
 * with the load average.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { rng } from './generate';
import { browsePath, detailPath, mixCumulative, mixRequest, MIX, parseMix, type BenchRequest, type Kind, type Workload } from './api-workload';
import { arg, load, log, pct } from './cli';

const HERE = dirname(fileURLToPath(import.meta.url));

const QUICK = process.argv.includes('--quick');
const URL_ = arg('url', process.env.BENCH_API_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_search_100000_20260301');
const CONNECTIONS = Number(arg('connections', '16'));
const DURATION = Number(arg('duration', QUICK ? '4' : '12'));
const ROUNDS = Number(arg('rounds', QUICK ? '1' : '2'));
const WARMUP = Number(arg('warmup', QUICK ? '2' : '5'));
const STEP = Number(arg('step', QUICK ? '4' : '15'));
const FIXED_SECONDS = Number(arg('fixed', QUICK ? '3' : '8'));
const RATE_START = Number(arg('rate-start', '20'));
const RATE_FACTOR = Number(arg('rate-factor', '1.5'));
const REFINE = Number(arg('refine', QUICK ? '1' : '2'));
const MAX_STEPS = Number(arg('max-steps', '12'));
/** V8 CPU profiles of the server into this folder: each real target's measured runs, and the load steps. */
const CPU_PROF = arg('cpu-prof', '');
const MIX_SOCKETS = Number(arg('mix-sockets', '64'));
/** Weights of the load's request kinds; the issue's by default. */
const THE_MIX = process.argv.includes('--mix') ? parseMix(arg('mix', '')) : MIX;
/** Sign-ins from 127.0.0.1 … 127.0.0.N: 1 (the default) meets the limit of 10 per address and e-mail, as the issue wants; more keeps them real. */
const SIGNIN_ADDRESSES = Number(arg('signin-addresses', '1'));
const SOLVERS = arg('solvers', '10');
const POOL = arg('pool', '10');
// A --quick run never overwrites the full run's figures.
const OUT = arg('out', join(HERE, 'results', QUICK ? 'api-pg-quick.json' : 'api-pg.json'));
const P99_LIMIT_MS = 200;
const REQUEST_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lat = (xs: number[]) => ({ p50: pct(xs, 50), p90: pct(xs, 90), p99: pct(xs, 99), max: xs.reduce((m, x) => Math.max(m, x), -Infinity), n: xs.length });
const f1 = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

// ---------------------------------------------------------------------------------------------
// The server child

interface ServerStats { cpuMicros: { user: number; system: number }; eventLoopUtilization: number; rss: number; heapUsed: number; maxRssKb: number; at: number }

class Server {
  private waiters: ((m: { type: string } & Record<string, unknown>) => void)[] = [];
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { type: string }) => this.waiters.shift()?.(m as never));
  }

  static async start(): Promise<{ server: Server; workload: Workload; setupMs: number }> {
    const child = fork(join(HERE, 'api-server.ts'), ['--url', URL_, '--pool', POOL, '--solvers', SOLVERS], {
      // NODE_ENV=production: the production argon2 parameters for passwords (services/passwords.ts).
      execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' },
    });
    const server = new Server(child);
    const ready = await new Promise<{ workload: Workload; setupMs: number }>((resolve, reject) => {
      server.waiters.push((m) => resolve(m as never));
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
    });
    return { server, ...ready };
  }

  private ask<T>(type: string, extra: Record<string, unknown> = {}): Promise<T> {
    return new Promise((resolve) => {
      this.waiters.push((m) => resolve(m as T));
      this.child.send({ type, ...extra });
    });
  }

  /** Runs `f` under the server's CPU profiler when --cpu-prof is given. */
  async profiled<T>(name: string, f: () => Promise<T>): Promise<T> {
    if (!CPU_PROF) return f();
    mkdirSync(CPU_PROF, { recursive: true });
    await this.ask('profile-start');
    try { return await f(); } finally { await this.ask('profile-stop', { file: join(CPU_PROF, `${name}.cpuprofile`) }); }
  }

  stats = () => this.ask<ServerStats>('stats');
  stop = () => this.ask('stop');
  kill = () => this.child.kill();
}

const cpuMs = (a: ServerStats, b: ServerStats) => (b.cpuMicros.user + b.cpuMicros.system - a.cpuMicros.user - a.cpuMicros.system) / 1000;
const clientCpuMs = (a: NodeJS.CpuUsage) => { const d = process.cpuUsage(a); return (d.user + d.system) / 1000; };

// ---------------------------------------------------------------------------------------------
// What the issue asks about caching and compression, over HTTP

async function rawGet(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes }));
    }).on('error', reject);
  });
}

async function cachingAndCompression(w: Workload) {
  const path = `/api/challenges/${w.detailIds[0]}`;
  const first = await rawGet(w.ports.real, path);
  const etag = first.headers.etag;
  const conditional = await rawGet(w.ports.real, path, { 'if-none-match': typeof etag === 'string' ? etag : '"bench-probe"' });
  const gz = await rawGet(w.ports.real, path, { 'accept-encoding': 'gzip, br' });
  const list = await rawGet(w.ports.real, '/api/challenges?page=1&pageSize=20', { 'accept-encoding': 'gzip, br' });
  const body = (p: string) => new Promise<Buffer>((resolve) => http.get({ host: '127.0.0.1', port: w.ports.real, path: p }, (res) => {
    const cs: Buffer[] = [];
    res.on('data', (c: Buffer) => cs.push(c));
    res.on('end', () => resolve(Buffer.concat(cs)));
  }));
  const full = await body(path);
  const listFull = await body('/api/challenges?page=1&pageSize=20');
  return {
    detail: {
      etag: etag ?? null, cacheControl: first.headers['cache-control'] ?? null, lastModified: first.headers['last-modified'] ?? null, vary: first.headers.vary ?? null,
      ifNoneMatchStatus: conditional.status, ifNoneMatchSent: typeof etag === 'string' ? 'the ETag received' : 'a made-up tag (no ETag was sent)',
      contentEncodingWhenGzipAccepted: gz.headers['content-encoding'] ?? null, bytes: first.bytes, gzipWouldBe: gzipSync(full).length,
    },
    list: {
      cacheControl: list.headers['cache-control'] ?? null, etag: list.headers.etag ?? null, contentEncodingWhenGzipAccepted: list.headers['content-encoding'] ?? null,
      bytes: list.bytes, gzipWouldBe: gzipSync(listFull).length,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Ratios: closed-loop autocannon, the real routes against the bare ones

interface Target { name: string; route: 'detail' | 'list'; server: 'real' | 'bare' }
const TARGETS: Target[] = [
  { name: 'real GET /api/challenges/:id', route: 'detail', server: 'real' },
  { name: 'bare GET /api/challenges/:id', route: 'detail', server: 'bare' },
  { name: 'real GET /api/challenges (page of 20, facets)', route: 'list', server: 'real' },
  { name: 'bare GET /api/challenges (same size)', route: 'list', server: 'bare' },
];

interface Acc { ok: number; non2xx: Record<string, number>; errors: number; timeouts: number; seconds: number; latencies: number[]; serverCpuMs: number; clientCpuMs: number }

async function cannon(w: Workload, t: Target, seconds: number, seed: number, server: Server, acc?: Acc): Promise<void> {
  const r = rng(seed);
  const path = () => (t.route === 'detail' ? detailPath(r, w) : browsePath(r));
  const before = await server.stats();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const latencies: number[] = [];
  const instance = autocannon({
    url: `http://127.0.0.1:${t.server === 'real' ? w.ports.real : w.ports.bare}${path()}`,
    connections: CONNECTIONS, duration: seconds, timeout: REQUEST_TIMEOUT_MS / 1000,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: path() }) }],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => { if (status >= 200 && status < 300) latencies.push(ms); });
  const res = await instance;
  const elapsed = (performance.now() - t0) / 1000;
  const after = await server.stats();
  if (!acc) return;
  acc.ok += res['2xx'];
  for (const [code, { count }] of Object.entries(res.statusCodeStats as Record<string, { count: number }>)) if (!code.startsWith('2')) acc.non2xx[code] = (acc.non2xx[code] ?? 0) + count;
  acc.errors += res.errors;
  acc.timeouts += res.timeouts;
  acc.seconds += elapsed;
  for (const ms of latencies) acc.latencies.push(ms); // not push(...): a bare target answers 100,000+ times
  acc.serverCpuMs += cpuMs(before, after);
  acc.clientCpuMs += clientCpuMs(c0);
}

async function ratios(w: Workload, server: Server) {
  log(`\n— warm-up ${WARMUP} s per target (load ${load()})`);
  for (const [i, t] of TARGETS.entries()) await cannon(w, t, WARMUP, 1000 + i, server);
  const accs = TARGETS.map((): Acc => ({ ok: 0, non2xx: {}, errors: 0, timeouts: 0, seconds: 0, latencies: [], serverCpuMs: 0, clientCpuMs: 0 }));
  const per = Math.max(1, Math.round(DURATION / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, t] of TARGETS.entries()) {
      const measure = () => cannon(w, t, per, 2000 + round * 10 + i, server, accs[i]);
      await (t.server === 'real' ? server.profiled(`${t.route}-round${round + 1}`, measure) : measure());
      log(`  round ${round + 1}/${ROUNDS} ${t.name}: ${accs[i]!.ok} ok so far (load ${load()})`);
    }
  }
  const rows = TARGETS.map((t, i) => {
    const a = accs[i]!;
    return {
      target: t.name, rps: a.ok / a.seconds, latencyMs: lat(a.latencies), ok: a.ok, non2xx: a.non2xx, errors: a.errors, timeouts: a.timeouts,
      seconds: +a.seconds.toFixed(1), serverCpuMsPerRequest: a.serverCpuMs / Math.max(1, a.ok), serverCpuShare: a.serverCpuMs / 1000 / a.seconds,
      clientCpuShare: a.clientCpuMs / 1000 / a.seconds,
    };
  });

  // The same comparison at one fixed rate, open loop: half what the real route sustained above, so
  // the p99s compare the time a request takes rather than the queue of a saturated server.
  const agent = new http.Agent({ keepAlive: true, maxSockets: MIX_SOCKETS });
  const fixed: { target: string; rate: number; latencyMs: ReturnType<typeof lat>; errors: number; serverCpuShare: number }[] = [];
  for (const [i, t] of TARGETS.entries()) {
    const realRow = rows[t.server === 'real' ? i : i - 1]!;
    const rate = Math.max(1, Math.round(realRow.rps / 2));
    const next = (r: () => number): BenchRequest => ({ kind: 'detail', method: 'GET', path: t.route === 'detail' ? detailPath(r, w) : browsePath(r) });
    const s = await openLoop(t.server === 'real' ? w.ports.real : w.ports.bare, next, rate, FIXED_SECONDS, 4000 + i, agent, server);
    fixed.push({ target: t.name, rate, latencyMs: s.latencyMs, errors: s.errors, serverCpuShare: s.serverCpuShare });
    log(`  fixed ${rate}/s ${t.name}: p50 ${f2(s.latencyMs.p50)} ms, p99 ${f2(s.latencyMs.p99)} ms (load ${load()})`);
  }
  agent.destroy();
  const ratio = (real: number, bare: number) => ({
    throughputRealOverBare: rows[real]!.rps / rows[bare]!.rps,
    p50RealOverBare: rows[real]!.latencyMs.p50 / rows[bare]!.latencyMs.p50,
    p99RealOverBare: rows[real]!.latencyMs.p99 / rows[bare]!.latencyMs.p99,
    serverCpuPerRequestRealOverBare: rows[real]!.serverCpuMsPerRequest / rows[bare]!.serverCpuMsPerRequest,
    atFixedRate: { rate: fixed[real]!.rate, p50RealOverBare: fixed[real]!.latencyMs.p50 / fixed[bare]!.latencyMs.p50, p99RealOverBare: fixed[real]!.latencyMs.p99 / fixed[bare]!.latencyMs.p99 },
  });
  return { connections: CONNECTIONS, secondsPerTarget: per * ROUNDS, rounds: ROUNDS, rows, fixedRate: { seconds: FIXED_SECONDS, rows: fixed }, detail: ratio(0, 1), list: ratio(2, 3) };
}

// ---------------------------------------------------------------------------------------------
// 2. Load: the mix at fixed rates, open loop

interface Sample { kind: Kind; status: number; ms: number }

/** Requests drawn by `next` at `rate` a second for `seconds`, open loop, to `port`. */
async function openLoop(port: number, next: (r: () => number) => BenchRequest, rate: number, seconds: number, seed: number, agent: http.Agent, server: Server) {
  const r = rng(seed);
  const samples: Sample[] = [];
  let networkErrors = 0, timeouts = 0, sent = 0;
  const before = await server.stats();
  const c0 = process.cpuUsage();
  const l0 = load();

  const fire = (req: BenchRequest, intended: number) => new Promise<void>((done) => {
    sent++;
    const finish = (status: number) => { samples.push({ kind: req.kind, status, ms: performance.now() - intended }); done(); };
    const localAddress = req.kind === 'signin' && SIGNIN_ADDRESSES > 1 ? `127.0.0.${1 + Math.floor(r() * SIGNIN_ADDRESSES)}` : undefined;
    const h = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers: req.headers, agent, localAddress }, (res) => {
      res.on('data', () => {});
      res.on('end', () => finish(res.statusCode!));
      res.on('error', () => { networkErrors++; done(); });
    });
    h.setTimeout(REQUEST_TIMEOUT_MS, () => { timeouts++; h.destroy(new Error('timeout')); });
    h.on('error', (e) => { if (e.message !== 'timeout') networkErrors++; done(); });
    h.end(req.body);
  });

  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let at = t0;
  // Poisson arrivals: exponential gaps. Every request whose instant has come is sent at each tick,
  // its latency counted from that instant.
  while (at < end) {
    const now = performance.now();
    while (at <= now && at < end) {
      pending.push(fire(next(r), at));
      at += (-Math.log(1 - r()) * 1000) / rate;
    }
    await sleep(Math.max(0, Math.min(at - performance.now(), 20)));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  const after = await server.stats();

  const counted = samples.filter((s) => !(s.kind === 'signin' && s.status === 429));
  const byKind = Object.fromEntries(MIX.map(([k]) => {
    const ks = samples.filter((s) => s.kind === k);
    const statuses: Record<string, number> = {};
    for (const s of ks) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    return [k, { ...lat(ks.filter((s) => !(k === 'signin' && s.status === 429)).map((s) => s.ms)), statuses }];
  }));
  const errorStatuses: Record<string, number> = {};
  for (const s of counted) if (s.status < 200 || s.status >= 300) errorStatuses[`${s.kind} ${s.status}`] = (errorStatuses[`${s.kind} ${s.status}`] ?? 0) + 1;
  const errors = Object.values(errorStatuses).reduce((a, b) => a + b, 0) + networkErrors + timeouts;
  const latencyMs = lat(counted.map((s) => s.ms));
  return {
    targetRate: +rate.toFixed(1), seconds: +elapsed.toFixed(1), sent, answered: samples.length, sentRate: sent / seconds,
    latencyMs, byKind, rateLimited429: samples.filter((s) => s.status === 429).length, errorStatuses, networkErrors, timeouts, errors,
    good: errors === 0 && latencyMs.p99 < P99_LIMIT_MS,
    serverCpuShare: cpuMs(before, after) / 1000 / elapsed, serverEventLoop: after.eventLoopUtilization, clientCpuShare: clientCpuMs(c0) / 1000 / elapsed,
    loadAtStart: l0, loadAtEnd: load(),
  };
}

function mixStep(w: Workload, rate: number, seconds: number, seed: number, agent: http.Agent, server: Server) {
  const cum = mixCumulative(THE_MIX);
  return openLoop(w.ports.real, (r) => mixRequest(r, w, THE_MIX, cum), rate, seconds, seed, agent, server);
}

type Step = Awaited<ReturnType<typeof openLoop>>;

function stepLine(s: Step) {
  const kinds = MIX.map(([k]) => `${k} ${f1(s.byKind[k]!.p99)}`).join(', ');
  return `| ${f1(s.targetRate)} | ${f1(s.sentRate)} | ${f1(s.latencyMs.p50)} | ${f1(s.latencyMs.p99)} | ${kinds} | ${s.rateLimited429} | ${s.errors}${s.errors ? ` ${JSON.stringify(s.errorStatuses)}${s.timeouts ? ` timeouts ${s.timeouts}` : ''}${s.networkErrors ? ` net ${s.networkErrors}` : ''}` : ''} | ${(s.serverCpuShare * 100).toFixed(0)}% | ${(s.clientCpuShare * 100).toFixed(0)}% | ${s.loadAtEnd.split(' ')[0]} | ${s.good ? 'yes' : 'no'} |`;
}

async function loadTest(w: Workload, server: Server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MIX_SOCKETS });
  log(`\n— load: the mix (${THE_MIX.map(([k, n]) => `${k} ${n}`).join(', ')}), open loop, Poisson arrivals, ${STEP} s a step, up to ${MIX_SOCKETS} sockets`);
  log(`  warm-up ${WARMUP} s at ${RATE_START}/s`);
  await mixStep(w, RATE_START, WARMUP, 99, agent, server);
  log(`| target req/s | sent req/s | p50 ms | p99 ms | p99 by kind (ms) | 429 | errors | server CPU | client CPU | load | p99 < ${P99_LIMIT_MS} ms, no errors |`);
  log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  const steps: Step[] = [];
  const run = async (rate: number) => {
    const s = await server.profiled(`mix-${steps.length + 1}-${Math.round(rate)}`, () => mixStep(w, rate, STEP, 3000 + steps.length, agent, server));
    steps.push(s);
    log(stepLine(s));
    await sleep(QUICK ? 500 : 2000);
    return s.good;
  };
  let good: number | undefined;
  let bad: number | undefined;
  for (let rate = RATE_START; steps.length < MAX_STEPS; rate *= RATE_FACTOR) {
    if (await run(rate)) good = rate;
    else { bad = rate; break; }
  }
  // The start was already too much: go down until a step passes (or below 1 request a second).
  for (let rate = RATE_START / RATE_FACTOR; good === undefined && rate >= 1 && steps.length < MAX_STEPS; rate /= RATE_FACTOR) {
    if (await run(rate)) good = rate; else bad = rate;
  }
  for (let i = 0; i < REFINE && good !== undefined && bad !== undefined && steps.length < MAX_STEPS; i++) {
    const mid = Math.sqrt(good * bad);
    if (await run(mid)) good = mid; else bad = mid;
  }
  agent.destroy();
  return { stepSeconds: STEP, sockets: MIX_SOCKETS, p99LimitMs: P99_LIMIT_MS, highestGoodRate: good ?? null, firstFailedRate: bad ?? null, steps };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const out: Record<string, unknown> = {
    startedAt: new Date().toISOString(), database: URL_.replace(/\/\/[^@]*@/, '//'), loadAtStart: load(), quick: QUICK,
    settings: { connections: CONNECTIONS, duration: DURATION, rounds: ROUNDS, warmup: WARMUP, step: STEP, rateStart: RATE_START, rateFactor: RATE_FACTOR, refine: REFINE, maxSteps: MAX_STEPS, mixSockets: MIX_SOCKETS, mix: Object.fromEntries(THE_MIX), signinAddresses: SIGNIN_ADDRESSES, solvers: Number(SOLVERS), pool: Number(POOL) },
  };
  log(`API benchmark on ${out.database}; load average ${load()}${QUICK ? ' (--quick: short phases, figures for checking the benchmark only)' : ''}`);
  const { server, workload: w, setupMs } = await Server.start();
  try {
    const s0 = await server.stats();
    log(`server ready in ${(setupMs / 1000).toFixed(1)} s (migrations, set-up through the API: ${w.solvers.length} solvers with a draft each; ${w.detailIds.length} readable ids sampled); ` +
      `mean body: detail ${w.sizes.detail} B, list ${w.sizes.list} B; SQL statements per request: detail ${f1(w.statementsPerRequest.detail)}, list ${f1(w.statementsPerRequest.list)}; RSS ${(s0.rss / 2 ** 20).toFixed(0)} MiB`);
    out.setup = { ms: setupMs, solvers: w.solvers.length, detailIds: w.detailIds.length, bodySizes: w.sizes, statementsPerRequest: w.statementsPerRequest, rssAfterSetupMiB: s0.rss / 2 ** 20 };

    const cc = await cachingAndCompression(w);
    out.cachingAndCompression = cc;
    log(`GET /api/challenges/:id: ETag ${cc.detail.etag ?? 'none'}, Cache-Control ${cc.detail.cacheControl}, If-None-Match → ${cc.detail.ifNoneMatchStatus} (${cc.detail.ifNoneMatchSent}), ` +
      `with Accept-Encoding: gzip → Content-Encoding ${cc.detail.contentEncodingWhenGzipAccepted ?? 'none'} (${cc.detail.bytes} B; gzip would make it ${cc.detail.gzipWouldBe} B); ` +
      `list: Cache-Control ${cc.list.cacheControl}, ETag ${cc.list.etag ?? 'none'}, Content-Encoding ${cc.list.contentEncodingWhenGzipAccepted ?? 'none'} (${cc.list.bytes} B; gzip would make it ${cc.list.gzipWouldBe} B)`);

    const rt = await ratios(w, server);
    out.ratios = rt;
    log(`\nclosed loop, ${CONNECTIONS} connections, ${rt.secondsPerTarget} s per target in ${ROUNDS} round(s) (load ${load()}):`);
    log(`| target | req/s | p50 ms | p99 ms | server CPU ms/request | non-2xx / errors |`);
    log(`| --- | --- | --- | --- | --- | --- |`);
    for (const row of rt.rows) {
      log(`| ${row.target} | ${f1(row.rps)} | ${f2(row.latencyMs.p50)} | ${f2(row.latencyMs.p99)} | ${f2(row.serverCpuMsPerRequest)} | ${JSON.stringify(row.non2xx)} / ${row.errors + row.timeouts} |`);
    }
    for (const [name, r] of [['detail', rt.detail], ['list', rt.list]] as const) {
      log(`${name}: throughput real ÷ bare ${f2(r.throughputRealOverBare)} (bare ÷ real ${f1(1 / r.throughputRealOverBare)}×); p99 real ÷ bare ${f1(r.p99RealOverBare)}×; p50 ${f1(r.p50RealOverBare)}×; server CPU per request ${f1(r.serverCpuPerRequestRealOverBare)}×; ` +
        `at a fixed ${r.atFixedRate.rate}/s: p99 real ÷ bare ${f1(r.atFixedRate.p99RealOverBare)}×, p50 ${f1(r.atFixedRate.p50RealOverBare)}×`);
    }

    const lt = await loadTest(w, server);
    out.load = lt;
    log(`highest rate with p99 < ${P99_LIMIT_MS} ms and no errors: ${lt.highestGoodRate === null ? 'none (the first step failed)' : `${f1(lt.highestGoodRate)} req/s`}` +
      `${lt.firstFailedRate === null ? ` (no step failed up to ${MAX_STEPS} steps)` : `; ${f1(lt.firstFailedRate)} req/s failed`}; 429s (sign-in limit, not errors): ${lt.steps.reduce((a, s) => a + s.rateLimited429, 0)} in all`);

    const s1 = await server.stats();
    out.memory = { rssAfterLoadMiB: s1.rss / 2 ** 20, peakRssMiB: s1.maxRssKb / 1024, heapUsedAfterLoadMiB: s1.heapUsed / 2 ** 20 };
    log(`server memory after the load: RSS ${(s1.rss / 2 ** 20).toFixed(0)} MiB (peak ${(s1.maxRssKb / 1024).toFixed(0)} MiB), heap used ${(s1.heapUsed / 2 ** 20).toFixed(0)} MiB`);
    await server.stop();
  } catch (e) {
    server.kill();
    throw e;
  }
  out.loadAtEnd = load();
  out.finishedAt = new Date().toISOString();
  out.totalSeconds = Math.round((performance.now() - started) / 1000);
  log(`load average at end: ${load()}; the run took ${out.totalSeconds} s`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(out, null, 2));
  log(`wrote ${OUT.replace(`${join(HERE, '..')}/`, '')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
