import type { ServiceContext } from '../services/context';
import { DEADLINE_REMINDER_BATCH_SIZE, remindDraftDeadlines } from '../services/applications/deadline-reminders';
import { MAIL_BATCH_SIZE, sendDueMails } from '../services/mail/send-mails';
import type { MailTransport } from '../services/mail/transport';
import { ALERT_BATCH_SIZE, runSavedSearchAlerts } from '../services/subscriptions/saved-searches';
import { startBatchLoop, type BatchLoop } from './batch-loop';

type LoopOptions = { intervalMs: number; onError: (err: unknown) => void };

/** Sends due mails of the e-mail outbox, every `intervalMs`. */
export const startMailOutbox = (ctx: ServiceContext, transport: MailTransport, options: LoopOptions): BatchLoop =>
  startBatchLoop(() => sendDueMails(ctx, transport), { batchSize: MAIL_BATCH_SIZE, ...options });

/** Reminds authors of drafts 3 days and 1 day before the deadline, every `intervalMs`. */
export const startDraftReminders = (ctx: ServiceContext, options: LoopOptions): BatchLoop =>
  startBatchLoop(() => remindDraftDeadlines(ctx), { batchSize: DEADLINE_REMINDER_BATCH_SIZE, ...options });

/** Runs saved searches with alerts that are due, every `intervalMs`. */
export const startSavedSearchAlerts = (ctx: ServiceContext, options: LoopOptions): BatchLoop =>
  startBatchLoop(() => runSavedSearchAlerts(ctx), { batchSize: ALERT_BATCH_SIZE, ...options });
