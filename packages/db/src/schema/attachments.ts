import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** What an attachment hangs on; the reader's right to the parent decides who may download it. */
export const attachmentParentTypeEnum = pgEnum('attachment_parent_type', ['challenge', 'application', 'milestone']);

/**
 * Uploaded files. The bytes live under `${DATA_DIR}/attachments/<storageName>`, a server-generated
 * random name; the uploader's file name is kept only for Content-Disposition. `contentType` is what
 * the content was detected to be, never what the client claimed.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentType: attachmentParentTypeEnum('parent_type').notNull(),
    parentId: uuid('parent_id').notNull(),
    originalFilename: text('original_filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageName: text('storage_name').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('attachments_parent_idx').on(t.parentType, t.parentId, t.createdAt),
    index('attachments_uploaded_by_idx').on(t.uploadedBy),
    uniqueIndex('attachments_storage_name_key').on(t.storageName),
    check('attachments_size_positive', sql`${t.sizeBytes} > 0`),
  ],
);
