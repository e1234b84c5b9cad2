/**
 * Demo history in the past: every step runs through the services with a clock pinned to its own
 * instant, anchored to the real "now" of the load, so the data is always fresh relative to the day the
 * demo starts — challenges published weeks ago, deadlines ahead, closed ones whose deadline passed.
 * Steps run in time order, so the audit log's timestamps rise with its ids, as they do in real use.
 */
import type { ServiceContext } from '../services/context';

const DAY_MS = 24 * 60 * 60 * 1000;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The context of a step that happens at `instant`. */
export const at = (ctx: ServiceContext, instant: Date): ServiceContext => ({ ...ctx, clock: { now: () => instant } });

/**
 * The instant `days` days before `anchor` (negative: after it) at Beijing wall-clock `time`
 * ("HH:MM", UTC+8, no daylight saving). Any time on a day at least one day back is before `anchor`.
 */
export function beijing(anchor: Date, days: number, time: string): Date {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const local = new Date(anchor.getTime() + BEIJING_OFFSET_MS - days * DAY_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hh, mm) - BEIJING_OFFSET_MS);
}

export interface TimedStep {
  at: Date;
  /** What the step does, for the error when it fails. */
  label: string;
  run: (ctx: ServiceContext) => Promise<unknown>;
}

/** Runs the steps in time order (ties keep their given order), each with the clock at its instant. */
export async function runTimeline(ctx: ServiceContext, steps: readonly TimedStep[]): Promise<void> {
  const ordered = steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.i - b.i);
  for (const { step } of ordered) {
    try {
      await step.run(at(ctx, step.at));
    } catch (e) {
      throw new Error(`demo step failed: ${step.label} at ${step.at.toISOString()}`, { cause: e });
    }
  }
}
