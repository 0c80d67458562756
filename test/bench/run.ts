// `npm run bench [-- <corpus-dir>] [--repeat N] [--no-per-rule] [--marginal] [--no-cli] [--no-keystrokes] [--keystrokes-only] [--no-footprint]`: how fast
// the engine is on a real corpus (default: the Go 1.19 standard library from Debian's
// golang-1.19-src). Prints parse-only and parse+analysis throughput (all rules that
// are on by default, package facts included, as the CLI runs them), their ratio
// against the <= 1.3 target, each rule's own cost, and the CLI's cold run time, warm
// (cached) run time, --jobs 1 vs 2 and ast-grep comparison (cli-speed.ts), and the
// keystroke-to-diagnostics latency of the language server (keystroke.ts), its hover
// latency (hover.ts), and its start-up and memory (server-footprint.ts).
// A measurement, never a test: nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Query, type Tree } from 'web-tree-sitter';
import { resolveConfig, type EngineConfig } from '../../src/engine/config';
import { Engine } from '../../src/engine/engine';
import { findPackageRoot, nodeGrammarSource } from '../../src/engine/grammar-files';
import { extractFileFacts } from '../../src/engine/package-facts';
import { PackageIndex } from '../../src/engine/package-index';
import { ALL_RULES } from '../../src/rules';
import { DEFAULT_CORPUS, readCorpus, type Corpus, type CorpusFile } from './corpus';
import { reportCliSpeed } from './cli-speed';
import { reportServerFootprint } from './server-footprint';
import { SERVER_NODE_OPTIONS } from '../../src/shared/protocol';
import { outDir } from '../lsp/session';
import { describeHovers, type HoverResult } from './hover';
import { describeKeystrokes, KEYSTROKE_INTERVAL_MS, keystrokeFiles, keystrokesThroughLsp, type KeystrokeResult } from './keystroke';
import { median, megabytesPerSecond, timeOnce } from './timing';

const TARGET_RATIO = 1.3;

function chooseCorpus(given: string | undefined, packageRoot: string): string {
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`corpus ${given} does not exist`);
    return path.resolve(given);
  }
  if (fs.existsSync(DEFAULT_CORPUS)) return DEFAULT_CORPUS;
  const fallback = path.join(packageRoot, 'test', 'workspace');
  process.stdout.write(
    `The Go standard library sources are not at ${DEFAULT_CORPUS}. On Debian 12 install them with:\n` +
      `  apt-get update && apt-get install golang-1.19-src   (the golang-src package pulls in the same)\n` +
      `or pass any directory of Go code: npm run bench -- <dir>. Using the small sample ${fallback} for now.\n\n`,
  );
  return fallback;
}

/** Parses one package's files, runs `visit` with the trees and their package index, frees the trees. */
function withPackageTrees(
  engine: Engine,
  files: readonly CorpusFile[],
  visit: (trees: Tree[], index: PackageIndex, factsMs: number) => void,
): void {
  const trees = files.map((file) => engine.parse(file.text));
  try {
    const started = performance.now();
    const index = new PackageIndex({ goVersionFor: () => files[0]!.goVersion });
    files.forEach((file, i) => index.updateFile(file.path, extractFileFacts(trees[i]!.rootNode)));
    visit(trees, index, performance.now() - started);
  } finally {
    for (const tree of trees) tree.delete();
  }
}

function analyzeCorpus(engine: Engine, corpus: Corpus, config: EngineConfig): { findings: number; ruleErrors: number } {
  const totals = { findings: 0, ruleErrors: 0 };
  for (const files of corpus.packages) {
    withPackageTrees(engine, files, (trees, index) => {
      files.forEach((file, i) => {
        const result = engine.analyzeTree(file.text, trees[i]!, {
          config,
          goVersion: file.goVersion,
          packageFacts: index.factsForFile(file.path),
        });
        totals.findings += result.findings.length;
        totals.ruleErrors += result.ruleErrors.length;
      });
    });
  }
  return totals;
}

interface RuleCost {
  id: string;
  /** The whole analysis with only this rule on (query, handlers, per-file setup). */
  ms: number;
  /** Just its own query's captures() over the trees: the part tree-sitter does. */
  queryMs?: number;
  /** With --marginal: time(all default rules) - time(all but this one), what it adds to a real run. */
  marginalMs?: number;
}

function configWith(enabled: (id: string) => boolean): EngineConfig {
  const settings: Record<string, boolean> = {};
  for (const rule of ALL_RULES) settings[rule.meta.id] = enabled(rule.meta.id);
  return resolveConfig(ALL_RULES, settings).config;
}

/**
 * Each default rule's cost over already-parsed trees: run alone (its query and
 * handlers, without the traversal it shares with others in a combined query), and,
 * with `marginal`, what leaving it out of the full set saves.
 */
function perRuleCost(
  engine: Engine,
  corpus: Corpus,
  ruleIds: readonly string[],
  marginal: boolean,
): { rules: RuleCost[]; factsMs: number } {
  const entries = ruleIds.map((id) => {
    const rule = ALL_RULES.find((candidate) => candidate.meta.id === id)!;
    return {
      id,
      alone: configWith((other) => other === id),
      allBut: configWith((other) => other !== id && ruleIds.includes(other)),
      query: new Query(engine.language, rule.query),
      ms: 0,
      queryMs: 0,
      allButMs: 0,
    };
  });
  const allConfig = configWith((id) => ruleIds.includes(id));
  let allMs = 0;
  const facts = { ms: 0 };
  try {
    // Untimed warm-up so each configuration's combined query is compiled before timing.
    for (const files of corpus.packages.slice(0, 5)) {
      withPackageTrees(engine, files, (trees, index) => {
        for (const config of [allConfig, ...entries.flatMap((entry) => [entry.alone, entry.allBut])]) {
          files.forEach((file, i) => {
            engine.analyzeTree(file.text, trees[i]!, { config, goVersion: file.goVersion, packageFacts: index.factsForFile(file.path) });
          });
        }
      });
    }
    for (const files of corpus.packages) {
      withPackageTrees(engine, files, (trees, index, factsMs) => {
        facts.ms += factsMs;
        const analyzeAll = (config: EngineConfig) =>
          timeOnce(() => {
            files.forEach((file, i) => {
              engine.analyzeTree(file.text, trees[i]!, {
                config,
                goVersion: file.goVersion,
                packageFacts: index.factsForFile(file.path),
              });
            });
          });
        if (marginal) allMs += analyzeAll(allConfig);
        for (const entry of entries) {
          entry.queryMs += timeOnce(() => {
            for (const tree of trees) entry.query.captures(tree.rootNode);
          });
          entry.ms += analyzeAll(entry.alone);
          if (marginal) entry.allButMs += analyzeAll(entry.allBut);
        }
      });
    }
  } finally {
    for (const entry of entries) entry.query.delete();
  }
  const costs: RuleCost[] = entries.map(({ id, ms, queryMs, allButMs }) => ({
    id,
    ms,
    queryMs,
    ...(marginal ? { marginalMs: allMs - allButMs } : {}),
  }));
  const key = (cost: RuleCost) => cost.marginalMs ?? cost.ms;
  return { rules: costs.sort((a, b) => key(b) - key(a)), factsMs: facts.ms };
}

function timeCli(cli: string, args: string[]): { ms: number; status: number | null; stderrLines: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  return { ms, status: result.status, stderrLines: result.stderr ? result.stderr.split('\n').filter(Boolean).length : 0 };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repeat: { type: 'string', default: '3' },
      'no-per-rule': { type: 'boolean', default: false },
      marginal: { type: 'boolean', default: false },
      'no-cli': { type: 'boolean', default: false },
      'no-keystrokes': { type: 'boolean', default: false },
      'keystrokes-only': { type: 'boolean', default: false },
      'no-footprint': { type: 'boolean', default: false },
    },
  });
  const repeat = Math.max(1, Number(values.repeat) || 3);
  const out = (line = '') => process.stdout.write(line + '\n');
  if (values['keystrokes-only']) {
    await reportKeystrokes(out);
    return;
  }
  const packageRoot = findPackageRoot();
  const corpusRoot = chooseCorpus(positionals[0], packageRoot);

  const readStarted = performance.now();
  const corpus = readCorpus(corpusRoot);
  out(
    `corpus: ${corpusRoot}: ${corpus.files.length} files in ${corpus.packages.length} directories, ` +
      `${(corpus.bytes / 1e6).toFixed(1)} MB (read in ${ms(performance.now() - readStarted)})`,
  );
  if (corpus.files.length === 0) throw new Error(`no .go files under ${corpusRoot}`);

  const engine = await Engine.create(nodeGrammarSource(), ALL_RULES);
  const config = engine.defaultConfig;
  const defaultRules = ALL_RULES.filter((rule) => rule.meta.enabledByDefault).map((rule) => rule.meta.id);
  out(`rules on by default (${defaultRules.length}): ${defaultRules.join(', ')}`);
  out(`each phase runs ${repeat} times after a warm-up; medians shown`);

  // Warm-up: JIT, WASM memory growth, query compilation for the common rule sets.
  for (const file of corpus.files.slice(0, 200)) engine.analyzeText(file.text, { config, goVersion: file.goVersion });

  // The two phases alternate run by run, so a busy machine slows both alike; the
  // ratio is the median of each run's own ratio.
  const parseRuns: number[] = [];
  const analysisRuns: number[] = [];
  let totals = { findings: 0, ruleErrors: 0 };
  for (let run = 0; run < repeat; run++) {
    parseRuns.push(
      timeOnce(() => {
        for (const file of corpus.files) engine.parse(file.text).delete();
      }),
    );
    analysisRuns.push(
      timeOnce(() => {
        totals = analyzeCorpus(engine, corpus, config);
      }),
    );
  }
  const parseMs = median(parseRuns);
  const analysisMs = median(analysisRuns);
  const ratio = median(parseRuns.map((parse, run) => analysisRuns[run]! / parse));
  out();
  out(`parse only:        ${ms(parseMs).padStart(9)}  ${megabytesPerSecond(corpus.bytes, parseMs).toFixed(2)} MB/s   runs: ${parseRuns.map(ms).join(', ')}`);
  out(`parse + analysis:  ${ms(analysisMs).padStart(9)}  ${megabytesPerSecond(corpus.bytes, analysisMs).toFixed(2)} MB/s   runs: ${analysisRuns.map(ms).join(', ')}`);
  out(`  (${totals.findings} findings, ${totals.ruleErrors} rule errors per run; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`);
  out(
    `ratio analysis/parse: ${ratio.toFixed(2)} (median of per-run ratios; fastest runs: ${(Math.min(...analysisRuns) / Math.min(...parseRuns)).toFixed(2)}) ` +
      `target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'OK' : 'ABOVE'}`,
  );

  if (!values['no-per-rule']) {
    out();
    out(
      values.marginal
        ? 'slowest rules by what each adds to the full set (all minus it; one run), then alone and its query alone:'
        : 'slowest rules, each run alone on parsed trees (one run; % of parse-only time; its query\'s captures alone):',
    );
    const { rules: costs, factsMs } = perRuleCost(engine, corpus, defaultRules, values.marginal!);
    for (const { id, ms: cost, queryMs, marginalMs } of costs.slice(0, 5)) {
      const marginalText = marginalMs === undefined ? '' : `adds ${ms(marginalMs).padStart(8)}  `;
      const query = queryMs === undefined ? '' : `  query ${ms(queryMs)}`;
      out(`  ${id.padEnd(30)} ${marginalText}alone ${ms(cost).padStart(8)} ${((cost / parseMs) * 100).toFixed(1).padStart(5)}%${query}`);
    }
    if (costs.length > 5) out(`  (${costs.length - 5} more; all run alone one by one: ${ms(costs.reduce((sum, c) => sum + c.ms, 0))})`);
    out(`  package facts (shared by all rules): ${ms(factsMs)} ${((factsMs / parseMs) * 100).toFixed(1)}%`);
  }

  if (!values['no-keystrokes']) await reportKeystrokes(out);
  if (!values['no-footprint']) {
    out();
    await reportServerFootprint({ files: corpus.files, packageRoot, out });
  }

  if (!values['no-cli']) {
    const cli = path.resolve(__dirname, '..', '..', 'cli.js');
    out();
    const small = corpus.files.reduce((best, file) => (file.bytes < best.bytes && file.bytes > 200 ? file : best), corpus.files[0]!);
    const startup = timeCli(cli, ['check', small.path, '--format', 'json', '--no-cache']);
    out(`CLI cold start on one file (${small.bytes} bytes): ${ms(startup.ms)} (exit ${startup.status})`);
    reportCliSpeed({ cli, corpusRoot, corpusBytes: corpus.bytes, packageRoot, repeat, out });
  }
}

/** Targets for the keystroke p95: a normal (~3,000-line) file, then a ~600 KB generated one. */
const KEYSTROKE_TARGETS = [2, 20];
const KEYSTROKES = 400;

async function reportKeystrokes(out: (line?: string) => void): Promise<void> {
  out();
  out(
    `keystroke -> diagnostics, in the server's modules, in a process with the server's Node options (${SERVER_NODE_OPTIONS.join(' ')}); ` +
      `${KEYSTROKES} keystrokes typed and taken back inside function bodies, after one unmeasured pass of the same:`,
  );
  for (const [i, result] of inServerProcess<KeystrokeResult>(String(KEYSTROKES)).entries()) out(describeKeystrokes(result, KEYSTROKE_TARGETS[i]!));
  out(`the same at a typist's pace (what an editor sees; the caches are cold after each pause):`);
  for (const [i, result] of inServerProcess<KeystrokeResult>(String(KEYSTROKES / 2), String(KEYSTROKE_INTERVAL_MS)).entries()) {
    out(describeKeystrokes(result, KEYSTROKE_TARGETS[i]!));
  }
  const files = keystrokeFiles();
  out('the same through a server process (JSON-RPC both ways, the server\'s scheduling included):');
  for (const [i, file] of files.entries()) {
    out(describeKeystrokes(await keystrokesThroughLsp(file, KEYSTROKES / 4), KEYSTROKE_TARGETS[i]!));
  }
  out('hover -> card, in the server\'s modules (the findings under the cursor, else the construct card), at word starts, after one unmeasured pass:');
  for (const result of inServerProcess<HoverResult>('hovers')) out(describeHovers(result));
}

/** Runs keystroke-process/run.js with the server's Node options; one JSON result per line of its output. */
function inServerProcess<Result>(...args: string[]): Result[] {
  const mode = args.join(' ');
  const child = spawnSync(process.execPath, [...SERVER_NODE_OPTIONS, path.join(outDir(), 'scripts', 'bench', 'keystroke-process', 'run.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the keystroke process (${mode}) failed (exit ${child.status}): ${child.stderr}`);
  return child.stdout.trim().split('\n').map((line) => JSON.parse(line) as Result);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
