import type { ServiceContext } from '../services/context';
import { CLOSE_BATCH_SIZE, closeDueChallenges } from '../services/challenges/close-challenge';
import { startBatchLoop, type BatchLoop } from './batch-loop';

/**
 * Records `closed` for published challenges whose deadline has passed, every `intervalMs`. Readers
 * already see such a challenge as closed from the deadline on (services/challenges/present.ts), so a
 * late pass changes nothing a user sees; the loop only makes the state in the database catch up.
 */
export function startDeadlineSweeper(ctx: ServiceContext, options: { intervalMs: number; onError: (err: unknown) => void }): BatchLoop {
  return startBatchLoop(async () => (await closeDueChallenges(ctx)).length, { batchSize: CLOSE_BATCH_SIZE, ...options });
}
