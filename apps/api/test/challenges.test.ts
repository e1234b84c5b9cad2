import { auditLog, challengeReviews, verifyAuditChain } from '@challenge/db';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  act, bearer, challengeIn, challengeInput, createChallenge, fingerprint, pendingEnterprise, setupTestApp, sharedBureauToken, staffToken,
  verifiedEnterprise, verifiedSolver, type ChallengeStage, type Member,
} from './helpers';

const env = await setupTestApp();
const { app } = env;
const db = env.database.db;

const get = (id: string, token?: string) => app.inject({ method: 'GET', url: `/api/challenges/${id}`, headers: token ? bearer(token) : {} });
const post = (id: string, action: string, token: string | undefined, payload: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/challenges/${id}/${action}`, headers: { ...(token ? bearer(token) : {}), ...headers }, payload });

describe('creating and editing drafts', () => {
  it('an enterprise of a verified organisation creates a draft and sees it in full', async () => {
    const owner = await verifiedEnterprise(env);
    const res = await app.inject({ method: 'POST', url: '/api/challenges', headers: bearer(owner.token), payload: challengeInput(env) });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      view: 'manage', state: 'draft', owner: { id: owner.organizationId }, enterpriseShareFen: 100_000_000, requestedSpecialFundFen: 50_000_000,
      specialFundFen: null, bountyFen: 150_000_000, publishedAt: null, reviews: [], actions: ['edit', 'attach', 'submit', 'cancel'],
    });
    expect(c.indicators.map((i: { position: number; unit: string }) => [i.position, i.unit])).toEqual([[0, 'ppm'], [1, '%']]);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audit).toMatchObject({ action: 'challenge.create', actorId: owner.userId, actorRole: 'enterprise' });
    expect((audit!.after as { indicators: unknown[] }).indicators).toHaveLength(2);
  });

  it('a draft needs only its Chinese title; completeness is checked at submission', async () => {
    const owner = await verifiedEnterprise(env);
    const res = await app.inject({ method: 'POST', url: '/api/challenges', headers: bearer(owner.token), payload: { titleZh: '  耐火材料寿命提升  ' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ titleZh: '耐火材料寿命提升', bountyFen: 0, indicators: [], deadline: null, visibility: 'public' });
  });

  it('refuses anyone but an enterprise of a verified organisation, changing nothing', async () => {
    const pending = await pendingEnterprise(env);
    const solver = await verifiedSolver(env);
    const expert = (await staffToken(env, 'expert')).token;
    const bureau = await sharedBureauToken(env);
    const before = await fingerprint(env);
    const create = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/challenges', headers, payload: challengeInput(env) });
    expect((await create({})).statusCode).toBe(401);
    const unverified = await create(bearer(pending.token));
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('organization_not_verified');
    for (const token of [solver.token, expert, bureau]) {
      const res = await create(bearer(token));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect(await fingerprint(env)).toEqual(before);
  });

  it('refuses unknown fields and malformed values, naming each field', async () => {
    const owner = await verifiedEnterprise(env);
    const before = await fingerprint(env);
    const res = await app.inject({
      method: 'POST', url: '/api/challenges', headers: { ...bearer(owner.token), 'accept-language': 'en' },
      payload: challengeInput(env, { bountyFen: 1, state: 'published', enterpriseShareFen: -5, durationMonths: 61, industry: 'textiles' }),
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.bountyFen', 'body.state', 'body.enterpriseShareFen', 'body.durationMonths', 'body.industry']));
    expect(await fingerprint(env)).toEqual(before);
  });

  it('the owner edits a draft; indicators are replaced; strangers cannot see it, the bureau may not edit it', async () => {
    const owner = await verifiedEnterprise(env);
    const other = await verifiedEnterprise(env);
    const bureau = await sharedBureauToken(env);
    const c = await createChallenge(env, owner);
    const patch = (token: string, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/challenges/${c.id}`, headers: bearer(token), payload });

    const res = await patch(owner.token, { titleEn: null, domesticOnly: true, requestedSpecialFundFen: 0, indicators: [{ nameZh: '寿命', target: '≥ 800', unit: '炉次', method: '现场统计' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ titleEn: null, domesticOnly: true, bountyFen: 100_000_000, indicators: [{ position: 0, nameZh: '寿命', nameEn: null }] });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'challenge.update')));
    expect((audit!.before as { indicators: unknown[] }).indicators).toHaveLength(2);
    expect((audit!.after as { indicators: unknown[] }).indicators).toHaveLength(1);

    const before = await fingerprint(env);
    expect((await patch(other.token, { titleZh: '抢改' })).statusCode).toBe(404);
    const byBureau = await patch(bureau, { titleZh: '代改' });
    expect(byBureau.statusCode).toBe(403);
    expect((await patch(owner.token, {})).statusCode).toBe(422);
    expect((await patch(owner.token, { titleZh: '   ' })).json().errors).toEqual([expect.objectContaining({ field: 'titleZh', code: 'required' })]);
    expect((await app.inject({ method: 'PATCH', url: `/api/challenges/${c.id}`, payload: { titleZh: 'x' } })).statusCode).toBe(401);
    expect(await fingerprint(env)).toEqual(before);

    await act(env, owner.token, c.id, 'submit');
    const inReview = await patch(owner.token, { titleZh: '评审中修改' });
    expect(inReview.statusCode).toBe(409);
    expect(inReview.json()).toMatchObject({ code: 'illegal_transition' });
  });
});

describe('submission, review and publication', () => {
  it('submission reports every missing field at once, localised, and changes nothing', async () => {
    const owner = await verifiedEnterprise(env);
    const c = (await app.inject({ method: 'POST', url: '/api/challenges', headers: bearer(owner.token), payload: { titleZh: '铸件缩孔控制' } })).json();
    const before = await fingerprint(env);
    const en = await post(c.id, 'submit', owner.token, {}, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(422);
    expect(en.headers['content-type']).toContain('application/problem+json');
    expect(en.json()).toMatchObject({ code: 'validation_failed', title: 'Invalid input' });
    expect(en.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'summaryZh:required', 'descriptionZh:required', 'titleEn:required', 'summaryEn:required', 'industry:required', 'category:required',
      'indicators:indicator_required', 'enterpriseShareFen:bounty_zero', 'deadline:required', 'durationMonths:required',
    ]);
    expect(en.json().errors.find((e: { field: string }) => e.field === 'deadline').message).toBe('is required');
    const zh = await post(c.id, 'submit', owner.token);
    expect(zh.json().errors.find((e: { field: string }) => e.field === 'indicators').message).toBe('至少需要一项技术指标');
    expect(await fingerprint(env)).toEqual(before);
  });

  it('a deadline in the past cannot be submitted', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await createChallenge(env, owner, { deadline: new Date(env.clock.now().getTime() - 1000).toISOString() });
    const res = await post(c.id, 'submit', owner.token, {}, { 'accept-language': 'en' });
    expect(res.json().errors).toEqual([{ field: 'deadline', code: 'not_future', message: 'must be in the future' }]);
  });

  it('the story: submit, return with reasons, fix, resubmit, approve with less than requested', async () => {
    const owner = await verifiedEnterprise(env);
    const bureau = await sharedBureauToken(env);
    const c = await createChallenge(env, owner, { enterpriseShareFen: 30_000_000, requestedSpecialFundFen: 70_000_000 });

    expect(await act(env, owner.token, c.id, 'submit')).toMatchObject({ state: 'pending_review', actions: ['cancel'] });
    const queue = await app.inject({ method: 'GET', url: '/api/challenges?status=pending_review&pageSize=100', headers: bearer(bureau) });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(c.id);

    const noReason = await post(c.id, 'return', bureau, {});
    expect(noReason.statusCode).toBe(422);
    const returned = await act(env, bureau, c.id, 'return', { reason: '技术指标缺少检测标准，请补充。' });
    expect(returned).toMatchObject({ state: 'draft' });
    const seen = (await get(c.id, owner.token)).json();
    expect(seen).toMatchObject({ state: 'draft', reviewReasons: '技术指标缺少检测标准，请补充。', reviews: [{ decision: 'returned', reasons: '技术指标缺少检测标准，请补充。' }] });

    await app.inject({ method: 'PATCH', url: `/api/challenges/${c.id}`, headers: bearer(owner.token), payload: { descriptionZh: '补充了检测标准。' } });
    await act(env, owner.token, c.id, 'submit');
    const tooMuch = await post(c.id, 'approve', bureau, { specialFundFen: 70_000_001 }, { 'accept-language': 'en' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors).toEqual([{ field: 'specialFundFen', code: 'exceeds_requested', message: 'may not exceed the requested special fund (70000000 fen)', params: { requested: 70_000_000 } }]);

    const approved = await act(env, bureau, c.id, 'approve', { specialFundFen: 40_000_000, note: '专项资金按 40 万元配套。' });
    expect(approved).toMatchObject({ state: 'published', enterpriseShareFen: 30_000_000, requestedSpecialFundFen: 70_000_000, specialFundFen: 40_000_000, bountyFen: 70_000_000, reviewReasons: null });
    expect(approved.publishedAt).toBe(approved.updatedAt);
    const reviews = await db.select().from(challengeReviews).where(eq(challengeReviews.challengeId, c.id)).orderBy(asc(challengeReviews.createdAt));
    expect(reviews.map((r) => [r.decision, r.specialFundFen])).toEqual([['returned', null], ['approved', 40_000_000]]);

    const trail = await db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, c.id)).orderBy(asc(auditLog.id));
    // Approval reserves the match and records the enterprise's share in the same transaction.
    expect(trail.map((t) => t.action)).toEqual(['challenge.create', 'challenge.submit', 'challenge.return', 'challenge.update', 'challenge.submit', 'ledger.reserve', 'ledger.commit', 'challenge.approve']);
    expect(trail.at(-1)!.before).toMatchObject({ state: 'pending_review', specialFundFen: null, bountyFen: 100_000_000 });
    expect(trail.at(-1)!.after).toMatchObject({ state: 'published', specialFundFen: 40_000_000, bountyFen: 70_000_000 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    const listed = await app.inject({ method: 'GET', url: '/api/challenges?pageSize=100' });
    expect(listed.json().items.find((i: { id: string }) => i.id === c.id)).toMatchObject({ view: 'summary', state: 'published', bountyFen: 70_000_000 });
  });

  it('approving nothing of a fund-only request leaves no bounty and is refused', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'pending_review', { enterpriseShareFen: 0, requestedSpecialFundFen: 20_000_000 });
    const before = await fingerprint(env);
    const res = await post(c.id, 'approve', await sharedBureauToken(env), { specialFundFen: 0 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'specialFundFen', code: 'bounty_zero' })]);
    expect((await post(c.id, 'approve', await sharedBureauToken(env), { specialFundFen: -1 })).statusCode).toBe(422);
    expect(await fingerprint(env)).toEqual(before);
  });

  it('publication re-checks the deadline with the clock of the approval', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'pending_review', { deadline: new Date(env.clock.now().getTime() + 60_000).toISOString() });
    env.clock.advance(61_000);
    const res = await post(c.id, 'approve', await sharedBureauToken(env), { specialFundFen: 0 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'deadline', code: 'not_future' })]);
  });

  it('approve and cancel take an Idempotency-Key header: a retry answers as the first (apps/api/test/ledger.test.ts has the rest)', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'pending_review');
    const res = await post(c.id, 'approve', await sharedBureauToken(env), { specialFundFen: 10 }, { 'idempotency-key': 'approve-1' });
    expect(res.statusCode).toBe(200);
    const retry = await post(c.id, 'approve', await sharedBureauToken(env), { specialFundFen: 10 }, { 'idempotency-key': 'approve-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(res.json());
    expect((await post(c.id, 'approve', await sharedBureauToken(env), { specialFundFen: 10 })).statusCode).toBe(409);
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const params = doc.paths['/api/challenges/{id}/approve'].post.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(params).toContain('header:idempotency-key');
  });
});

// ---- every transition of this issue, allowed and refused, by role and state ------------------------

type Who = 'anonymous' | 'owner' | 'other enterprise' | 'solver' | 'expert' | 'finance' | 'bureau';
const WHO: Who[] = ['anonymous', 'owner', 'other enterprise', 'solver', 'expert', 'finance', 'bureau'];
const ACTIONS = ['submit', 'approve', 'return', 'close', 'cancel'] as const;
const BODY: Record<(typeof ACTIONS)[number], Record<string, unknown>> = {
  submit: {}, approve: { specialFundFen: 50_000_000 }, return: { reason: '请补充说明' }, close: {}, cancel: { reason: '不再需要' },
};

/**
 * product.md States, for the moves of this issue, written out by hand: who may make each move from each
 * state, and the state it leads to. `published` here is before its deadline, where nobody may close it
 * (`deadline_not_reached`); `closed` has been recorded after the deadline.
 */
const ALLOWED: Partial<Record<ChallengeStage, Partial<Record<(typeof ACTIONS)[number], { who: Who[]; to: string }>>>> = {
  draft: { submit: { who: ['owner'], to: 'pending_review' }, cancel: { who: ['owner', 'bureau'], to: 'cancelled' } },
  pending_review: {
    approve: { who: ['bureau'], to: 'published' }, return: { who: ['bureau'], to: 'draft' }, cancel: { who: ['owner', 'bureau'], to: 'cancelled' },
  },
  published: { close: { who: [], to: 'closed' }, cancel: { who: ['bureau'], to: 'cancelled' } },
  closed: { cancel: { who: ['bureau'], to: 'cancelled' } },
  cancelled: {},
};
const PUBLICLY_VISIBLE: ChallengeStage[] = ['published', 'closed'];

function expected(stage: ChallengeStage, action: (typeof ACTIONS)[number], who: Who): { status: number; code?: string } {
  if (who === 'anonymous') return { status: 401, code: 'unauthenticated' };
  const insider = who === 'owner' || who === 'bureau';
  if (!insider && !PUBLICLY_VISIBLE.includes(stage)) return { status: 404, code: 'not_found' };
  const move = ALLOWED[stage]![action];
  if (!move) return { status: 409, code: 'illegal_transition' };
  if (stage === 'published' && action === 'close' && who === 'bureau') return { status: 409, code: 'deadline_not_reached' };
  return move.who.includes(who) ? { status: 200 } : { status: 403, code: 'forbidden' };
}

describe('transitions by role and state', () => {
  const tokens = async (owner: Member): Promise<Record<Who, string | undefined>> => ({
    anonymous: undefined,
    owner: owner.token,
    'other enterprise': (await verifiedEnterprise(env)).token,
    solver: (await verifiedSolver(env)).token,
    expert: (await staffToken(env, 'expert')).token,
    finance: (await staffToken(env, 'finance')).token,
    bureau: await sharedBureauToken(env),
  });

  for (const stage of ['draft', 'pending_review', 'published', 'closed', 'cancelled'] as const) {
    it(`from ${stage}: refusals change nothing; each allowed move leads where product.md says`, async () => {
      const owner = await verifiedEnterprise(env);
      const who = await tokens(owner);
      const target = await challengeIn(env, owner, stage);
      const before = await fingerprint(env);
      const allowed: [Who, (typeof ACTIONS)[number]][] = [];
      for (const action of ACTIONS) {
        for (const w of WHO) {
          const want = expected(stage, action, w);
          if (want.status === 200) {
            allowed.push([w, action]);
            continue;
          }
          const res = await post(target.id, action, who[w], BODY[action]);
          expect(res.statusCode, `${w} ${action} in ${stage}: ${res.body}`).toBe(want.status);
          expect(res.json().code, `${w} ${action} in ${stage}`).toBe(want.code);
        }
      }
      expect(await fingerprint(env)).toEqual(before);

      // Each allowed move on a fresh challenge in the same state (tokens re-read: the clock may have moved).
      for (const [w, action] of allowed) {
        const fresh = await challengeIn(env, owner, stage);
        const token = w === 'owner' ? owner.token : await sharedBureauToken(env);
        const res = await post(fresh.id, action, token, BODY[action]);
        expect(res.statusCode, `${w} ${action} in ${stage}: ${res.body}`).toBe(200);
        expect(res.json().state).toBe(ALLOWED[stage]![action]!.to);
        const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, fresh.id), eq(auditLog.action, `challenge.${action}`))).orderBy(asc(auditLog.id));
        expect(audit!.before).toMatchObject({ state: stage === 'closed' ? 'closed' : stage });
        expect(audit!.after).toMatchObject({ state: ALLOWED[stage]![action]!.to });
      }
    });
  }
});
