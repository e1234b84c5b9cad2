import type { attachments } from '@challenge/db';
import type { AttachmentViewType } from '../../schemas/challenges';

export type AttachmentRow = typeof attachments.$inferSelect;

export const attachmentView = (a: AttachmentRow): AttachmentViewType => ({
  id: a.id,
  parentType: a.parentType,
  parentId: a.parentId,
  filename: a.originalFilename,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  createdAt: a.createdAt.toISOString(),
});
