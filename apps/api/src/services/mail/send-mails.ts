import { emailOutbox, notificationEvents, queryRows } from '@challenge/db';
import { eq, sql } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import type { MailTransport } from './transport';

export const MAIL_BATCH_SIZE = 20;
/** After this many failed attempts a mail is marked failed and left for an operator to look at. */
export const MAX_MAIL_ATTEMPTS = 8;

/** Minutes to wait after the nth failure: 1, 2, 4 … capped at 2 hours. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** Math.max(attempts - 1, 0), 120) * 60_000;

/**
 * One batch of the e-mail outbox: due mails, oldest first, each claimed in a transaction of its own
 * (SKIP LOCKED, so replicas share the work) that counts the attempt and moves the next one to when a
 * failure would retry it. The claim outlives the transaction, so nothing is locked while the SMTP
 * server answers (on PGlite an open transaction stops every other query). The mail is then marked sent,
 * or its error kept. A process that dies between the server's acceptance and that mark sends the mail
 * again at its retry time: at least once, with the same Message-ID (transport.ts), so a receiver can
 * drop the copy; one lost is worse. Returns how many mails were attempted.
 */
export async function sendDueMails(ctx: ServiceContext, transport: MailTransport, limit = MAIL_BATCH_SIZE): Promise<number> {
  let attempted = 0;
  for (; attempted < limit; attempted++) {
    const now = ctx.clock.now();
    const m = await inTransaction(ctx, async (tx) => {
      const [due] = await queryRows<{ id: string; to_address: string; subject: string; text: string; unsubscribe_url: string | null; attempts: number; secret: boolean }>(tx, sql`
        select id, to_address, subject, text, unsubscribe_url, attempts, secret from ${emailOutbox}
        where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        order by next_attempt_at, created_at limit 1 for update skip locked`);
      if (!due) return null;
      const attempts = due.attempts + 1;
      await tx.update(emailOutbox).set({ attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }).where(eq(emailOutbox.id, due.id));
      return { ...due, attempts };
    });
    if (!m) break;
    try {
      await transport.send({ id: m.id, to: m.to_address, subject: m.subject, text: m.text, unsubscribeUrl: m.unsubscribe_url });
      await ctx.db.update(emailOutbox)
        .set({ status: 'sent', sentAt: now, lastError: null, ...(m.secret ? { text: '' } : {}) })
        .where(eq(emailOutbox.id, m.id));
    } catch (err) {
      await ctx.db.update(emailOutbox)
        .set({ lastError: String((err as Error)?.message ?? err).slice(0, 500), ...(m.attempts >= MAX_MAIL_ATTEMPTS ? { status: 'failed' as const } : {}) })
        .where(eq(emailOutbox.id, m.id));
    }
  }
  return attempted;
}

/**
 * How far the outboxes are behind (for /api/health): events not yet turned into notifications, mails
 * waiting to be sent and the age of the oldest one due, mails given up on.
 */
export async function outboxLag(ctx: ServiceContext): Promise<{ eventsPending: number; mailPending: number; mailOldestDueSeconds: number | null; mailFailed: number }> {
  const now = ctx.clock.now().toISOString();
  const [row] = await queryRows<{ events: number; pending: number; failed: number; oldest: Date | null }>(ctx.db, sql`
    select (select count(*)::int from ${notificationEvents} where processed_at is null) as events,
           count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status = 'failed')::int as failed,
           min(created_at) filter (where status = 'pending' and next_attempt_at <= ${now}::timestamptz) as oldest
    from ${emailOutbox} where status <> 'sent'`);
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return {
    eventsPending: Number(row?.events ?? 0), mailPending: Number(row?.pending ?? 0), mailFailed: Number(row?.failed ?? 0),
    mailOldestDueSeconds: oldest === null ? null : Math.max(0, Math.round((ctx.clock.now().getTime() - oldest) / 1000)),
  };
}
