import { applications, applicationVersions, challenges, type Db } from '@challenge/db';
import { AppError, type Actor, type ApplicationDraft } from '@challenge/domain';
import { desc, eq } from 'drizzle-orm';
import { challengeAccess, isOwner, loadReaderFacts } from '../challenges/access';
import type { ChallengeRow } from '../challenges/records';

export type ApplicationRow = typeof applications.$inferSelect;
export type VersionRow = typeof applicationVersions.$inferSelect;

/**
 * What a reader may see of one application (product.md "Rules that must always hold"):
 * - `applicant`: solvers of the applying organisation — the draft, every version, and the actions;
 * - `submitted`: the owner organisation once the deadline has passed, and the bureau — the latest
 *   frozen version only, never a draft (an application never submitted is invisible to them);
 * - `none`: everyone else, other solvers included (answered as not found).
 * Experts see the applications assigned to them (the review work adds that rule here).
 */
export type ApplicationAccess = 'none' | 'submitted' | 'applicant';

export function applicationAccess(actor: Actor, a: Pick<ApplicationRow, 'organizationId' | 'version'>, c: ChallengeRow, now: Date): ApplicationAccess {
  if (!actor) return 'none';
  if (actor.role === 'solver' && actor.organizationId === a.organizationId) return 'applicant';
  if (a.version === 0) return 'none';
  if (actor.role === 'bureau') return 'submitted';
  if (isOwner(actor, c) && c.deadline && now.getTime() >= c.deadline.getTime()) return 'submitted';
  return 'none';
}

/** Locks the application and its challenge (the challenge shared: a deadline extension waits for this). */
export async function lockApplication(tx: Db, actor: Actor, id: string, now: Date): Promise<{ application: ApplicationRow; challenge: ChallengeRow }> {
  const [application] = await tx.select().from(applications).where(eq(applications.id, id)).for('update').limit(1);
  if (!application) throw new AppError('not_found');
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, application.challengeId)).for('share').limit(1);
  if (!challenge || applicationAccess(actor, application, challenge, now) === 'none') throw new AppError('not_found');
  return { application, challenge };
}

/** The challenge an applicant may apply to: published, before its deadline, its details open to the reader. */
export async function loadOpenChallengeFor(tx: Db, actor: Actor, challengeId: string, now: Date): Promise<ChallengeRow> {
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('share').limit(1);
  if (!challenge) throw new AppError('not_found');
  const facts = await loadReaderFacts(tx, actor, [challengeId]);
  const access = challengeAccess(actor, challenge, facts(challengeId));
  if (access === 'none') throw new AppError('not_found');
  if (access === 'summary') throw new AppError('confidentiality_required');
  assertOpen(challenge, now);
  return challenge;
}

/**
 * Applying, editing, submitting and withdrawing end at the deadline instant, whatever the stored state
 * says: `deadline_passed` by the clock, and the same once the close is recorded (product.md: never
 * whether the background loop has moved the state; asking a question answers alike); any other state
 * (cancelled, in review, …) is `illegal_transition`.
 */
export function assertOpen(c: ChallengeRow, now: Date): void {
  const pastDeadline = !c.deadline || now.getTime() >= c.deadline.getTime();
  if (c.state === 'closed' || (c.state === 'published' && pastDeadline)) throw new AppError('deadline_passed');
  if (c.state !== 'published') throw new AppError('illegal_transition', { entity: 'challenge', from: c.state, action: 'apply' });
}

export const latestVersion = async (db: Db, applicationId: string): Promise<VersionRow | undefined> =>
  (await db.select().from(applicationVersions).where(eq(applicationVersions.applicationId, applicationId)).orderBy(desc(applicationVersions.version)).limit(1))[0];

/** An empty draft for `organizationId`: every field present, nothing filled. */
export const emptyDraft = (organizationId: string): ApplicationDraft => ({
  responses: {}, team: [], leadOrganizationId: organizationId, partnerOrganizationIds: [], priorResults: null, requestedFen: null, milestones: [],
});

/** What the audit log keeps of an application: its facts, not its text (a proposal may hold personal data). */
export const applicationAuditSnapshot = (a: ApplicationRow) => ({
  state: a.state, organizationId: a.organizationId, challengeId: a.challengeId, version: a.version, requestedFen: a.requestedFen,
  partnerOrganizationIds: a.partnerOrganizationIds, receiptSequence: a.receiptSequence,
});
