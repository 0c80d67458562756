// The bench's CLI section: the cold --no-cache run over the corpus, taken turn about
// with `ast-grep scan` with one Go rule over the same tree when ast-grep is installed
// (npm @ast-grep/cli), medians of --repeat runs each (target: cold CLI / ast-grep <=
// 1.0); the cold run that fills an empty cache and the warm run that reads it (target:
// cold --no-cache / warm >= 20); --jobs 1 against --jobs 2. Measurements only: nothing
// here asserts a timing. Each run also says the CPU it used and what
// other processes used meanwhile (child-cpu.ts): on a busy machine the wall times
// mean little, and --jobs 2 is bound by its CPU (wall ~ CPU / 2 on two quiet cores).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuBetween, cpuSnapshot, describeCpu, type ChildCpu } from './child-cpu';
import { median, megabytesPerSecond } from './timing';

const WARM_TARGET = 20;
const AST_GREP_TARGET = 1.0;

/** A rule for ast-grep: every context.WithCancel call (the pattern needs a function body around it to parse as a call). */
const AST_GREP_RULE = `id: with-cancel
language: go
severity: warning
message: context.WithCancel call
rule:
  pattern:
    context: func _() { context.WithCancel($$$ARGS) }
    selector: call_expression
`;

interface Timed {
  ms: number;
  status: number | null;
  stdout: string;
  cpu: ChildCpu;
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const before = cpuSnapshot();
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  const cpu = cpuBetween(before, cpuSnapshot());
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, cpu };
}

/** node_modules/.bin/ast-grep of the package, else the first on PATH. */
export function findAstGrep(packageRoot: string): string | undefined {
  const executable = process.platform === 'win32' ? 'ast-grep.cmd' : 'ast-grep';
  const candidates = [
    path.join(packageRoot, 'node_modules', '.bin', executable),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, executable)),
  ];
  return candidates.find((candidate) => fs.existsSync(candidate));
}

export interface CliSpeedOptions {
  cli: string;
  corpusRoot: string;
  corpusBytes: number;
  packageRoot: string;
  repeat: number;
  out: (line?: string) => void;
}

/** Median time and CPU of runs, and the runs' times. */
function summary(runs: Timed[]): { ms: number; cpuMs?: number; all: string } {
  const cpus = runs.map((run) => run.cpu.childMs).filter((cpu): cpu is number => cpu !== undefined);
  return {
    ms: median(runs.map((run) => run.ms)),
    cpuMs: cpus.length === runs.length ? median(cpus) : undefined,
    all: runs.map((run) => `${(run.ms / 1000).toFixed(2)}`).join(', '),
  };
}

export function reportCliSpeed(options: CliSpeedOptions): void {
  const { cli, corpusRoot, out } = options;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const check = ['check', corpusRoot, '--format', 'json'];

  // The cold run and ast-grep take turns, so that both meet the same machine.
  const astGrep = findAstGrep(options.packageRoot);
  const ruleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-bench-ast-grep-'));
  const coldRuns: Timed[] = [];
  const scans: Timed[] = [];
  try {
    const rule = path.join(ruleDir, 'with-cancel.yml');
    fs.writeFileSync(rule, AST_GREP_RULE);
    // The same files the CLI checks: the go tool's skipped directories left out.
    const globs = ['**/*.go', '!**/testdata/**', '!**/vendor/**', '!**/_*/**', '!**/.*/**'].flatMap((glob) => ['--globs', glob]);
    for (let i = 0; i < options.repeat; i++) {
      coldRuns.push(timed(process.execPath, [cli, ...check, '--no-cache']));
      if (astGrep) scans.push(timed(astGrep, ['scan', '--rule', rule, '--json=stream', ...globs, corpusRoot]));
    }
  } finally {
    fs.rmSync(ruleDir, { recursive: true, force: true });
  }
  const cold = summary(coldRuns);
  const cpu = (ms: number | undefined) => (ms === undefined ? '' : ` (CPU ${seconds(ms)})`);
  out(
    `CLI cold run on the corpus (--no-cache): ${seconds(cold.ms)}${cpu(cold.cpuMs)}, ${megabytesPerSecond(options.corpusBytes, cold.ms).toFixed(2)} MB/s ` +
      `(median of ${coldRuns.length}: ${cold.all} s; exit ${coldRuns[0]!.status})`,
  );
  if (!astGrep) {
    out('ast-grep not installed (npm i -D @ast-grep/cli): no comparison');
  } else {
    const scan = summary(scans);
    const matches = scans[0]!.stdout.split('\n').filter(Boolean).length;
    const ratio = cold.ms / scan.ms;
    out(`ast-grep scan, one Go rule, taking turns with it: ${seconds(scan.ms)}${cpu(scan.cpuMs)} (median of ${scans.length}: ${scan.all} s; ${matches} matches, exit ${scans[0]!.status})`);
    out(`ratio cold CLI (all rules, --no-cache) / ast-grep: ${ratio.toFixed(2)}, target <= ${AST_GREP_TARGET}: ${ratio <= AST_GREP_TARGET ? 'OK' : 'ABOVE'}`);
    if (cold.cpuMs !== undefined && scan.cpuMs) {
      // Both use every core, so their CPU times compare what each costs, whatever else the machine ran.
      out(`CPU cold CLI / ast-grep: ${(cold.cpuMs / scan.cpuMs).toFixed(2)}`);
    }
  }

  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-bench-cache-'));
  const env = { ...process.env, GO_FOR_TS_CACHE_DIR: cacheDir };
  try {
    const filling = timed(process.execPath, [cli, ...check], env);
    const warmRuns = Array.from({ length: options.repeat }, () => timed(process.execPath, [cli, ...check], env));
    const warm = median(warmRuns.map((run) => run.ms));
    const same = warmRuns.every((run) => run.stdout === filling.stdout) && filling.stdout === coldRuns[0]!.stdout;
    const cacheBytes = fs.readdirSync(cacheDir).reduce((sum, name) => sum + fs.statSync(path.join(cacheDir, name)).size, 0);
    out(
      `CLI cold run filling an empty cache: ${seconds(filling.ms)}; warm run: ${seconds(warm)} (median of ${warmRuns.length}; ` +
        `cache ${(cacheBytes / 1e6).toFixed(1)} MB; output ${same ? 'identical' : 'DIFFERENT'})`,
    );
    const ratio = cold.ms / warm;
    out(`ratio cold (--no-cache) / warm: ${ratio.toFixed(1)}x, target >= ${WARM_TARGET}x: ${ratio >= WARM_TARGET ? 'OK' : 'BELOW'}`);
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }

  const one = timed(process.execPath, [cli, ...check, '--no-cache', '--jobs', '1']);
  const two = timed(process.execPath, [cli, ...check, '--no-cache', '--jobs', '2']);
  out(
    `CLI cold --jobs 1: ${seconds(one.ms)}${describeCpu(one.cpu)}, --jobs 2: ${seconds(two.ms)}${describeCpu(two.cpu)} (${(one.ms / two.ms).toFixed(2)}x; ` +
      `${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)}; output ${one.stdout === two.stdout ? 'identical' : 'DIFFERENT'})`,
  );
}
