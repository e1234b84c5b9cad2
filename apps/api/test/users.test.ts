import { describe, expect, it } from 'vitest';
import { bearer, bureauToken, enterpriseRegistration, fingerprint, foreignSolverRegistration, login, PASSWORD, registerUser, setupTestApp, staffToken, unique } from './helpers';

const env = await setupTestApp();
const { app } = env;

const staff = (role: string) => ({ email: `${unique(role)}@staff.example.cn`, password: PASSWORD, displayName: `${role} 用户`, role });

describe('user management by the bureau', () => {
  it.each(['expert', 'bureau', 'finance'])('creates a %s account that can sign in', async (role) => {
    const bureau = await bureauToken(env);
    const body = staff(role);
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: bearer(bureau), payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role, status: 'active', email: body.email });
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer((await login(app, body.email)).accessToken) });
    expect(me.json().user.role).toBe(role);
  });

  it.each(['enterprise', 'solver', 'admin'])('refuses to create a %s account this way', async (role) => {
    const bureau = await bureauToken(env);
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: bearer(bureau), payload: staff(role) });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('role_not_allowed');
  });

  it('refuses every other role, changing nothing', async () => {
    const ent = await registerUser(app, enterpriseRegistration());
    const sol = await registerUser(app, foreignSolverRegistration());
    const tokens = {
      anonymous: null,
      enterprise: (await login(app, ent.user.email)).accessToken,
      solver: (await login(app, sol.user.email)).accessToken,
      expert: (await staffToken(env, 'expert')).token,
      finance: (await staffToken(env, 'finance')).token,
    };
    const before = await fingerprint(env);
    for (const [who, token] of Object.entries(tokens)) {
      const headers = token ? bearer(token) : {};
      const expected = token ? 403 : 401;
      expect((await app.inject({ method: 'POST', url: '/api/users', headers, payload: staff('expert') })).statusCode, `${who} create`).toBe(expected);
      expect((await app.inject({ method: 'GET', url: '/api/users', headers })).statusCode, `${who} list`).toBe(expected);
      expect((await app.inject({ method: 'POST', url: `/api/users/${ent.user.id}/disable`, headers, payload: {} })).statusCode, `${who} disable`).toBe(expected);
    }
    expect(await fingerprint(env)).toEqual(before);
  });

  it('disables and enables; the bureau cannot disable itself; a second disable is refused', async () => {
    const bureauEmail = `${unique('self')}@kgj.example.gov.cn`;
    const bureau = await bureauToken(env, bureauEmail);
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: bearer(bureau) })).json();
    const self = await app.inject({ method: 'POST', url: `/api/users/${me.user.id}/disable`, headers: bearer(bureau), payload: {} });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('cannot_disable_self');

    const { user } = await registerUser(app, foreignSolverRegistration());
    expect((await app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: bearer(bureau), payload: {} })).json().status).toBe('disabled');
    const twice = await app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: bearer(bureau), payload: {} });
    expect(twice.statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: `/api/users/${user.id}/enable`, headers: bearer(bureau), payload: {} })).json().status).toBe('active');
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('lists and filters users', async () => {
    const bureau = await bureauToken(env);
    const body = staff('finance');
    await app.inject({ method: 'POST', url: '/api/users', headers: bearer(bureau), payload: body });
    const res = await app.inject({ method: 'GET', url: `/api/users?role=finance&q=${encodeURIComponent(body.email.slice(0, 12))}`, headers: bearer(bureau) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { email: string }) => u.email)).toContain(body.email);
    expect(res.json().items.every((u: { role: string }) => u.role === 'finance')).toBe(true);
    expect(JSON.stringify(res.json())).not.toMatch(/password/i);
  });

  it('a user changes its own name and language', async () => {
    const { user } = await registerUser(app, enterpriseRegistration());
    const token = (await login(app, user.email)).accessToken;
    const res = await app.inject({ method: 'PATCH', url: '/api/me', headers: bearer(token), payload: { locale: 'en', displayName: 'Wang Gong' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locale: 'en', displayName: 'Wang Gong' });
    expect((await app.inject({ method: 'PATCH', url: '/api/me', headers: bearer(token), payload: { role: 'bureau' } })).statusCode).toBe(422);
  });
});
