// The worker thread of `go-for-ts check` (bundled as out/cli-worker.js, beside
// out/cli.js): its own engine and parser (the grammar loaded once per worker), one
// package job at a time from the main thread, the results posted back, the file it
// is on written to the shared current-file cell.
import { parentPort, workerData } from 'node:worker_threads';
import { resolveConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { nodeGrammarSource } from '../engine/grammar-files';
import { ALL_RULES } from '../rules';
import { runPackageJob, type JobFile, type PackageJob } from './package-job';
import type { WorkerInit, WorkerMessage } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('cli-worker.js runs only as a worker thread of go-for-ts check');

const init = workerData as WorkerInit;
const { config } = resolveConfig(ALL_RULES, init.ruleSettings);
// A failed grammar load rejects unhandled, which ends the worker; the main thread
// then checks the worker's directory itself.
const engine = Engine.create(nodeGrammarSource(), ALL_RULES);
const fault = injectedFault(process.env.GO_FOR_TS_TEST_WORKER_FAULT);

port.on('message', (job: PackageJob) => {
  void engine.then((ready) => {
    const result = runPackageJob(ready, config, job, (file) => {
      Atomics.store(init.currentFile, 0, file.order);
      fault?.(file);
    });
    post({ type: 'result', result });
  });
});

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

/**
 * For the CLI's own tests only: GO_FOR_TS_TEST_WORKER_FAULT=exit:<text> ends the
 * worker, and throw:<text> throws, when it reaches a file whose path contains <text>.
 * Read in the worker alone, so the main thread's retry of the directory succeeds.
 */
function injectedFault(spec: string | undefined): ((file: JobFile) => void) | undefined {
  const match = spec ? /^(exit|throw):(.+)$/.exec(spec) : null;
  if (!match) return undefined;
  const [, kind, needle] = match;
  return (file) => {
    if (!file.path.includes(needle!)) return;
    if (kind === 'exit') process.exit(70);
    throw new Error(`injected fault at ${file.path}`);
  };
}
