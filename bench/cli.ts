import { loadavg } from 'node:os';

/** The benchmarks' shared command-line and reporting helpers. */

/** The value after `--name` on the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The load average, printed beside every phase: figures taken on a busy machine say so. */
export const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

export const log = (...xs: unknown[]) => console.log(...xs);

/** The p-th percentile, nearest rank. */
export function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
