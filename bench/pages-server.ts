/**
 * The server side of the page benchmark, started by bench/pages.ts as a child process with an IPC
 * channel (`node --import tsx bench/pages-server.ts --url … [--pool 10] [--sample 500]`):
 *
 * - the real API (`buildApp`, env `production`, no logger, a PostgreSQL pool of `--pool` like
 *   `npm start`'s default), its clock at the generator's BENCH_NOW so the generated deadlines lie
 *   where the generator put them (on the real clock most challenges would be closed);
 * - the built web app (apps/web/build/handler.js, adapter-node) on the same port, exactly as
 *   apps/api/src/server.ts serves it: `routeRequests` in the server factory, the API exposed
 *   in-process to the web app's server-side fetches, and the same adapter-node settings
 *   (PROTOCOL_HEADER, BODY_SIZE_LIMIT).
 *
 * None of `npm start`'s background loops (deadline sweeper, reminders, outboxes) runs: they would
 * write to the kept database, and they are not what is measured. Nothing is written at set-up
 * either (migrations aside, which do nothing on a migrated database): the pages are read anonymously.
 *
 * Sends `ready` with the port and a fixed sample of `--sample` challenges anyone may read in full
 * (public, published at some time: open, closed and later states), each checked once through the API;
 * `stats` is answered with the process's CPU time, event-loop utilisation, memory and the running count
 * of SQL statements; `profile-start` and `profile-stop` (with a file) take a V8 CPU profile of a
 * stretch; `stop` closes everything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@challenge/db';
import { buildApp } from '../apps/api/src/app';
import { TestClock } from '../apps/api/src/clock';
import { exposeApiInProcess, loadWebHandler, routeRequests } from '../apps/api/src/web-bridge';
import { BENCH_NOW } from './generate';
import { arg } from './cli';

const URL_ = arg('url', '');
const POOL = Number(arg('pool', '10'));
const SAMPLE = Number(arg('sample', '500'));
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB_HANDLER = join(REPO, 'apps/web/build/handler.js');

/** A challenge the benchmark reads, with what its page depends on. */
export interface SampledChallenge { id: string; state: string }

export interface PagesServerReady {
  type: 'ready';
  port: number;
  challenges: SampledChallenge[];
  /** How many challenges the database holds, and how many anyone may read (listed). */
  counts: { challenges: number; listed: number };
  setupMs: number;
}

const send = (msg: unknown) => process.send!(msg);
/** Every SQL statement the app sends (API and pages alike); `stats` reports the running count. */
let statements = 0;

async function main() {
  if (!URL_) throw new Error('--url is required');
  const t0 = performance.now();
  const database = await openDatabase({ url: URL_, poolSize: POOL, onQuery: () => void statements++ });
  await database.migrate();
  const clock = new TestClock();
  clock.set(BENCH_NOW);
  // Uploads would go here; anonymous page reads write nothing.
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
  // Killed by the parent (SIGTERM), or left by it (the IPC channel closes): the folder goes too.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  process.on('SIGTERM', () => process.exit(1));
  process.on('disconnect', () => process.exit(1));

  // As apps/api/src/server.ts sets them before loading the web handler (adapter-node reads them then).
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  process.env.BODY_SIZE_LIMIT ??= '12M';
  const web = await loadWebHandler(WEB_HANDLER);
  if (!web) throw new Error(`${WEB_HANDLER} is missing: run npm run build`);

  const app = await buildApp({
    db: database.db, driver: 'pg', clock, jwtSecret: randomBytes(32).toString('hex'), env: 'production', logger: false, dataDir,
    serverFactory: (apiHandler) => createServer(routeRequests(apiHandler, web, { trustProxy: false })),
  });
  exposeApiInProcess(app);
  await app.ready();

  // A fixed sample (md5 order) of what an anonymous reader sees in full: public and published at some time.
  const rows = await queryRows<{ id: string; state: string }>(database.db, sql`
    select id, state::text as state from challenges
    where published_at is not null and visibility = 'public'
    order by md5(id::text) limit ${SAMPLE}`);
  if (rows.length === 0) throw new Error('no public published challenge in this database');
  for (const r of rows.slice(0, 20)) {
    const res = await app.inject({ method: 'GET', url: `/api/challenges/${r.id}` });
    if (res.statusCode !== 200) throw new Error(`GET /api/challenges/${r.id} as anonymous: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  const [counts] = await queryRows<{ challenges: number; listed: number }>(database.db, sql`
    select count(*)::int as challenges, (count(*) filter (where published_at is not null))::int as listed from challenges`);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;

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
        rss: mem.rss, heapUsed: mem.heapUsed, maxRssKb: process.resourceUsage().maxRSS, statements, at: performance.now(),
      });
    } else if (msg.type === 'stop') {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
  const ready: PagesServerReady = {
    type: 'ready', port, challenges: rows, counts: { challenges: Number(counts!.challenges), listed: Number(counts!.listed) },
    setupMs: Math.round(performance.now() - t0),
  };
  send(ready);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
