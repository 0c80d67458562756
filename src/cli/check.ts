// `go-for-ts check`: find the files, analyse each, print in the chosen format.
// One bad file (unreadable, not UTF-8, not Go) is reported and the run goes on.
//
// Files are read and hashed here, directory by directory (a directory is a package:
// its files are analysed together). With the cache, a directory whose files' facts
// and results are all known costs no parse at all; the rest become package jobs for
// the worker threads (or this process). Whatever ran where, results are printed in
// walk order, so the output is the same byte for byte for any --jobs and cache state.
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../engine/config';
import { decodeGoSource } from '../engine/decode';
import { findPackageRoot } from '../engine/grammar-files';
import { DEFAULT_MAX_FILE_SIZE_KB, sizeLimitMessage } from '../engine/limits';
import { LineIndex } from '../engine/lines';
import type { Finding } from '../engine/types';
import { ALL_RULES } from '../rules';
import { REPOSITORY_URL, ruleDocUrl, VERSION } from '../shared/product';
import { configDigest, contentHash, directoryFactsDigest, engineDigest, fileResultKey } from './cache-keys';
import { cacheDirectory } from './cache-location';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { GoVersionLookup } from './go-version-lookup';
import { JobRunner } from './job-runner';
import { jobSize, type FileResult, type JobFile, type PackageJob } from './package-job';
import { Progress } from './progress';
import type { FileReport } from './report';
import { DEFAULT_MAX_BYTES, ResultCache } from './result-cache';
import { UsageError } from './usage-error';
import { collectGoFiles } from './walk';
import { WORKER_BUNDLE } from './worker-protocol';

export interface CheckOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  enable: string[];
  disable: string[];
  cache: boolean;
  /** Worker threads (--jobs); undefined: one per available core. */
  jobs?: number;
  /** Files larger than this (KB) are skipped with a notice (--max-file-size-kb). */
  maxFileSizeKB?: number;
}

/** What the run learns about one file, kept by walk order. */
interface FileState {
  /** As found or given (relative when the user gave a relative path). */
  file: string;
  /** Absolute. */
  path: string;
  order: number;
  /** Read without an I/O error. */
  readable: boolean;
  bytes?: Buffer;
  text?: string;
  hash?: string;
  /** Where the cache keeps this file's results (content, Go version, config). */
  resultKey?: string;
  /** Lines for stderr that were known before analysis (unreadable, not UTF-8). */
  messages: string[];
  findings: Finding[];
  syntaxErrorAt?: number;
  ruleErrors: { rule: string; error: string }[];
  failure?: string;
}

function buildRuleSettings(options: CheckOptions): Record<string, boolean> {
  const known = new Set(ALL_RULES.map((rule) => rule.meta.id));
  const settings: Record<string, boolean> = {};
  for (const [flag, ids, value] of [
    ['--enable', options.enable, true],
    ['--disable', options.disable, false],
  ] as const) {
    for (const id of ids) {
      if (!known.has(id)) throw new UsageError(`${flag}: unknown rule "${id}" (see "go-for-ts rules")`);
      settings[id] = value;
    }
  }
  return settings;
}

export async function runCheck(options: CheckOptions): Promise<number> {
  const ruleSettings = buildRuleSettings(options);
  const { config } = resolveConfig(ALL_RULES, ruleSettings);
  const { files, problems } = collectGoFiles(options.paths);
  let ioError = problems.length > 0;
  for (const problem of problems) process.stderr.write(`go-for-ts: ${problem.path}: ${problem.message}\n`);
  const warn = (line: string) => process.stderr.write(`${line}\n`);

  const cache = options.cache ? openCache(warn) : undefined;
  const configKey = cache ? configDigest(config) : '';
  const states: FileState[] = files.map((file, order) => ({
    file,
    path: path.resolve(file),
    order,
    readable: false,
    messages: [],
    findings: [],
    ruleErrors: [],
  }));
  const runner = new JobRunner({
    jobs: options.jobs ?? os.availableParallelism(),
    explicit: options.jobs !== undefined,
    ruleSettings,
    config,
    displayName: (order) => states[order]!.file,
    warn,
  });
  const goVersions = new GoVersionLookup();
  const progress = new Progress(files.length);
  let done = 0;

  // Read, hash and look up every directory; what the cache cannot answer becomes a job.
  const jobs: PackageJob[] = [];
  const stats = { fromCache: 0, analysed: 0 };
  let charsToParse = 0;
  for (const group of groupByDirectory(states)) {
    const directory = path.dirname(group[0]!.path);
    const goVersion = goVersions.forDirectoryOf(directory);
    const readable: FileState[] = [];
    for (const state of group) {
      if (!readSource(state, !!cache)) {
        ioError = true;
        progress.tick(++done);
      } else if (skipOversize(state, options.maxFileSizeKB ?? DEFAULT_MAX_FILE_SIZE_KB)) progress.tick(++done);
      else readable.push(state);
    }
    if (readable.length === 0) continue;
    const job = planDirectory(readable, { id: jobs.length, directory, goVersion, cache, configKey });
    const known = readable.length - job.files.filter((file) => file.text !== undefined).length;
    stats.fromCache += known;
    done += known;
    progress.tick(done);
    if (known === readable.length) continue;
    jobs.push(job);
    charsToParse += jobSize(job);
    runner.anticipate(jobs.length, charsToParse);
  }

  await runner.run(jobs, (result) => {
    const job = jobs[result.id]!;
    for (const file of result.files) {
      const state = states[file.order]!;
      state.findings = file.findings;
      state.syntaxErrorAt = file.syntaxErrorAt;
      state.ruleErrors = file.ruleErrors;
      state.failure = file.failure;
      if (file.incomplete) state.messages.push(file.incomplete);
      if (file.reused) stats.fromCache++;
      else stats.analysed++;
      if (cache) storeInCache(cache, state, file, result.factsDigest);
    }
    for (const file of job.files) {
      file.text = undefined; // the job is done: let its texts go
      releaseSource(states[file.order]!);
    }
    done += result.files.length;
    progress.tick(done);
  });
  progress.done();
  cache?.save();
  if (process.env.GO_FOR_TS_CACHE_STATS) {
    warn(`go-for-ts: cache: ${stats.fromCache} of ${files.length} files from ${cache ? cache.file : 'no cache'}, ${stats.analysed} analysed`);
  }

  const reports: FileReport[] = [];
  for (const state of states) {
    for (const message of state.messages) warn(`go-for-ts: ${state.file}: ${message}`);
    if (!state.readable) continue;
    const needsLines = state.syntaxErrorAt !== undefined || state.findings.length > 0;
    const lines = needsLines ? new LineIndex(textOf(state)) : undefined;
    if (state.syntaxErrorAt !== undefined) {
      const { line, character } = lines!.positionAt(state.syntaxErrorAt);
      warn(`go-for-ts: ${state.file}:${line + 1}:${character + 1}: syntax error; findings in this file may be incomplete`);
    }
    for (const failure of state.ruleErrors) {
      warn(`go-for-ts: ${state.file}: rule ${failure.rule} failed: ${failure.error.split('\n')[0]}`);
    }
    if (state.failure !== undefined) {
      ioError = true;
      warn(`go-for-ts: ${state.file}: could not be analysed: ${state.failure}`);
    }
    if (state.findings.length) reports.push({ file: state.file, findings: state.findings, lines: lines! });
  }

  const output =
    options.format === 'json'
      ? formatJson(reports)
      : options.format === 'sarif'
        ? formatSarif(reports, ALL_RULES, { version: VERSION, informationUri: REPOSITORY_URL, docUrl: ruleDocUrl })
        : formatText(reports);
  process.stdout.write(output);
  if (ioError) return 2;
  return reports.length > 0 ? 1 : 0;
}

/** Reads the file's bytes (and hashes them for the cache); false when it cannot be read. */
function readSource(state: FileState, hash: boolean): boolean {
  try {
    state.bytes = fs.readFileSync(state.file);
  } catch (error) {
    state.messages.push((error as Error).message);
    return false;
  }
  if (!isUtf8(state.bytes)) {
    const decoded = decodeGoSource(state.bytes);
    state.text = decoded.text;
    if (decoded.notice) state.messages.push(decoded.notice);
  }
  if (hash) state.hash = contentHash(state.bytes);
  state.readable = true;
  return true;
}

/**
 * A file over the size limit is not analysed (a generated 10 MB table would hold up
 * the run and say nothing useful); the notice names it. Not an I/O error.
 */
function skipOversize(state: FileState, maxKB: number): boolean {
  const bytes = state.bytes!.length;
  if (bytes <= maxKB * 1024) return false;
  state.messages.push(sizeLimitMessage(Math.ceil(bytes / 1024), maxKB, 'raise it with --max-file-size-kb'));
  state.readable = false;
  state.bytes = undefined;
  state.text = undefined;
  return true;
}

function textOf(state: FileState): string {
  state.text ??= decodeGoSource(state.bytes!).text;
  return state.text;
}

/** Keeps the text only where the report will need lines and columns. */
function releaseSource(state: FileState): void {
  if (state.findings.length > 0 || state.syntaxErrorAt !== undefined) return;
  state.text = undefined;
  state.bytes = undefined;
}

interface PlanContext {
  id: number;
  directory: string;
  goVersion: string | undefined;
  cache: ResultCache | undefined;
  configKey: string;
}

/**
 * The directory's job. Files whose results the cache holds for the directory's
 * current facts are settled here and go into the job without text (their facts still
 * count); when a file's facts are unknown (its content is new), the directory's facts
 * digest is only known after parsing it, so every file goes with its text and its
 * cached results, and the job picks the ones that still hold.
 */
function planDirectory(readable: FileState[], context: PlanContext): PackageJob {
  const { cache } = context;
  const facts = readable.map((state) => cache?.facts(state.hash!));
  const variants = readable.map((state) => {
    if (!cache) return [];
    state.resultKey = fileResultKey({ content: state.hash!, goVersion: context.goVersion, config: context.configKey });
    return cache.results(state.resultKey);
  });
  const allFactsKnown = cache !== undefined && facts.every((known) => known !== undefined);
  const digest = allFactsKnown ? directoryFactsDigest(facts.map((known) => known!.digest)) : undefined;
  const files = readable.map((state, i): JobFile => {
    const file: JobFile = { order: state.order, path: state.path, facts: facts[i]?.facts, factsDigest: facts[i]?.digest };
    const hit = digest === undefined ? undefined : variants[i]!.find((variant) => variant.facts === digest);
    if (hit) {
      state.findings = hit.findings;
      state.syntaxErrorAt = hit.syntaxErrorAt;
      releaseSource(state);
      return file;
    }
    file.text = textOf(state);
    if (digest === undefined && variants[i]!.length > 0) file.cached = variants[i];
    return file;
  });
  return { id: context.id, directory: context.directory, goVersion: context.goVersion, files, digests: cache !== undefined };
}

/**
 * Facts the job computed, and a fresh, clean result under the directory's digest
 * (known when every file of the directory has facts). A file a rule threw on is not
 * stored: it runs again next time.
 */
function storeInCache(cache: ResultCache, state: FileState, file: FileResult, directoryDigest: string | undefined): void {
  if (file.facts && file.factsDigest) cache.addFacts(state.hash!, { facts: file.facts, digest: file.factsDigest });
  if (file.reused || directoryDigest === undefined || file.failure !== undefined || file.ruleErrors.length > 0) return;
  if (file.incomplete !== undefined) return; // stopped by its time budget: a faster run may finish it
  cache.addResult(state.resultKey!, { facts: directoryDigest, findings: file.findings, syntaxErrorAt: file.syntaxErrorAt });
}

function openCache(warn: (line: string) => void): ResultCache | undefined {
  const directory = cacheDirectory();
  if (!directory) return undefined;
  let grammars: string[];
  try {
    const root = findPackageRoot();
    grammars = [path.join(root, 'grammars', 'tree-sitter-go.wasm'), path.join(root, 'grammars', 'web-tree-sitter.wasm')];
  } catch {
    return undefined; // no grammar, no analysis: the engine will say so
  }
  // The bundles hold every rule and engine helper: any change to them is a new engine.
  const version = engineDigest(VERSION, [__filename, path.join(__dirname, WORKER_BUNDLE), ...grammars]);
  const maxBytes = Number(process.env.GO_FOR_TS_CACHE_MAX_BYTES) || DEFAULT_MAX_BYTES;
  return ResultCache.open(directory, version, { maxBytes, warn });
}

/** Files grouped by their directory, groups in order of first appearance, files in given order. */
function groupByDirectory(states: readonly FileState[]): FileState[][] {
  const groups = new Map<string, FileState[]>();
  for (const state of states) {
    const dir = path.dirname(state.path);
    const group = groups.get(dir);
    if (group) group.push(state);
    else groups.set(dir, [state]);
  }
  return [...groups.values()];
}
