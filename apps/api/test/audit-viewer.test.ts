import { describe, expect, test } from 'vitest';
import {
  act, bearer, createChallenge, setupTestApp, sharedBureauToken, staffToken, unique, verifiedEnterprise, verifiedSolver, type Member,
} from './helpers';

const env = await setupTestApp();
const { app } = env;
type Json = Record<string, any>;
type Rec = { id: number; at: string; action: string; actor: Json | null; entity: { type: string; id: string }; before: Json | null; after: Json | null; changedPersonalFields: string[]; hash: string; prevHash: string };

const get = async (url: string, token?: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { ...(token ? bearer(token) : {}), 'accept-language': 'en' } });
  return { status: res.statusCode, type: String(res.headers['content-type']), text: res.body, body: JSON.parse(res.body) as Json };
};
const audit = async (query: Record<string, string | number>, token?: string) => {
  const res = await get(`/api/audit?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, token ?? (await sharedBureauToken(env)));
  expect(res.status, res.text).toBe(200);
  return res.body as { items: Rec[]; total: number; page: number; pageSize: number };
};

/** An enterprise whose challenge it created and submitted, and the bureau approved. */
async function story() {
  const owner = await verifiedEnterprise(env);
  const created = await createChallenge(env, owner);
  env.clock.advance(1000);
  await act(env, owner.token, created.id, 'submit');
  env.clock.advance(1000);
  await act(env, await sharedBureauToken(env), created.id, 'approve', { specialFundFen: 40_000_000 });
  return { owner, challengeId: created.id };
}

describe('the bureau reads the audit log', () => {
  test('by entity: each change of a challenge newest first, with its actor and before/after', async () => {
    const { owner, challengeId } = await story();
    const page = await audit({ entityType: 'challenge', entityId: challengeId });
    // The approval's reservation moves money: the ledger records it against the challenge as well.
    expect(page.items.map((r) => r.action)).toEqual(['challenge.approve', 'ledger.commit', 'ledger.reserve', 'challenge.submit', 'challenge.create']);
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 20 });
    const byAction = (action: string) => page.items.find((r) => r.action === action)!;
    const [approve, submit, create] = [byAction('challenge.approve'), byAction('challenge.submit'), byAction('challenge.create')];
    expect(submit).toMatchObject({ entity: { type: 'challenge', id: challengeId }, actor: { id: owner.userId, role: 'enterprise' }, before: { state: 'draft' }, after: { state: 'pending_review' } });
    expect(submit.actor!.displayName).toEqual(expect.any(String));
    expect(approve).toMatchObject({ actor: { role: 'bureau' }, before: { state: 'pending_review' }, after: { state: 'published' } });
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ state: 'draft' });
    // The chain shows through: each record's hash, and the link to the one before it (ids ascend).
    expect(approve.id).toBeGreaterThan(submit.id);
    for (const r of page.items) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(approve.at) - Date.parse(submit.at)).toBeGreaterThanOrEqual(1000);

    // The entity type and the action narrow it further.
    const approved = await audit({ entityType: 'challenge', entityId: challengeId, action: 'challenge.approve' });
    expect(approved.items.map((r) => r.id)).toEqual([approve.id]);
    expect((await audit({ entityType: 'organization', entityId: challengeId })).total).toBe(0);
    const allApprovals = await audit({ action: 'challenge.approve', pageSize: 100 });
    expect(allApprovals.items.every((r) => r.action === 'challenge.approve')).toBe(true);
    expect(allApprovals.items.map((r) => r.id)).toContain(approve.id);
  });

  test('by actor, by id or by e-mail alike; an unknown e-mail finds nothing', async () => {
    const { owner, challengeId } = await story();
    const byId = await audit({ actorId: owner.userId, pageSize: 100 });
    expect(byId.items.every((r) => r.actor?.id === owner.userId)).toBe(true);
    expect(byId.items.filter((r) => r.entity.id === challengeId).map((r) => r.action)).toEqual(['challenge.submit', 'challenge.create']);
    expect(byId.items.map((r) => r.action)).toContain('user.register');
    const byEmail = await audit({ actorEmail: owner.email.toUpperCase(), pageSize: 100 });
    expect(byEmail.items.map((r) => r.id)).toEqual(byId.items.map((r) => r.id));
    expect((await audit({ actorEmail: `${unique('nobody')}@example.com` })).total).toBe(0);
    // Both given and naming different people: nobody matches.
    const other = await verifiedEnterprise(env);
    expect((await audit({ actorId: other.userId, actorEmail: owner.email })).total).toBe(0);
  });

  test('by time: from and to are inclusive instants', async () => {
    const { challengeId } = await story();
    const items = (await audit({ entityId: challengeId })).items;
    const [submit, create] = ['challenge.submit', 'challenge.create'].map((a) => items.find((r) => r.action === a)!) as [Rec, Rec];
    const ids = async (q: Record<string, string>) => (await audit({ entityId: challengeId, ...q })).items.map((r) => r.id);
    expect(await ids({ from: submit.at, to: submit.at })).toEqual([submit.id]);
    // The approval and its ledger records came a second later.
    const later = items.filter((r) => r.id > submit.id).map((r) => r.id);
    expect(later).toHaveLength(3);
    expect(await ids({ from: new Date(Date.parse(submit.at) + 1).toISOString() })).toEqual(later);
    expect(await ids({ to: new Date(Date.parse(submit.at) - 1).toISOString() })).toEqual([create.id]);
    // An offset other than Z names the same instant.
    const shanghai = new Date(Date.parse(submit.at) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(await ids({ from: shanghai, to: shanghai })).toEqual([submit.id]);
  });

  test('pages newest first without gaps or repeats', async () => {
    const owner: Member = await verifiedEnterprise(env);
    for (let i = 0; i < 4; i++) await createChallenge(env, owner);
    const all = await audit({ actorId: owner.userId, pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(5); // registration, four drafts
    const ids = all.items.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const paged: number[] = [];
    for (let p = 1; p <= Math.ceil(all.total / 2); p++) {
      const page = await audit({ actorId: owner.userId, page: p, pageSize: 2 });
      expect(page).toMatchObject({ total: all.total, page: p, pageSize: 2 });
      paged.push(...page.items.map((r) => r.id));
    }
    expect(paged).toEqual(ids);
    expect((await audit({ actorId: owner.userId, page: 99, pageSize: 2 })).items).toEqual([]);
  });

  test('personal fields show by name only, never by value', async () => {
    const owner = await verifiedEnterprise(env);
    const oldName = (await get('/api/me', owner.token)).body.user.displayName as string;
    expect(oldName.length).toBeGreaterThan(1);
    const newName = `王晓明-${unique('n')}`;
    const patch = await app.inject({ method: 'PATCH', url: '/api/me', headers: bearer(owner.token), payload: { displayName: newName } });
    expect(patch.statusCode, patch.body).toBe(200);

    const res = await get(`/api/audit?entityType=user&entityId=${owner.userId}&pageSize=100`, await sharedBureauToken(env));
    const items = res.body.items as Rec[];
    expect(items.map((r) => r.action)).toEqual(expect.arrayContaining(['user.update_profile', 'user.register']));
    const update = items.find((r) => r.action === 'user.update_profile')!;
    expect(update.changedPersonalFields).toEqual(['displayName']);
    const register = items.find((r) => r.action === 'user.register')!;
    expect(register.changedPersonalFields).toEqual(expect.arrayContaining(['email', 'displayName']));
    for (const r of items) {
      for (const snapshot of [r.before, r.after]) {
        const text = JSON.stringify(snapshot);
        for (const value of [owner.email, newName, oldName]) expect(text).not.toContain(value);
        for (const field of ['email', 'displayName', 'passwordHash']) expect(snapshot ?? {}).not.toHaveProperty(field);
      }
    }
    // The e-mail appears nowhere in the answer, the actor included.
    expect(res.text).not.toContain(owner.email);
  });

  test('the filters’ choices: every entity type and action in the log, once each, sorted', async () => {
    await story();
    const res = await get('/api/audit/facets', await sharedBureauToken(env));
    expect(res.status).toBe(200);
    const { entityTypes, actions } = res.body as { entityTypes: string[]; actions: string[] };
    expect(entityTypes).toEqual(expect.arrayContaining(['challenge', 'organization', 'user']));
    expect(actions).toEqual(expect.arrayContaining(['challenge.approve', 'challenge.create', 'challenge.submit', 'user.register']));
    expect(entityTypes).toEqual([...new Set(entityTypes)].sort());
    expect(actions).toEqual([...new Set(actions)].sort());
  });

  test('the chain checked covers every record the viewer lists', async () => {
    await story();
    const bureau = await sharedBureauToken(env);
    const { total } = await audit({ pageSize: 1 });
    const verify = await get('/api/audit/verify', bureau);
    expect(verify.body).toEqual({ ok: true, checked: total, brokenIds: [] });
    // The newest record links to the one before it.
    const [newest, previous] = (await audit({ pageSize: 2 })).items as [Rec, Rec];
    expect(newest.prevHash).toBe(previous.hash);
  });
});

describe('who may read it, and what it refuses', () => {
  test('anonymous 401; solver, enterprise, expert and finance 403; the bureau 200', async () => {
    const tokens = {
      solver: (await verifiedSolver(env)).token,
      enterprise: (await verifiedEnterprise(env)).token,
      expert: (await staffToken(env, 'expert')).token,
      finance: (await staffToken(env, 'finance')).token,
    };
    for (const url of ['/api/audit', '/api/audit/facets', '/api/audit/verify']) {
      const anonymous = await get(url);
      expect(anonymous.status, url).toBe(401);
      expect(anonymous.type).toContain('application/problem+json');
      for (const [role, token] of Object.entries(tokens)) {
        const res = await get(url, token);
        expect(res.status, `${role} ${url}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
        expect(res.text).not.toContain('"items"');
      }
      expect((await get(url, await sharedBureauToken(env))).status, url).toBe(200);
      expect((await get(url, (await staffToken(env, 'bureau')).token)).status, url).toBe(200);
    }
  });

  // Validation failures are 422 problem details throughout the API (http/problems.ts STATUS_BY_CODE).
  test('bad filters get problem details naming the field, never a 500', async () => {
    const bureau = await sharedBureauToken(env);
    const cases: [string, string][] = [
      ['actorId=not-a-uuid', 'querystring.actorId'],
      ['actorEmail=nobody', 'querystring.actorEmail'],
      ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'querystring.from'],
      ['from=yesterday', 'querystring.from'],
      ['to=2026-03-01', 'querystring.to'],
      ['pageSize=0', 'querystring.pageSize'],
      ['pageSize=1000', 'querystring.pageSize'],
      ['page=0', 'querystring.page'],
      ['entityType=Challenge%27%3B--', 'querystring.entityType'],
      ['action=challenge%20approve', 'querystring.action'],
      ['entityId=%25', 'querystring.entityId'],
      [`entityId=${'a'.repeat(101)}`, 'querystring.entityId'],
      ['sort=oldest', 'querystring.sort'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/api/audit?${query}`, bureau);
      expect(res.status, query).toBe(422);
      expect(res.type, query).toContain('application/problem+json');
      expect(res.body, query).toMatchObject({ code: 'validation_failed', title: 'Invalid input' });
      expect(res.body.errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });
});
