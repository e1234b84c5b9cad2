import { auditLog, verifyAuditChain } from '@challenge/db';
import { desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bearer, bureauToken, enterpriseRegistration, login, registerUser, setupTestApp } from './helpers';

const env = await setupTestApp();
const { app } = env;
const db = env.database.db;

describe('audit chain', () => {
  it('records each state change with who, what, before and after — personal fields by name only', async () => {
    const body = enterpriseRegistration();
    const { user, organization } = await registerUser(app, body);
    const bureau = await bureauToken(env);
    await app.inject({ method: 'POST', url: `/api/organizations/${organization.id}/verify`, headers: bearer(bureau), payload: {} });

    const [verify] = await db.select().from(auditLog).where(eq(auditLog.entityId, organization.id)).orderBy(desc(auditLog.id)).limit(1);
    expect(verify).toMatchObject({ action: 'organization.verify', actorRole: 'bureau', entityType: 'organization' });
    expect(verify!.before).toMatchObject({ status: 'pending' });
    expect(verify!.after).toMatchObject({ status: 'verified' });

    const [reg] = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id)).limit(1);
    expect(reg!.action).toBe('user.register');
    expect(reg!.changedPersonalFields).toEqual(expect.arrayContaining(['email', 'displayName']));
    expect(JSON.stringify(reg!.after)).not.toContain(body.email);
    expect(JSON.stringify(reg!.after)).not.toContain(body.displayName);
  });

  it('verifies through the bureau route, and refuses everyone else', async () => {
    await registerUser(app, enterpriseRegistration());
    const bureau = await bureauToken(env);
    const res = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer(bureau) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, brokenIds: [] });
    expect(res.json().checked).toBeGreaterThan(2);

    const { user } = await registerUser(app, enterpriseRegistration());
    const enterprise = (await login(app, user.email)).accessToken;
    expect((await app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer(enterprise) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/audit/verify' })).statusCode).toBe(401);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await registerUser(app, enterpriseRegistration());
    // drizzle wraps the driver's error; the database's own message is in `cause`.
    const refusal = (q: Promise<unknown>) => q.then(() => 'accepted', (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e));
    expect(await refusal(db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(db.execute(sql`truncate audit_log`))).toMatch(/append-only \(TRUNCATE refused\)/);
  });

  it('reports a row altered behind its back by its id', async () => {
    await registerUser(app, enterpriseRegistration());
    await registerUser(app, enterpriseRegistration());
    const rows = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(3);
    const victim = rows[1]!.id;
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await tx.execute(sql`update audit_log set action = 'organization.forged' where id = ${victim}`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.brokenIds).toEqual([victim]);
  });
});
