import { auditLog, challenges, challengeAmendments } from '@challenge/db';
import { onPostgres } from '@challenge/db/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startDeadlineSweeper } from '../src/jobs/deadline-sweeper';
import { CLOSE_BATCH_SIZE, closeDueChallenges } from '../src/services/challenges/close-challenge';
import {
  bearer, challengeIn, DEADLINE_SOON_MS, fingerprint, setupTestApp, sharedBureauToken, soonDeadline, verifiedEnterprise, verifiedSolver,
} from './helpers';

const env = await setupTestApp();
const { app } = env;
const db = env.database.db;
const ctx = { db, clock: env.clock };

const amend = (id: string, token: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/challenges/${id}/amendments`, headers: bearer(token), payload });
const listIds = async (query: string) =>
  ((await app.inject({ method: 'GET', url: `/api/challenges?pageSize=100&${query}` })).json().items as { id: string }[]).map((i) => i.id);

describe('amendments before the deadline', () => {
  it('the owner and the bureau publish clarifications; only the bureau extends the deadline, and only to a later instant at most two years ahead', async () => {
    const owner = await verifiedEnterprise(env);
    const solver = await verifiedSolver(env);
    const bureau = await sharedBureauToken(env);
    const c = await challengeIn(env, owner, 'published');
    const deadline = c.deadline as string;

    const clarification = await amend(c.id, owner.token, { kind: 'clarification', textZh: '试样由发榜单位提供。', textEn: 'The owner provides the samples.' });
    expect(clarification.statusCode).toBe(201);
    expect(clarification.json().amendments).toEqual([expect.objectContaining({ kind: 'clarification', textZh: '试样由发榜单位提供。', oldDeadline: null, newDeadline: null })]);
    expect((await amend(c.id, bureau, { kind: 'clarification', textZh: '答疑会定于下周一。' })).statusCode).toBe(201);

    const later = new Date(new Date(deadline).getTime() + 7 * 24 * 3600 * 1000).toISOString();
    const before = await fingerprint(env);
    const byOwner = await amend(c.id, owner.token, { kind: 'deadline_extension', textZh: '延期一周。', newDeadline: later });
    expect([byOwner.statusCode, byOwner.json().code]).toEqual([403, 'forbidden']);
    const bySolver = await amend(c.id, solver.token, { kind: 'clarification', textZh: '我来说明一下' });
    expect([bySolver.statusCode, bySolver.json().code]).toEqual([403, 'forbidden']);
    const notLater = await amend(c.id, bureau, { kind: 'deadline_extension', textZh: '提前截止。', newDeadline: deadline });
    expect(notLater.statusCode).toBe(422);
    expect(notLater.json().errors).toEqual([expect.objectContaining({ field: 'newDeadline', code: 'not_later' })]);
    expect((await amend(c.id, bureau, { kind: 'deadline_extension', textZh: '延期。' })).json().errors).toEqual([expect.objectContaining({ field: 'newDeadline', code: 'required' })]);
    const farAway = new Date(env.clock.now().getTime());
    farAway.setUTCFullYear(farAway.getUTCFullYear() + 2);
    farAway.setUTCSeconds(farAway.getUTCSeconds() + 1);
    const tooFar = await app.inject({
      method: 'POST', url: `/api/challenges/${c.id}/amendments`, headers: { ...bearer(bureau), 'accept-language': 'zh-CN' },
      payload: { kind: 'deadline_extension', textZh: '延期到很久以后。', newDeadline: farAway.toISOString() },
    });
    expect(tooFar.statusCode).toBe(422);
    expect(tooFar.json().errors).toEqual([expect.objectContaining({ field: 'newDeadline', code: 'too_far', params: { years: 2 }, message: '最晚为 2 年之后' })]);
    const year9999 = await amend(c.id, bureau, { kind: 'deadline_extension', textZh: '延期。', newDeadline: '9999-12-31T23:00:00.000Z' });
    expect(year9999.json().errors).toEqual([expect.objectContaining({ field: 'newDeadline', code: 'too_far' })]);
    expect((await app.inject({ method: 'POST', url: `/api/challenges/${c.id}/amendments`, payload: { kind: 'clarification', textZh: '匿名说明' } })).statusCode).toBe(401);
    expect(await fingerprint(env)).toEqual(before);

    const extended = await amend(c.id, bureau, { kind: 'deadline_extension', textZh: '应揭榜方要求延期一周。', textEn: 'Extended by one week.', newDeadline: later });
    expect(extended.statusCode).toBe(201);
    expect(extended.json()).toMatchObject({ deadline: later });
    expect(extended.json().amendments.at(-1)).toMatchObject({ kind: 'deadline_extension', oldDeadline: deadline, newDeadline: later });
    const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'challenge.amend.deadline_extension')));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.before).toMatchObject({ deadline });
    expect(trail[0]!.after).toMatchObject({ deadline: later, amendment: { kind: 'deadline_extension' } });
  });

  it('amendments are refused before publication', async () => {
    const owner = await verifiedEnterprise(env);
    const draft = await challengeIn(env, owner, 'draft');
    const res = await amend(draft.id, owner.token, { kind: 'clarification', textZh: '补充说明' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'illegal_transition']);
  });
});

describe('the deadline instant', () => {
  it('once passed, the challenge reads as closed everywhere, refuses amendments, and the loop records the close', async () => {
    const owner = await verifiedEnterprise(env);
    const bureau = await sharedBureauToken(env);
    const c = await challengeIn(env, owner, 'published', { deadline: soonDeadline(env) });
    expect(await listIds('status=published')).toContain(c.id);

    // The bureau may not record a close before the deadline.
    const early = await app.inject({ method: 'POST', url: `/api/challenges/${c.id}/close`, headers: bearer(bureau), payload: {} });
    expect([early.statusCode, early.json().code]).toEqual([409, 'deadline_not_reached']);

    env.clock.advance(DEADLINE_SOON_MS + 1000);
    // Nothing recorded yet: the row still says published, every reader sees closed.
    const [row] = await db.select({ state: challenges.state }).from(challenges).where(eq(challenges.id, c.id));
    expect(row!.state).toBe('published');
    expect((await app.inject({ method: 'GET', url: `/api/challenges/${c.id}` })).json()).toMatchObject({ state: 'closed' });
    expect(await listIds('status=published')).not.toContain(c.id);
    expect(await listIds('status=closed')).toContain(c.id);
    const manage = (await app.inject({ method: 'GET', url: `/api/challenges/${c.id}`, headers: bearer(bureau) })).json();
    expect(manage).toMatchObject({ state: 'closed', actions: ['close', 'cancel'] });

    const before = await fingerprint(env);
    for (const [token, kind] of [[owner.token, 'clarification'], [bureau, 'clarification'], [bureau, 'deadline_extension']] as const) {
      const res = await amend(c.id, token, { kind, textZh: '截止后的说明', ...(kind === 'deadline_extension' ? { newDeadline: new Date(env.clock.now().getTime() + 86_400_000).toISOString() } : {}) });
      expect([res.statusCode, res.json().code], kind).toEqual([409, 'deadline_passed']);
    }
    expect(await fingerprint(env)).toEqual(before);

    const closed = await closeDueChallenges(ctx);
    expect(closed).toContain(c.id);
    const [after] = await db.select().from(challenges).where(eq(challenges.id, c.id));
    expect(after).toMatchObject({ state: 'closed' });
    expect(after!.closedAt).toBeInstanceOf(Date);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'challenge.close')));
    expect(audit).toMatchObject({ actorId: null, actorRole: 'system', before: { state: 'published' }, after: { state: 'closed' } });
    expect(await closeDueChallenges(ctx)).not.toContain(c.id);
    expect(await listIds('status=closed')).toContain(c.id);
    const amendments = await db.select().from(challengeAmendments).where(eq(challengeAmendments.challengeId, c.id));
    expect(amendments).toEqual([]);
  });

  it('the loop leaves open challenges and other states alone', async () => {
    const owner = await verifiedEnterprise(env);
    const open = await challengeIn(env, owner, 'published');
    const inReview = await challengeIn(env, owner, 'pending_review', { deadline: soonDeadline(env) });
    env.clock.advance(DEADLINE_SOON_MS + 1000);
    const closed = await closeDueChallenges(ctx);
    expect(closed).not.toContain(open.id);
    expect(closed).not.toContain(inReview.id);
    const states = await db.select({ id: challenges.id, state: challenges.state }).from(challenges).where(sql`${challenges.id} in (${open.id}, ${inReview.id})`).orderBy(asc(challenges.createdAt));
    expect(states.map((s) => s.state)).toEqual(['published', 'pending_review']);
  });

  it('an extension moves the instant: past the old deadline the challenge is still open', async () => {
    const owner = await verifiedEnterprise(env);
    const bureau = await sharedBureauToken(env);
    const c = await challengeIn(env, owner, 'published', { deadline: soonDeadline(env) });
    const newDeadline = new Date(new Date(c.deadline as string).getTime() + 5 * 60 * 1000).toISOString();
    expect((await amend(c.id, bureau, { kind: 'deadline_extension', textZh: '延期五分钟。', newDeadline })).statusCode).toBe(201);
    env.clock.advance(DEADLINE_SOON_MS + 1000);
    expect((await app.inject({ method: 'GET', url: `/api/challenges/${c.id}` })).json()).toMatchObject({ state: 'published', deadline: newDeadline });
    expect(await closeDueChallenges(ctx)).not.toContain(c.id);
    expect((await amend(c.id, owner.token, { kind: 'clarification', textZh: '仍可说明。' })).statusCode).toBe(201);
  });
});

describe('the background sweeper', () => {
  it('closes due challenges past one batch in a single pass, and a pass after that finds nothing', async () => {
    const owner = await verifiedEnterprise(env);
    await closeDueChallenges(ctx); // whatever earlier tests left due
    const due = [];
    for (let i = 0; i < CLOSE_BATCH_SIZE + 2; i++) {
      due.push((await challengeIn(env, owner, 'published', { deadline: soonDeadline(env) })).id);
    }
    env.clock.advance(DEADLINE_SOON_MS + 1000);
    const errors: unknown[] = [];
    const sweeper = startDeadlineSweeper(ctx, { intervalMs: 3_600_000, onError: (e) => errors.push(e) });
    try {
      expect(await sweeper.run()).toBe(due.length);
      expect(await sweeper.run()).toBe(0);
    } finally {
      await sweeper.stop();
    }
    const states = await db.select({ state: challenges.state }).from(challenges).where(sql`${challenges.id} in ${due}`);
    expect(states.every((s) => s.state === 'closed')).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000); // 102 challenges published through the API: slow on a loaded machine, not a hang
});

// PGlite has one connection: holding a row lock while the loop runs needs PostgreSQL.
describe.runIf(onPostgres())('closing due challenges under concurrency (PostgreSQL)', () => {
  it('skips a challenge another transaction holds and closes it on the next run', async () => {
    const owner = await verifiedEnterprise(env);
    const held = await challengeIn(env, owner, 'published', { deadline: soonDeadline(env) });
    const free = await challengeIn(env, owner, 'published', { deadline: soonDeadline(env) });
    env.clock.advance(DEADLINE_SOON_MS + 1000);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.select().from(challenges).where(eq(challenges.id, held.id)).for('update');
      locked();
      await released;
    });
    await isLocked;
    const first = await closeDueChallenges(ctx);
    expect(first).toContain(free.id);
    expect(first).not.toContain(held.id);
    release();
    await holder;
    expect(await closeDueChallenges(ctx)).toContain(held.id);
  });
});
