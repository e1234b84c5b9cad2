import { createHash } from 'node:crypto';
import { appendAudit, attachments } from '@challenge/db';
import { AppError, assertMayTake, milestoneMachine, type Actor } from '@challenge/domain';
import { and, count, eq } from 'drizzle-orm';
import { lockApplication, assertOpen } from '../applications/records';
import { milestoneFor } from '../projects/records';
import { lockVisibleChallenge } from '../challenges/records';
import { assertDraftEditable } from '../challenges/rules';
import { inTransaction, type ServiceContext } from '../context';
import { detectFileType, nameAgreesWithContent } from './detect-type';
import { newStorageName, removeStoredFile, writeStoredFile } from './storage';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_PARENT = 20;

export interface UploadInput {
  parentType: 'challenge' | 'application' | 'milestone';
  parentId: string;
  filename: string;
  bytes: Buffer;
}

/**
 * The uploader's file name, kept only to offer it back on download: no directories, no control or
 * bidirectional-override characters (which disguise extensions), at most 200 characters.
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '').trim().replace(/^\.+/, '');
  return [...cleaned].slice(0, 200).join('');
}

/**
 * The owner attaches a file to a draft challenge; the applicant to its application while it may be
 * edited (before the deadline, not withdrawn); the project's solver its deliverables to a milestone it
 * may submit (pending or returned, project active). The type is detected from the content.
 */
export async function uploadAttachment(ctx: ServiceContext, actor: Actor, input: UploadInput) {
  const filename = cleanFilename(input.filename);
  const storageName = newStorageName();
  return inTransaction(ctx, async (tx) => {
    const parent = input.parentType === 'challenge' ? await editableChallenge(tx, actor, input.parentId)
      : input.parentType === 'application' ? await editableApplication(tx, actor, input.parentId, ctx.clock.now())
      : await submittableMilestone(tx, actor, input.parentId);
    if (input.bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError('payload_too_large');
    if (!filename) throw AppError.invalid([{ field: 'query.filename', code: 'required' }]);
    const detected = detectFileType(input.bytes);
    if (!detected.ok) {
      if (detected.reason === 'empty') throw AppError.invalid([{ field: 'body', code: 'empty' }]);
      throw new AppError('file_type_not_allowed', { reason: detected.reason });
    }
    if (!nameAgreesWithContent(filename, detected.kind)) throw new AppError('file_type_not_allowed', { reason: 'name_mismatch' });
    const [existing] = await tx
      .select({ n: count() })
      .from(attachments)
      .where(and(eq(attachments.parentType, input.parentType), eq(attachments.parentId, parent.id)));
    if ((existing?.n ?? 0) >= ATTACHMENTS_PER_PARENT) throw new AppError('attachment_limit_reached', { limit: ATTACHMENTS_PER_PARENT });

    // Written before the row, inside the transaction: if anything after fails, including the commit, the file goes.
    await writeStoredFile(ctx, storageName, input.bytes);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(attachments)
      .values({
        parentType: input.parentType, parentId: parent.id, originalFilename: filename, contentType: detected.contentType, sizeBytes: input.bytes.length,
        sha256: createHash('sha256').update(input.bytes).digest('hex'), storageName, uploadedBy: actor!.userId, createdAt: now,
      })
      .returning();
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'attachment.upload', entityType: 'attachment', entityId: row!.id,
      after: { parentType: row!.parentType, parentId: row!.parentId, filename: row!.originalFilename, contentType: row!.contentType, sizeBytes: row!.sizeBytes, sha256: row!.sha256 },
    });
    return row!;
  }).catch(async (e: unknown) => {
    await removeStoredFile(ctx, storageName);
    throw e;
  });
}

async function editableChallenge(tx: ServiceContext['db'], actor: Actor, id: string) {
  const challenge = await lockVisibleChallenge(tx, actor, id);
  assertDraftEditable(actor, challenge, 'attach');
  return challenge;
}

/** The applicant's own application, before the deadline and not withdrawn (others: as if it did not exist). */
async function editableApplication(tx: ServiceContext['db'], actor: Actor, id: string, now: Date) {
  const { application, challenge } = await lockApplication(tx, actor, id, now);
  if (actor?.role !== 'solver' || actor.organizationId !== application.organizationId) throw new AppError('forbidden', { entity: 'application', action: 'attach' });
  assertOpen(challenge, now);
  if (application.state !== 'draft' && application.state !== 'submitted') throw new AppError('illegal_transition', { entity: 'application', from: application.state, action: 'attach' });
  return application;
}

/** A milestone of an active project that its solver may (re)submit. */
async function submittableMilestone(tx: ServiceContext['db'], actor: Actor, id: string) {
  const { milestone, project, relation } = await milestoneFor(tx, actor, id);
  assertMayTake(milestoneMachine, 'submit', actor!.role, relation);
  if (project.state !== 'active') throw new AppError('illegal_transition', { entity: 'project', from: project.state, action: 'attach' });
  if (milestone.state !== 'pending' && milestone.state !== 'returned') throw new AppError('illegal_transition', { entity: 'milestone', from: milestone.state, action: 'attach' });
  return milestone;
}
