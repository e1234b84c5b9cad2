import { appendAudit, joinRequests, organizations, users, type Db } from '@challenge/db';
import { AppError, checkOrganizationIdentity, type OrganizationIdentityInput } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { hashPassword } from '../passwords';
import { sendAccountLink } from './account-links';
import { organizationAuditSnapshot, userAuditSnapshot } from '../views';

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
  role: string;
  locale?: 'zh-CN' | 'en';
  organization: OrganizationIdentityInput;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Registers an enterprise or solver user with a new organisation (pending the bureau's verification),
 * or — when the USCC or institutional e-mail domain is already known — with a join request to the
 * existing organisation, approved by its admin or the bureau.
 */
export async function register(ctx: ServiceContext, input: RegisterInput) {
  if (input.role !== 'enterprise' && input.role !== 'solver') throw new AppError('role_not_allowed', { field: 'role' });
  const role = input.role;
  const email = normalizeEmail(input.email);
  const identity = checkOrganizationIdentity(role, email, input.organization);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();

  return inTransaction(ctx, async (tx) => {
    const existingUser = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existingUser.length > 0) throw new AppError('email_taken', { field: 'email' });

    const known = await findKnownOrganization(tx, identity);
    if (known && role === 'enterprise' && known.kind !== 'enterprise') {
      throw new AppError('organization_kind_not_allowed', { field: 'organization.kind' });
    }

    const organization =
      known ??
      (
        await tx
          .insert(organizations)
          .values({
            kind: input.organization.kind,
            country: input.organization.country,
            nameZh: input.organization.nameZh?.trim() || null,
            nameEn: input.organization.nameEn?.trim() || null,
            uscc: identity.by === 'uscc' ? identity.uscc : null,
            website: input.organization.website ?? null,
            emailDomain: identity.by === 'email_domain' ? identity.emailDomain : (input.organization.emailDomain?.toLowerCase() ?? null),
            status: 'pending',
            createdAt: now,
          })
          .returning()
      )[0]!;

    const [user] = await tx
      .insert(users)
      .values({
        email,
        passwordHash,
        displayName: input.displayName.trim(),
        role,
        organizationId: known ? null : organization.id,
        isOrgAdmin: !known,
        locale: input.locale ?? 'zh-CN',
        createdAt: now,
      })
      .returning();
    const actor = { actorId: user!.id, actorRole: role, at: now };
    if (!known) {
      await appendAudit(tx, { ...actor, action: 'organization.register', entityType: 'organization', entityId: organization.id, after: organizationAuditSnapshot(organization) });
    }
    await appendAudit(tx, { ...actor, action: 'user.register', entityType: 'user', entityId: user!.id, after: userAuditSnapshot(user!) });
    await sendAccountLink(tx, ctx, user!, 'verify_email');

    let joinRequest: { id: string; status: string } | null = null;
    if (known) {
      const [jr] = await tx.insert(joinRequests).values({ organizationId: known.id, userId: user!.id, createdAt: now }).returning();
      joinRequest = { id: jr!.id, status: jr!.status };
      await appendAudit(tx, { ...actor, action: 'join_request.create', entityType: 'join_request', entityId: jr!.id, after: { organizationId: known.id, userId: user!.id, status: 'pending' } });
    }
    return { user: user!, organization, joinRequest };
  }).catch((e: unknown) => {
    // Two registrations racing for the same e-mail or USCC: the unique index decides, the loser hears why.
    const constraint = (e as { constraint?: string; cause?: { constraint?: string } }).constraint ?? (e as { cause?: { constraint?: string } }).cause?.constraint;
    if (constraint === 'users_email_key') throw new AppError('email_taken', { field: 'email' });
    if (constraint === 'organizations_uscc_key' || constraint === 'organizations_email_domain_key') throw new AppError('conflict');
    throw e;
  });
}

async function findKnownOrganization(tx: Db, identity: ReturnType<typeof checkOrganizationIdentity>) {
  const where = identity.by === 'uscc' ? eq(organizations.uscc, identity.uscc) : eq(organizations.emailDomain, identity.emailDomain);
  const [row] = await tx.select().from(organizations).where(where).limit(1);
  return row;
}
