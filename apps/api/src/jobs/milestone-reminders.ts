import type { ServiceContext } from '../services/context';
import { remindDueMilestones, REMINDER_BATCH_SIZE } from '../services/projects/milestone-reminders';
import { startBatchLoop, type BatchLoop } from './batch-loop';

/** Tells the parties of milestones due within 7 days, and of those overdue, every `intervalMs`. */
export function startMilestoneReminders(ctx: ServiceContext, options: { intervalMs: number; onError: (err: unknown) => void }): BatchLoop {
  return startBatchLoop(() => remindDueMilestones(ctx), { batchSize: REMINDER_BATCH_SIZE, ...options });
}
