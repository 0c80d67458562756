// Runs the package jobs of a check: on worker threads when there is enough work for
// more than one core, else in this process (always with --jobs 1). Jobs go out
// largest first so no big package is left alone at the end. A job whose worker died
// is run again here, once, and said so on stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { nodeGrammarSource } from '../engine/grammar-files';
import { ALL_RULES } from '../rules';
import { jobSize, runPackageJob, type JobResult, type PackageJob } from './package-job';
import { WorkerPool } from './worker-pool';
import { WORKER_BUNDLE } from './worker-protocol';

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
  /** Where the worker bundle is (default: beside the running bundle). */
  workerFile?: string;
}

export class JobRunner {
  private pool?: WorkerPool;
  private engine?: Promise<Engine>;
  private readonly workerFile: string;
  private workerFileChecked?: boolean;

  constructor(private readonly options: JobRunnerOptions) {
    this.workerFile = options.workerFile ?? path.join(__dirname, WORKER_BUNDLE);
  }

  /** While jobs are still being found: start the workers once the run is big enough to want them. */
  anticipate(jobCount: number, chars: number): void {
    if (this.wantsWorkers(jobCount, chars)) this.poolFor().grow(Math.min(this.options.jobs, jobCount));
  }

  async run(jobs: readonly PackageJob[], onResult: (result: JobResult) => void): Promise<void> {
    const sized = jobs.map((job) => ({ job, size: jobSize(job) }));
    sized.sort((a, b) => b.size - a.size || a.job.id - b.job.id);
    const ordered = sized.map(({ job }) => job);
    const chars = sized.reduce((sum, { size }) => sum + size, 0);
    const here: PackageJob[] = [];
    if (this.wantsWorkers(ordered.length, chars) || this.pool) {
      await this.poolFor().run(ordered, this.options.jobs, {
        onResult,
        onOrphan: (job, reason, order) => {
          if (reason !== undefined) {
            const directory = path.dirname(this.options.displayName(job.files[0]!.order));
            const where = order === undefined ? directory : this.options.displayName(order);
            this.options.warn(`go-for-ts: ${where}: the worker checking it stopped (${reason}); checking ${directory} again in this process`);
          }
          here.push(job);
        },
      });
    } else {
      here.push(...ordered);
    }
    for (const job of here) onResult(runPackageJob(await this.localEngine(), this.options.config, job));
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

  private poolFor(): WorkerPool {
    this.pool ??= new WorkerPool(this.workerFile, { ruleSettings: this.options.ruleSettings }, this.options.jobs + 2);
    return this.pool;
  }

  private localEngine(): Promise<Engine> {
    this.engine ??= Engine.create(nodeGrammarSource(), ALL_RULES);
    return this.engine;
  }
}
