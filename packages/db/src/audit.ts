import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { canonicalJson } from './canonical-json';
import { auditLog } from './schema/audit';

/** Fields whose values never enter the log; a change to one is recorded by its name only. */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  user: ['email', 'displayName', 'passwordHash'],
};

// Any constant works; it only has to be the same for every appender.
const AUDIT_LOCK_KEY = 727_274_001;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type Snapshot = Record<string, unknown> | null;

function redact(entityType: string, before: Snapshot, after: Snapshot) {
  const personal = PERSONAL_FIELDS[entityType] ?? [];
  const changed = personal.filter((f) => canonicalJson(before?.[f] ?? null) !== canonicalJson(after?.[f] ?? null));
  const strip = (s: Snapshot): Snapshot => {
    if (!s) return null;
    // Through JSON so what is hashed equals what jsonb stores (dates become ISO strings, bigints must be strings already).
    const plain = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
    for (const f of personal) delete plain[f];
    return plain;
  };
  return { before: strip(before), after: strip(after), changedPersonalFields: changed };
}

function rowHash(prevHash: string, row: {
  at: Date; actorId: string | null; actorRole: string | null; action: string; entityType: string;
  entityId: string; before: unknown; after: unknown; changedPersonalFields: string[];
}): string {
  const content = canonicalJson({
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    changedPersonalFields: row.changedPersonalFields,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Appends one record to the chain. Call inside the transaction that makes the change. */
export async function appendAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const { before, after, changedPersonalFields } = redact(entry.entityType, entry.before ?? null, entry.after ?? null);
  // Millisecond precision: the column is timestamptz(3), so the instant hashed is the instant stored.
  const at = new Date(Math.floor(entry.at.getTime()));
  const row = { ...entry, at, before, after, changedPersonalFields };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: rowHash(prevHash, row) });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** Ids of rows whose hash or link to the previous row does not match. */
  brokenIds: number[];
}

/** Recomputes the whole chain in id order, in pages, and reports every row that does not match. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  const brokenIds: number[] = [];
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      const expected = rowHash(r.prevHash, {
        at: r.at, actorId: r.actorId, actorRole: r.actorRole, action: r.action, entityType: r.entityType,
        entityId: r.entityId, before: r.before, after: r.after, changedPersonalFields: r.changedPersonalFields,
      });
      if (r.prevHash !== prevHash || r.hash !== expected) brokenIds.push(r.id);
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
  }
  return { ok: brokenIds.length === 0, checked, brokenIds };
}
