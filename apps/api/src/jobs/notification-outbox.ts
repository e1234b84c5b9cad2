import type { ServiceContext } from '../services/context';
import { EVENT_BATCH_SIZE, processNotificationEvents } from '../services/notifications/process-events';
import { startBatchLoop, type BatchLoop } from './batch-loop';

/** Turns recorded events into each recipient's in-app notifications, every `intervalMs`. */
export function startNotificationOutbox(ctx: ServiceContext, options: { intervalMs: number; onError: (err: unknown) => void }): BatchLoop {
  return startBatchLoop(() => processNotificationEvents(ctx), { batchSize: EVENT_BATCH_SIZE, ...options });
}
