import { auditLog, PERSONAL_FIELDS, users } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, asc, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { normalizeEmail } from '../accounts/register';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  actorEmail?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** The audit log is the bureau's alone (api.md `GET /api/audit`). */
export function assertMayReadAudit(actor: Actor, action: string): void {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'audit', action });
}

type Snapshot = Record<string, unknown> | null;

/**
 * Values are redacted before they are hashed (packages/db/src/audit.ts), so the log holds none; this
 * strips the names again in case a row ever carries one, since the viewer must never show them.
 */
function withoutPersonal(entityType: string, s: unknown): Snapshot {
  if (!s || typeof s !== 'object') return null;
  const personal = PERSONAL_FIELDS[entityType] ?? [];
  return Object.fromEntries(Object.entries(s as Record<string, unknown>).filter(([k]) => !personal.includes(k)));
}

/**
 * The log newest first, filtered by entity, actor (id or e-mail), action and an inclusive time range.
 * Each record comes with its actor's current display name where the account still resolves.
 */
export async function readAudit(ctx: ServiceContext, actor: Actor, q: AuditFilter) {
  assertMayReadAudit(actor, 'read');
  if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) {
    throw AppError.invalid([{ field: 'querystring.from', code: 'range', params: { from: q.from, to: q.to } }]);
  }
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  let actorId = q.actorId;
  if (q.actorEmail) {
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, normalizeEmail(q.actorEmail))).limit(1);
    if (!user || (actorId && actorId !== user.id)) return empty;
    actorId = user.id;
  }
  const conditions: (SQL | undefined)[] = [
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    actorId ? eq(auditLog.actorId, actorId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ row: auditLog, displayName: users.displayName })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      // The id is the chain's order: newest first even when two records share an instant.
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map(({ row: r, displayName }) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorId ? { id: r.actorId, role: r.actorRole, displayName: displayName ?? null } : null,
      action: r.action,
      entity: { type: r.entityType, id: r.entityId },
      before: withoutPersonal(r.entityType, r.before),
      after: withoutPersonal(r.entityType, r.after),
      changedPersonalFields: r.changedPersonalFields,
      hash: r.hash,
      prevHash: r.prevHash,
    })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The entity types and actions the log holds, for the viewer's filter lists. */
export async function auditFacets(ctx: ServiceContext, actor: Actor) {
  assertMayReadAudit(actor, 'read');
  const [types, actions] = await Promise.all([
    ctx.db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
    ctx.db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
  ]);
  return { entityTypes: types.map((t) => t.v), actions: actions.map((a) => a.v) };
}
