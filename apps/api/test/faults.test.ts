/**
 * Faults of the process (issue 8), each one real: the server — the bundle `npm start` runs — killed
 * with SIGKILL in the middle of money operations and of a mail being sent, started again on the same
 * database, then stopped with SIGTERM while a request is in flight. Each step ends by checking what an
 * operator would: the ledger (as `npm run ledger:check`) and the audit chain. Meilisearch is
 * unreachable throughout (MEILI_URL at a closed port), so writes, search and its outbox are seen
 * working without it. The database restarted under traffic: faults-database.test.ts.
 */
import { challenges, emailOutbox, ledgerTransfers, notificationEvents, searchOutbox, verifyAuditChain } from '@challenge/db';
import { onPostgres } from '@challenge/db/testing';
import { randomUUID } from 'node:crypto';
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../../packages/search/test/support/meilisearch-stand-in';
import { systemClock, TestClock } from '../src/clock';
import { ensureBureauAdmin } from '../src/demo/seed';
import { checkLedger } from '../src/services/ledger/check-ledger';
import { fiscalYearOf } from '../src/services/ledger/challenge-money';
import { deferred, until } from './fixtures/async';
import { heldRequest, httpClient, refused, type Json } from './fixtures/http-client';
import { bundleServer, startServer, type ServerBundle, type ServerProcess } from './fixtures/server-process';
import { serverStore, type ServerStore } from './fixtures/server-store';
import { challengeInput, enterpriseRegistration, PASSWORD, unique, type TestEnv } from './helpers';
import { startMailServer, type TestMailServer } from './mail-server';

const T0 = new Date('2026-06-01T02:00:00Z');
const SPECIAL_FUND_FEN = 50_000_000;
const BUDGET_FEN = 10_000_000_000;
const DRIVER = onPostgres() ? 'PostgreSQL' : 'embedded PGlite';

interface MoneyJob {
  kind: 'approve' | 'cancel';
  id: string;
  key: string;
  sent?: boolean;
  status?: number;
}
const jobPath = (j: MoneyJob) => `/api/challenges/${j.id}/${j.kind}`;
const jobBody = (j: MoneyJob) => (j.kind === 'approve' ? { specialFundFen: SPECIAL_FUND_FEN } : { reason: '企业已自行解决。' });
const jobTarget = (j: MoneyJob) => (j.kind === 'approve' ? 'published' : 'cancelled');

describe(`the server process on ${DRIVER}: SIGKILL in the middle of money operations and of a mail, then SIGTERM`, () => {
  const BUREAU = { email: 'bureau@faults.example.gov.cn', password: PASSWORD };
  const draftClock = new TestClock();
  draftClock.set(T0);
  // challengeInput reads only the clock: deadlines 30 days after T0.
  const draft = (titleZh: string) => challengeInput({ clock: draftClock } as TestEnv, { titleZh });
  let bundle: ServerBundle;
  let store: ServerStore;
  let smtp: TestMailServer;
  let server: ServerProcess | undefined;
  let meiliUrl: string;
  // The SMTP server holds its answer to the owner's first mail (the address check) until the sender has been killed.
  const probe = { email: '', arrived: deferred(), release: deferred() };
  const tokens = { bureau: '', finance: '', owner: '' };
  const jobs: MoneyJob[] = [];
  let followed = '';

  const start = (env: Record<string, string>) => startServer(bundle, {
    ...store.env, SMTP_URL: smtp.url, MAIL_INTERVAL_MS: '50', MEILI_URL: meiliUrl, SEARCH_OUTBOX_INTERVAL_MS: '100', SWEEP_INTERVAL_MS: '3600000', ...env,
  });

  beforeAll(async () => {
    [bundle, store] = await Promise.all([bundleServer(), serverStore()]);
    await store.use((db) => ensureBureauAdmin({ db, clock: systemClock }, BUREAU));
    smtp = await startMailServer({
      beforeAccept: async (mail) => {
        if (!mail.to.includes(probe.email) || smtp.inbox(probe.email).length > 1) return;
        probe.arrived.resolve();
        await probe.release.promise;
      },
    });
    meiliUrl = `http://127.0.0.1:${await closedPort()}`;
  });
  afterAll(async () => {
    if (server?.running()) server.kill('SIGKILL');
    probe.release.resolve();
    bundle?.remove();
    await smtp?.close();
    await store?.destroy();
  });

  it('killed while approvals and cancellations run and a mail is being sent: started again, the ledger and the audit chain hold, nothing is lost, the loops resume', async () => {
    // Notifications wait: an event recorded now is still queued when the process dies.
    server = await start({ NOTIFY_INTERVAL_MS: '3600000' });
    let api = httpClient(server.url);
    await api.ok('POST', '/api/test/clock', null, { now: T0.toISOString() });
    tokens.bureau = await api.login(BUREAU.email, BUREAU.password);
    const financeEmail = `${unique('finance')}@staff.example.cn`;
    await api.ok('POST', '/api/users', tokens.bureau, { email: financeEmail, password: PASSWORD, displayName: '财政局', role: 'finance' });
    tokens.finance = await api.login(financeEmail, PASSWORD);
    const year = fiscalYearOf(T0);
    await api.ok('PUT', `/api/budgets/${year}`, tokens.finance, { budgetFen: BUDGET_FEN });
    const registration = enterpriseRegistration();
    probe.email = registration.email;
    const registered = await api.ok('POST', '/api/auth/register', null, registration);
    await api.ok('POST', `/api/organizations/${registered.organization.id}/verify`, tokens.bureau, {});
    tokens.owner = await api.login(registration.email, PASSWORD);
    const submitted = async (title: string) => {
      const { id } = await api.ok('POST', '/api/challenges', tokens.owner, draft(title));
      await api.ok('POST', `/api/challenges/${id}/submit`, tokens.owner, {});
      return id as string;
    };
    const published = async (title: string) => {
      const id = await submitted(title);
      await api.ok('POST', `/api/challenges/${id}/approve`, tokens.bureau, { specialFundFen: SPECIAL_FUND_FEN });
      return id;
    };
    for (let i = 0; i < 8; i++) jobs.push({ kind: 'approve', id: await submitted(`断电审批-${i}`), key: randomUUID() });
    for (let i = 0; i < 2; i++) jobs.splice(4 * i + 2, 0, { kind: 'cancel', id: await published(`断电撤榜-${i}`), key: randomUUID() });
    followed = await published('关注的榜单');
    await api.ok('PUT', `/api/challenges/${followed}/follow`, tokens.finance);
    await api.ok('POST', `/api/challenges/${followed}/amendments`, tokens.owner, { kind: 'clarification', textZh: '试样直径放宽到 20 毫米。' });
    expect((await api.ok('GET', '/api/health')).outbox.eventsPending).toBeGreaterThanOrEqual(1);

    // Meilisearch is unreachable: the writes above succeeded, and search is answered by PostgreSQL.
    const search = await api.ok('GET', `/api/challenges?q=${encodeURIComponent('断电撤榜')}`);
    expect(search).toMatchObject({ engine: 'postgres', total: 2 });
    // The owner's mail is still being sent: the server has it and has not answered.
    await probe.arrived.promise;

    // Six clients at once; the process dies when a random number of them has been answered.
    const killAfter = 1 + Math.floor(Math.random() * (jobs.length / 2));
    let answered = 0;
    let killed = false;
    const queue = [...jobs];
    const running = server;
    const client = async () => {
      for (let job = queue.shift(); job && !killed; job = queue.shift()) {
        job.sent = true;
        try {
          job.status = (await api.call('POST', jobPath(job), tokens.bureau, jobBody(job), { 'idempotency-key': job.key })).status;
          if (++answered === killAfter) {
            killed = true;
            running.kill('SIGKILL');
            probe.release.resolve();
          }
        } catch {
          // No answer: the process died with this request in flight.
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, client));
    expect(await running.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const inFlight = jobs.filter((j) => j.sent && j.status === undefined);
    console.info(`faults (${DRIVER}): killed after ${answered} answers, ${inFlight.length} requests in flight, ${jobs.filter((j) => !j.sent).length} not sent`);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.status !== undefined).every((j) => j.status === 200)).toBe(true);

    server = await start({ NOTIFY_INTERVAL_MS: '100' });
    api = httpClient(server.url);
    // Ten minutes on (sign-ins last fifteen): the killed send's claim has run out, and a request dead
    // for a minute may be retried.
    await api.ok('POST', '/api/test/clock', null, { now: new Date(T0.getTime() + 10 * 60_000).toISOString() });
    const stateOf = async (id: string) => (await api.ok('GET', `/api/challenges/${id}`, tokens.bureau)).state as string;
    // What was answered survived; the ledger and the audit chain verify.
    for (const j of jobs.filter((x) => x.status === 200)) expect(await stateOf(j.id)).toBe(jobTarget(j));
    expect(await api.ok('GET', '/api/ledger/check', tokens.bureau)).toMatchObject({ ok: true, differences: [], unbalancedTransfers: [], brokenRules: [] });
    expect(await api.ok('GET', '/api/audit/verify', tokens.bureau)).toMatchObject({ ok: true, brokenIds: [] });

    // The notification loop picks up the event queued before the kill.
    await until(async () => (await api.ok('GET', '/api/notifications', tokens.finance)).items
      .some((n: Json) => n.kind === 'challenge_amended' && n.challenge?.id === followed), 'the queued amendment notified after the restart');

    // At least once: the mail the server had accepted goes again, as the same message.
    await until(() => smtp.inbox(probe.email).length === 2, 'the owner’s mail sent again');
    const [first, copy] = smtp.inbox(probe.email);
    expect(first!.subject).toBe(copy!.subject);
    expect(first!.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    expect(copy!.messageId).toBe(first!.messageId);
    expect(copy!.text).toBe(first!.text);
    for (const address of new Set(smtp.received.flatMap((m) => m.to).filter((a) => a !== probe.email))) expect(smtp.inbox(address), address).toHaveLength(1);
    await until(async () => (await api.ok('GET', '/api/health')).outbox.mailPending === 0, 'the mail outbox empty');

    // The clients retry what got no answer, with the same keys: each moves money at most once. One done
    // before the kill answers with its stored first answer, or — killed before that was stored, its key
    // taken for dead after a minute — runs again and finds itself done.
    for (const j of jobs.filter((x) => x.status === undefined)) {
      const before = await stateOf(j.id);
      const retry = await api.call('POST', jobPath(j), tokens.bureau, jobBody(j), { 'idempotency-key': j.key });
      const outcome = retry.headers.get('idempotent-replayed') === 'true' ? 'replayed' : retry.status === 200 ? 'done now' : retry.body!.code;
      expect(before === jobTarget(j) ? ['replayed', 'illegal_transition'] : ['done now']).toContain(outcome);
    }
    for (const j of jobs) expect(await stateOf(j.id)).toBe(jobTarget(j));
    const approved = jobs.filter((j) => j.kind === 'approve').length + 1;
    const budget = (await api.ok('GET', '/api/budgets', tokens.finance)).items.find((b: Json) => b.year === year);
    expect(budget).toMatchObject({ budgetFen: BUDGET_FEN, reservedFen: approved * SPECIAL_FUND_FEN, availableFen: BUDGET_FEN - approved * SPECIAL_FUND_FEN });
    expect(await api.ok('GET', '/api/ledger/check', tokens.bureau)).toMatchObject({ ok: true });
  }, 180_000);

  it('on SIGTERM stops accepting, finishes the request in flight, stops the loops, closes the database and exits 0', async () => {
    const stopping = server!;
    const request = await heldRequest(stopping.port, 'POST', '/api/challenges', { authorization: `Bearer ${tokens.owner}` }, JSON.stringify(draft('停机时提交的榜单')));
    stopping.kill('SIGTERM');
    await until(() => refused(stopping.port), 'new connections refused after SIGTERM', 10_000);
    expect(stopping.running(), stopping.output()).toBe(true);
    const answer = await request.finish();
    request.close();
    expect(answer.status).toBe(201);
    // The client is told not to reuse the connection, which would hold the stop open.
    expect(answer.headers.connection).toBe('close');
    const exit = await Promise.race([stopping.exited, new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    expect(exit, stopping.output()).toEqual({ code: 0, signal: null });
    expect(stopping.output()).toContain('search outbox: not sent; retrying');

    // The database as the next start finds it.
    await store.use(async (db) => {
      expect((await checkLedger(db)).ok).toBe(true);
      expect((await verifyAuditChain(db)).ok).toBe(true);
      expect(await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, answer.body.id))).toHaveLength(1);
      for (const j of jobs) {
        const reserve = await db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(eq(ledgerTransfers.id, `reserve:${j.id}`));
        const back = await db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(eq(ledgerTransfers.id, `return:${j.id}`));
        expect([reserve.length, back.length]).toEqual(j.kind === 'approve' ? [1, 0] : [1, 1]);
      }
      expect(await db.select().from(notificationEvents).where(isNull(notificationEvents.processedAt))).toEqual([]);
      expect((await db.select({ status: emailOutbox.status }).from(emailOutbox)).every((m) => m.status === 'sent')).toBe(true);
      // Meilisearch never answered: its outbox holds every change, waiting for it; the loop kept trying.
      const waiting = new Set((await db.select({ id: searchOutbox.challengeId }).from(searchOutbox)).map((r) => r.id));
      for (const j of jobs) expect(waiting.has(j.id), j.id).toBe(true);
      expect(waiting.has(answer.body.id)).toBe(true);
    });
  });
});
