import { auditLog, confidentialityAcceptances } from '@challenge/db';
import { CURRENT_CONFIDENTIALITY_TERMS_VERSION } from '@challenge/domain';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ChallengeAny, ChallengeSummary } from '../src/schemas/challenges';
import { Page } from '../src/schemas/common';
import {
  act, bearer, challengeIn, createChallenge, fingerprint, login, pendingSolver, setupTestApp, sharedBureauToken, staffToken, unique,
  verifiedEnterprise, verifiedSolver, type Member,
} from './helpers';
import { completeDraft } from './application-helpers';

const env = await setupTestApp();
const { app } = env;
const db = env.database.db;

const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/**
 * A restricted challenge whose every restricted field carries a marker that appears nowhere else, so
 * "the marker is not in the raw response" proves the field did not reach the reader.
 */
async function restrictedChallenge(owner: Member) {
  const secret = unique('SECRET');
  const c = await createChallenge(env, owner, {
    visibility: 'restricted',
    descriptionZh: `炉衬侵蚀数据 ${secret}-descZh`,
    descriptionEn: `Lining erosion data ${secret}-descEn`,
    eligibilityZh: `资格 ${secret}-eligZh`,
    eligibilityEn: `Eligibility ${secret}-eligEn`,
    ipTermsZh: `知识产权 ${secret}-ipZh`,
    ipTermsEn: `IP ${secret}-ipEn`,
    indicators: [{ nameZh: `指标 ${secret}-ind`, nameEn: `Indicator ${secret}-indEn`, target: `${secret}-target`, unit: 'MPa', method: `${secret}-method` }],
  });
  const upload = await app.inject({
    method: 'POST', url: `/api/attachments?parentType=challenge&parentId=${c.id}&filename=${encodeURIComponent('炉衬数据.pdf')}`,
    headers: { ...bearer(owner.token), 'content-type': 'application/octet-stream' }, payload: PDF,
  });
  expect(upload.statusCode).toBe(201);
  await act(env, owner.token, c.id, 'submit');
  await act(env, await sharedBureauToken(env), c.id, 'approve', { specialFundFen: 20_000_000 });
  return { id: c.id, secret, attachmentId: upload.json().id as string };
}

const read = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });

/** Every route that returns challenges, as this reader. */
async function everyChallengeResponse(id: string, token?: string) {
  const urls = [
    `/api/challenges/${id}`,
    '/api/challenges?pageSize=100',
    '/api/challenges?status=published&pageSize=100',
    '/api/challenges?sort=bounty&pageSize=100',
    '/api/challenges?industry=metallurgy_new_materials&category=bottleneck&pageSize=100',
    '/api/challenges?mine=1&pageSize=100',
  ];
  const out: { url: string; status: number; body: string }[] = [];
  for (const url of urls) {
    const res = await read(url, token);
    out.push({ url, status: res.statusCode, body: res.body });
  }
  return out;
}

describe('restricted challenges', () => {
  it('nobody not entitled gets a restricted field, through any route that returns challenges or through attachments', async () => {
    const owner = await verifiedEnterprise(env);
    const { id, secret, attachmentId } = await restrictedChallenge(owner);
    const readers: [string, string | undefined, number][] = [
      ['anonymous', undefined, 401],
      ['another enterprise', (await verifiedEnterprise(env)).token, 403],
      ['a solver of an unverified organisation', (await pendingSolver(env)).token, 403],
      ['a verified solver who has not accepted the terms', (await verifiedSolver(env)).token, 403],
      ['an expert', (await staffToken(env, 'expert')).token, 403],
      ['finance', (await staffToken(env, 'finance')).token, 403],
    ];
    for (const [who, token, attachmentStatus] of readers) {
      const responses = await everyChallengeResponse(id, token);
      for (const r of responses) {
        expect(r.body, `${who}: ${r.url}`).not.toContain(secret);
        if (r.url.includes('mine=1')) expect(r.status, `${who}: ${r.url}`).toBe(token ? 200 : 401);
        else expect(r.status, `${who}: ${r.url}`).toBe(200);
      }
      const detail = JSON.parse(responses[0]!.body);
      expect(detail, who).toMatchObject({ view: 'summary', state: 'published', detailsAvailable: false, bountyFen: 120_000_000, owner: { id: owner.organizationId } });
      for (const field of ['descriptionZh', 'indicators', 'eligibilityZh', 'ipTermsZh', 'attachments', 'enterpriseShareFen', 'requestedSpecialFundFen']) {
        expect(detail, `${who} ${field}`).not.toHaveProperty(field);
      }
      expect(detail.confidentiality).toMatchObject({ version: CURRENT_CONFIDENTIALITY_TERMS_VERSION });
      const listed = JSON.parse(responses[1]!.body).items.find((i: { id: string }) => i.id === id);
      expect(listed, who).toMatchObject({ view: 'summary', detailsAvailable: false });

      const file = await read(`/api/attachments/${attachmentId}`, token);
      expect(file.statusCode, `${who} attachment`).toBe(attachmentStatus);
      expect(file.headers['content-type']).toContain('application/problem+json');
      expect(file.rawPayload.includes(PDF)).toBe(false);
    }
  });

  it('a verified solver who accepts the current terms sees the details and the attachments; the list stays a summary', async () => {
    const owner = await verifiedEnterprise(env);
    const { id, secret, attachmentId } = await restrictedChallenge(owner);
    const solver = await verifiedSolver(env);
    const accept = (termsVersion: string, token = solver.token) => app.inject({ method: 'POST', url: `/api/challenges/${id}/confidentiality`, headers: bearer(token), payload: { termsVersion } });

    const before = await fingerprint(env);
    const outdated = await accept('2020-0');
    expect(outdated.statusCode).toBe(422);
    expect(outdated.json().errors).toEqual([expect.objectContaining({ field: 'termsVersion', code: 'outdated' })]);
    expect(outdated.body).not.toContain(secret);
    expect(await fingerprint(env)).toEqual(before);

    const accepted = await accept(CURRENT_CONFIDENTIALITY_TERMS_VERSION);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ view: 'detail', detailsAvailable: true, descriptionZh: expect.stringContaining(secret) });
    expect(accepted.json()).not.toHaveProperty('requestedSpecialFundFen');
    expect(accepted.json()).not.toHaveProperty('reviews');
    expect(accepted.json().indicators[0].target).toBe(`${secret}-target`);
    expect(accepted.json().attachments).toEqual([expect.objectContaining({ id: attachmentId, filename: '炉衬数据.pdf', contentType: 'application/pdf' })]);

    // Accepting again records nothing new.
    const again = await fingerprint(env);
    expect((await accept(CURRENT_CONFIDENTIALITY_TERMS_VERSION)).statusCode).toBe(200);
    expect(await fingerprint(env)).toEqual(again);
    const rows = await db.select().from(confidentialityAcceptances).where(and(eq(confidentialityAcceptances.challengeId, id), eq(confidentialityAcceptances.userId, solver.userId)));
    expect(rows).toHaveLength(1);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'challenge.accept_confidentiality')));
    expect(audit).toMatchObject({ actorId: solver.userId, after: { termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION } });

    const detail = await read(`/api/challenges/${id}`, solver.token);
    expect(detail.json()).toMatchObject({ view: 'detail', eligibilityEn: expect.stringContaining(secret) });
    const list = await read('/api/challenges?pageSize=100', solver.token);
    expect(list.body).not.toContain(secret);
    expect(list.json().items.find((i: { id: string }) => i.id === id)).toMatchObject({ view: 'summary', detailsAvailable: true });
    const file = await read(`/api/attachments/${attachmentId}`, solver.token);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    // Acceptance is per user, not per organisation's neighbour: another verified solver still sees the summary.
    const other = await verifiedSolver(env);
    expect((await read(`/api/challenges/${id}`, other.token)).body).not.toContain(secret);
  });

  it('only signed-in solvers of verified organisations may accept, and only for restricted challenges', async () => {
    const owner = await verifiedEnterprise(env);
    const { id, secret } = await restrictedChallenge(owner);
    const publicOne = await challengeIn(env, owner, 'published');
    const accept = (challengeId: string, token?: string) =>
      app.inject({ method: 'POST', url: `/api/challenges/${challengeId}/confidentiality`, headers: token ? bearer(token) : {}, payload: { termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION } });
    const [unverifiedSolver, enterprise, expert, solver] = [await pendingSolver(env), await verifiedEnterprise(env), await staffToken(env, 'expert'), await verifiedSolver(env)];
    const before = await fingerprint(env);
    expect((await accept(id)).statusCode).toBe(401);
    const unverified = await accept(id, unverifiedSolver.token);
    expect([unverified.statusCode, unverified.json().code]).toEqual([403, 'organization_not_verified']);
    for (const token of [enterprise.token, expert.token]) {
      const res = await accept(id, token);
      expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
      expect(res.body).not.toContain(secret);
    }
    const notNeeded = await accept(publicOne.id, solver.token);
    expect([notNeeded.statusCode, notNeeded.json().code]).toEqual([409, 'confidentiality_not_required']);
    expect(await fingerprint(env)).toEqual(before);
  });

  it('the owner and the bureau always see everything', async () => {
    const owner = await verifiedEnterprise(env);
    const { id, secret, attachmentId } = await restrictedChallenge(owner);
    for (const token of [owner.token, await sharedBureauToken(env)]) {
      const res = await read(`/api/challenges/${id}`, token);
      expect(res.json()).toMatchObject({ view: 'manage', detailsAvailable: true, requestedSpecialFundFen: 50_000_000, specialFundFen: 20_000_000 });
      expect(res.body).toContain(secret);
      expect((await read(`/api/attachments/${attachmentId}`, token)).statusCode).toBe(200);
    }
  });
});

describe('drafts and challenges in review', () => {
  it('are seen only by their owner and the bureau, in detail and in lists', async () => {
    const owner = await verifiedEnterprise(env);
    const draft = await challengeIn(env, owner, 'draft');
    const inReview = await challengeIn(env, owner, 'pending_review');
    const cancelledDraft = await challengeIn(env, owner, 'cancelled');
    const hidden = [draft.id, inReview.id, cancelledDraft.id];
    const strangers: [string, string | undefined][] = [
      ['anonymous', undefined],
      ['another enterprise', (await verifiedEnterprise(env)).token],
      ['a verified solver', (await verifiedSolver(env)).token],
    ];
    for (const [who, token] of strangers) {
      for (const id of hidden) expect((await read(`/api/challenges/${id}`, token)).statusCode, who).toBe(404);
      const list = await read('/api/challenges?pageSize=100', token);
      for (const id of hidden) expect(list.body, who).not.toContain(id);
      for (const status of ['draft', 'pending_review']) {
        expect((await read(`/api/challenges?status=${status}`, token)).statusCode, `${who} ${status}`).toBe(403);
      }
    }
    const mine = (await read('/api/challenges?mine=1&pageSize=100', owner.token)).json();
    expect(mine.items.map((i: { id: string; state: string }) => [i.id, i.state])).toEqual(expect.arrayContaining([[draft.id, 'draft'], [inReview.id, 'pending_review'], [cancelledDraft.id, 'cancelled']]));
    expect(mine.total).toBe(3);
    expect((await read('/api/challenges?mine=1&status=draft', owner.token)).json().items.map((i: { id: string }) => i.id)).toEqual([draft.id]);

    const bureau = await sharedBureauToken(env);
    const queue = (await read('/api/challenges?status=pending_review&pageSize=100', bureau)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(inReview.id);
    expect(queue.items.every((i: { state: string }) => i.state === 'pending_review')).toBe(true);
    expect((await read(`/api/challenges/${draft.id}`, bureau)).json()).toMatchObject({ view: 'manage', state: 'draft' });
  });

  it('a public challenge shows its details to everyone, but never the owner\'s and bureau\'s fields', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const res = await read(`/api/challenges/${c.id}`);
    expect(res.json()).toMatchObject({ view: 'detail', detailsAvailable: true, confidentiality: null, enterpriseShareFen: 100_000_000, specialFundFen: 50_000_000 });
    for (const field of ['requestedSpecialFundFen', 'reviewReasons', 'reviews', 'actions', 'createdAt', 'submittedAt']) expect(res.json()).not.toHaveProperty(field);
  });
});

describe('experts reviewing a restricted challenge', () => {
  it('an assigned expert sees its details once declared free of conflict; before declaring, after recusing or unassigned, only the summary', async () => {
    const owner = await verifiedEnterprise(env);
    const solver = await verifiedSolver(env);
    const { id, secret } = await restrictedChallenge(owner);
    const [detail] = await Promise.all([read(`/api/challenges/${id}`, solver.token)]);
    expect(detail.json()).toMatchObject({ view: 'summary' });
    const accepted = await app.inject({ method: 'POST', url: `/api/challenges/${id}/confidentiality`, headers: bearer(solver.token), payload: { termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION } });
    expect(accepted.statusCode).toBe(200);
    const draft = { ...completeDraft(detail.json(), 100_000_000), responses: { 0: '真空感应熔炼加电渣重熔双联工艺。' } };
    const created = await app.inject({ method: 'POST', url: `/api/challenges/${id}/applications`, headers: bearer(solver.token), payload: draft });
    expect(created.statusCode).toBe(201);
    const applicationId = created.json().id as string;
    expect((await app.inject({ method: 'POST', url: `/api/applications/${applicationId}/submit`, headers: bearer(solver.token), payload: {} })).statusCode).toBe(200);

    const [free, recused, stranger] = [await staffToken(env, 'expert'), await staffToken(env, 'expert'), await staffToken(env, 'expert')];
    env.clock.advance(31 * 24 * 60 * 60 * 1000);
    const bureau = await sharedBureauToken(env);
    expect((await app.inject({ method: 'POST', url: `/api/applications/${applicationId}/eligibility`, headers: bearer(bureau), payload: { eligible: true } })).statusCode).toBe(200);
    const assigned = await app.inject({ method: 'POST', url: `/api/challenges/${id}/reviewers`, headers: bearer(bureau), payload: { applicationIds: [applicationId], expertIds: [free.id, recused.id] } });
    expect(assigned.statusCode).toBe(200);
    const [freeToken, recusedToken, strangerToken] = (await Promise.all([free, recused, stranger].map(async (e) => (await login(app, e.email)).accessToken))) as [string, string, string];

    const sees = async (token: string) => {
      const res = await read(`/api/challenges/${id}`, token);
      const found = await read(`/api/challenges?q=${encodeURIComponent(`${secret}-descZh`)}&pageSize=100`, token);
      return { view: res.json().view as string, leaked: res.body.includes(secret), found: (found.json().items as { id: string }[]).some((x) => x.id === id) };
    };
    expect(await sees(freeToken)).toEqual({ view: 'summary', leaked: false, found: false });
    const declare = (token: string, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/api/applications/${applicationId}/review`, headers: bearer(token), payload });
    expect((await declare(freeToken, { conflict: false })).statusCode).toBe(200);
    expect((await declare(recusedToken, { conflict: true, reason: '曾在发榜企业兼职。' })).statusCode).toBe(200);

    const now = await sees(freeToken);
    expect(now).toEqual({ view: 'detail', leaked: true, found: true });
    expect((await read(`/api/challenges/${id}`, freeToken)).json().indicators).toEqual([expect.objectContaining({ target: `${secret}-target` })]);
    expect(await sees(recusedToken)).toEqual({ view: 'summary', leaked: false, found: false });
    expect(await sees(strangerToken)).toEqual({ view: 'summary', leaked: false, found: false });
  });
});

describe('response schemas', () => {
  const RESTRICTED = ['descriptionZh', 'descriptionEn', 'indicators', 'eligibilityZh', 'eligibilityEn', 'ipTermsZh', 'ipTermsEn', 'attachments', 'amendments', 'enterpriseShareFen', 'specialFundFen', 'requestedSpecialFundFen', 'reviewReasons', 'reviews'];

  it('the public shape has no restricted property at all', () => {
    const keys = Object.keys(ChallengeSummary.properties);
    for (const field of RESTRICTED) expect(keys).not.toContain(field);
  });

  it('even a handler that leaked restricted fields into a summary could not serialise them', async () => {
    const leaky = { view: 'summary', id: '00000000-0000-4000-8000-000000000001', state: 'published', titleZh: '题', titleEn: null, summaryZh: null, summaryEn: null,
      industry: null, category: null, bountyFen: 1, deadline: null, visibility: 'restricted', domesticOnly: false, publishedAt: null,
      owner: { id: '00000000-0000-4000-8000-000000000002', nameZh: null, nameEn: null }, detailsAvailable: false, confidentiality: null,
      descriptionZh: 'LEAK-descriptionZh', indicators: [{ nameZh: 'LEAK-indicator' }], ipTermsZh: 'LEAK-ip', requestedSpecialFundFen: 12345 };
    const probe = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    probe.get('/one', { schema: { response: { 200: ChallengeAny } } }, async () => leaky as never);
    probe.get('/list', { schema: { response: { 200: Page(ChallengeSummary) } } }, async () => ({ items: [leaky], total: 1, page: 1, pageSize: 1 }) as never);
    for (const url of ['/one', '/list']) {
      const res = await probe.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('LEAK');
      expect(res.body).not.toContain('12345');
    }
    await probe.close();
  });
});
