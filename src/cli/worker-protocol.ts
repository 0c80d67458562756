// What the main thread and a check worker say to each other. The main thread sends
// one PackageJob at a time; the worker names each file as it starts it (so a crash
// can be blamed on a file) and then posts the job's result.
import type { JobResult } from './package-job';

export interface WorkerInit {
  /** The --enable/--disable settings; the worker resolves the same config from them. */
  ruleSettings: Record<string, boolean>;
}

export type WorkerMessage = { type: 'file'; order: number } | { type: 'result'; result: JobResult };

/** The worker bundle's file name, beside out/cli.js. */
export const WORKER_BUNDLE = 'cli-worker.js';
