import { notificationEvents, notifications, questions, type Db } from '@challenge/db';
import type { NotificationKind } from '@challenge/domain';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBatchLoop } from '../src/jobs/batch-loop';
import { recordEvent } from '../src/services/notifications/events';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import { bearer, challengeIn, fingerprint, setupTestApp, staffToken, verifiedEnterprise, verifiedSolver, type TestEnv } from './helpers';

const env: TestEnv = await setupTestApp();
const { app } = env;
const db = env.database.db;
const MINUTE = 60 * 1000;

type Item = { id: string; kind: string; createdAt: string; readAt: string | null; challenge: { id: string; titleZh: string; titleEn: string | null } | null; subjectId: string | null; data: Record<string, unknown> };

/** Records one event the way a use case does: in a transaction, at the test clock's now plus `offsetMs` (or at `offsetMs` as an instant). */
async function record(kind: NotificationKind, fields: { challengeId?: string | null; subjectId?: string | null; payload?: Record<string, unknown> }, offsetMs: number | Date = 0) {
  const at = offsetMs instanceof Date ? offsetMs : new Date(env.clock.now().getTime() + offsetMs);
  await app.ctx.db.transaction((tx) => recordEvent(tx as unknown as Db, { kind, challengeId: fields.challengeId ?? null, subjectId: fields.subjectId ?? null, payload: fields.payload, at }));
}

const deliver = () => processNotificationEvents(app.ctx);
const list = (token: string, query = '') => app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: bearer(token) });
const items = async (token: string, query = ''): Promise<Item[]> => (await list(token, query)).json().items;
const unread = async (token: string): Promise<number> => (await app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: bearer(token) })).json().unread;
const markRead = (token: string, id: string) => app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, headers: bearer(token), payload: {} });
const readAll = (token: string) => app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: bearer(token), payload: {} });
const rowsOfUser = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId));

describe('delivering events to their recipients', () => {
  it('a review assignment reaches the experts it names, newest first, with the challenge title; nobody else sees it', async () => {
    const owner = await verifiedEnterprise(env);
    const challenge = await challengeIn(env, owner, 'published');
    const expert = await staffToken(env, 'expert');
    const otherExpert = await staffToken(env, 'expert');
    const bystander = await verifiedSolver(env);
    const applicationId = crypto.randomUUID();
    const at = env.clock.now();

    await record('review_assigned', { challengeId: challenge.id, subjectId: applicationId, payload: { recipientIds: [expert.id, expert.id], actorId: owner.userId } }, at);
    await record('review_assigned', { challengeId: null, subjectId: null, payload: { recipientIds: [expert.id, otherExpert.id] } }, new Date(at.getTime() + MINUTE));
    expect(await deliver()).toBeGreaterThanOrEqual(2);

    const res = await list(expert.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20, unread: 2 });
    // Newest first; a duplicated recipient id still makes one notification.
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({ kind: 'review_assigned', challenge: null, subjectId: null, readAt: null, data: {} });
    expect(body.items[1]).toMatchObject({
      kind: 'review_assigned', subjectId: applicationId, readAt: null,
      challenge: { id: challenge.id, titleZh: challenge.titleZh, titleEn: challenge.titleEn },
    });
    // How recipients were chosen stays internal.
    expect(body.items[1].data).toEqual({});
    // A notification is dated when its event happened, not when the outbox got to it.
    expect(body.items.map((i: Item) => i.createdAt)).toEqual([new Date(at.getTime() + MINUTE).toISOString(), at.toISOString()]);

    expect((await items(otherExpert.token)).map((i) => i.challenge)).toEqual([null]);
    expect(await items(bystander.token)).toEqual([]);
    expect(await unread(bystander.token)).toBe(0);
    expect(await items(owner.token)).toEqual([]);
  });

  it('an amendment reaches whoever asked about the challenge, but not its author', async () => {
    const owner = await verifiedEnterprise(env);
    const challenge = await challengeIn(env, owner, 'published');
    const asker = await verifiedSolver(env);
    const stranger = await verifiedSolver(env);
    const now = env.clock.now();
    await db.insert(questions).values([
      { challengeId: challenge.id, askedBy: asker.userId, body: '真空度的测量位置在哪里？', createdAt: now },
      { challengeId: challenge.id, askedBy: asker.userId, body: '试样由谁提供？', createdAt: now },
      // The author of the amendment asked too: being its author still keeps them off the list.
      { challengeId: challenge.id, askedBy: owner.userId, body: '（发榜方自问）', createdAt: now },
    ]);
    const amendmentId = crypto.randomUUID();
    await record('challenge_amended', { challengeId: challenge.id, subjectId: amendmentId, payload: { actorId: owner.userId, amendmentKind: 'deadline_extension' } });
    await deliver();

    const [n, ...more] = await items(asker.token);
    expect(more).toEqual([]);
    expect(n).toMatchObject({ kind: 'challenge_amended', subjectId: amendmentId, challenge: { id: challenge.id }, data: { amendmentKind: 'deadline_extension' } });
    expect(n!.data).not.toHaveProperty('actorId');
    expect(await items(owner.token)).toEqual([]);
    expect(await items(stranger.token)).toEqual([]);
  });

  it('an event not yet processed is not listed or counted', async () => {
    const expert = await staffToken(env, 'expert');
    await record('review_assigned', { payload: { recipientIds: [expert.id] } });
    expect(await list(expert.token).then((r) => r.json())).toMatchObject({ items: [], total: 0, unread: 0 });
    expect(await unread(expert.token)).toBe(0);

    await deliver();
    expect(await unread(expert.token)).toBe(1);
    expect(await items(expert.token)).toHaveLength(1);
  });

  it('processing again, or retrying an event whose batch notified but was not marked, notifies nobody twice', async () => {
    const expert = await staffToken(env, 'expert');
    const other = await staffToken(env, 'expert');
    await record('review_assigned', { payload: { recipientIds: [expert.id, other.id] } });
    expect(await deliver()).toBeGreaterThanOrEqual(1);
    const [event] = await db.select({ id: notifications.eventId }).from(notifications).where(eq(notifications.userId, expert.id));
    const copies = () => db.select().from(notifications).where(eq(notifications.eventId, event!.id));
    expect((await copies()).map((c) => c.userId).sort()).toEqual([expert.id, other.id].sort());

    expect(await deliver()).toBe(0);
    expect(await copies()).toHaveLength(2);

    // As if a batch had written the notifications but not its processed mark.
    await db.update(notificationEvents).set({ processedAt: null }).where(eq(notificationEvents.id, event!.id));
    expect(await deliver()).toBe(1);
    expect(await copies()).toHaveLength(2);
    expect(await unread(expert.token)).toBe(1);
    const [e] = await db.select().from(notificationEvents).where(eq(notificationEvents.id, event!.id));
    expect(e!.processedAt).not.toBeNull();
  });

  it('pages newest first', async () => {
    const expert = await staffToken(env, 'expert');
    for (let i = 0; i < 3; i++) await record('review_assigned', { subjectId: crypto.randomUUID(), payload: { recipientIds: [expert.id] } }, i * MINUTE);
    await deliver();
    const all = await items(expert.token);
    expect(all.map((i) => i.createdAt)).toEqual([...all.map((i) => i.createdAt)].sort().reverse());
    const second = await list(expert.token, '?page=2&pageSize=1');
    expect(second.json()).toMatchObject({ total: 3, page: 2, pageSize: 1, unread: 3 });
    expect(second.json().items.map((i: Item) => i.id)).toEqual([all[1]!.id]);
    expect((await list(expert.token, '?page=4&pageSize=1')).json()).toMatchObject({ items: [], total: 3 });
  });
});

describe('reading', () => {
  async function expertWith(count: number) {
    const expert = await staffToken(env, 'expert');
    for (let i = 0; i < count; i++) await record('review_assigned', { subjectId: crypto.randomUUID(), payload: { recipientIds: [expert.id] } }, i * MINUTE);
    await deliver();
    return { ...expert, ids: (await items(expert.token)).map((i) => i.id) };
  }

  it('marks one read for its recipient; marking it again keeps the first time', async () => {
    const expert = await expertWith(3);
    expect(await unread(expert.token)).toBe(3);
    const res = await markRead(expert.token, expert.ids[1]!);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unread: 2 });
    const readAt = (await items(expert.token)).find((i) => i.id === expert.ids[1])!.readAt;
    expect(readAt).not.toBeNull();
    expect((await items(expert.token)).filter((i) => i.readAt === null).map((i) => i.id)).toEqual([expert.ids[0], expert.ids[2]]);

    env.clock.advance(MINUTE);
    expect((await markRead(expert.token, expert.ids[1]!)).json()).toEqual({ unread: 2 });
    expect((await items(expert.token)).find((i) => i.id === expert.ids[1])!.readAt).toBe(readAt);
    expect((await list(expert.token)).json().unread).toBe(2);
  });

  it("another user's notification, or one that does not exist, is not found, and nothing changes", async () => {
    const expert = await expertWith(1);
    const intruder = await expertWith(1);
    const before = await fingerprint(env);
    for (const id of [expert.ids[0]!, '00000000-0000-4000-8000-000000000000']) {
      const res = await markRead(intruder.token, id);
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'not_found', status: 404 });
    }
    expect(await fingerprint(env)).toEqual(before);
    expect(await unread(expert.token)).toBe(1);
    expect(await unread(intruder.token)).toBe(1);
  });

  it('marks all read, only its own, keeping the time of those read before', async () => {
    const expert = await expertWith(3);
    const neighbour = await expertWith(2);
    await markRead(expert.token, expert.ids[0]!);
    const firstReadAt = (await rowsOfUser(expert.id)).find((r) => r.id === expert.ids[0])!.readAt;
    env.clock.advance(MINUTE);

    const res = await readAll(expert.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unread: 0 });
    const rows = await rowsOfUser(expert.id);
    expect(rows.every((r) => r.readAt !== null)).toBe(true);
    expect(rows.find((r) => r.id === expert.ids[0])!.readAt).toEqual(firstReadAt);
    expect(rows.filter((r) => r.id !== expert.ids[0]).every((r) => r.readAt!.getTime() > firstReadAt!.getTime())).toBe(true);
    expect(await unread(neighbour.token)).toBe(2);

    // Nothing left unread: still fine.
    expect((await readAll(expert.token)).json()).toEqual({ unread: 0 });
  });
});

describe('refusals', () => {
  it('every route needs a signed-in user', async () => {
    const before = await fingerprint(env);
    for (const [method, url] of [
      ['GET', '/api/notifications'], ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/read-all'], ['POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read'],
    ] as const) {
      const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json().code, url).toBe('unauthenticated');
    }
    expect(await fingerprint(env)).toEqual(before);
  });

  // Validation failures are 422 problem details throughout the API (http/problems.ts STATUS_BY_CODE).
  it('refuses a malformed id and out-of-range paging with problem details naming the field', async () => {
    const expert = await staffToken(env, 'expert');
    const before = await fingerprint(env);
    const bad = await app.inject({ method: 'POST', url: '/api/notifications/not-a-uuid/read', headers: { ...bearer(expert.token), 'accept-language': 'en' }, payload: {} });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'validation_failed', title: 'Invalid input', errors: [expect.objectContaining({ field: 'params.id' })] });

    for (const [query, field] of [['pageSize=0', 'querystring.pageSize'], ['pageSize=101', 'querystring.pageSize'], ['page=0', 'querystring.page'], ['pageSize=ten', 'querystring.pageSize'], ['sort=old', 'querystring.sort']] as const) {
      const res = await list(expert.token, `?${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(res.json().code, query).toBe('validation_failed');
      expect(res.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
    const extra = await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: bearer(expert.token), payload: { ids: [] } });
    expect(extra.statusCode).toBe(422);
    expect(await fingerprint(env)).toEqual(before);
  });
});

describe('the outbox through the batch loop', () => {
  it('one pass works through every pending event in batches, until a batch comes back short', async () => {
    const expert = await staffToken(env, 'expert');
    // Whatever earlier tests left pending is processed first, so this pass sees exactly five.
    await deliver();
    for (let i = 0; i < 5; i++) await record('review_assigned', { payload: { recipientIds: [expert.id] } }, i);
    const sizes: number[] = [];
    const loop = startBatchLoop(async () => {
      const n = await processNotificationEvents(app.ctx, 2);
      sizes.push(n);
      return n;
    }, { batchSize: 2, intervalMs: 3_600_000, onError: (err) => { throw err; } });
    try {
      expect(await loop.run()).toBe(5);
      expect(sizes).toEqual([2, 2, 1]);
      expect(await unread(expert.token)).toBe(5);
    } finally {
      await loop.stop();
    }
    const pending = await db.select().from(notificationEvents).where(inArray(notificationEvents.id, (await rowsOfUser(expert.id)).map((r) => r.eventId)));
    expect(pending.every((e) => e.processedAt !== null)).toBe(true);
  });
});

describe('batch loop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A promise settled from outside. */
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  }
  /** Lets every already-settled promise callback run. */
  const settle = () => new Promise<void>((r) => setImmediate(r));

  /** A batch answering the given sizes in turn (0 once they run out), counting its calls. */
  function scripted(sizes: number[]) {
    const queue = [...sizes];
    const fn = vi.fn(async () => queue.shift() ?? 0);
    return fn;
  }

  it('calls the batch until one comes back short and returns the total', async () => {
    const batch = scripted([3, 3, 1, 3]);
    const loop = startBatchLoop(batch, { batchSize: 3, intervalMs: 3_600_000, onError: vi.fn() });
    expect(await loop.run()).toBe(7);
    expect(batch).toHaveBeenCalledTimes(3);
    // A batch of exactly batchSize is not short: the next pass goes on until 0.
    expect(await loop.run()).toBe(3);
    expect(batch).toHaveBeenCalledTimes(5);
    await loop.stop();
  });

  it('lets the event loop turn between batches, so a server reads requests during a long pass', async () => {
    const batch = scripted([3, 3, 3, 3, 1]);
    const loop = startBatchLoop(batch, { batchSize: 3, intervalMs: 3_600_000, onError: vi.fn() });
    let batchesBeforeTurn = -1;
    setImmediate(() => { batchesBeforeTurn = batch.mock.calls.length; });
    expect(await loop.run()).toBe(13);
    expect(batchesBeforeTurn).toBe(1);
    await loop.stop();
  });

  it('never runs two passes at once: a second run joins the pass in flight', async () => {
    const gate = deferred<number>();
    const batch = vi.fn(() => gate.promise);
    const loop = startBatchLoop(batch, { batchSize: 10, intervalMs: 3_600_000, onError: vi.fn() });
    const first = loop.run();
    const second = loop.run();
    await settle();
    expect(batch).toHaveBeenCalledTimes(1);
    gate.resolve(4);
    expect(await first).toBe(4);
    expect(await second).toBe(4);
    expect(batch).toHaveBeenCalledTimes(1);
    await loop.stop();
  });

  it('stop() waits for the pass in flight, and no tick runs after it', async () => {
    vi.useFakeTimers();
    const gate = deferred<number>();
    const batch = vi.fn().mockReturnValueOnce(gate.promise).mockResolvedValue(0);
    const onError = vi.fn();
    const loop = startBatchLoop(batch, { batchSize: 5, intervalMs: 1_000, onError });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(batch).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = loop.stop().then(() => { stopped = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);

    gate.resolve(2);
    await stopping;
    expect(stopped).toBe(true);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('a failed pass goes to onError, is retried at the next tick, and does not make stop() throw', async () => {
    vi.useFakeTimers();
    const failure = new Error('database unavailable');
    const batch = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(0);
    const onError = vi.fn();
    const loop = startBatchLoop(batch, { batchSize: 5, intervalMs: 1_000, onError });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(onError).toHaveBeenCalledWith(failure);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batch).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);

    // A pass failing while stop() waits for it: stop still resolves.
    const gate = deferred<number>();
    batch.mockReturnValueOnce(gate.promise);
    const pass = loop.run();
    const stopping = loop.stop();
    gate.reject(failure);
    await expect(pass).rejects.toBe(failure);
    await expect(stopping).resolves.toBeUndefined();
  });
});
