/**
 * Services read time only from a Clock (architecture.md "Time"). Production uses the system clock;
 * under NODE_ENV=test a settable clock lets tests cross deadlines without sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Runs at real speed from a settable instant, so a test can jump ahead and time still moves. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
