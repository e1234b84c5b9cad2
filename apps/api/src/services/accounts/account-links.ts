import { accountTokens, appendAudit, users, type Db } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { queueAccountMail } from '../mail/outbox';
import { mailLink } from '../mail/settings';
import { renderAccountMail } from '../mail/templates';
import { hashPassword } from '../passwords';
import { normalizeEmail } from './register';
import { revokeAllRefreshTokens } from './tokens';

/** How long a verification or reset link works. */
export const ACCOUNT_LINK_TTL_MS = 30 * 60_000;

type Purpose = 'verify_email' | 'reset_password';
const PAGE: Record<Purpose, string> = { verify_email: '/verify-email', reset_password: '/reset-password' };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Makes a single-use link for the user and queues its mail in the caller's transaction. Only the
 * token's hash is stored; a newer link replaces the older ones of the same purpose.
 */
export async function sendAccountLink(
  tx: Db, ctx: ServiceContext, user: { id: string; email: string; displayName: string; locale: 'zh-CN' | 'en' }, purpose: Purpose,
): Promise<void> {
  if (!ctx.mail) return;
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  await tx.update(accountTokens).set({ usedAt: now }).where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  await tx.insert(accountTokens).values({ userId: user.id, purpose, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + ACCOUNT_LINK_TTL_MS), createdAt: now });
  const link = mailLink(ctx.mail, `${PAGE[purpose]}?token=${encodeURIComponent(token)}`);
  await queueAccountMail(tx, now, { ...renderAccountMail(user.locale, purpose, user.displayName, link), userId: user.id, kind: purpose, toAddress: user.email, locale: user.locale, secret: true });
}

/** Takes a token once: unused, unexpired, of this purpose — stamped used in the same statement. */
async function consume(tx: Db, token: string, purpose: Purpose, now: Date): Promise<string> {
  const [row] = await tx.update(accountTokens).set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, sha256(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .returning({ userId: accountTokens.userId });
  if (!row) throw new AppError('link_invalid');
  return row.userId;
}

/** The signed-in user asks for a new verification mail (a lost or expired one). */
export async function resendVerification(ctx: ServiceContext, actor: Actor): Promise<{ sent: boolean }> {
  if (!actor) throw new AppError('unauthenticated');
  return inTransaction(ctx, async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, actor.userId));
    if (!u || u.emailVerifiedAt) return { sent: false };
    await sendAccountLink(tx, ctx, u, 'verify_email');
    return { sent: true };
  });
}

/** The link in the verification mail proves the address. */
export async function verifyEmail(ctx: ServiceContext, token: string): Promise<{ verified: true }> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const userId = await consume(tx, token, 'verify_email', now);
    const [u] = await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, userId)).returning({ id: users.id, role: users.role });
    await appendAudit(tx, { at: now, actorId: userId, actorRole: u!.role, action: 'user.verify_email', entityType: 'user', entityId: userId, after: { emailVerifiedAt: now.toISOString() } });
    return { verified: true as const };
  });
}

/**
 * Anyone may ask for a reset link for an address; the answer is the same whether or not an active
 * account has it, so the form does not tell who is registered.
 */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const [u] = await tx.select().from(users).where(and(eq(users.email, normalizeEmail(email)), eq(users.status, 'active')));
    if (u) await sendAccountLink(tx, ctx, u, 'reset_password');
  });
}

/** The link in the reset mail sets a new password; every sign-in of the account ends. */
export async function resetPassword(ctx: ServiceContext, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const userId = await consume(tx, token, 'reset_password', now);
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before || before.status !== 'active') throw new AppError('link_invalid');
    // Opening the link proves the address too.
    await tx.update(users).set({ passwordHash, emailVerifiedAt: before.emailVerifiedAt ?? now }).where(eq(users.id, userId));
    await revokeAllRefreshTokens(tx, userId, now);
    await appendAudit(tx, {
      at: now, actorId: userId, actorRole: before.role, action: 'user.reset_password', entityType: 'user', entityId: userId,
      before: { passwordHash: before.passwordHash }, after: { passwordHash },
    });
  });
}
