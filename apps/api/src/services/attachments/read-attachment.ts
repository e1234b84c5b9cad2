import { stat } from 'node:fs/promises';
import { applications, attachments, challenges, projectMilestones } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { challengeAccess, loadReaderFacts } from '../challenges/access';
import { applicationAccess, latestVersion } from '../applications/records';
import type { ServiceContext } from '../context';
import { projectFor } from '../projects/records';
import { expertMayRead } from '../reviews/access';
import type { AttachmentRow } from './attachment-view';
import { storagePath } from './storage';

/**
 * An attachment for download, if the reader may see its parent: a challenge's details (the same
 * access rule as the challenge routes), or the application. Hidden (404) from whoever may not know the parent exists;
 * 401/403 for whoever sees the challenge's summary but not its details.
 */
export async function readAttachment(ctx: ServiceContext, actor: Actor, id: string): Promise<{ attachment: AttachmentRow; path: string }> {
  const [attachment] = await ctx.db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  if (!attachment) throw new AppError('not_found');
  if (attachment.parentType === 'application') await assertMayReadApplicationFile(ctx, actor, attachment);
  else if (attachment.parentType === 'milestone') await assertMayReadMilestoneFile(ctx, actor, attachment.parentId);
  else await assertMayReadChallengeFile(ctx, actor, attachment.parentId);
  const path = storagePath(ctx, attachment.storageName);
  const file = await stat(path).catch(() => null);
  if (!file || file.size !== attachment.sizeBytes) throw new Error(`attachment ${attachment.id}: stored file missing or changed`);
  return { attachment, path };
}

async function assertMayReadChallengeFile(ctx: ServiceContext, actor: Actor, challengeId: string) {
  const [parent] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!parent) throw new AppError('not_found');
  const facts = await loadReaderFacts(ctx.db, actor, [parent.id]);
  const access = challengeAccess(actor, parent, facts(parent.id));
  if (access === 'none') throw new AppError('not_found');
  if (access === 'summary') throw new AppError(actor ? 'confidentiality_required' : 'unauthenticated');
}

/**
 * An application's file, for whoever may read the application: the applicant any of its files; the
 * bureau, the owner after the deadline and an expert reviewing it (declared free of conflict) only
 * the files of its latest submitted version — those uploaded before that submission.
 */
async function assertMayReadApplicationFile(ctx: ServiceContext, actor: Actor, attachment: AttachmentRow) {
  const [a] = await ctx.db.select().from(applications).where(eq(applications.id, attachment.parentId)).limit(1);
  const [c] = a ? await ctx.db.select().from(challenges).where(eq(challenges.id, a.challengeId)).limit(1) : [];
  if (!a || !c) throw new AppError('not_found');
  let access = applicationAccess(actor, a, c, ctx.clock.now());
  if (access === 'none' && actor?.role === 'expert' && (await expertMayRead(ctx.db, actor.userId, a.id))) access = 'submitted';
  if (access === 'none') throw new AppError('not_found');
  if (access === 'submitted') {
    const latest = await latestVersion(ctx.db, a.id);
    if (!latest || attachment.createdAt.getTime() > latest.submittedAt.getTime()) throw new AppError('not_found');
  }
}

/** A milestone's deliverables, for whoever may see the project (its parties, the bureau, finance). */
async function assertMayReadMilestoneFile(ctx: ServiceContext, actor: Actor, milestoneId: string) {
  const [m] = await ctx.db.select({ projectId: projectMilestones.projectId }).from(projectMilestones).where(eq(projectMilestones.id, milestoneId)).limit(1);
  if (!m) throw new AppError('not_found');
  await projectFor(ctx.db, actor, m.projectId);
}
