import { organizations, users, verifyAuditChain } from '@challenge/db';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, ensureBureauAdmin, isEmptyDatabase, loadDemoData } from '../src/demo/seed';
import { login, setupTestApp } from './helpers';

const env = await setupTestApp();
const ctx = { db: env.database.db, clock: env.clock };

describe('demo data', () => {
  it('loads through the services into an empty database; every demo account signs in; the audit chain verifies', async () => {
    expect(await isEmptyDatabase(ctx)).toBe(true);
    await loadDemoData(ctx);
    expect(await isEmptyDatabase(ctx)).toBe(false);
    for (const account of DEMO_ACCOUNTS) {
      const tokens = await login(env.app, account.email, account.password);
      const me = (await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${tokens.accessToken}` } })).json();
      expect(me.user.role).toBe(account.role);
    }
    const [pending] = await env.database.db.select({ n: count() }).from(organizations).where(eq(organizations.status, 'pending'));
    expect(pending!.n).toBeGreaterThan(0);
    expect(await verifyAuditChain(env.database.db)).toMatchObject({ ok: true, brokenIds: [] });
  });

  it('loading twice adds nothing', async () => {
    const [before] = await env.database.db.select({ n: count() }).from(users);
    await loadDemoData(ctx);
    const [after] = await env.database.db.select({ n: count() }).from(users);
    expect(after!.n).toBe(before!.n);
  });

  it('creates the production bureau admin once', async () => {
    const a = await ensureBureauAdmin(ctx, { email: 'Admin@KGJ.example.gov.cn', password: 'a-long-password' });
    const b = await ensureBureauAdmin(ctx, { email: 'admin@kgj.example.gov.cn', password: 'another-password' });
    expect(b).toBe(a);
    const [u] = await env.database.db.select().from(users).where(eq(users.id, a));
    expect(u).toMatchObject({ role: 'bureau', email: 'admin@kgj.example.gov.cn', status: 'active' });
  });
});
