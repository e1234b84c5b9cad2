/**
 * `npm start`: one process, one port. /api is Fastify; everything else is the built SvelteKit app.
 * Embedded PGlite in DATA_DIR unless DATABASE_URL is set; migrations at start; demo data into an
 * empty embedded database (or with DEMO=1), never in production.
 */
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@challenge/db';
import { buildApp } from './app';
import { systemClock, TestClock } from './clock';
import { loadConfig } from './config';
import { startDeadlineSweeper } from './jobs/deadline-sweeper';
import { DEMO_ACCOUNTS, demoAccountsPresent, ensureBureauAdmin, isEmptyDatabase, loadDemoData } from './demo/seed';
import { exposeApiInProcess, loadWebHandler } from './web-bridge';

const started = performance.now();
const config = loadConfig();
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') });
await database.migrate();
if (process.argv.includes('--migrate-only')) {
  console.log(`migrations applied (${database.driver})`);
  await database.close();
  process.exit(0);
}

const clock = config.env === 'test' ? new TestClock() : systemClock;
// adapter-node assumes https unless told otherwise; we tell it the protocol of each request (set below),
// so form posts and cookies work over plain http on localhost as well as behind a TLS proxy.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
const web = await loadWebHandler(process.env.WEB_HANDLER ?? join(repoRoot, 'apps/web/build/handler.js'));

const app = await buildApp({
  db: database.db,
  driver: database.driver,
  clock,
  dataDir: config.dataDir,
  jwtSecret: config.jwtSecret,
  env: config.env,
  version: config.version,
  logger: process.env.LOG_REQUESTS === '1',
  trustProxy: config.trustProxy,
  serverFactory: (apiHandler) =>
    createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/api' || path.startsWith('/api/') || path.startsWith('/api?') || !web) return apiHandler(req, res);
      if (!config.trustProxy || !req.headers['x-forwarded-proto']) {
        req.headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
      }
      web(req, res);
    }),
});
exposeApiInProcess(app);
await app.ready();

const ctx = { db: database.db, clock, dataDir: config.dataDir };
let demoAccounts: readonly { role: string; email: string; password: string }[] = [];
if (config.env !== 'production') {
  if (config.demo || (database.driver === 'pglite' && (await isEmptyDatabase(ctx)))) demoAccounts = await loadDemoData(ctx);
  else if (await demoAccountsPresent(ctx)) demoAccounts = DEMO_ACCOUNTS;
}
if (config.bureauAdmin) await ensureBureauAdmin(ctx, config.bureauAdmin);

const sweeper = startDeadlineSweeper(ctx, {
  intervalMs: config.sweepIntervalMs,
  onError: (err) => console.error('deadline sweep failed; retrying at the next tick', err),
});

await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${config.port}`;
console.log(`\n揭榜挂帅 Open Challenge marketplace — ready in ${Math.round(performance.now() - started)} ms`);
console.log(`  ${url}   (API ${url}/api, docs ${url}/api/docs)`);
console.log(`  database: ${database.driver === 'pg' ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}${web ? '' : '; web app not built (npm run build)'}`);
if (demoAccounts.length > 0) {
  console.log('  demo accounts:');
  for (const a of demoAccounts) console.log(`    ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.password}`);
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await sweeper.stop();
    await app.close();
    await database.close();
    process.exit(0);
  });
}
