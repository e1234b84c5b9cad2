import { auditLog, notificationEvents, questions } from '@challenge/db';
import { CURRENT_CONFIDENTIALITY_TERMS_VERSION } from '@challenge/domain';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import {
  act, bearer, challengeIn, createChallenge, DEADLINE_SOON_MS, fingerprint, setupTestApp, sharedBureauToken, soonDeadline, staffToken,
  verifiedEnterprise, verifiedSolver, type Member,
} from './helpers';

const env = await setupTestApp();
const { app } = env;
const db = env.database.db;

type Question = { id: string; body: string; answer: string | null; answeredAt: string | null; createdAt: string; answeredByRole: string | null; mine: boolean };
type QuestionPage = { items: Question[]; total: number; page: number; pageSize: number; gated: boolean; canAsk: boolean; canAnswer: boolean };

const headersOf = (token?: string, locale?: string) => ({ ...(token ? bearer(token) : {}), ...(locale ? { 'accept-language': locale } : {}) });
const list = (challengeId: string, token?: string, query = '') =>
  app.inject({ method: 'GET', url: `/api/challenges/${challengeId}/questions${query}`, headers: headersOf(token) });
const ask = (challengeId: string, token: string | undefined, body: unknown, locale?: string) =>
  app.inject({ method: 'POST', url: `/api/challenges/${challengeId}/questions`, headers: headersOf(token, locale), payload: body as Record<string, unknown> });
const answer = (questionId: string, token: string | undefined, body: unknown, locale?: string) =>
  app.inject({ method: 'POST', url: `/api/questions/${questionId}/answer`, headers: headersOf(token, locale), payload: body as Record<string, unknown> });

async function page(challengeId: string, token?: string, query = ''): Promise<QuestionPage> {
  const res = await list(challengeId, token, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function asked(challengeId: string, who: Member, body: string): Promise<Question> {
  const res = await ask(challengeId, who.token, { body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A published public challenge with one answered and one pending question, asked by two different solvers. */
async function thread() {
  const owner = await verifiedEnterprise(env);
  const c = await challengeIn(env, owner, 'published');
  const [alice, bob] = [await verifiedSolver(env), await verifiedSolver(env)];
  const answered = await asked(c.id, alice, '  炉衬的现有侵蚀速率数据能否提供？  ');
  // Newest first: a second apart, so the order does not hang on the same millisecond.
  env.clock.advance(1000);
  const pending = await asked(c.id, bob, 'Is a pilot furnace available for trials?');
  const res = await answer(answered.id, owner.token, { answer: '可以，签署保密协议后提供近三年的测温数据。' });
  expect(res.statusCode, res.body).toBe(200);
  return { owner, challengeId: c.id, alice, bob, answered, pending };
}

describe('reading', () => {
  it('an anonymous reader of a public challenge sees only answered questions, and nobody ever sees who asked', async () => {
    const { owner, challengeId, alice, bob, answered, pending } = await thread();
    const anonymous = await list(challengeId);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({
      items: [{
        id: answered.id, body: '炉衬的现有侵蚀速率数据能否提供？', answer: '可以，签署保密协议后提供近三年的测温数据。',
        answeredAt: expect.any(String), createdAt: answered.createdAt, answeredByRole: 'enterprise', mine: false,
      }],
      total: 1, page: 1, pageSize: 20, gated: false, canAsk: false, canAnswer: false,
    });
    expect(anonymous.body).not.toContain(pending.id);

    // Not even the owner or the bureau learn the asker: no user id, e-mail or organisation in any answer.
    const bureau = await sharedBureauToken(env);
    for (const token of [undefined, owner.token, bureau, alice.token, bob.token]) {
      const res = await list(challengeId, token);
      for (const secret of [alice.userId, alice.email, alice.organizationId, bob.userId, bob.email, bob.organizationId]) expect(res.body).not.toContain(secret);
    }
    const [row] = await db.select().from(questions).where(eq(questions.id, answered.id));
    expect(row).toMatchObject({ askedBy: alice.userId, answeredBy: owner.userId });
  });

  it('the asker sees their pending question as `mine`, other solvers do not; the owner and the bureau see every question', async () => {
    const { owner, challengeId, alice, bob, answered, pending } = await thread();
    const byBob = await page(challengeId, bob.token);
    expect(byBob.items.map((q) => [q.id, q.mine, q.answer === null])).toEqual([[pending.id, true, true], [answered.id, false, false]]);
    expect(byBob).toMatchObject({ total: 2, canAsk: true, canAnswer: false });

    const byAlice = await page(challengeId, alice.token);
    expect(byAlice.items.map((q) => [q.id, q.mine])).toEqual([[answered.id, true]]);

    const stranger = await verifiedSolver(env);
    expect((await page(challengeId, stranger.token)).items.map((q) => q.id)).toEqual([answered.id]);

    for (const token of [owner.token, await sharedBureauToken(env)]) {
      const all = await page(challengeId, token);
      expect(all.items.map((q) => [q.id, q.mine])).toEqual([[pending.id, false], [answered.id, false]]);
      expect(all).toMatchObject({ total: 2, canAsk: false, canAnswer: true });
    }
  });

  it('pages like every list: page and pageSize, total of what the reader may see', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const solver = await verifiedSolver(env);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await asked(c.id, solver, `第 ${i + 1} 个问题`)).id);
      env.clock.advance(1000);
    }
    const second = await page(c.id, solver.token, '?page=2&pageSize=2');
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((q) => q.id)).toEqual([ids[0]]);
    expect((await page(c.id)).total).toBe(0);
  });

  it('a challenge the reader may not see is not found; its owner sees an empty thread with nothing to ask or answer yet', async () => {
    const owner = await verifiedEnterprise(env);
    const draft = await createChallenge(env, owner);
    for (const token of [undefined, (await verifiedSolver(env)).token, (await verifiedEnterprise(env)).token]) {
      const res = await list(draft.id, token);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('not_found');
    }
    expect(await page(draft.id, owner.token)).toMatchObject({ items: [], total: 0, gated: false, canAsk: false, canAnswer: true });
    expect((await list('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('asking', () => {
  it('a verified solver asks: 201 with the view, stored trimmed, audited without the asker in the snapshot', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const solver = await verifiedSolver(env);
    const res = await ask(c.id, solver.token, { body: '\n  What is the current oxygen level per heat?  ' });
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q).toEqual({
      id: expect.any(String), body: 'What is the current oxygen level per heat?', answer: null, answeredAt: null,
      createdAt: expect.any(String), answeredByRole: null, mine: true,
    });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, q.id), eq(auditLog.action, 'question.ask')));
    expect(audit).toMatchObject({ actorId: solver.userId, actorRole: 'solver', entityType: 'question', after: { challengeId: c.id } });
    expect(JSON.stringify(audit!.after)).not.toContain(solver.userId);
  });

  it('anonymous readers get 401; the owner organisation and the bureau get 403 — they answer instead; nothing is written', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const before = await fingerprint(env);
    const anonymous = await ask(c.id, undefined, { body: '匿名能提问吗？' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
    for (const token of [owner.token, await sharedBureauToken(env)]) {
      const res = await ask(c.id, token, { body: '自问自答？' }, 'en');
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden', title: 'Not allowed' });
    }
    expect(await fingerprint(env)).toEqual(before);
    // Anyone else signed in may ask: another enterprise, an expert.
    expect((await ask(c.id, (await verifiedEnterprise(env)).token, { body: '可否联合揭榜？' })).statusCode).toBe(201);
    expect((await ask(c.id, (await staffToken(env, 'expert')).token, { body: '评审标准会公开吗？' })).statusCode).toBe(201);
  });

  it('refuses bad input with problem details naming the field, writing nothing', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const solver = await verifiedSolver(env);
    const before = await fingerprint(env);

    const cases: [string, unknown, string, string][] = [
      ['missing', {}, 'body.body', 'required'],
      ['empty', { body: '' }, 'body.body', 'minLength'],
      ['too long', { body: '问'.repeat(2001) }, 'body.body', 'maxLength'],
      // (Numbers are coerced to strings app-wide — ajv `coerceTypes` — so the wrong type here is an object.)
      ['not a string', { body: { zh: '问题' } }, 'body.body', 'type'],
      ['unknown field', { body: '正常的问题', askedBy: solver.userId }, 'body.askedBy', 'additionalProperties'],
    ];
    for (const [what, payload, field, code] of cases) {
      const res = await ask(c.id, solver.token, payload, 'en');
      expect(res.statusCode, what).toBe(422);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(res.json(), what).toMatchObject({ code: 'validation_failed', title: 'Invalid input' });
      expect(res.json().errors, what).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }

    // Whitespace passes the schema's length but not the trimmed check: a localised field error.
    const blank = await ask(c.id, solver.token, { body: '    ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([{ field: 'body', code: 'required', message: '必填' }]);
    const short = await ask(c.id, solver.token, { body: '  ?  ' }, 'en');
    expect(short.json().errors).toEqual([{ field: 'body', code: 'minLength', message: 'must be at least 2 characters', params: { limit: 2 } }]);

    const badId = await ask('not-a-uuid', solver.token, { body: '正常的问题' });
    expect(badId.statusCode).toBe(422);
    expect(badId.json().errors).toEqual([expect.objectContaining({ field: 'params.id', code: 'format' })]);
    expect((await list('not-a-uuid')).statusCode).toBe(422);
    expect((await list(c.id, undefined, '?pageSize=1000')).statusCode).toBe(422);
    expect((await ask('00000000-0000-4000-8000-000000000000', solver.token, { body: '正常的问题' })).statusCode).toBe(404);

    expect(await fingerprint(env)).toEqual(before);
  });

  it('after the deadline by the clock — before the close is recorded — asking is refused with deadline_passed; answering still works', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published', { deadline: soonDeadline(env) });
    const solver = await verifiedSolver(env);
    const q = await asked(c.id, solver, '截止前的问题');
    expect((await page(c.id, solver.token)).canAsk).toBe(true);

    env.clock.advance(DEADLINE_SOON_MS + 1000);
    const before = await fingerprint(env);
    const late = await ask(c.id, solver.token, { body: '截止后的问题' }, 'en');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'deadline_passed', title: 'Deadline passed' });
    expect(await fingerprint(env)).toEqual(before);
    expect(await page(c.id, solver.token)).toMatchObject({ canAsk: false });

    // The recorded close changes nothing for askers; the owner may still answer what was asked in time.
    await act(env, await sharedBureauToken(env), c.id, 'close');
    expect((await ask(c.id, solver.token, { body: '关闭后的问题' })).json().code).toBe('deadline_passed');
    expect((await answer(q.id, owner.token, { answer: '截止后补充答复。' })).statusCode).toBe(200);
  });

  it('a challenge that is not published takes no questions', async () => {
    const owner = await verifiedEnterprise(env);
    const solver = await verifiedSolver(env);
    const cancelled = await challengeIn(env, owner, 'published');
    await act(env, await sharedBureauToken(env), cancelled.id, 'cancel', { reason: '需求已由内部解决' });
    const res = await ask(cancelled.id, solver.token, { body: '撤榜后还能问吗？' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'illegal_transition' });
    // Never published: the solver may not know it exists.
    const inReview = await challengeIn(env, owner, 'pending_review');
    expect((await ask(inReview.id, solver.token, { body: '审核中能问吗？' })).statusCode).toBe(404);
  });

  it('at most 20 unanswered questions per user and challenge; an answer frees a place', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const solver = await verifiedSolver(env);
    const other = await verifiedSolver(env);
    const mine: string[] = [];
    for (let i = 0; i < 20; i++) mine.push((await asked(c.id, solver, `问题 ${i + 1}`)).id);
    const before = await fingerprint(env);
    const over = await ask(c.id, solver.token, { body: '第 21 个问题' });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'question_limit_reached', title: '待答复问题过多', detail: expect.stringContaining('20') });
    expect(await fingerprint(env)).toEqual(before);
    // Per user: someone else still asks.
    expect((await ask(c.id, other.token, { body: '别人的问题' })).statusCode).toBe(201);
    expect((await answer(mine[0]!, owner.token, { answer: '已答复。' })).statusCode).toBe(200);
    expect((await ask(c.id, solver.token, { body: '第 21 个问题' })).statusCode).toBe(201);
  });
});

describe('answering', () => {
  it('the owner answers once; a second answer is 409 already_answered, localised, and changes nothing', async () => {
    const owner = await verifiedEnterprise(env);
    const colleague = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const solver = await verifiedSolver(env);
    const q = await asked(c.id, solver, '验收是否需要第三方检测？');

    const res = await answer(q.id, owner.token, { answer: '  需要，由双方认可的第三方检测机构出具报告。 ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: q.id, body: '验收是否需要第三方检测？', answer: '需要，由双方认可的第三方检测机构出具报告。', answeredAt: expect.any(String),
      createdAt: q.createdAt, answeredByRole: 'enterprise', mine: false,
    });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, q.id), eq(auditLog.action, 'question.answer')));
    expect(audit).toMatchObject({ actorId: owner.userId, actorRole: 'enterprise', after: { challengeId: c.id, answer: '需要，由双方认可的第三方检测机构出具报告。' } });

    const before = await fingerprint(env);
    const zh = await answer(q.id, owner.token, { answer: '再答一次' });
    expect(zh.statusCode).toBe(409);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({ code: 'already_answered', title: '问题已答复' });
    const en = await answer(q.id, await sharedBureauToken(env), { answer: 'Once more' }, 'en');
    expect(en.json()).toMatchObject({ status: 409, code: 'already_answered', title: 'Already answered' });
    // An answered question is public, so a stranger learns it is answered (the state comes before the role).
    expect((await answer(q.id, colleague.token, { answer: '抢答' })).json().code).toBe('already_answered');
    expect(await fingerprint(env)).toEqual(before);
  });

  it('the bureau answers too, shown as the bureau', async () => {
    const { challengeId, pending } = await thread();
    const res = await answer(pending.id, await sharedBureauToken(env), { answer: 'Yes: the district test base has one.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ answeredByRole: 'bureau' });
    expect((await page(challengeId)).items.map((q) => [q.id, q.answeredByRole])).toEqual([[pending.id, 'bureau'], [expect.any(String), 'enterprise']]);
  });

  it('nobody else answers: a pending question is not found for strangers, forbidden to its asker; nothing is written', async () => {
    const { challengeId, bob, pending } = await thread();
    const otherEnterprise = await verifiedEnterprise(env);
    const strangers = [otherEnterprise.token, (await verifiedSolver(env)).token, (await staffToken(env, 'expert')).token];
    const before = await fingerprint(env);
    for (const token of strangers) {
      const res = await answer(pending.id, token, { answer: '我来回答' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const byAsker = await answer(pending.id, bob.token, { answer: '自问自答' });
    expect(byAsker.statusCode).toBe(403);
    expect(byAsker.json().code).toBe('forbidden');
    expect((await answer(pending.id, undefined, { answer: '匿名回答' })).statusCode).toBe(401);
    expect((await answer('00000000-0000-4000-8000-000000000000', otherEnterprise.token, { answer: '不存在' })).statusCode).toBe(404);
    expect(await fingerprint(env)).toEqual(before);
    expect((await page(challengeId)).items.map((q) => q.id)).not.toContain(pending.id);
  });

  it('refuses bad answers (empty, blank, too long, malformed id) and answers on a cancelled challenge', async () => {
    const { owner, pending } = await thread();
    const before = await fingerprint(env);
    expect((await answer(pending.id, owner.token, { answer: '' })).json().errors).toEqual([expect.objectContaining({ field: 'body.answer', code: 'minLength' })]);
    expect((await answer(pending.id, owner.token, { answer: 'a'.repeat(4001) })).json().errors).toEqual([expect.objectContaining({ field: 'body.answer', code: 'maxLength' })]);
    const blank = await answer(pending.id, owner.token, { answer: ' \n\t ' }, 'en');
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([{ field: 'answer', code: 'required', message: 'is required' }]);
    const badId = await answer('42', owner.token, { answer: '正常的答复' });
    expect(badId.statusCode).toBe(422);
    expect(badId.json().errors).toEqual([expect.objectContaining({ field: 'params.id', code: 'format' })]);
    expect(await fingerprint(env)).toEqual(before);
    expect((await answer(pending.id, owner.token, { answer: '刚好 4000 字'.padEnd(4000, '。') })).statusCode).toBe(200);

    const other = await challengeIn(env, owner, 'published');
    const q = await asked(other.id, await verifiedSolver(env), '会撤榜吗？');
    await act(env, await sharedBureauToken(env), other.id, 'cancel', { reason: '需求已由内部解决' });
    const late = await answer(q.id, owner.token, { answer: '已撤榜' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'illegal_transition' });
    expect(await page(other.id, owner.token)).toMatchObject({ canAnswer: false });
  });

  it('the answer reaches the asker, and only the asker, as a notification that does not name who answered', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const [asker, otherAsker] = [await verifiedSolver(env), await verifiedSolver(env)];
    const q = await asked(c.id, asker, '样品可以寄送到国外吗？');
    await asked(c.id, otherAsker, '另一个问题');
    expect((await answer(q.id, owner.token, { answer: '可以，运费由企业承担。' })).statusCode).toBe(200);
    const events = await db.select().from(notificationEvents).where(and(eq(notificationEvents.subjectId, q.id), eq(notificationEvents.kind, 'question_answered')));
    expect(events).toEqual([expect.objectContaining({ challengeId: c.id, payload: { actorId: owner.userId }, processedAt: null })]);

    while ((await processNotificationEvents({ db, clock: env.clock })) > 0);

    const inbox = async (token: string) => {
      const res = await app.inject({ method: 'GET', url: '/api/notifications', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: { kind: string; subjectId: string | null; challenge: { id: string } | null; data: Record<string, unknown> }[]; unread: number };
    };
    const mine = await inbox(asker.token);
    expect(mine.items).toEqual([expect.objectContaining({ kind: 'question_answered', subjectId: q.id, challenge: expect.objectContaining({ id: c.id }), data: {} })]);
    expect(mine.unread).toBe(1);
    for (const token of [otherAsker.token, owner.token, await sharedBureauToken(env)]) {
      expect((await inbox(token)).items.filter((n) => n.kind === 'question_answered' && n.subjectId === q.id)).toEqual([]);
    }
    const raw = await app.inject({ method: 'GET', url: '/api/notifications', headers: bearer(asker.token) });
    expect(raw.body).not.toContain(owner.userId);
  });
});

describe('the OpenAPI document', () => {
  it('lists the three routes with their parameters, bodies and responses', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const thread = doc.paths['/api/challenges/{id}/questions'];
    const answerRoute = doc.paths['/api/questions/{id}/answer'];
    expect(thread.get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:id', 'query:page', 'query:pageSize']));
    expect(Object.keys(thread.get.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['items', 'total', 'page', 'pageSize', 'gated', 'canAsk', 'canAnswer']),
    );
    expect(thread.post.requestBody.content['application/json'].schema.required).toEqual(['body']);
    expect(thread.post.responses).toHaveProperty('201');
    expect(answerRoute.post.requestBody.content['application/json'].schema.required).toEqual(['answer']);
    const view = answerRoute.post.responses['200'].content['application/json'].schema;
    expect(Object.keys(view.properties).sort()).toEqual(['answer', 'answeredAt', 'answeredByRole', 'body', 'createdAt', 'id', 'mine']);
  });
});

describe('restricted challenges', () => {
  it('readers without the accepted terms get gated=true and no items, and cannot ask; after accepting they read and ask', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published', { visibility: 'restricted' });
    const insider = await verifiedSolver(env);
    const accept = (token: string) =>
      app.inject({ method: 'POST', url: `/api/challenges/${c.id}/confidentiality`, headers: bearer(token), payload: { termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION } });
    expect((await accept(insider.token)).statusCode).toBe(200);
    const q = await asked(c.id, insider, '炉衬数据中的 3 号测点在哪里？');
    expect((await answer(q.id, owner.token, { answer: '在出铁口下方 1.2 米处。' })).statusCode).toBe(200);

    const outsider = await verifiedSolver(env);
    for (const token of [undefined, outsider.token, (await verifiedEnterprise(env)).token]) {
      const res = await list(c.id, token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 20, gated: true, canAsk: false, canAnswer: false });
      expect(res.body).not.toContain('出铁口');
    }
    const before = await fingerprint(env);
    const refused = await ask(c.id, outsider.token, { body: '没接受条款能问吗？' }, 'en');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'confidentiality_required', title: 'Confidentiality terms required' });
    expect(await fingerprint(env)).toEqual(before);

    expect((await accept(outsider.token)).statusCode).toBe(200);
    const after = await page(c.id, outsider.token);
    expect(after).toMatchObject({ gated: false, canAsk: true, total: 1 });
    expect(after.items[0]).toMatchObject({ id: q.id, answer: '在出铁口下方 1.2 米处。', mine: false });
    expect((await ask(c.id, outsider.token, { body: '接受条款后的问题' })).statusCode).toBe(201);
    expect(await page(c.id, owner.token)).toMatchObject({ gated: false, total: 2, canAnswer: true });
  });
});
