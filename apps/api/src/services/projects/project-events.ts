import { users, type Db } from '@challenge/db';
import type { NotificationKind } from '@challenge/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { recordEvent } from '../notifications/events';
import type { ProjectRow } from './records';

export type Party = 'solver' | 'owner' | 'bureau' | 'finance';

/** The active users of each party: the solver's organisation, the owner's, the bureau's or finance's staff. */
async function membersOf(tx: Db, project: ProjectRow, ownerOrganizationId: string, parties: readonly Party[]): Promise<string[]> {
  const orgs = [...(parties.includes('solver') ? [project.organizationId] : []), ...(parties.includes('owner') ? [ownerOrganizationId] : [])];
  const roles = parties.filter((p): p is 'bureau' | 'finance' => p === 'bureau' || p === 'finance');
  const ids: string[] = [];
  if (orgs.length > 0) ids.push(...(await tx.select({ id: users.id }).from(users).where(and(inArray(users.organizationId, orgs), eq(users.status, 'active')))).map((u) => u.id));
  if (roles.length > 0) ids.push(...(await tx.select({ id: users.id }).from(users).where(and(inArray(users.role, roles), eq(users.status, 'active')))).map((u) => u.id));
  return [...new Set(ids)];
}

/**
 * A project event for the parties it concerns, but not whoever caused it: every recipient already
 * sees the project (product.md: solver, owner, bureau, finance), so nothing is told to anyone who
 * may not see it.
 */
export async function recordProjectEvent(
  tx: Db,
  event: { kind: NotificationKind; project: ProjectRow; ownerOrganizationId: string; subjectId: string; parties: readonly Party[]; actorId?: string; at: Date; data?: Record<string, unknown> },
) {
  const recipientIds = (await membersOf(tx, event.project, event.ownerOrganizationId, event.parties)).filter((id) => id !== event.actorId);
  if (recipientIds.length === 0) return;
  await recordEvent(tx, {
    kind: event.kind, challengeId: event.project.challengeId, subjectId: event.subjectId, at: event.at,
    payload: { projectId: event.project.id, recipientIds, ...event.data },
  });
}
