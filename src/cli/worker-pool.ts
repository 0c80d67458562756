// Worker threads fed from one shared queue while the main thread is still finding
// the work: jobs are submitted as their directories are read, and each worker that
// is free takes the largest job waiting, so the cores start at once and stay busy
// until the queue is empty. A worker that dies (a crash, a failed grammar load) hands
// its job back to the caller to run in-process and is replaced while the
// replacements stay within a budget; nothing is waited for that cannot come.
import { Worker } from 'node:worker_threads';
import { jobSize } from './job-size';
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

interface Queued {
  job: PackageJob;
  size: number;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  /** Largest first (then by id: walk order), so no big package is left alone at the end. */
  private readonly queue: Queued[] = [];
  /** Submitted jobs without a result and not handed back. */
  private pending = 0;
  private deaths = 0;
  private closed = false;
  private finished?: () => void;

  constructor(
    private readonly workerFile: string,
    private readonly init: Omit<WorkerInit, 'currentFile'>,
    private readonly handlers: PoolHandlers,
    /** Deaths after which no replacement is started. */
    private readonly maxDeaths: number,
  ) {}

  /** Starts workers up to `count`, so their grammars load while the main thread reads files. */
  grow(count: number): void {
    while (this.slots.size < count) if (!this.spawn()) return;
    if (this.slots.size === 0) this.handBackQueue();
  }

  /** Queues a job; a free worker takes it (or the largest one waiting) at once. */
  submit(job: PackageJob): void {
    if (this.closed) throw new Error('the worker pool was closed');
    this.pending++;
    const size = jobSize(job);
    let at = this.queue.length;
    while (at > 0 && this.queue[at - 1]!.size < size) at--;
    this.queue.splice(at, 0, { job, size });
    if (this.slots.size === 0) {
      this.handBackQueue();
      return;
    }
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.job) this.feed(slot);
    }
  }

  /** No more jobs will come: resolves when each has a result or was handed back. */
  close(): Promise<void> {
    this.closed = true;
    return new Promise<void>((resolve) => {
      this.finished = resolve;
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
      this.handlers.onResult(message.result);
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
      if (job) {
        this.pending--;
        const order = Atomics.load(slot.currentFile, 0);
        this.handlers.onOrphan(job, slot.error ?? `exit code ${code}`, order === NO_FILE ? undefined : order);
      }
      // A replacement while there is (or may come) work for it.
      if (!this.closed || this.queue.length > 0) {
        const fresh = this.deaths <= this.maxDeaths ? this.spawn() : undefined;
        if (fresh) this.feed(fresh);
        else if (this.slots.size === 0) this.handBackQueue();
      }
      this.settle();
    });
    return slot;
  }

  private feed(slot: Slot): void {
    if (slot.retired || slot.job) return;
    const next = this.queue.shift();
    if (!next) {
      // Idle until the next submit, or for good once the pool is closed.
      if (this.closed) this.retire(slot);
      return;
    }
    slot.job = next.job;
    // Before the job goes out: the worker's next write names a file of this job.
    Atomics.store(slot.currentFile, 0, NO_FILE);
    slot.worker.postMessage(next.job);
  }

  /** No worker left to run the queue: the caller runs it. */
  private handBackQueue(): void {
    for (const { job } of this.queue.splice(0)) {
      this.pending--;
      this.handlers.onOrphan(job, undefined, undefined);
    }
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    void slot.worker.terminate();
  }

  private settle(): void {
    if (!this.closed || this.pending > 0 || !this.finished) return;
    for (const slot of this.slots) this.retire(slot);
    const finished = this.finished;
    this.finished = undefined;
    finished();
  }
}
