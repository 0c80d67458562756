// `go-for-ts check`: find the files, analyse each, print in the chosen format.
// One bad file (unreadable, not UTF-8, not Go) is reported and the run goes on.
//
// Files are read and hashed here, directory by directory (a directory is a package:
// its files are analysed together). With the cache, every file is stat'ed first and a
// file whose stat the cache's index vouches for (file-stamps.ts) is not read at all,
// unless its findings are printed (lines and columns need its text; the bytes read
// then are checked against the hash, and a mismatch plans the directory again). With the cache, a directory whose files' facts
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
import { knownPositions, positionsFor, type PositionSource } from './known-positions';
import { LineIndex } from '../engine/lines';
import type { Finding } from '../engine/types';
import { REPOSITORY_URL, ruleDocUrl, VERSION } from '../shared/product';
import { configDigest, contentHash, directoryFactsDigest, engineDigest, fileResultKey } from './cache-keys';
import { cacheDirectory } from './cache-location';
import { resultsFromSummary, summarize, summaryKey } from './directory-summary';
import { COARSE_MARGIN_MS, isSettled, isUnchanged, racyMargins, sameStamp, stampOf, statFields, type StatFields } from './file-stamps';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { GoVersionLookup } from './go-version-lookup';
import { ENGINE_BUNDLE, JobRunner } from './job-runner';
import type { FileResult, JobFile, PackageJob, ResultVariant } from './package-job';
import { Progress } from './progress';
import type { FileReport } from './report';
import { DEFAULT_MAX_BYTES, ResultCache } from './result-cache';
import { UsageError } from './usage-error';
import { RULE_CATALOG } from './rule-catalog';
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
  /** Parse whole files, not only the regions a rule may read (--parse-all-bodies). */
  parseAllBodies?: boolean;
}

/** What the run learns about one file, kept by walk order. */
interface FileState {
  /** As found or given (relative when the user gave a relative path). */
  file: string;
  /** Absolute. */
  path: string;
  /** Absolute: the directory of path. */
  directory: string;
  order: number;
  /** Read without an I/O error. */
  readable: boolean;
  bytes?: Buffer;
  text?: string;
  hash?: string;
  /** Taken before reading, when the cache is on (undefined: stat failed; read as without a cache). */
  stat?: StatFields;
  /** The hash came from the cache's stat index: the bytes are read only if the report needs them. */
  hashFromStamp?: boolean;
  /** Size in bytes (from the stat when the file was not read). */
  size?: number;
  /** Where the cache keeps this file's results (content, Go version, config). */
  resultKey?: string;
  /** Left out as over the size limit (its notice is in messages). */
  oversize?: boolean;
  /** Lines for stderr that were known before analysis (unreadable, not UTF-8). */
  messages: string[];
  findings: Finding[];
  syntaxErrorAt?: number;
  /** Where the report's offsets are: from the cache (known-positions.ts), or the text's lines once counted. */
  positions?: PositionSource;
  ruleErrors: { rule: string; error: string }[];
  failure?: string;
}

function buildRuleSettings(options: CheckOptions): Record<string, boolean> {
  const known = new Set(RULE_CATALOG.map((rule) => rule.meta.id));
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
  const { config } = resolveConfig(RULE_CATALOG, ruleSettings);
  const { files, problems, listed } = collectGoFiles(options.paths);
  let ioError = problems.length > 0;
  for (const problem of problems) process.stderr.write(`go-for-ts: ${problem.path}: ${problem.message}\n`);
  const warn = (line: string) => process.stderr.write(`${line}\n`);

  const cache = options.cache ? openCache(warn) : undefined;
  // Results with every body parsed may add syntax errors: kept apart in the cache.
  const configKey = cache ? `${configDigest(config)}${options.parseAllBodies ? '+all-bodies' : ''}` : '';
  const states: FileState[] = files.map(({ file, path: absolute, directory }, order) => ({
    file,
    path: absolute,
    directory,
    order,
    readable: false,
    messages: [],
    findings: [],
    ruleErrors: [],
  }));
  const goVersions = new GoVersionLookup(listed);
  const progress = new Progress(files.length);
  let done = 0;
  const jobs: PackageJob[] = [];
  const stats = { fromCache: 0, fromSummaries: 0, analysed: 0 };
  const runner = new JobRunner({
    jobs: options.jobs ?? os.availableParallelism(),
    explicit: options.jobs !== undefined,
    ruleSettings,
    config,
    displayName: (order) => states[order]!.file,
    warn,
    onResult: (result) => {
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
    },
  });
  // Stat every file before reading any: a write after this moment changes the stat.
  const statTime = Date.now();
  if (cache) for (const state of states) state.stat = statOrUndefined(state.path);
  const margins = cache ? racyMargins(states.map((state) => state.stat)) : new Map<number, number>();
  const reader: SourceReader = { cache, statTime, margins, maxKB: options.maxFileSizeKB ?? DEFAULT_MAX_FILE_SIZE_KB, filesRead: 0 };

  // Read, hash and look up every directory; what the cache cannot answer becomes a job,
  // handed to the runner at once (the workers start while later directories are read).
  // A directory whose summary still holds needs none of that.
  const groups = groupByDirectory(states).map((files) => {
    const { directory } = files[0]!;
    return { files, directory, goVersion: goVersions.forDirectoryOf(directory), fromSummary: false };
  });
  for (const group of groups) {
    const { directory, goVersion } = group;
    if (cache && takeSummary(group.files, summaryKey(directory, goVersion, configKey), directory, reader)) {
      group.fromSummary = true;
      stats.fromCache += group.files.length;
      stats.fromSummaries += group.files.length;
      progress.tick((done += group.files.length));
      continue;
    }
    let readable: FileState[] = [];
    for (const state of group.files) {
      if (!readSource(state, reader)) {
        ioError = true;
        progress.tick(++done);
      } else if (skipOversize(state, reader.maxKB)) progress.tick(++done);
      else readable.push(state);
    }
    if (readable.length === 0) continue;
    let job: PackageJob;
    for (;;) {
      try {
        job = planDirectory(readable, { id: jobs.length, directory, goVersion, cache, configKey, reader, parseAllBodies: options.parseAllBodies });
        break;
      } catch (error) {
        if (!(error instanceof ContentChanged)) throw error;
        // A file trusted by its stat read differently (or not at all): plan again with what it holds now.
        const lost = readable.filter((state) => !state.readable);
        if (lost.length) ioError = true;
        done += lost.length;
        readable = readable.filter((state) => state.readable);
      }
    }
    if (readable.length === 0) continue;
    for (const file of job!.files) if (file.text === undefined) releaseSource(states[file.order]!);
    const known = readable.length - job!.files.filter((file) => file.text !== undefined).length;
    stats.fromCache += known;
    done += known;
    progress.tick(done);
    if (known === readable.length) continue;
    jobs.push(job!);
    runner.add(job!);
    await runner.breathe();
  }

  await runner.finish();
  progress.done();
  if (cache) {
    for (const group of groups) {
      if (!group.fromSummary) recordSummary(cache, group.files, summaryKey(group.directory, group.goVersion, configKey), reader);
    }
    cache.save();
    cache.close();
  }
  if (process.env.GO_FOR_TS_CACHE_STATS) {
    const where = cache ? `${cache.file} (${stats.fromSummaries} by directory summaries)` : 'no cache';
    warn(`go-for-ts: cache: ${stats.fromCache} of ${files.length} files from ${where}, ${stats.analysed} analysed, ${reader.filesRead} read`);
  }

  const reports: FileReport[] = [];
  for (const state of states) {
    for (const message of state.messages) warn(`go-for-ts: ${state.file}: ${message}`);
    if (!state.readable) continue;
    const needsLines = state.syntaxErrorAt !== undefined || state.findings.length > 0;
    const lines = needsLines ? linesOf(state) : undefined;
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
        ? formatSarif(reports, RULE_CATALOG, { version: VERSION, informationUri: REPOSITORY_URL, docUrl: ruleDocUrl })
        : formatText(reports);
  process.stdout.write(output);
  if (ioError) return 2;
  return reports.length > 0 ? 1 : 0;
}

interface SourceReader {
  cache: ResultCache | undefined;
  /** Date.now() before any file was stat'ed. */
  statTime: number;
  /** Racy margin per device (file-stamps.ts). */
  margins: Map<number, number>;
  maxKB: number;
  /** Files whose bytes this run read (for GO_FOR_TS_CACHE_STATS). */
  filesRead: number;
}

/** A file the cache's stat index vouched for did not hold the hashed content when read. */
class ContentChanged extends Error {}

function statOrUndefined(file: string): StatFields | undefined {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat && statFields(stat);
  } catch {
    return undefined;
  }
}

/**
 * Learns the file's content hash (for the cache): from the stat index when its stat
 * is unchanged and settled, without reading; else reads the bytes as without a cache.
 * false when it cannot be read.
 */
function readSource(state: FileState, reader: SourceReader): boolean {
  const { cache } = reader;
  const { stat } = state;
  const margin = stat ? (reader.margins.get(stat.dev) ?? COARSE_MARGIN_MS) : 0;
  const stamp = cache && stat ? cache.fileStamp(state.path) : undefined;
  if (stat && stamp && isUnchanged(stamp, stat, margin)) {
    state.hash = stamp.hash;
    state.hashFromStamp = true;
    state.size = stat.size;
    state.readable = true;
    return true;
  }
  if (stat && stat.size > reader.maxKB * 1024) {
    state.size = stat.size; // skipped unread: the size says enough
    state.readable = true;
    return true;
  }
  try {
    state.bytes = fs.readFileSync(state.file);
  } catch (error) {
    state.messages.push((error as Error).message);
    return false;
  }
  reader.filesRead++;
  state.size = state.bytes.length;
  const utf8 = isUtf8(state.bytes);
  if (!utf8) {
    const decoded = decodeGoSource(state.bytes);
    state.text = decoded.text;
    if (decoded.notice) state.messages.push(decoded.notice);
  }
  if (reader.cache) state.hash = contentHash(state.bytes);
  state.readable = true;
  // Only clean UTF-8 is stamped: other files are read each time, so their notice is told each time.
  if (cache && stat && utf8) {
    const fresh = stampOf(stat, state.hash!, reader.statTime);
    if (!stamp || !sameStamp(stamp, fresh) || (!isSettled(stamp, margin) && isSettled(fresh, margin))) {
      cache.setFileStamp(state.path, fresh);
    }
  }
  return true;
}

/**
 * The bytes of a file whose hash came from the stat index, read now that the report
 * or the analysis needs them. Throws ContentChanged when they are not what was hashed
 * (a write raced the stat) or cannot be read: the directory is planned again.
 */
function loadTrusted(state: FileState, reader: SourceReader): void {
  const { cache } = reader;
  if (state.bytes !== undefined || state.text !== undefined || !state.hashFromStamp) return;
  state.hashFromStamp = false;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(state.file);
  } catch (error) {
    state.messages.push((error as Error).message);
    state.readable = false;
    cache?.forgetFileStamp(state.path);
    throw new ContentChanged();
  }
  reader.filesRead++;
  const hash = contentHash(bytes);
  state.bytes = bytes;
  state.size = bytes.length;
  if (hash === state.hash && isUtf8(bytes)) return;
  if (!isUtf8(bytes)) {
    const decoded = decodeGoSource(bytes);
    state.text = decoded.text;
    if (decoded.notice) state.messages.push(decoded.notice);
  }
  state.hash = hash;
  cache?.forgetFileStamp(state.path);
  throw new ContentChanged();
}

/**
 * A file over the size limit is not analysed (a generated 10 MB table would hold up
 * the run and say nothing useful); the notice names it. Not an I/O error.
 */
function skipOversize(state: FileState, maxKB: number): boolean {
  const bytes = state.size ?? state.bytes!.length;
  if (bytes <= maxKB * 1024) return false;
  state.messages.push(sizeLimitMessage(Math.ceil(bytes / 1024), maxKB, 'raise it with --max-file-size-kb'));
  state.oversize = true;
  state.readable = false;
  state.bytes = undefined;
  state.text = undefined;
  return true;
}

function textOf(state: FileState): string {
  if (state.text === undefined && state.bytes === undefined) throw new Error(`${state.file}: text asked for before it was read`);
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
  reader: SourceReader;
  parseAllBodies?: boolean;
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
  const digests = readable.map((state) => cache?.factsDigest(state.hash!));
  const variants = readable.map((state) => {
    if (!cache) return [];
    state.resultKey = fileResultKey({ content: state.hash!, goVersion: context.goVersion, config: context.configKey });
    return cache.results(state.resultKey);
  });
  const allFactsKnown = cache !== undefined && digests.every((known) => known !== undefined);
  const digest = allFactsKnown ? directoryFactsDigest(digests as string[]) : undefined;
  const hits = readable.map((_state, i) => (digest === undefined ? undefined : variants[i]!.find((variant) => variant.facts === digest)));
  const settled = hits.every((hit) => hit !== undefined);
  const files = readable.map((state, i): JobFile => {
    // A job runs only when some file is not settled: only then are the facts themselves needed.
    const facts = settled || !cache ? undefined : cache.facts(state.hash!);
    const file: JobFile = { order: state.order, path: state.path, facts: facts?.facts, factsDigest: facts?.digest };
    const hit = hits[i];
    if (hit && (settled || facts)) {
      state.findings = hit.findings;
      state.syntaxErrorAt = hit.syntaxErrorAt;
      if (hit.findings.length > 0 || hit.syntaxErrorAt !== undefined) {
        // The report needs lines and columns: cached with the result, or counted in the text.
        state.positions = knownPositions(hit.positions, hit.findings, hit.syntaxErrorAt) ?? undefined;
        if (!state.positions) loadTrusted(state, context.reader);
      }
      return file;
    }
    loadTrusted(state, context.reader);
    file.text = textOf(state);
    if (variants[i]!.length > 0 && (digest === undefined || facts === undefined)) file.cached = variants[i];
    return file;
  });
  const job: PackageJob = { id: context.id, directory: context.directory, goVersion: context.goVersion, files, digests: cache !== undefined };
  if (context.parseAllBodies) job.parseAllBodies = true;
  return job;
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
  const variant: ResultVariant = { facts: directoryDigest, findings: file.findings, syntaxErrorAt: file.syntaxErrorAt };
  if (file.findings.length > 0 || file.syntaxErrorAt !== undefined) variant.positions = positionsFor(file.findings, file.syntaxErrorAt, linesOf(state));
  cache.addResult(state.resultKey!, variant);
}

/** The directory's files' results from its summary (directory-summary.ts), when it holds for them. */
function takeSummary(files: FileState[], key: string, directory: string, reader: SourceReader): boolean {
  const summary = reader.cache!.directorySummary(key);
  if (!summary) return false;
  const results = resultsFromSummary(summary, files, directory, (dev) => reader.margins.get(dev) ?? COARSE_MARGIN_MS, reader.maxKB * 1024);
  if (!results) return false;
  files.forEach((state, i) => {
    const result = results[i]!;
    state.readable = true;
    state.size = state.stat!.size;
    if (result.oversize) return void skipOversize(state, reader.maxKB);
    state.findings = result.findings;
    state.syntaxErrorAt = result.syntaxErrorAt;
    state.positions = result.positions;
  });
  return true;
}

/** Sums up a directory whose every file was stat'ed and came out of this run whole: no notice, no failure, no rule error. */
function recordSummary(cache: ResultCache, files: readonly FileState[], key: string, reader: SourceReader): void {
  const whole = (state: FileState) =>
    state.oversize || (state.readable && state.stat && state.messages.length === 0 && state.failure === undefined && state.ruleErrors.length === 0);
  if (!files.every(whole)) return;
  const finished = files.map((state) => ({
    path: state.path,
    stat: state.stat,
    oversize: state.oversize === true,
    findings: state.findings,
    syntaxErrorAt: state.syntaxErrorAt,
    lines: () => linesOf(state),
  }));
  const summary = summarize(finished, reader.statTime, (dev) => reader.margins.get(dev) ?? COARSE_MARGIN_MS);
  if (summary) cache.setDirectorySummary(key, summary);
}

/** Where the report's offsets are in the file (its lines are counted once, when no cached positions came). */
function linesOf(state: FileState): PositionSource {
  state.positions ??= new LineIndex(textOf(state));
  return state.positions;
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
  const version = engineDigest(VERSION, [__filename, path.join(__dirname, WORKER_BUNDLE), path.join(__dirname, ENGINE_BUNDLE), ...grammars]);
  const maxBytes = Number(process.env.GO_FOR_TS_CACHE_MAX_BYTES) || DEFAULT_MAX_BYTES;
  return ResultCache.open(directory, version, { maxBytes, warn });
}

/** Files grouped by their directory, groups in order of first appearance, files in given order. */
function groupByDirectory(states: readonly FileState[]): FileState[][] {
  const groups = new Map<string, FileState[]>();
  for (const state of states) {
    const group = groups.get(state.directory);
    if (group) group.push(state);
    else groups.set(state.directory, [state]);
  }
  return [...groups.values()];
}
