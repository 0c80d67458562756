// One directory's work: the unit a worker thread (or this process) is handed. A
// package's files are analysed together because rules read the facts of sibling
// files (does `Config` in config.go hold a mutex?). Jobs and results are plain data,
// so they cross to and from worker threads by structured clone.
import type { Node, Tree } from 'web-tree-sitter';
import type { EngineConfig } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import { fileGoVersion } from '../engine/file-go-version';
import type { Engine } from '../engine/engine';
import { extractFileFacts, type FileFacts } from '../engine/package-facts';
import { timeBudgetMessage } from '../engine/limits';
import { PackageIndex, type PackageFacts } from '../engine/package-index';
import { parseOutline, withRegions, type Outline } from '../engine/partial-parse';
import { regionsNeeded } from '../engine/regions-needed';
import { SourceFile } from '../engine/source-file';
import type { Finding } from '../engine/types';
import { directoryFactsDigest, fileFactsDigest } from './cache-keys';

/** A file's result as the cache keeps it, for one digest of its directory's facts. */
export interface ResultVariant {
  /** The directory's facts digest the result was computed with. */
  facts: string;
  findings: Finding[];
  /** Offset of the first syntax error, when the file did not parse cleanly. */
  syntaxErrorAt?: number;
  /** The lines and columns its report needs (known-positions.ts), so a warm run need not read the file. */
  positions?: number[];
}

export interface JobFile {
  /** The file's position in walk order: results are merged back by it. */
  order: number;
  /** Absolute path: the package index groups by its directory. */
  path: string;
  /** Facts known already (from the cache); without them the file is parsed for them. */
  facts?: FileFacts;
  /** The cache's digest of `facts`. */
  factsDigest?: string;
  /** The text to analyse; absent when the file only lends its facts (its result is known). */
  text?: string;
  /** Cached results of this text: one computed with this job's directory digest is used as is. */
  cached?: ResultVariant[];
}

export interface PackageJob {
  id: number;
  directory: string;
  goVersion?: string;
  /** Every file of the directory that the run checks, in walk order. */
  files: JobFile[];
  /** The cache is on: compute each file's and the directory's facts digest. */
  digests: boolean;
  /**
   * Parse whole files, not only the function bodies and tables a rule may read
   * (partial-parse.ts): slower, and reports syntax errors anywhere.
   */
  parseAllBodies?: boolean;
}

export interface FileResult {
  order: number;
  /** Facts this job computed (files sent without facts), and their digest: only when the job asked for digests. */
  facts?: FileFacts;
  factsDigest?: string;
  findings: Finding[];
  syntaxErrorAt?: number;
  ruleErrors: { rule: string; error: string }[];
  /** Why the file could not be analysed at all (the parser or the facts threw). */
  failure?: string;
  /** Taken from the file's cached results: the directory's facts were the same. */
  reused?: boolean;
  /** Why the findings are incomplete: the analysis ran out of its time budget. */
  incomplete?: string;
}

/**
 * How long one file's analysis may take. Generous: a CI run must not hang on one
 * pathological file (10,000 nested blocks), yet any real file finishes well inside it.
 */
export const FILE_ANALYSIS_BUDGET_MS = 10_000;

export interface JobResult {
  id: number;
  /** One entry per file sent with text. */
  files: FileResult[];
  /** The directory's facts digest, when asked for and every file has facts. */
  factsDigest?: string;
}

interface Parsed {
  /** The whole file's tree, or its outline's (see partial-parse.ts). */
  tree: Tree;
  /** Set when `tree` is an outline: the regions it left out are added for the analysis. */
  outline?: Outline;
  /** The tree with the regions the rules read, once made from the outline. */
  analysed?: Tree;
}

/**
 * Parses the files whose facts are unknown, indexes every file's facts, then gives
 * each file that came with text its result: the cached one when it was computed with
 * the same directory facts, else a fresh analysis with the package's facts. A file
 * that throws is reported in its own result; the others still get theirs.
 */
export function runPackageJob(
  engine: Engine,
  config: EngineConfig,
  job: PackageJob,
  /** Called before a file is parsed or analysed: a worker tells the main thread which file it is on. */
  beforeFile?: (file: JobFile) => void,
): JobResult {
  const index = new PackageIndex({ goVersionFor: () => job.goVersion });
  const trees = new Map<JobFile, Parsed>();
  const results = new Map<JobFile, FileResult>();
  const resultOf = (file: JobFile) => {
    let result = results.get(file);
    if (!result) results.set(file, (result = { order: file.order, findings: [], ruleErrors: [] }));
    return result;
  };
  // Parsed for the facts: the outline is enough there (the facts never read a body).
  const parse = (file: JobFile): Parsed => {
    let parsed = trees.get(file);
    if (!parsed) {
      const outline = job.parseAllBodies ? null : parseOutline(engine, file.text!);
      parsed = outline ? { tree: outline.tree, outline } : { tree: engine.parse(file.text!) };
      trees.set(file, parsed);
    }
    return parsed;
  };
  // The tree the analysis runs on: with the regions the active rules may read.
  // The plan's possible declarations per rule narrow the analysis's text searches.
  const treeToAnalyse = (
    file: JobFile,
    facts: PackageFacts | undefined,
    goVersion: string | undefined,
  ): { tree: Tree; possible?: ReadonlyMap<AnyRule, ReadonlySet<number>> } => {
    const parsed = parse(file);
    if (!parsed.outline) return { tree: parsed.tree };
    const outlineFile = new SourceFile(file.text!, parsed.tree, goVersion, facts);
    const unparsed = new Set(parsed.outline.skipped.map((region) => region.declaration));
    const { needed, possible } = regionsNeeded(engine.analyzer, outlineFile, config, unparsed);
    parsed.analysed = withRegions(engine, file.text!, parsed.outline, needed);
    return { tree: parsed.analysed, possible: needed === 'all' ? undefined : possible };
  };
  try {
    const digests: string[] = [];
    for (const file of job.files) {
      let facts = file.facts;
      let digest = file.factsDigest;
      if (!facts && file.text !== undefined) {
        const result = resultOf(file);
        try {
          beforeFile?.(file);
          facts = extractFileFacts(parse(file).tree.rootNode);
          // Sent back only for the cache: cloning every file's facts to the main thread costs.
          if (job.digests) {
            result.facts = facts;
            digest = result.factsDigest = fileFactsDigest(facts);
          }
        } catch (error) {
          result.failure = describe(error);
        }
      }
      if (facts) index.updateFile(file.path, facts);
      if (digest) digests.push(digest);
    }
    const directoryDigest =
      job.digests && digests.length === job.files.length ? directoryFactsDigest(digests) : undefined;

    for (const file of job.files) {
      if (file.text === undefined) continue;
      const result = resultOf(file);
      if (result.failure !== undefined) continue;
      const cached = directoryDigest && file.cached?.find((variant) => variant.facts === directoryDigest);
      if (cached) {
        result.findings = cached.findings;
        result.syntaxErrorAt = cached.syntaxErrorAt;
        result.reused = true;
        continue;
      }
      try {
        beforeFile?.(file); // again: a crash while analysing must name this file, not the last one parsed
        // go.mod's version, changed by the file's //go:build line as the go tool does
        // (the editor does the same; the cache key's content hash covers that line).
        const goVersion = fileGoVersion(job.goVersion, file.text);
        const packageFacts = index.factsForFile(file.path);
        const { tree, possible } = treeToAnalyse(file, packageFacts, goVersion);
        if (tree.rootNode.hasError) result.syntaxErrorAt = firstErrorOffset(tree.rootNode);
        const analysis = engine.analyzeTree(file.text, tree, {
          config,
          goVersion,
          packageFacts,
          possible,
          timeBudgetMs: FILE_ANALYSIS_BUDGET_MS,
        });
        result.findings = analysis.findings;
        result.ruleErrors = analysis.ruleErrors;
        if (analysis.stoppedAfterMs !== undefined) result.incomplete = timeBudgetMessage(analysis.stoppedAfterMs);
      } catch (error) {
        result.failure = describe(error);
      }
    }
    return { id: job.id, files: [...results.values()].sort((a, b) => a.order - b.order), factsDigest: directoryDigest };
  } finally {
    for (const { tree, analysed } of trees.values()) {
      tree.delete();
      if (analysed && analysed !== tree) analysed.delete();
    }
  }
}

function firstErrorOffset(root: Node): number {
  let node = root;
  for (;;) {
    const child = node.children.find((c) => c && (c.type === 'ERROR' || c.isMissing || c.hasError));
    if (!child) return node.startIndex;
    if (child.type === 'ERROR' || child.isMissing) return child.startIndex;
    node = child;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
