import type { organizations, users } from '@challenge/db';

type UserRow = typeof users.$inferSelect;
type OrganizationRow = typeof organizations.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const userView = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  status: u.status,
  locale: u.locale,
  organizationId: u.organizationId,
  isOrgAdmin: u.isOrgAdmin,
  emailVerified: u.emailVerifiedAt !== null,
  createdAt: u.createdAt.toISOString(),
});

export const organizationPublicView = (o: OrganizationRow) => ({
  id: o.id,
  kind: o.kind,
  country: o.country,
  nameZh: o.nameZh,
  nameEn: o.nameEn,
  website: o.website,
  status: o.status,
});

export const organizationFullView = (o: OrganizationRow) => ({
  ...organizationPublicView(o),
  uscc: o.uscc,
  emailDomain: o.emailDomain,
  statusReason: o.statusReason,
  decidedAt: iso(o.decidedAt),
  createdAt: o.createdAt.toISOString(),
});

/** The audit snapshot of a user: personal fields are present here and stripped by the audit module. */
export const userAuditSnapshot = (u: UserRow) => ({
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  status: u.status,
  organizationId: u.organizationId,
  isOrgAdmin: u.isOrgAdmin,
  locale: u.locale,
});

export const organizationAuditSnapshot = (o: OrganizationRow) => ({
  kind: o.kind,
  country: o.country,
  nameZh: o.nameZh,
  nameEn: o.nameEn,
  uscc: o.uscc,
  website: o.website,
  emailDomain: o.emailDomain,
  status: o.status,
  statusReason: o.statusReason,
});
