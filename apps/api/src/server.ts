/**
 * `npm start`: one process, one port. /api is Fastify; everything else is the built SvelteKit app.
 * Embedded PGlite in DATA_DIR unless DATABASE_URL is set; migrations at start; challenges without
 * a search document indexed once it listens; demo data into an empty embedded database (or with DEMO=1),
 * never in production.
 *
 * `--migrate-only` (npm run db:migrate), `--reindex-only` (npm run search:reindex),
 * `--ledger-check` (npm run ledger:check) and `--write-pglite-template` (npm run build) do that one
 * thing and exit.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedPgliteDump, openDatabase } from '@challenge/db';
import { isMeilisearchEngine, reindexMeilisearch } from '@challenge/search';
import { buildApp } from './app';
import { systemClock, TestClock } from './clock';
import { loadConfig } from './config';
import { opsCommand } from './ops/cli';
import { startDeadlineSweeper } from './jobs/deadline-sweeper';
import { startEmbeddedMaintenance } from './jobs/embedded-maintenance';
import { startMilestoneReminders } from './jobs/milestone-reminders';
import { startNotificationOutbox } from './jobs/notification-outbox';
import { startDraftReminders, startMailOutbox, startSavedSearchAlerts } from './jobs/reach';
import { startSearchOutbox } from './jobs/search-outbox';
import { DEMO_ACCOUNTS, demoAccountsPresent, ensureBureauAdmin, isEmptyDatabase, loadDemoData } from './demo/seed';
import { checkLedger } from './services/ledger/check-ledger';
import { folderTransport, smtpTransport } from './services/mail/transport';
import { createSearchEngine } from './services/search/engine';
import { reindexAll, reindexMissing } from './services/search/reindex-all';
import { exposeApiInProcess, loadWebHandler, routeRequests } from './web-bridge';

const started = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
// A migrated empty embedded database, written by the build next to this bundle: a first start loads
// it in about a second instead of running initdb (5–7 s here). Without it, initdb runs as before.
const pgliteTemplate = join(here, 'pglite-template.tar.gz');

const templateFlag = process.argv.indexOf('--write-pglite-template');
if (templateFlag >= 0) {
  writeFileSync(process.argv[templateFlag + 1] ?? pgliteTemplate, Buffer.from(await (await migratedPgliteDump()).arrayBuffer()));
  process.exit(0);
}
// npm run db:backup, db:restore, db:to-postgres (ops/cli.ts): before loadConfig, which would write a JWT secret into the data folder.
const ops = opsCommand(process.argv);
if (ops) process.exit(await ops());

const config = loadConfig();
const pgliteDir = join(config.dataDir, 'pglite');
const firstStart = !existsSync(join(pgliteDir, 'PG_VERSION'));
const database = await openDatabase(
  config.databaseUrl
    ? { url: config.databaseUrl }
    : { dataDir: pgliteDir, loadDataDir: firstStart && existsSync(pgliteTemplate) ? new Blob([readFileSync(pgliteTemplate)]) : undefined },
);
await database.migrate();
if (process.argv.includes('--migrate-only')) {
  console.log(`migrations applied (${database.driver})`);
  await database.close();
  process.exit(0);
}

if (process.argv.includes('--ledger-check')) {
  const report = await checkLedger(database.db);
  console.log(JSON.stringify(report, null, 2));
  console.log(report.ok ? `ledger consistent: ${report.accounts} accounts, ${report.transfers} transfers, ${report.entries} entries` : 'LEDGER INCONSISTENT: see above');
  await database.close();
  process.exit(report.ok ? 0 : 1);
}

const search = createSearchEngine({ meilisearch: config.meilisearch });
if (process.argv.includes('--reindex-only')) {
  const indexed = await reindexAll(
    { db: database.db, clock: systemClock, dataDir: config.dataDir, search },
    { onProgress: (n) => console.log(`  ${n} challenges indexed…`) },
  );
  console.log(`search index rebuilt: ${indexed} challenges (PostgreSQL engine, ${database.driver})`);
  if (isMeilisearchEngine(search)) {
    const sent = await reindexMeilisearch(database.db, search);
    console.log(`Meilisearch: ${sent.sent} documents sent, ${sent.removed} removed`);
  }
  await database.close();
  process.exit(0);
}

const clock = config.env === 'test' ? new TestClock() : systemClock;
// adapter-node assumes https unless told otherwise; we tell it the protocol of each request (set below),
// so form posts and cookies work over plain http on localhost as well as behind a TLS proxy.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
// adapter-node refuses form posts over 512 KB; an attachment may be 10 MB (the API checks the exact limit).
process.env.BODY_SIZE_LIMIT ??= '12M';
const web = await loadWebHandler(process.env.WEB_HANDLER ?? join(repoRoot, 'apps/web/build/handler.js'));
// Answers being written, so a stop can let them finish and then close their connections (below).
const inFlight = new Set<ServerResponse>();

const app = await buildApp({
  db: database.db,
  driver: database.driver,
  clock,
  dataDir: config.dataDir,
  search,
  jwtSecret: config.jwtSecret,
  env: config.env,
  version: config.version,
  logger: config.logRequests,
  trustProxy: config.trustProxy,
  loginRateLimit: config.loginRateLimit,
  publicUrl: config.publicUrl,
  serverFactory: (apiHandler) => {
    const route = routeRequests(apiHandler, web, { trustProxy: config.trustProxy });
    return createServer((req, res) => {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
      route(req, res);
    });
  },
});
exposeApiInProcess(app);
await app.ready();

const { ctx } = app;
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

// Due-soon and overdue milestones, on the sweeper's rhythm.
const reminders = startMilestoneReminders(ctx, {
  intervalMs: config.sweepIntervalMs,
  onError: (err) => console.error('milestone reminders failed; retrying at the next tick', err),
});

const notifier = startNotificationOutbox(ctx, {
  intervalMs: config.notifyIntervalMs,
  onError: (err) => console.error('notifications: events not processed; retrying at the next tick', err),
});

const draftReminders = startDraftReminders(ctx, {
  intervalMs: config.sweepIntervalMs,
  onError: (err) => console.error('draft reminders failed; retrying at the next tick', err),
});

const alerts = startSavedSearchAlerts(ctx, {
  intervalMs: config.sweepIntervalMs,
  onError: (err) => console.error('saved-search alerts failed; retrying at the next tick', err),
});

// A database with demo data keeps its mail on this machine even when SMTP_URL is set: the demo's people
// are made up, but some of their addresses are at real institutions' domains.
const mailTransport = config.smtpUrl && demoAccounts.length === 0
  ? smtpTransport(config.smtpUrl, config.mailFrom)
  : folderTransport(join(config.dataDir, 'mail'), config.mailFrom);
const mailer = startMailOutbox(ctx, mailTransport, {
  intervalMs: config.mailIntervalMs,
  onError: (err) => console.error('e-mail outbox: not sent; retrying at the next tick', err),
});

const outbox = isMeilisearchEngine(search)
  ? startSearchOutbox(ctx, search, {
      intervalMs: config.searchOutboxIntervalMs,
      onError: (err) => console.error('search outbox: not sent; retrying with backoff', err),
    })
  : null;

// PGlite has no autovacuum: without this its tables would grow with every update and its planner never learn a row count.
const maintenance = database.driver === 'pglite'
  ? startEmbeddedMaintenance(ctx, {
      intervalMs: config.maintenanceIntervalMs,
      onError: (err) => console.error('database maintenance (VACUUM ANALYZE) failed; retrying at the next tick', err),
      onDone: (ms) => { if (ms >= 1_000) console.log(`database maintenance: VACUUM ANALYZE took ${ms} ms`); },
    })
  : null;

await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${config.port}`;
console.log(`\n揭榜挂帅 Open Challenge marketplace — ready in ${Math.round(performance.now() - started)} ms`);
console.log(`  ${url}   (API ${url}/api, docs ${url}/api/docs)`);
const searchLine = isMeilisearchEngine(search) ? `Meilisearch at ${config.meilisearch!.url} (PostgreSQL when it does not answer)` : 'PostgreSQL';
console.log(`  e-mail: ${mailTransport.describe}; links point to ${config.publicUrl}`);
if (config.smtpUrl && demoAccounts.length > 0) console.log('  SMTP_URL is ignored: this database holds demo data, whose mail stays in the folder above');
console.log(`  database: ${database.driver === 'pg' ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; search: ${searchLine}${web ? '' : '; web app not built (npm run build)'}`);
if (demoAccounts.length > 0) {
  console.log('  demo accounts:');
  for (const a of demoAccounts) console.log(`    ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.password}`);
}

// A data folder from before search existed (or a reindex cut short): the challenges without a search
// document are indexed behind the open port, about 10 ms each — 100,000 would keep the server closed
// for 17 minutes. Until then they open by their address but are missing from lists and search. Small
// batches: PGlite runs one transaction at a time, so each statement of a request may wait for a batch.
const indexing = new AbortController();
const indexedBehind = reindexMissing(ctx, {
  batchSize: 20,
  signal: indexing.signal,
  onProgress: (n) => { if (n % 5_000 === 0) console.log(`  search: ${n} challenges indexed…`); },
}).then(
  (n) => { if (n > 0) console.log(`search: indexed ${n} challenges that had no search document`); },
  (err) => console.error('search: indexing the challenges without a search document failed; npm run search:reindex does it', err),
);

/**
 * SIGTERM (and Ctrl-C): stop accepting at once, let the requests in flight finish and the loops end
 * their passes, then close Fastify and the database and exit 0. Fastify closes only after the last
 * answer: a page being rendered still calls the API in-process (web-bridge.ts), which a closing
 * Fastify refuses. Each answer in flight closes its connection when done, or a keep-alive client would
 * hold the stop open until its connection timed out. A request or pass that hangs is left to the
 * supervisor's SIGKILL, which the database survives (apps/api/test/faults.test.ts).
 */
let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  const answered = new Promise<void>((resolve) => app.server.close(() => resolve()));
  for (const res of inFlight) {
    if (!res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => app.server.closeIdleConnections());
  }
  await Promise.all([
    answered,
    indexedBehind,
    sweeper.stop(), reminders.stop(), notifier.stop(), draftReminders.stop(), alerts.stop(), outbox?.stop(), maintenance?.stop(),
    mailer.stop().then(() => mailTransport.close()),
  ]);
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
