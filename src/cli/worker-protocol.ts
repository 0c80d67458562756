// What the main thread and a check worker say to each other. The main thread sends
// one PackageJob at a time and the worker posts the job's result. Which file the
// worker is on (so a crash can be blamed on a file) is not a message: the worker
// writes the file's walk order into a cell of shared memory the main thread reads
// when the worker dies, which costs nothing per file (a message per file cost a
// worker ~5% of its time, most of it waking the main thread).
import type { JobResult } from './package-job';

export interface WorkerInit {
  /** The --enable/--disable settings; the worker resolves the same config from them. */
  ruleSettings: Record<string, boolean>;
  /**
   * One cell over a SharedArrayBuffer: the walk order of the file the worker is on,
   * NO_FILE until it starts the first file of a job.
   */
  currentFile: Int32Array;
}

/** The current-file cell before the worker names a file. */
export const NO_FILE = -1;

export type WorkerMessage = { type: 'result'; result: JobResult };

/** The worker bundle's file name, beside out/cli.js. */
export const WORKER_BUNDLE = 'cli-worker.js';
