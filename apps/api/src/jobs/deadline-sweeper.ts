import type { ServiceContext } from '../services/context';
import { CLOSE_BATCH_SIZE, closeDueChallenges } from '../services/challenges/close-challenge';

export interface Sweeper {
  /** One pass: closes every challenge whose deadline has passed, batch by batch. Returns how many. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Records `closed` for published challenges whose deadline has passed, every `intervalMs`. Readers
 * already see such a challenge as closed from the deadline on (services/challenges/present.ts), so a
 * late pass changes nothing a user sees; the loop only makes the state in the database catch up.
 * A failed pass is logged and retried at the next tick, never thrown into the process.
 */
export function startDeadlineSweeper(
  ctx: ServiceContext,
  { intervalMs, onError }: { intervalMs: number; onError: (err: unknown) => void },
): Sweeper {
  let running: Promise<number> | null = null;
  const sweep = () => {
    running ??= (async () => {
      let total = 0;
      for (;;) {
        const closed = await closeDueChallenges(ctx);
        total += closed.length;
        if (closed.length < CLOSE_BATCH_SIZE) return total;
      }
    })().finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => { sweep().catch(onError); }, intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
