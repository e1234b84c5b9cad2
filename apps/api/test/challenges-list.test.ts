import { describe, expect, it } from 'vitest';
import { act, challengeIn, createChallenge, DEADLINE_SOON_MS, setupTestApp, sharedBureauToken, soonDeadline, verifiedEnterprise, type Member } from './helpers';

// Its own database, so the list holds exactly the challenges made here.
const env = await setupTestApp();
const { app } = env;
const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(env.clock.now().getTime() + days * DAY).toISOString();

async function publish(owner: Member, overrides: Record<string, unknown>, specialFundFen: number) {
  const c = await createChallenge(env, owner, overrides);
  await act(env, owner.token, c.id, 'submit');
  const published = await act(env, await sharedBureauToken(env), c.id, 'approve', { specialFundFen });
  env.clock.advance(1000); // distinct publication instants, so "newest" has one answer
  return published;
}

const owner = await verifiedEnterprise(env);
const A = await publish(owner, { titleZh: 'A 转炉溅渣护炉', industry: 'metallurgy_new_materials', category: 'bottleneck', enterpriseShareFen: 20_000_000, requestedSpecialFundFen: 10_000_000, deadline: inDays(10) }, 0);
const B = await publish(owner, { titleZh: 'B 盾构主轴承', industry: 'high_end_equipment', category: 'urgent_need', enterpriseShareFen: 300_000_000, requestedSpecialFundFen: 200_000_000, deadline: inDays(5) }, 200_000_000);
const C = await publish(owner, { titleZh: 'C 高熵合金粉末', industry: 'metallurgy_new_materials', category: 'common_key_technology', enterpriseShareFen: 60_000_000, requestedSpecialFundFen: 60_000_000, deadline: inDays(20) }, 40_000_000);
const D = await publish(owner, { titleZh: 'D 液压支架人才', industry: 'high_end_equipment', category: 'talent', enterpriseShareFen: 50_000_000, requestedSpecialFundFen: 0, deadline: soonDeadline(env) }, 0);
const draft = await challengeIn(env, owner, 'draft');
const inReview = await challengeIn(env, owner, 'pending_review');

const ids = async (query: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/challenges?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((i) => i.id);
};

describe('GET /api/challenges', () => {
  it('lists published challenges newest first, as summaries with the owner\'s public name', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/challenges' });
    expect(res.json()).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([D.id, C.id, B.id, A.id]);
    expect(res.json().items[0]).toMatchObject({ view: 'summary', bountyFen: 50_000_000, owner: { id: owner.organizationId, nameZh: expect.stringContaining('测试特钢') } });
    expect(res.body).not.toContain(draft.id);
    expect(res.body).not.toContain(inReview.id);
  });

  it('filters by industry, category, bounty range and deadline', async () => {
    expect(await ids('industry=high_end_equipment')).toEqual([D.id, B.id]);
    expect(await ids('category=bottleneck')).toEqual([A.id]);
    expect(await ids('industry=metallurgy_new_materials&category=talent')).toEqual([]);
    // Bounties: A 20 000 000 (only the enterprise share was approved), B 500 000 000, C 100 000 000, D 50 000 000.
    expect(await ids('minBountyFen=50000000')).toEqual([D.id, C.id, B.id]);
    expect(await ids('maxBountyFen=100000000')).toEqual([D.id, C.id, A.id]);
    expect(await ids('minBountyFen=50000001&maxBountyFen=100000000')).toEqual([C.id]);
    expect(await ids(`deadlineBefore=${encodeURIComponent(inDays(7))}`)).toEqual([D.id, B.id]);
  });

  it('sorts by deadline (soonest first) and bounty (largest first)', async () => {
    expect(await ids('sort=deadline')).toEqual([D.id, B.id, A.id, C.id]);
    expect(await ids('sort=bounty')).toEqual([B.id, C.id, D.id, A.id]);
    expect(await ids('sort=newest')).toEqual([D.id, C.id, B.id, A.id]);
  });

  it('pages', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/challenges?pageSize=2&page=2' });
    expect(res.json()).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([B.id, A.id]);
    expect(await ids('page=3&pageSize=2')).toEqual([]);
  });

  it('refuses bad parameters with problem details naming them', async () => {
    for (const [query, field] of [
      ['pageSize=101', 'querystring.pageSize'], ['page=0', 'querystring.page'], ['sort=popular', 'querystring.sort'], ['status=open', 'querystring.status'],
      ['minBountyFen=-1', 'querystring.minBountyFen'], ['deadlineBefore=tomorrow', 'querystring.deadlineBefore'], [`q=${'钢'.repeat(201)}`, 'querystring.q'],
      ['typing=yes', 'querystring.typing'], ['industry=textiles', 'querystring.industry'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/api/challenges?${encodeURI(query)}` });
      expect(res.statusCode, query).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });

  it('status follows the clock: past its deadline a challenge lists as closed before anything records it', async () => {
    expect(await ids('status=published')).toEqual([D.id, C.id, B.id, A.id]);
    expect(await ids('status=closed')).toEqual([]);
    env.clock.advance(DEADLINE_SOON_MS);
    expect(await ids('status=published')).toEqual([C.id, B.id, A.id]);
    expect(await ids('status=closed')).toEqual([D.id]);
    const res = await app.inject({ method: 'GET', url: '/api/challenges?status=closed' });
    expect(res.json().items[0]).toMatchObject({ id: D.id, state: 'closed' });
  });
});
