import { describe, expect, it } from 'vitest';
import { bearer, bureauToken, enterpriseRegistration, fingerprint, foreignSolverRegistration, login, registerUser, setupTestApp, staffToken } from './helpers';

const env = await setupTestApp();
const { app } = env;

async function pendingEnterprise() {
  const r = await registerUser(app, enterpriseRegistration());
  return { ...r, token: (await login(app, r.user.email)).accessToken };
}

describe('organisation verification', () => {
  it('the bureau verifies a pending organisation; it then shows in the public list', async () => {
    const bureau = await bureauToken(env);
    const { organization } = await pendingEnterprise();
    const queue = await app.inject({ method: 'GET', url: '/api/organizations?status=pending&pageSize=100', headers: bearer(bureau) });
    expect(queue.json().items.map((o: { id: string }) => o.id)).toContain(organization.id);
    expect(queue.json().items[0]).toHaveProperty('uscc');

    const publicBefore = await app.inject({ method: 'GET', url: '/api/organizations?pageSize=100' });
    expect(publicBefore.json().items.map((o: { id: string }) => o.id)).not.toContain(organization.id);

    const res = await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/verify`, headers: bearer(bureau), payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'verified' });

    const publicAfter = await app.inject({ method: 'GET', url: '/api/organizations?pageSize=100' });
    const listed = publicAfter.json().items.find((o: { id: string }) => o.id === organization.id);
    expect(listed).toBeDefined();
    // Anonymous readers get public fields only.
    expect(listed).not.toHaveProperty('uscc');
    expect(listed).not.toHaveProperty('emailDomain');
  });

  it('rejection needs reasons, which the organisation then sees', async () => {
    const bureau = await bureauToken(env);
    const { organization, token } = await pendingEnterprise();
    const noReason = await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/reject`, headers: bearer(bureau), payload: {} });
    expect(noReason.statusCode).toBe(422);
    const res = await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/reject`, headers: bearer(bureau), payload: { reason: '营业执照信息与名称不符' } });
    expect(res.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
    expect(me.json().organization).toMatchObject({ status: 'rejected', statusReason: '营业执照信息与名称不符' });
  });

  it('a decided organisation cannot be decided again (409, unchanged)', async () => {
    const bureau = await bureauToken(env);
    const { organization } = await pendingEnterprise();
    await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/verify`, headers: bearer(bureau), payload: {} });
    const before = await fingerprint(env);
    const again = await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/reject`, headers: bearer(bureau), payload: { reason: 'changed my mind' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'illegal_transition' });
    expect(await fingerprint(env)).toEqual(before);
  });

  it('every other role is refused verification and rejection, and nothing changes', async () => {
    const { organization, token: ownAdmin } = await pendingEnterprise();
    const solver = await registerUser(app, foreignSolverRegistration());
    const solverToken = (await login(app, solver.user.email)).accessToken;
    const expert = (await staffToken(env, 'expert')).token;
    const finance = (await staffToken(env, 'finance')).token;
    const before = await fingerprint(env);
    for (const [who, headers, status] of [
      ['anonymous', {}, 401],
      ['its own admin', bearer(ownAdmin), 403],
      ['a solver', bearer(solverToken), 403],
      ['an expert', bearer(expert), 403],
      ['finance', bearer(finance), 403],
    ] as const) {
      for (const action of ['verify', 'reject']) {
        const res = await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/${action}`, headers, payload: { reason: 'because I can' } });
        expect(res.statusCode, `${who} ${action}`).toBe(status);
      }
    }
    expect(await fingerprint(env)).toEqual(before);
  });

  it('non-bureau readers may not list pending organisations or read one', async () => {
    const { organization, token } = await pendingEnterprise();
    const other = await pendingEnterprise();
    expect((await app.inject({ method: 'GET', url: '/api/organizations?status=pending', headers: bearer(token) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/organizations/${organization.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/organizations/${organization.id}`, headers: bearer(other.token) })).statusCode).toBe(404);
    const own = await app.inject({ method: 'GET', url: `/api/organizations/${organization.id}`, headers: bearer(token) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toHaveProperty('uscc');
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    const bureau = await bureauToken(env);
    expect((await app.inject({ method: 'POST', url: '/api/organizations/00000000-0000-4000-8000-000000000000/verify', headers: bearer(bureau), payload: {} })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: '/api/organizations/not-a-uuid/verify', headers: bearer(bureau), payload: {} });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('params.id');
  });
});

describe('join requests', () => {
  it("the organisation's admin approves a join request; the user becomes a member", async () => {
    const admin = await pendingEnterprise();
    const uscc = (await app.inject({ method: 'GET', url: '/api/me', headers: bearer(admin.token) })).json().organization.uscc;
    const joiner = await registerUser(app, enterpriseRegistration({}, { uscc }));
    const list = await app.inject({ method: 'GET', url: `/api/organizations/${admin.organization.id}/join-requests`, headers: bearer(admin.token) });
    expect(list.json().items).toContainEqual(expect.objectContaining({ id: joiner.joinRequest!.id, status: 'pending', userEmail: joiner.user.email }));
    const res = await app.inject({ method: 'POST', url: `/api/join-requests/${joiner.joinRequest!.id}/approve`, headers: bearer(admin.token), payload: {} });
    expect(res.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer((await login(app, joiner.user.email)).accessToken) });
    expect(me.json().user.organizationId).toBe(admin.organization.id);
    expect(me.json().pendingJoinRequest).toBeNull();
  });

  it('a plain member, another organisation and a pending joiner may not decide; the bureau may', async () => {
    const admin = await pendingEnterprise();
    const uscc = (await app.inject({ method: 'GET', url: '/api/me', headers: bearer(admin.token) })).json().organization.uscc;
    const member = await registerUser(app, enterpriseRegistration({}, { uscc }));
    await app.inject({ method: 'POST', url: `/api/join-requests/${member.joinRequest!.id}/approve`, headers: bearer(admin.token), payload: {} });
    const memberToken = (await login(app, member.user.email)).accessToken;
    const joiner = await registerUser(app, enterpriseRegistration({}, { uscc }));
    const joinerToken = (await login(app, joiner.user.email)).accessToken;
    const stranger = await pendingEnterprise();

    const before = await fingerprint(env);
    for (const token of [memberToken, joinerToken, stranger.token]) {
      const res = await app.inject({ method: 'POST', url: `/api/join-requests/${joiner.joinRequest!.id}/approve`, headers: bearer(token), payload: {} });
      expect(res.statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/api/organizations/${admin.organization.id}/join-requests`, headers: bearer(token) })).statusCode).toBe(403);
    }
    expect(await fingerprint(env)).toEqual(before);

    const bureau = await bureauToken(env);
    const res = await app.inject({ method: 'POST', url: `/api/join-requests/${joiner.joinRequest!.id}/reject`, headers: bearer(bureau), payload: { reason: '非本公司员工' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('rejected');
  });
});
