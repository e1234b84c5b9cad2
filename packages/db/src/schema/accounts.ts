import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// Enum values mirror packages/domain (roles, organisation kinds, states); stored as Postgres enums,
// never as array indexes.
export const roleEnum = pgEnum('role', ['enterprise', 'solver', 'expert', 'bureau', 'finance']);
export const organizationKindEnum = pgEnum('organization_kind', ['enterprise', 'university', 'institute', 'company', 'team']);
export const organizationStatusEnum = pgEnum('organization_status', ['pending', 'verified', 'rejected']);
export const userStatusEnum = pgEnum('user_status', ['active', 'disabled']);
export const joinRequestStatusEnum = pgEnum('join_request_status', ['pending', 'approved', 'rejected']);
export const localeEnum = pgEnum('locale', ['zh-CN', 'en']);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: organizationKindEnum('kind').notNull(),
    country: text('country').notNull(), // ISO 3166-1 alpha-2
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    uscc: text('uscc'),
    website: text('website'),
    emailDomain: text('email_domain'),
    status: organizationStatusEnum('status').notNull().default('pending'),
    statusReason: text('status_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('organizations_uscc_key').on(t.uscc).where(sql`${t.uscc} is not null`),
    uniqueIndex('organizations_email_domain_key').on(t.emailDomain).where(sql`${t.emailDomain} is not null`),
    index('organizations_status_created_idx').on(t.status, t.createdAt),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    isOrgAdmin: boolean('is_org_admin').notNull().default(false),
    status: userStatusEnum('status').notNull().default('active'),
    locale: localeEnum('locale').notNull().default('zh-CN'),
    /** When the user proved the address by its single-use link; notification e-mail goes only to verified addresses. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_organization_idx').on(t.organizationId),
    index('users_role_created_idx').on(t.role, t.createdAt),
  ],
);

export const joinRequests = pgTable(
  'join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    status: joinRequestStatusEnum('status').notNull().default('pending'),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('join_requests_org_status_idx').on(t.organizationId, t.status),
    index('join_requests_user_idx').on(t.userId),
    index('join_requests_decided_by_idx').on(t.decidedBy),
    uniqueIndex('join_requests_user_pending_key').on(t.userId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Refresh tokens are stored as SHA-256 hashes; a family is one sign-in and its rotations. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
  ],
);
