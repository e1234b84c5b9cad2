import { stat } from 'node:fs/promises';
import { attachments, challenges } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { challengeAccess, loadReaderFacts } from '../challenges/access';
import type { ServiceContext } from '../context';
import type { AttachmentRow } from './attachment-view';
import { storagePath } from './storage';

/**
 * An attachment for download, if the reader may see the parent challenge's details — the same
 * access rule as the challenge routes. Hidden (404) from whoever may not know the parent exists;
 * 401/403 for whoever sees the challenge's summary but not its details.
 */
export async function readAttachment(ctx: ServiceContext, actor: Actor, id: string): Promise<{ attachment: AttachmentRow; path: string }> {
  const [attachment] = await ctx.db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  if (!attachment) throw new AppError('not_found');
  const [parent] = await ctx.db.select().from(challenges).where(eq(challenges.id, attachment.parentId)).limit(1);
  if (!parent) throw new AppError('not_found');
  const facts = await loadReaderFacts(ctx.db, actor, [parent.id]);
  const access = challengeAccess(actor, parent, facts(parent.id));
  if (access === 'none') throw new AppError('not_found');
  if (access === 'summary') throw new AppError(actor ? 'confidentiality_required' : 'unauthenticated');
  const path = storagePath(ctx, attachment.storageName);
  const file = await stat(path).catch(() => null);
  if (!file || file.size !== attachment.sizeBytes) throw new Error(`attachment ${attachment.id}: stored file missing or changed`);
  return { attachment, path };
}
