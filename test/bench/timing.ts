// Small timing helpers for the benchmark: wall-clock milliseconds and medians.
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` `repeat` times and returns each run's duration in milliseconds. */
export function timeRuns(repeat: number, work: () => void): number[] {
  const durations: number[] = [];
  for (let run = 0; run < repeat; run++) {
    const started = performance.now();
    work();
    durations.push(performance.now() - started);
  }
  return durations;
}

export function megabytesPerSecond(bytes: number, milliseconds: number): number {
  return bytes / 1e6 / (milliseconds / 1000);
}
