import { challenges, emailOutbox, notificationPreferences, users, type Db } from '@challenge/db';
import type { NotificationKind } from '@challenge/domain';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { renderNotificationMail, type MailLocale, type RenderedMail } from './templates';
import { mailLink, unsubscribeToken, type MailSettings } from './settings';

export interface NewNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  challengeId: string | null;
  subjectId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Queues the e-mail copy of notifications just written, in the same transaction: only to an active
 * user whose address is verified and who has not turned that kind off. The unique notification id
 * keeps a retried batch from queueing a mail twice.
 */
export async function queueNotificationMails(tx: Db, settings: MailSettings, now: Date, created: NewNotification[]): Promise<number> {
  if (created.length === 0) return 0;
  const userIds = [...new Set(created.map((n) => n.userId))];
  const challengeIds = [...new Set(created.map((n) => n.challengeId).filter((id): id is string => id !== null))];
  const [recipients, optedOut, titles] = await Promise.all([
    tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users)
      .where(and(inArray(users.id, userIds), eq(users.status, 'active'), isNotNull(users.emailVerifiedAt))),
    tx.select({ userId: notificationPreferences.userId, kind: notificationPreferences.kind }).from(notificationPreferences)
      .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.email, false))),
    challengeIds.length === 0 ? Promise.resolve([]) : tx.select({ id: challenges.id, titleZh: challenges.titleZh, titleEn: challenges.titleEn }).from(challenges).where(inArray(challenges.id, challengeIds)),
  ]);
  const byId = new Map(recipients.map((u) => [u.id, u]));
  const off = new Set(optedOut.map((p) => `${p.userId}:${p.kind}`));
  const titleOf = new Map(titles.map((c) => [c.id, c]));
  const rows = created.flatMap((n) => {
    const user = byId.get(n.userId);
    if (!user || off.has(`${n.userId}:${n.kind}`)) return [];
    const query = `?token=${encodeURIComponent(unsubscribeToken(settings, n.userId, n.kind))}`;
    // The mail's text leads to a page that asks first; the List-Unsubscribe header's one-click POST goes straight to the API.
    const mail = renderNotificationMail(settings, user.locale, {
      kind: n.kind, challenge: n.challengeId ? (titleOf.get(n.challengeId) ?? null) : null, subjectId: n.subjectId, data: n.payload,
    }, mailLink(settings, `/unsubscribe${query}`));
    const unsubscribeUrl = mailLink(settings, `/api/unsubscribe${query}`);
    return [{ userId: n.userId, notificationId: n.id, kind: n.kind, toAddress: user.email, locale: user.locale, ...mail, unsubscribeUrl, nextAttemptAt: now, createdAt: now }];
  });
  if (rows.length > 0) await tx.insert(emailOutbox).values(rows).onConflictDoNothing();
  return rows.length;
}

/** Queues a mail no preference turns off (a verification or reset link); `secret` blanks its body once sent. */
export async function queueAccountMail(
  tx: Db, now: Date, mail: RenderedMail & { userId: string; kind: string; toAddress: string; locale: MailLocale; secret: boolean },
): Promise<void> {
  await tx.insert(emailOutbox).values({ ...mail, nextAttemptAt: now, createdAt: now });
}
