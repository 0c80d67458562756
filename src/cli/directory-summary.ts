// A directory's last complete result, so that a warm run decides a whole package
// from its files' stats alone: when the same files (names, in walk order) have the
// same size, mtime, ctime, inode and device as when the summary was made, had all
// settled by then (the racy check of file-stamps.ts), and the Go version, the
// configuration and the engine are the same (the cache key and file), each file's
// findings are the ones the summary holds. Nothing is read, hashed or looked up per
// file. Anything else (a new, changed, oversized, unreadable or non-UTF-8 file) falls
// back to the per-file stamps, facts and results of the cache.
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import type { StatFields } from './file-stamps';
import { knownPositions, positionsFor, type PositionSource } from './known-positions';
import { withoutFixes } from './result-cache';

export interface DirectorySummary {
  /** Date.now() before the run that made it stat'ed any file. */
  verifiedAt: number;
  /** Each file in walk order: its name and stat. */
  files: [name: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number][];
  /** The files left out as over the size limit (indexes into files): the others were analysed without them. */
  oversize: number[];
  /** Files with findings or a syntax error: [index in files, findings, first syntax error or -1, positions (known-positions.ts)]. */
  reports: [index: number, findings: Finding[], syntaxErrorAt: number, positions: number[]][];
}

/** What the summary needs of each file of the directory, as the run found it. */
export interface SummarizedFile {
  /** Absolute path. */
  path: string;
  stat?: StatFields;
}

/** A file's findings as the summary gives them back. */
export interface SummarizedResult {
  /** Over the size limit: not analysed, reported by its size as on every run. */
  oversize?: boolean;
  findings: Finding[];
  syntaxErrorAt?: number;
  positions?: PositionSource;
}

/** The key of a directory's summary: the directory, the Go version and the configuration (\0 never occurs in any of them). */
export function summaryKey(directory: string, goVersion: string | undefined, configKey: string): string {
  return `${directory}\0${goVersion ?? ''}\0${configKey}`;
}

/**
 * Each file's result when the summary still holds for these files, else undefined.
 * `margin` is the racy margin of a device (file-stamps.ts); the files over `maxBytes`
 * must be the ones left out when the summary was made.
 */
export function resultsFromSummary(
  summary: DirectorySummary,
  files: readonly SummarizedFile[],
  directory: string,
  margin: (dev: number) => number,
  maxBytes: number,
): SummarizedResult[] | undefined {
  if (summary.files.length !== files.length) return undefined;
  for (let i = 0; i < files.length; i++) {
    const { path: file, stat } = files[i]!;
    const [name, size, mtimeMs, ctimeMs, ino, dev] = summary.files[i]!;
    if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs || stat.ctimeMs !== ctimeMs || stat.ino !== ino || stat.dev !== dev) return undefined;
    if (size > maxBytes !== summary.oversize.includes(i) || Math.max(ctimeMs, mtimeMs) >= summary.verifiedAt - margin(dev)) return undefined;
    if (file.length !== directory.length + 1 + name.length || !file.endsWith(name) || !file.startsWith(directory)) return undefined;
  }
  const results: SummarizedResult[] = files.map((_file, i) => (summary.oversize.includes(i) ? { oversize: true, findings: [] } : { findings: [] }));
  for (const [index, findings, syntaxErrorAt, positions] of summary.reports) {
    const result: SummarizedResult = { findings };
    if (syntaxErrorAt >= 0) result.syntaxErrorAt = syntaxErrorAt;
    const known = knownPositions(positions, findings, result.syntaxErrorAt);
    if (!results[index] || results[index].oversize || !known) return undefined;
    result.positions = known;
    results[index] = result;
  }
  return results;
}

/** A finished file of the directory, as the summary records it. */
export interface FinishedFile extends SummarizedFile {
  /** Left out as over the size limit. */
  oversize: boolean;
  findings: readonly Finding[];
  syntaxErrorAt?: number;
  /** Where its offsets are; asked only when it has findings or a syntax error. */
  lines: () => PositionSource;
}

/**
 * The summary of a directory whose every file was stat'ed and analysed cleanly this
 * run, or undefined when some file had not settled at `verifiedAt` (it is summed up
 * by a later run).
 */
export function summarize(files: readonly FinishedFile[], verifiedAt: number, margin: (dev: number) => number): DirectorySummary | undefined {
  const summary: DirectorySummary = { verifiedAt, files: [], oversize: [], reports: [] };
  for (const [index, file] of files.entries()) {
    const { stat } = file;
    if (!stat || Math.max(stat.ctimeMs, stat.mtimeMs) >= verifiedAt - margin(stat.dev)) return undefined;
    summary.files.push([path.basename(file.path), stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, stat.dev]);
    if (file.oversize) summary.oversize.push(index);
    if (file.findings.length > 0 || file.syntaxErrorAt !== undefined) {
      const findings = file.findings.map(withoutFixes);
      summary.reports.push([index, findings, file.syntaxErrorAt ?? -1, positionsFor(findings, file.syntaxErrorAt, file.lines())]);
    }
  }
  return summary;
}
