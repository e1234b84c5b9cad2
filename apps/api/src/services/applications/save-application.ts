import { appendAudit, applications, organizations, type Db } from '@challenge/db';
import { AppError, applicationLimitIssues, ownerConflict, type Actor, type ApplicationDraft } from '@challenge/domain';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { applicationAuditSnapshot, assertOpen, emptyDraft, loadOpenChallengeFor, lockApplication, type ApplicationRow } from './records';

/** What a solver may change in a draft; the lead organisation is always the solver's own. */
export type ApplicationPatch = Partial<Omit<ApplicationDraft, 'leadOrganizationId'>>;

const solverOf = (actor: Actor) => {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'solver') throw new AppError('forbidden', { entity: 'application', action: 'create' });
  if (!actor.organizationId) throw new AppError('organization_not_verified');
  return { ...actor, organizationId: actor.organizationId };
};

/**
 * A solver starts an application to a published challenge before its deadline (product.md step 5),
 * for its own organisation: one active application per organisation per challenge (the unique index
 * decides between two racing requests), never to its own organisation's challenge.
 */
export async function createApplication(ctx: ServiceContext, actor: Actor, challengeId: string, patch: ApplicationPatch = {}): Promise<ApplicationRow> {
  const solver = solverOf(actor);
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const challenge = await loadOpenChallengeFor(tx, actor, challengeId, now);
    if (ownerConflict(challenge.ownerOrganizationId, solver.organizationId, []) !== null) throw new AppError('forbidden', { entity: 'application', action: 'create' });
    const content = await checkedDraft(tx, { ...emptyDraft(solver.organizationId), ...patch, leadOrganizationId: solver.organizationId }, challenge.ownerOrganizationId);
    const [existing] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.challengeId, challengeId), eq(applications.organizationId, solver.organizationId), ne(applications.state, 'withdrawn')));
    if (existing) throw new AppError('application_exists', { id: existing.id });
    const [created] = await tx
      .insert(applications)
      .values({
        challengeId, organizationId: solver.organizationId, createdBy: solver.userId, content, partnerOrganizationIds: [...content.partnerOrganizationIds],
        requestedFen: content.requestedFen, createdAt: now, updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    // The unique index turned away a concurrent twin: same answer as when it was seen above.
    if (!created) throw new AppError('application_exists', {});
    await appendAudit(tx, {
      at: now, actorId: solver.userId, actorRole: solver.role, action: 'application.create', entityType: 'application', entityId: created.id,
      before: null, after: applicationAuditSnapshot(created),
    });
    return created;
  });
}

/**
 * Saves the solver's draft as it is (autosave): only lengths and counts are checked, completeness
 * waits for submission. Allowed while the challenge is open, for a draft and for a submitted
 * application (whose frozen version stays what reviewers read until it is submitted again).
 */
export async function saveApplication(ctx: ServiceContext, actor: Actor, id: string, patch: ApplicationPatch): Promise<ApplicationRow> {
  const solver = solverOf(actor);
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const { application, challenge } = await lockApplication(tx, actor, id, now);
    if (application.organizationId !== solver.organizationId) throw new AppError('not_found');
    if (application.state !== 'draft' && application.state !== 'submitted') {
      throw new AppError('illegal_transition', { entity: 'application', from: application.state, action: 'edit' });
    }
    assertOpen(challenge, now);
    const content = await checkedDraft(tx, { ...(application.content as ApplicationDraft), ...patch, leadOrganizationId: application.organizationId }, challenge.ownerOrganizationId);
    const [after] = await tx
      .update(applications)
      .set({ content, partnerOrganizationIds: [...content.partnerOrganizationIds], requestedFen: content.requestedFen, updatedAt: now })
      .where(eq(applications.id, id))
      .returning();
    return after!;
  });
}

/**
 * A draft within limits whose partners are real organisations other than the lead and the owner
 * (a consortium partner of the owner would be applying to its own challenge).
 */
async function checkedDraft(tx: Db, draft: ApplicationDraft, ownerOrganizationId: string): Promise<ApplicationDraft> {
  const issues = applicationLimitIssues(draft);
  const partners = draft.partnerOrganizationIds;
  if (partners.length > 0) {
    const found = await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, [...partners]));
    const known = new Set(found.map((o) => o.id));
    partners.forEach((p, i) => { if (!known.has(p)) issues.push({ field: `partnerOrganizationIds.${i}`, code: 'unknown_organization' }); });
  }
  const conflict = ownerConflict(ownerOrganizationId, draft.leadOrganizationId, partners);
  if (conflict === 'partner_is_owner') issues.push({ field: 'partnerOrganizationIds', code: 'own_challenge' });
  if (issues.length > 0) throw AppError.invalid(issues);
  return draft;
}
