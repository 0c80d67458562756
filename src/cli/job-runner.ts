// Runs the package jobs of a check: on worker threads when there is enough work for
// more than one core, else in this process (always with --jobs 1). Jobs are added as
// the main thread reads their directories; once the run is big enough to want
// workers, each goes to the pool at once, so the workers start on the first packages
// while the rest are still being read, each free worker taking the largest job
// waiting. A job whose worker died is run again here, once, and said so on stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { EngineConfig } from '../engine/config';
import type { InProcessAnalysis } from './in-process';
import { jobSize } from './job-size';
import type { JobResult, PackageJob } from './package-job';
import { WorkerPool } from './worker-pool';
import { WORKER_BUNDLE } from './worker-protocol';

/** The engine for this process (in-process.ts), bundled beside this one and loaded only when a job runs here. */
export const ENGINE_BUNDLE = 'cli-engine.js';

/**
 * V8's interrupt budget for the workers (bytecode a function runs before it is
 * considered for optimization; V8's default is 66 KB). Each worker optimizes the same
 * hot functions again on the cores that run the workers: with the default, that
 * background compilation was a fifth of a standard-library check's CPU. Optimizing
 * only what runs ~15 times longer cut the check's time by 10-13% (std lib and net/,
 * --jobs 2), where in one thread (--jobs 1, which keeps the default) it cost 4%. V8
 * flags are process-wide: set before the first worker starts, the workers have it.
 */
const WORKER_INTERRUPT_BUDGET = 1_000_000;

/** Below this many characters to parse, starting workers costs more than it saves. */
const MIN_PARALLEL_CHARS = 256 * 1024;

export interface JobRunnerOptions {
  /** Threads to use; 1 analyses in this process. */
  jobs: number;
  /** --jobs was given: use workers whenever there are two jobs or more. */
  explicit: boolean;
  ruleSettings: Record<string, boolean>;
  config: EngineConfig;
  /** The file as the user should see it, by walk order. */
  displayName: (order: number) => string;
  warn: (line: string) => void;
  /** Each job's result, wherever it ran; called only while the caller awaits breathe() or finish(). */
  onResult: (result: JobResult) => void;
  /** Where the worker bundle is (default: beside the running bundle). */
  workerFile?: string;
}

export class JobRunner {
  private pool?: WorkerPool;
  private analysis?: InProcessAnalysis;
  private readonly workerFile: string;
  private workerFileChecked?: boolean;
  private jobCount = 0;
  private chars = 0;
  /** Jobs for this process: all of them when no pool was started, else those handed back. */
  private readonly here: PackageJob[] = [];

  constructor(private readonly options: JobRunnerOptions) {
    this.workerFile = options.workerFile ?? path.join(__dirname, WORKER_BUNDLE);
  }

  /** A job found: to the pool when the run (so far) is big enough to want workers, else kept for this process. */
  add(job: PackageJob): void {
    this.jobCount++;
    this.chars += jobSize(job);
    if (!this.pool && this.wantsWorkers(this.jobCount, this.chars)) {
      v8.setFlagsFromString(`--interrupt-budget=${WORKER_INTERRUPT_BUDGET}`);
      this.pool = new WorkerPool(
        this.workerFile,
        { ruleSettings: this.options.ruleSettings },
        { onResult: this.options.onResult, onOrphan: (orphan, reason, order) => this.handBack(orphan, reason, order) },
        this.options.jobs + 2,
      );
      this.pool.grow(Math.min(this.options.jobs, this.jobCount));
      for (const waiting of this.here.splice(0)) this.pool.submit(waiting);
    }
    if (this.pool) {
      this.pool.grow(Math.min(this.options.jobs, this.jobCount));
      this.pool.submit(job);
    } else {
      this.here.push(job);
    }
  }

  /**
   * Between directories: lets the workers' results in, and a worker that finished
   * its job take the next one, while the caller is still reading files.
   */
  async breathe(): Promise<void> {
    if (this.pool) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** No more jobs: waits for the workers, then runs what is left here, largest first. */
  async finish(): Promise<void> {
    await this.pool?.close();
    const sized = this.here.splice(0).map((job) => ({ job, size: jobSize(job) }));
    sized.sort((a, b) => b.size - a.size || a.job.id - b.job.id);
    for (const { job } of sized) this.options.onResult(await this.localAnalysis().run(this.options.config, job));
  }

  private handBack(job: PackageJob, reason: string | undefined, order: number | undefined): void {
    if (reason !== undefined) {
      const directory = path.dirname(this.options.displayName(job.files[0]!.order));
      const where = order === undefined ? directory : this.options.displayName(order);
      this.options.warn(`go-for-ts: ${where}: the worker checking it stopped (${reason}); checking ${directory} again in this process`);
    }
    this.here.push(job);
  }

  private wantsWorkers(jobCount: number, chars: number): boolean {
    if (this.options.jobs < 2 || jobCount < 2) return false;
    if (!this.options.explicit && chars < MIN_PARALLEL_CHARS) return false;
    if (this.workerFileChecked === undefined) {
      this.workerFileChecked = fs.existsSync(this.workerFile);
      if (!this.workerFileChecked && this.options.explicit) {
        this.options.warn(`go-for-ts: ${this.workerFile} is missing (rebuild?); checking in this process`);
      }
    }
    return this.workerFileChecked;
  }

  private localAnalysis(): InProcessAnalysis {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.analysis ??= (require(path.join(__dirname, ENGINE_BUNDLE)) as typeof import('./in-process')).createInProcessAnalysis();
    return this.analysis;
  }
}
