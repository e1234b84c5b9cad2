import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearer, bureauToken, enterpriseRegistration, fingerprint, foreignSolverRegistration, login, PASSWORD, registerUser, setupTestApp, unique } from './helpers';

const env = await setupTestApp();
const { app } = env;

const register = (payload: Record<string, unknown>, lang = 'en') =>
  app.inject({ method: 'POST', url: '/api/auth/register', payload, headers: { 'accept-language': lang } });

describe('registration', () => {
  it('registers an enterprise with its organisation, pending verification, as its admin', async () => {
    const body = enterpriseRegistration();
    const res = await register(body);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.user).toMatchObject({ email: body.email, role: 'enterprise', isOrgAdmin: true, status: 'active', organizationId: r.organization.id });
    expect(r.organization).toMatchObject({ status: 'pending', uscc: body.organization.uscc, kind: 'enterprise' });
    expect(r.joinRequest).toBeNull();
    expect(JSON.stringify(r)).not.toContain('password');
  });

  it("accepts the standard's example USCC and normalises case and spaces", async () => {
    const res = await register(enterpriseRegistration({}, { uscc: ' 91350100m000100y43 ' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().organization.uscc).toBe('91350100M000100Y43');
  });

  it.each([
    ['wrong check character', '91350100M000100Y44'],
    ['forbidden letter', '91350100M000100I43'],
    ['too short', '91350100M000100Y4'],
  ])('refuses a corrupted USCC (%s) with a localised field error and stores nothing', async (_name, uscc) => {
    const before = await fingerprint(env);
    const zh = await register(enterpriseRegistration({}, { uscc }), 'zh-CN');
    expect(zh.statusCode).toBe(422);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({ code: 'uscc_invalid', status: 422, title: '统一社会信用代码无效' });
    expect(zh.json().errors[0].field).toBe('organization.uscc');
    const en = await register(enterpriseRegistration({}, { uscc }), 'en-GB,en;q=0.9');
    expect(en.json().title).toBe('Invalid USCC');
    expect(await fingerprint(env)).toEqual(before);
  });

  it('requires a USCC of a Chinese legal entity', async () => {
    const res = await register(enterpriseRegistration({}, { uscc: undefined }));
    expect(res.json().code).toBe('uscc_required');
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const before = await fingerprint(env);
    const res = await register({ ...enterpriseRegistration(), isAdmin: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'body.isAdmin', code: 'additionalProperties' }));
    expect(await fingerprint(env)).toEqual(before);
  });

  it('reports every invalid field at once', async () => {
    const res = await register({ email: 'not-an-email', password: 'short', displayName: '', role: 'solver', organization: { kind: 'guild', country: 'china' } });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.displayName', 'body.organization.kind', 'body.organization.country']));
  });

  it.each(['bureau', 'expert', 'finance'])('refuses self-registration as %s', async (role) => {
    const before = await fingerprint(env);
    const res = await register(enterpriseRegistration({ role }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('role_not_allowed');
    expect(await fingerprint(env)).toEqual(before);
  });

  it('refuses an enterprise account for a foreign organisation', async () => {
    const res = await register(foreignSolverRegistration({ role: 'enterprise' }));
    expect(res.json().code).toBe('organization_kind_not_allowed');
  });

  it('registers a foreign solver with a website and institutional e-mail domain, no USCC', async () => {
    const body = foreignSolverRegistration();
    const res = await register(body);
    expect(res.statusCode).toBe(201);
    expect(res.json().organization).toMatchObject({ country: 'DE', uscc: null, emailDomain: body.organization.emailDomain });
  });

  it('requires the foreign registrant to use the institutional e-mail domain', async () => {
    const res = await register(foreignSolverRegistration({ email: `someone.${unique()}@gmail.com` }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'email_domain_mismatch' });
  });

  it('requires a website and domain from organisations without a USCC', async () => {
    const res = await register(foreignSolverRegistration({}, { website: undefined }));
    expect(res.json().code).toBe('foreign_identity_required');
  });

  it('refuses a second account with the same e-mail (any case)', async () => {
    const body = enterpriseRegistration();
    await registerUser(app, body);
    const res = await register(enterpriseRegistration({ email: body.email.toUpperCase() }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('email_taken');
  });

  it('turns a known USCC into a join request instead of a second organisation', async () => {
    const first = await registerUser(app, enterpriseRegistration());
    const org = (await app.inject({ method: 'GET', url: '/api/me', headers: bearer((await login(app, first.user.email)).accessToken) })).json().organization;
    const res = await register(enterpriseRegistration({}, { uscc: org.uscc }));
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.organization.id).toBe(first.organization.id);
    expect(r.user).toMatchObject({ organizationId: null, isOrgAdmin: false });
    expect(r.joinRequest).toMatchObject({ status: 'pending' });
  });
});

describe('sign-in and tokens', () => {
  const signedUp = registerUser(app, enterpriseRegistration());

  it('signs in, shows /api/me, and refuses a wrong password without saying which part was wrong', async () => {
    const { user } = await signedUp;
    const tokens = await login(app, user.email);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(tokens.accessToken) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(user.email);
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'wrong-password' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `nobody-${unique()}@x.cn`, password: 'wrong-password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().code).toBe(wrong.json().code);
  });

  it('refuses /api/me without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('rate-limits sign-in attempts per address and e-mail', async () => {
    const email = `target-${unique()}@x.cn`;
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'guess-guess' } })).statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const limited = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'guess-guess' }, headers: { 'accept-language': 'en' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const { user } = await signedUp;
    const first = await login(app, user.email);
    const r1 = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
    expect(r1.statusCode).toBe(200);
    const second = r1.json();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reuse = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('refresh_token_reused');
    // The legitimate newer token of the same family is dead too.
    const after = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: second.refreshToken } });
    expect(after.statusCode).toBe(401);
    // Another sign-in of the same user is unaffected.
    const other = await login(app, user.email);
    expect((await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: other.refreshToken } })).statusCode).toBe(200);
  });

  it('logout ends the sign-in', async () => {
    const { user } = await signedUp;
    const t = await login(app, user.email);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: t.refreshToken } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: t.refreshToken } })).statusCode).toBe(401);
  });

  it('expires access tokens by the injected clock', async () => {
    const { user } = await signedUp;
    const t = await login(app, user.email);
    env.clock.advance(16 * 60 * 1000);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.accessToken) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('token_expired');
    } finally {
      env.clock.reset();
    }
  });

  describe('forged tokens are refused', () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const parts = async () => {
      const { user } = await signedUp;
      const [h, p, s] = (await login(app, user.email)).accessToken.split('.');
      return { h: h!, p: p!, s: s!, payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
    };
    const me = (token: string) => app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });

    it('alg none', async () => {
      const { payload } = await parts();
      const res = await me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('token_invalid');
    });

    it('signed with another key', async () => {
      const { payload } = await parts();
      const head = b64({ alg: 'HS256', typ: 'JWT' });
      const body = b64(payload);
      const sig = createHmac('sha256', 'some-other-secret').update(`${head}.${body}`).digest('base64url');
      expect((await me(`${head}.${body}.${sig}`)).statusCode).toBe(401);
    });

    it('a changed payload (role escalated)', async () => {
      const { h, s, payload } = await parts();
      expect((await me(`${h}.${b64({ ...payload, role: 'bureau' })}.${s}`)).statusCode).toBe(401);
    });

    it('a refresh token presented as an access token', async () => {
      const { user } = await signedUp;
      expect((await me((await login(app, user.email)).refreshToken)).statusCode).toBe(401);
    });

    it('a malformed authorization header', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } });
      expect(res.statusCode).toBe(401);
    });
  });

  it('a disabled user is refused at once, tokens and refresh alike', async () => {
    const { user } = await registerUser(app, enterpriseRegistration());
    const t = await login(app, user.email);
    const bureau = await bureauToken(env);
    expect((await app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: bearer(bureau), payload: { reason: 'left the company' } })).statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.accessToken) });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('account_disabled');
    expect((await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: t.refreshToken } })).statusCode).toBe(401);
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } });
    expect(again.json().code).toBe('account_disabled');
  });
});
