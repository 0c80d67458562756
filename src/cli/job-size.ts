// How much work a job may cost, for handing out the largest first.
import type { PackageJob } from './package-job';

/** The characters the job may parse. */
export function jobSize(job: PackageJob): number {
  return job.files.reduce((sum, file) => sum + (file.text?.length ?? 0), 0);
}
