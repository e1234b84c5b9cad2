import { notificationPreferences, users } from '@challenge/db';
import { AppError, NOTIFICATION_KINDS, type Actor, type NotificationKind } from '@challenge/domain';
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { readUnsubscribeToken, type MailSettings } from './settings';

export interface EmailPreferences {
  /** Whether the address is proven: until it is, no notification is mailed whatever the choices. */
  emailVerified: boolean;
  kinds: { kind: NotificationKind; email: boolean }[];
}

const signedIn = (actor: Actor) => {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
};

/** Every notification kind with the user's choice (by e-mail unless turned off). */
export async function getEmailPreferences(ctx: ServiceContext, actor: Actor): Promise<EmailPreferences> {
  const user = signedIn(actor);
  const [[u], rows] = await Promise.all([
    ctx.db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, user.userId)),
    ctx.db.select({ kind: notificationPreferences.kind, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, user.userId)),
  ]);
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return { emailVerified: !!u?.verifiedAt, kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, email: chosen.get(kind) ?? true })) };
}

/** Sets the choices given; kinds not named keep theirs. */
export async function setEmailPreferences(ctx: ServiceContext, actor: Actor, choices: { kind: NotificationKind; email: boolean }[]): Promise<EmailPreferences> {
  const user = signedIn(actor);
  // One statement may not set a row twice (PostgreSQL refuses it: the same kind twice was a 500).
  const issues = choices.flatMap((c, i) => (choices.findIndex((d) => d.kind === c.kind) < i ? [{ field: `kinds.${i}.kind`, code: 'duplicate' }] : []));
  if (issues.length > 0) throw AppError.invalid(issues);
  await upsert(ctx, user.userId, choices);
  return getEmailPreferences(ctx, actor);
}

async function upsert(ctx: ServiceContext, userId: string, choices: { kind: NotificationKind; email: boolean }[]) {
  if (choices.length === 0) return;
  const now = ctx.clock.now();
  await ctx.db.insert(notificationPreferences)
    .values(choices.map((c) => ({ userId, kind: c.kind, email: c.email, updatedAt: now })))
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { email: sql`excluded.email`, updatedAt: now } });
}

/**
 * The unsubscribe link of a mail, without signing in: the signed token names the user and the kind;
 * `apply` turns that kind's e-mail off (the page asks first, so a mail scanner opening the link
 * changes nothing). A token we did not sign is `link_invalid`.
 */
export async function unsubscribe(ctx: ServiceContext, settings: MailSettings, token: string, apply: boolean): Promise<{ kind: NotificationKind; email: boolean }> {
  const named = readUnsubscribeToken(settings, token);
  const kind = NOTIFICATION_KINDS.find((k) => k === named?.kind);
  if (!named || !kind) throw new AppError('link_invalid');
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, named.userId));
  if (!u) throw new AppError('link_invalid');
  if (apply) await upsert(ctx, named.userId, [{ kind, email: false }]);
  const [row] = await ctx.db.select({ email: notificationPreferences.email }).from(notificationPreferences)
    .where(sql`${notificationPreferences.userId} = ${named.userId} and ${notificationPreferences.kind} = ${kind}`);
  return { kind, email: row?.email ?? true };
}
