// Worker threads fed from one shared queue: each takes the next package job when it
// posts a result, so the cores stay busy until the queue is empty. A worker that dies
// (a crash, a failed grammar load) hands its job back to the caller to run in-process
// and is replaced while the replacements stay within a budget; nothing is waited for
// that cannot come.
import { Worker } from 'node:worker_threads';
import type { JobResult, PackageJob } from './package-job';
import { NO_FILE, type WorkerInit, type WorkerMessage } from './worker-protocol';

export interface PoolHandlers {
  onResult(result: JobResult): void;
  /**
   * A job no worker finished. `reason` is why its worker stopped and `order` the file
   * it had started; both are undefined for jobs left when no worker could be started.
   */
  onOrphan(job: PackageJob, reason: string | undefined, order: number | undefined): void;
}

interface Slot {
  worker: Worker;
  job?: PackageJob;
  /** The worker's current-file cell (shared memory it writes, see worker-protocol.ts). */
  currentFile: Int32Array;
  error?: string;
  /** Stopped by the pool on purpose: its exit is not a death. */
  retired: boolean;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private queue: PackageJob[] = [];
  private pending = 0;
  private deaths = 0;
  private running = false;
  private handlers?: PoolHandlers;
  private finished?: () => void;

  constructor(
    private readonly workerFile: string,
    private readonly init: Omit<WorkerInit, 'currentFile'>,
    /** Deaths after which no replacement is started. */
    private readonly maxDeaths: number,
  ) {}

  /** Starts workers ahead of the work, so their grammars load while the main thread reads files. */
  grow(count: number): void {
    while (this.slots.size < count) if (!this.spawn()) return;
  }

  /** Runs the jobs in the order given on up to `size` workers; resolves when each has a result or was handed back. */
  run(jobs: readonly PackageJob[], size: number, handlers: PoolHandlers): Promise<void> {
    this.handlers = handlers;
    this.queue = [...jobs];
    this.pending = jobs.length;
    this.running = true;
    return new Promise<void>((resolve) => {
      this.finished = resolve;
      this.grow(Math.min(size, jobs.length));
      if (this.slots.size === 0) this.handBackQueue();
      for (const slot of [...this.slots]) if (!slot.job) this.feed(slot);
      this.settle();
    });
  }

  private spawn(): Slot | undefined {
    let worker: Worker;
    const currentFile = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)).fill(NO_FILE);
    try {
      const init: WorkerInit = { ...this.init, currentFile };
      worker = new Worker(this.workerFile, { workerData: init });
    } catch {
      this.deaths++;
      return undefined;
    }
    const slot: Slot = { worker, currentFile, retired: false };
    this.slots.add(slot);
    worker.on('message', (message: WorkerMessage) => {
      slot.job = undefined;
      this.pending--;
      this.handlers!.onResult(message.result);
      this.feed(slot);
      this.settle();
    });
    worker.on('error', (error) => {
      slot.error = error.message.split('\n')[0];
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      if (slot.retired) return;
      this.deaths++;
      const job = slot.job;
      if (job && this.running) {
        this.pending--;
        const order = Atomics.load(slot.currentFile, 0);
        this.handlers!.onOrphan(job, slot.error ?? `exit code ${code}`, order === NO_FILE ? undefined : order);
      }
      if (this.running && this.queue.length > 0) {
        const fresh = this.deaths <= this.maxDeaths ? this.spawn() : undefined;
        if (fresh) this.feed(fresh);
        else if (this.slots.size === 0) this.handBackQueue();
      }
      this.settle();
    });
    return slot;
  }

  private feed(slot: Slot): void {
    if (!this.running || slot.retired) return;
    const job = this.queue.shift();
    if (!job) {
      this.retire(slot);
      return;
    }
    slot.job = job;
    // Before the job goes out: the worker's next write names a file of this job.
    Atomics.store(slot.currentFile, 0, NO_FILE);
    slot.worker.postMessage(job);
  }

  /** No worker left to run the queue: the caller runs it. */
  private handBackQueue(): void {
    for (const job of this.queue.splice(0)) {
      this.pending--;
      this.handlers!.onOrphan(job, undefined, undefined);
    }
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    void slot.worker.terminate();
  }

  private settle(): void {
    if (!this.running || this.pending > 0) return;
    this.running = false;
    for (const slot of this.slots) this.retire(slot);
    this.finished?.();
  }
}
