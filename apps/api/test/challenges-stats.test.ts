import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  act, bearer, challengeIn, type ChallengeJson, createChallenge, pendingSolver, setupTestApp, sharedBureauToken, verifiedEnterprise, verifiedSolver, type Member,
} from './helpers';

// Its own database, so the figures count exactly the challenges made here.
let statements = 0;
const env = await setupTestApp({ onQuery: () => statements++ });
const { app } = env;
const DAY = 24 * 3600 * 1000;

const stats = async (headers: Record<string, string> = {}) => {
  const res = await app.inject({ method: 'GET', url: '/api/challenges/stats', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function publish(owner: Member, overrides: Record<string, unknown>, specialFundFen: number) {
  const c = await createChallenge(env, owner, overrides);
  await act(env, owner.token, c.id, 'submit');
  return act(env, await sharedBureauToken(env), c.id, 'approve', { specialFundFen });
}

describe('GET /api/challenges/stats', () => {
  it('answers anonymously with zeros, every industry and category listed, before anything is published', async () => {
    const body = await stats();
    expect(body).toMatchObject({
      openChallenges: 0, openBountyFen: 0, publishedChallenges: 0, specialFundCommittedFen: 0, ownerOrganizations: 0, solverOrganizations: 0,
    });
    expect(body.byIndustry).toEqual([
      { industry: 'metallurgy_new_materials', openChallenges: 0, openBountyFen: 0 },
      { industry: 'high_end_equipment', openChallenges: 0, openBountyFen: 0 },
    ]);
    expect(body.byCategory.map((c: { category: string }) => c.category)).toEqual(['bottleneck', 'common_key_technology', 'urgent_need', 'tech_transfer', 'talent']);
    expect(body.byState.map((s: { state: string }) => s.state)).not.toContain('draft');
    // The minute the figures were read in: not later than now, and the same for every read within it.
    const asOf = Date.parse(body.asOf);
    expect(asOf % 60_000).toBe(0);
    expect(asOf).toBeLessThanOrEqual(env.clock.now().getTime());
    expect(env.clock.now().getTime() - asOf).toBeLessThan(60_000);
  });

  describe('with challenges in every stage', () => {
    // Odd amounts, so a sum that went through floating point or lost a fen would show.
    const bountyA = 100_000_001 + 33_333_333;
    const bountyB = 250_000_099 + 99_999_901;
    let draftsOnly: Member;
    let published: { A: ChallengeJson; B: ChallengeJson; closed: ChallengeJson };

    beforeAll(async () => {
      const steel = await verifiedEnterprise(env);
      const machines = await verifiedEnterprise(env);
      draftsOnly = await verifiedEnterprise(env);
      await verifiedSolver(env);
      await pendingSolver(env);

      const A = await publish(steel, {
        industry: 'metallurgy_new_materials', category: 'bottleneck', enterpriseShareFen: 100_000_001, requestedSpecialFundFen: 50_000_000,
      }, 33_333_333);
      const B = await publish(machines, {
        industry: 'high_end_equipment', category: 'urgent_need', enterpriseShareFen: 250_000_099, requestedSpecialFundFen: 100_000_000,
      }, 99_999_901);
      const closed = await challengeIn(env, steel, 'closed', { industry: 'metallurgy_new_materials', category: 'talent', enterpriseShareFen: 10_000_003 });
      const cancelledAfterPublication = await publish(steel, { industry: 'high_end_equipment', category: 'talent', enterpriseShareFen: 70_000_000 }, 20_000_000);
      await act(env, await sharedBureauToken(env), cancelledAfterPublication.id, 'cancel', { reason: '发榜企业已停产该产品线' });
      // Never counted, whatever their amounts.
      await challengeIn(env, draftsOnly, 'draft', { enterpriseShareFen: 9_000_000_000 });
      await challengeIn(env, draftsOnly, 'pending_review', { enterpriseShareFen: 8_000_000_000 });
      await challengeIn(env, steel, 'cancelled', { enterpriseShareFen: 7_000_000_000 });
      published = { A, B, closed };
    });

    it('counts published challenges only, with sums exact in fen', async () => {
      expect(published.A.bountyFen).toBe(bountyA);
      expect(published.B.bountyFen).toBe(bountyB);
      expect(await stats()).toMatchObject({
        openChallenges: 2,
        openBountyFen: bountyA + bountyB, // 483 333 334
        publishedChallenges: 4,
        // A, B and the closed one (approved 50 000 000 by challengeIn); the cancelled one returned its reservation.
        specialFundCommittedFen: 33_333_333 + 99_999_901 + 50_000_000,
        // Enterprises with a published challenge; the one with only a draft and a challenge in review is not one.
        ownerOrganizations: 2,
        // Verified solver organisations only.
        solverOrganizations: 1,
      });
    });

    it('splits the open bounty by industry and category, zeros included', async () => {
      const body = await stats();
      expect(body.byIndustry).toEqual([
        { industry: 'metallurgy_new_materials', openChallenges: 1, openBountyFen: bountyA },
        { industry: 'high_end_equipment', openChallenges: 1, openBountyFen: bountyB },
      ]);
      expect(body.byCategory).toEqual([
        { category: 'bottleneck', openChallenges: 1, openBountyFen: bountyA },
        { category: 'common_key_technology', openChallenges: 0, openBountyFen: 0 },
        { category: 'urgent_need', openChallenges: 1, openBountyFen: bountyB },
        { category: 'tech_transfer', openChallenges: 0, openBountyFen: 0 },
        { category: 'talent', openChallenges: 0, openBountyFen: 0 },
      ]);
      const byState = Object.fromEntries(body.byState.map((s: { state: string; challenges: number }) => [s.state, s.challenges]));
      expect(byState).toMatchObject({ published: 2, closed: 1, cancelled: 1, reviewing: 0 });
      expect(byState).not.toHaveProperty('draft');
      expect(byState).not.toHaveProperty('pending_review');
      expect(published.closed.state).toBe('closed');
    });

    it('is the same for the bureau and the owners: drafts do not count for anyone', async () => {
      const figures = async (headers?: Record<string, string>) => {
        const { asOf: _asOf, ...rest } = await stats(headers);
        return rest;
      };
      const anonymous = await figures();
      expect(await figures(bearer(await sharedBureauToken(env)))).toEqual(anonymous);
      expect(await figures(bearer(draftsOnly.token))).toEqual(anonymous);
    });

    it('is not taken for a challenge id', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/challenges/stats' });
      expect(res.json()).not.toHaveProperty('view');
      const bad = await app.inject({ method: 'GET', url: '/api/challenges/not-a-uuid' });
      expect(bad.statusCode).toBe(422);
    });

    it('is computed once for each minute and version of the data: a repeat is one statement; any write to challenges, even outside the app, counts again', async () => {
      const first = await stats();
      let before = statements;
      expect(await stats()).toEqual(first);
      expect(statements - before).toBe(1);

      // Written behind the app's back, within the same minute: the trigger still moves the version.
      await env.database.db.execute(sql`update challenges set state = 'closed' where id = ${published.A.id}`);
      before = statements;
      const changed = await stats();
      expect(statements - before).toBeGreaterThan(1);
      expect(changed).toMatchObject({ openChallenges: first.openChallenges - 1, asOf: first.asOf });
      await env.database.db.execute(sql`update challenges set state = 'published' where id = ${published.A.id}`);
      expect(await stats()).toEqual(first);

      // A new minute is counted again, even with nothing written.
      env.clock.advance(60_000);
      before = statements;
      const later = await stats();
      expect(statements - before).toBeGreaterThan(1);
      expect(Date.parse(later.asOf) - Date.parse(first.asOf)).toBe(60_000);
    });

    it('follows the clock: past their deadline the open challenges count as closed before anything records it', async () => {
      env.clock.advance(31 * DAY);
      const body = await stats();
      expect(body).toMatchObject({ openChallenges: 0, openBountyFen: 0, publishedChallenges: 4, specialFundCommittedFen: 33_333_333 + 99_999_901 + 50_000_000 });
      expect(body.byIndustry.every((i: { openChallenges: number; openBountyFen: number }) => i.openChallenges === 0 && i.openBountyFen === 0)).toBe(true);
      const byState = Object.fromEntries(body.byState.map((s: { state: string; challenges: number }) => [s.state, s.challenges]));
      expect(byState).toMatchObject({ published: 0, closed: 3, cancelled: 1 });
    });
  });
});
