import { auditLog, verifyAuditChain } from '@challenge/db';
import { onPostgres } from '@challenge/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bearer, bureauToken, enterpriseRegistration, registerUser, setupTestApp } from './helpers';

// Its own file, so its database holds no row another test tampered with on purpose.
const env = await setupTestApp();
const { app } = env;
const db = env.database.db;

// PGlite has one connection: real concurrency needs PostgreSQL (CI's second pass fails if this is skipped).
describe.runIf(onPostgres())('audit chain under concurrency (PostgreSQL)', () => {
  it('50 concurrent state changes leave an unbroken chain', async () => {
    const bureau = await bureauToken(env);
    const registered = await Promise.all(Array.from({ length: 25 }, () => registerUser(app, enterpriseRegistration())));
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const results = await Promise.all([
      ...registered.map((r) => app.inject({ method: 'POST', url: `/api/organizations/${r.organization.id}/verify`, headers: bearer(bureau), payload: {} })),
      ...Array.from({ length: 25 }, () => app.inject({ method: 'POST', url: '/api/auth/register', payload: enterpriseRegistration() })),
    ]);
    expect(results.map((r) => r.statusCode).filter((s) => s >= 300)).toEqual([]);
    const after = (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    expect(after - before).toBeGreaterThanOrEqual(50);
    const verification = await verifyAuditChain(db);
    expect(verification, JSON.stringify(verification.brokenIds)).toMatchObject({ ok: true, brokenIds: [] });
  });
});
