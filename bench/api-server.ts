/**
 * The server side of the API benchmark, started by bench/api.ts as a child process with an IPC channel
 * (`node --import tsx bench/api-server.ts --url … [--pool 10] [--solvers 10]`):
 *
 * - the real API (`buildApp`, env `production`, no logger, PostgreSQL pool of `--pool` like
 *   `npm start`'s default), its clock running from the generator's BENCH_NOW so the generated
 *   deadlines lie where the generator put them. The background loops of `npm start` (sweeper,
 *   outboxes) are not started: they are not what is measured;
 * - in the same process, a bare Fastify instance whose `GET /api/challenges/:id` and
 *   `GET /api/challenges` send a fixed JSON body of the real answers' mean size, measured at start.
 *
 * Set-up goes through the API (`app.inject`) and is idempotent, so a rerun on a kept database reuses
 * what the last one made: the bureau administrator, `--solvers` verified solver accounts (foreign
 * universities) and one application draft each on an open public challenge; their access tokens last
 * 15 minutes (of the clock, which runs at real speed), longer than a run. It sends the workload
 * (ids to read, the solvers' tokens, ports, sizes) as a `ready` message; `stats` is answered with
 * the process's CPU time, event-loop utilisation and memory; `profile-start` and `profile-stop`
 * (with a file) take a V8 CPU profile of a stretch; `stop` closes everything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { and, eq, ne, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { applications, openDatabase, organizations, queryRows, users } from '@challenge/db';
import { buildApp } from '../apps/api/src/app';
import { TestClock } from '../apps/api/src/clock';
import { ensureBureauAdmin } from '../apps/api/src/demo/seed';
import { BENCH_NOW, rng } from './generate';
import { browsePath, draftBody, type Solver, type Workload } from './api-workload';
import { arg } from './cli';

const URL_ = arg('url', '');
const POOL = Number(arg('pool', '10'));
const SOLVERS = Number(arg('solvers', '10'));
const DETAIL_SAMPLE = 2000;
const PASSWORD = 'bench-password-2026';
const BUREAU_EMAIL = 'bench-bureau@bench.kgj.example.gov.cn';
const DAY = 86_400_000;
/** Every SQL statement the app sends; read around single requests at set-up. */
let statements = 0;

type App = Awaited<ReturnType<typeof buildApp>>;

const send = (msg: unknown) => process.send!(msg);

async function call(app: App, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, token?: string) {
  const res = await app.inject({ method, url, payload: payload as never, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.statusCode, json: () => res.json() as Record<string, unknown>, body: res.body };
}

async function must(app: App, method: 'GET' | 'POST' | 'PATCH', url: string, payload: unknown, token: string | undefined, expect: number) {
  const r = await call(app, method, url, payload, token);
  if (r.status !== expect) throw new Error(`${method} ${url}: ${r.status} ${r.body.slice(0, 500)}`);
  return r.json();
}

async function setUp(app: App, db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<Pick<Workload, 'detailIds' | 'solvers'>> {
  await ensureBureauAdmin(app.ctx, { email: BUREAU_EMAIL, password: PASSWORD });
  const bureau = (await must(app, 'POST', '/api/auth/login', { email: BUREAU_EMAIL, password: PASSWORD }, undefined, 200)).accessToken as string;

  // Open public challenges far from their deadline, in a fixed order: solver i applies to the i-th.
  const open = await queryRows<{ id: string }>(db, sql`
    select id from challenges
    where state = 'published' and visibility = 'public' and not domestic_only and deadline > ${new Date(BENCH_NOW.getTime() + 60 * DAY).toISOString()}::timestamptz
    order by id limit ${SOLVERS}`);
  if (open.length < SOLVERS) throw new Error(`only ${open.length} open public challenges with a deadline 60 days ahead`);

  const solvers: Solver[] = [];
  for (let i = 0; i < SOLVERS; i++) {
    const domain = `bench-solver-${i}.example.edu`;
    const email = `researcher@${domain}`;
    let [user] = await db.select({ id: users.id, organizationId: users.organizationId }).from(users).where(eq(users.email, email)).limit(1);
    if (!user) {
      await must(app, 'POST', '/api/auth/register', {
        email, password: PASSWORD, displayName: `Bench Researcher ${i}`, role: 'solver', locale: 'en',
        organization: { kind: 'university', country: 'DE', nameEn: `Bench University ${i}`, website: `https://www.${domain}`, emailDomain: domain },
      }, undefined, 201);
      [user] = await db.select({ id: users.id, organizationId: users.organizationId }).from(users).where(eq(users.email, email)).limit(1);
    }
    const [org] = await db.select({ status: organizations.status }).from(organizations).where(eq(organizations.id, user!.organizationId!)).limit(1);
    if (org?.status !== 'verified') await must(app, 'POST', `/api/organizations/${user!.organizationId}/verify`, {}, bureau, 200);
    // One sign-in of the ten the limit allows this address and e-mail in 15 minutes.
    const token = (await must(app, 'POST', '/api/auth/login', { email, password: PASSWORD }, undefined, 200)).accessToken as string;
    let [application] = await db.select({ id: applications.id }).from(applications)
      .where(and(eq(applications.organizationId, user!.organizationId!), ne(applications.state, 'withdrawn'))).limit(1);
    if (!application) {
      const created = await must(app, 'POST', `/api/challenges/${open[i]!.id}/applications`, JSON.parse(draftBody(rng(i))), token, 201);
      application = { id: created.id as string };
    }
    solvers.push({ email, password: PASSWORD, token, applicationId: application.id });
  }

  // A fixed sample of what anyone may read (published at some time: open, closed and later).
  const ids = await queryRows<{ id: string }>(db, sql`select id from challenges where published_at is not null order by md5(id::text) limit ${DETAIL_SAMPLE}`);
  return { detailIds: ids.map((r) => r.id), solvers };
}

/**
 * Mean body size of the real answers to the benchmark's own requests (100 of each), and the SQL
 * statements each sends (anonymous reader).
 */
async function measureSizes(app: App, detailIds: string[]) {
  const r = rng(7);
  let detail = 0, list = 0, detailStatements = 0, listStatements = 0;
  const n = Math.min(100, detailIds.length);
  for (let i = 0; i < n; i++) {
    let s0 = statements;
    const d = await app.inject({ method: 'GET', url: `/api/challenges/${detailIds[i]}` });
    if (d.statusCode !== 200) throw new Error(`detail ${detailIds[i]}: ${d.statusCode}`);
    detail += d.rawPayload.length;
    detailStatements += statements - s0;
    s0 = statements;
    const l = await app.inject({ method: 'GET', url: browsePath(r) });
    if (l.statusCode !== 200) throw new Error(`list: ${l.statusCode} ${l.body.slice(0, 300)}`);
    list += l.rawPayload.length;
    listStatements += statements - s0;
  }
  return {
    sizes: { detail: Math.round(detail / n), list: Math.round(list / n) },
    statementsPerRequest: { detail: detailStatements / n, list: listStatements / n },
  };
}

/** A JSON document of exactly `size` bytes. */
const fixedBody = (size: number) => JSON.stringify({ pad: 'x'.repeat(Math.max(0, size - '{"pad":""}'.length)) });

async function main() {
  if (!URL_) throw new Error('--url is required');
  const t0 = performance.now();
  const database = await openDatabase({ url: URL_, poolSize: POOL, onQuery: () => void statements++ });
  await database.migrate();
  const clock = new TestClock();
  clock.set(BENCH_NOW);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const app = await buildApp({
    db: database.db, driver: 'pg', clock, jwtSecret: randomBytes(32).toString('hex'), env: 'production', logger: false, dataDir,
  });
  await app.ready();
  const setup = await setUp(app, database.db);
  const { sizes, statementsPerRequest } = await measureSizes(app, setup.detailIds);

  const bare = Fastify({ logger: false });
  const detailBody = fixedBody(sizes.detail);
  const listBody = fixedBody(sizes.list);
  bare.get('/api/challenges/:id', async (_request, reply) => reply.type('application/json; charset=utf-8').send(detailBody));
  bare.get('/api/challenges', async (_request, reply) => reply.type('application/json; charset=utf-8').send(listBody));
  await app.listen({ port: 0, host: '127.0.0.1' });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (f: { server: { address(): unknown } }) => (f.server.address() as { port: number }).port;
  const workload: Workload = { ...setup, sizes, statementsPerRequest, ports: { real: port(app), bare: port(bare) } };

  let elu = performance.eventLoopUtilization();
  let profiler: Session | undefined;
  process.on('message', async (msg: { type: string; file?: string }) => {
    if (msg.type === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      send({ type: 'profiling' });
    } else if (msg.type === 'profile-stop') {
      const { profile } = await profiler!.post('Profiler.stop');
      profiler!.disconnect();
      writeFileSync(msg.file!, JSON.stringify(profile));
      send({ type: 'profiled' });
    } else if (msg.type === 'stats') {
      const now = performance.eventLoopUtilization();
      const delta = performance.eventLoopUtilization(now, elu);
      elu = now;
      const mem = process.memoryUsage();
      send({
        type: 'stats', cpuMicros: process.cpuUsage(), eventLoopUtilization: delta.utilization,
        rss: mem.rss, heapUsed: mem.heapUsed, maxRssKb: process.resourceUsage().maxRSS, at: performance.now(),
      });
    } else if (msg.type === 'stop') {
      await bare.close();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
  send({ type: 'ready', workload, setupMs: Math.round(performance.now() - t0) });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
