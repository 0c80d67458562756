// The analysis `go-for-ts check` runs in its own thread: small runs, --jobs 1, and a
// job whose worker died. Bundled apart as out/cli-engine.js and loaded only then
// (job-runner.ts), so the main bundle holds no engine or rule code and a run that
// only reads the cache starts sooner.
import type { EngineConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { nodeGrammarSource } from '../engine/grammar-files';
import { ALL_RULES } from '../rules';
import { runPackageJob, type JobResult, type PackageJob } from './package-job';

export interface InProcessAnalysis {
  run(config: EngineConfig, job: PackageJob): Promise<JobResult>;
}

export function createInProcessAnalysis(): InProcessAnalysis {
  let engine: Promise<Engine> | undefined;
  return {
    async run(config, job) {
      engine ??= Engine.create(nodeGrammarSource(), ALL_RULES);
      return runPackageJob(await engine, config, job);
    },
  };
}
