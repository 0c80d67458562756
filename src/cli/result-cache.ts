// The CLI's content-hash cache: one file per engine version holding
//   files:   absolute path   -> its stat when its content was last hashed, and that hash
//                               (file-stamps.ts: a warm run neither reads nor hashes it)
//   facts:   content hash    -> the file's package facts and their digest (a warm run parses nothing)
//   results: file result key -> the file's findings and first syntax error, for each of the
//                               last few digests of its directory's facts (newest first)
//   summaries: directory, Go version, configuration -> the directory's last complete
//                               result with its files' stats (directory-summary.ts:
//                               a warm run decides a whole package at once)
// Layout: a first line of JSON with the format, the generation and the byte lengths of
// the two indexes that follow (cache-index.ts: one line per entry, decoded only when
// looked up): the summaries, then the stamps, facts digests and results; then one line
// per facts entry, ["<hash>",{facts}]. A warm run whose summaries all hold reads only
// the first index; the second is parsed when a file has to be looked up, and the facts
// (most of the bytes) only when a package has to be analysed (or the cache is written).
// Every entry carries the generation (run number) that last used it; when the file
// would pass its size cap, the least recently used entries go first. Written whole
// to a temporary file and renamed over the old one, so a reader never sees half a
// file; a damaged or unreadable file is ignored with one line on stderr.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts } from '../engine/package-facts';
import type { Finding } from '../engine/types';
import { CacheIndex, IndexSection, type IndexRow, type ValueCodec } from './cache-index';
import type { DirectorySummary } from './directory-summary';
import type { FileStamp } from './file-stamps';
import type { ResultVariant } from './package-job';

const FORMAT = 4;
const FILE_PATTERN = /^results-v\d+-[\w-]+\.json$/;
/** Roughly 64 MB: some 100,000 files' facts and results. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Cache files of other engine versions kept besides the current one (switching branches or versions). */
const OTHER_VERSIONS_KEPT = 2;
const STALE_TEMP_MS = 60 * 60 * 1000;
/** Results kept per file for different sibling facts (a branch switch and back). */
const VARIANTS_KEPT = 3;

/** A file's facts with their digest, so a warm run need not re-serialize them. */
export interface CachedFacts {
  facts: FileFacts;
  digest: string;
}

export interface ResultCacheOptions {
  /** Cap of the file's size in characters (the JSON is almost all ASCII). */
  maxBytes?: number;
  warn: (line: string) => void;
}

export class ResultCache {
  readonly file: string;
  private generation = 0;
  private readonly stampIndex = new IndexSection<FileStamp>('f', STAMP_CODEC);
  /** Content hash -> digest of its facts; the facts themselves are in factsByHash or factsLines. */
  private readonly digestIndex = new IndexSection<string>('d', DIGEST_CODEC);
  private readonly resultIndex = new IndexSection<ResultVariant[]>('r', RESULTS_CODEC);
  private readonly index = new CacheIndex([this.stampIndex, this.digestIndex, this.resultIndex]);
  /** The loaded file, open until its index and facts are read (a run that replaces it meanwhile changes nothing here). */
  private descriptor?: number;
  /** Where the stamps, digests and results are in the file, until a file is first looked up. */
  private indexRange?: [start: number, end: number];
  /** Where the facts lines are in the file, until the first facts are asked for. */
  private factsRange?: [start: number, end: number];
  private readonly summaryIndex = new IndexSection<DirectorySummary>('s', SUMMARY_CODEC);
  private readonly summaries = new CacheIndex([this.summaryIndex]);
  /** Facts decoded or added by this run. */
  private readonly factsByHash = new Map<string, FileFacts>();
  /** The undecoded facts lines by content hash, once the first facts are asked for. */
  private readonly factsLines = new Map<string, string>();
  private dirty = false;

  private constructor(
    readonly directory: string,
    engineVersion: string,
    private readonly options: ResultCacheOptions,
  ) {
    this.file = path.join(directory, `results-v${FORMAT}-${engineVersion}.json`);
  }

  /** Loads the cache of this engine version; a missing file is an empty cache. */
  static open(directory: string, engineVersion: string, options: ResultCacheOptions): ResultCache {
    const cache = new ResultCache(directory, engineVersion, options);
    cache.load();
    return cache;
  }

  /** The file's stat and content hash when it was last read (by absolute path). */
  fileStamp(file: string): FileStamp | undefined {
    this.loadIndex();
    return this.stampIndex.get(file);
  }

  setFileStamp(file: string, stamp: FileStamp): void {
    this.loadIndex();
    this.stampIndex.set(file, stamp);
    this.dirty = true;
  }

  /** The stamp lied (the content read differs from its hash): never trust it again. */
  forgetFileStamp(file: string): void {
    this.loadIndex();
    if (this.stampIndex.delete(file)) this.dirty = true;
  }

  /** The digest of the facts of this content, without loading the facts. */
  factsDigest(hash: string): string | undefined {
    this.loadIndex();
    return this.digestIndex.get(hash);
  }

  facts(hash: string): CachedFacts | undefined {
    this.loadIndex();
    const digest = this.digestIndex.get(hash);
    if (digest === undefined) return undefined;
    let facts = this.factsByHash.get(hash);
    if (facts === undefined) {
      this.splitFactsLines();
      const line = this.factsLines.get(hash);
      this.factsLines.delete(hash);
      let parsed: unknown;
      try {
        parsed = line === undefined ? undefined : (JSON.parse(line) as unknown[])[1];
      } catch {
        parsed = undefined;
      }
      if (!isFileFacts(parsed)) {
        this.digestIndex.delete(hash);
        return undefined;
      }
      this.factsByHash.set(hash, (facts = parsed));
    }
    return { facts, digest };
  }

  addFacts(hash: string, facts: CachedFacts): void {
    this.loadIndex();
    this.digestIndex.set(hash, facts.digest);
    this.factsByHash.set(hash, facts.facts);
    this.dirty = true;
  }

  /** The file's cached results, one per directory facts digest ([] when none). */
  results(key: string): ResultVariant[] {
    this.loadIndex();
    return this.resultIndex.get(key) ?? [];
  }

  addResult(key: string, result: ResultVariant): void {
    this.loadIndex();
    const variant: ResultVariant = { facts: result.facts, findings: result.findings.map(withoutFixes) };
    if (result.syntaxErrorAt !== undefined) variant.syntaxErrorAt = result.syntaxErrorAt;
    if (result.positions?.length) variant.positions = result.positions;
    const others = this.results(key).filter((old) => old.facts !== result.facts);
    this.resultIndex.set(key, [variant, ...others].slice(0, VARIANTS_KEPT));
    this.dirty = true;
  }

  /** The directory's last complete result (directory-summary.ts), by summaryKey. */
  directorySummary(key: string): DirectorySummary | undefined {
    return this.summaryIndex.get(key);
  }

  /** Records the directory's result; the file is rewritten only when it differs from the one loaded. */
  setDirectorySummary(key: string, summary: DirectorySummary): void {
    if (this.summaryIndex.update(key, summary)) this.dirty = true;
  }

  /**
   * Writes the cache when this run added anything (a warm run that only read writes
   * nothing). Failing to write is not an error: the next run is merely cold again.
   */
  save(): void {
    if (!this.dirty) return;
    const generation = this.generation + 1;
    const text = this.serialize(generation);
    const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(this.directory, { recursive: true });
      fs.writeFileSync(temp, text);
      fs.renameSync(temp, this.file);
      this.dirty = false;
    } catch {
      try {
        fs.unlinkSync(temp);
      } catch {
        // never written
      }
      return;
    }
    this.pruneOtherFiles();
  }

  private load(): void {
    let descriptor: number;
    try {
      descriptor = fs.openSync(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.warn(`go-for-ts: ignoring the cache ${this.file}: ${(error as Error).message}`);
      }
      return;
    }
    let size: number;
    try {
      const stat = fs.fstatSync(descriptor);
      if (!stat.isFile()) throw new Error('not a regular file');
      size = stat.size;
    } catch (error) {
      fs.closeSync(descriptor);
      this.options.warn(`go-for-ts: ignoring the cache ${this.file}: ${(error as Error).message}`);
      return;
    }
    try {
      // The first line and the summaries; the rest is read when it is needed.
      const head = readRange(descriptor, 0, Math.min(size, HEAD_BYTES));
      const newline = head.indexOf(10);
      if (newline < 0) throw new Error('no index');
      const data = JSON.parse(head.toString('utf8', 0, newline)) as unknown;
      if (!isRecord(data) || data.format !== FORMAT || typeof data.generation !== 'number') {
        throw new Error('not a go-for-ts cache file of this format');
      }
      const { summaryBytes, indexBytes } = data;
      if (!Number.isInteger(summaryBytes) || !Number.isInteger(indexBytes)) throw new Error('no index lengths');
      const summariesEnd = newline + 1 + (summaryBytes as number);
      const indexEnd = summariesEnd + (indexBytes as number);
      if (indexEnd > size) throw new Error('the index is cut short');
      const summaries = summariesEnd <= head.length ? head.subarray(newline + 1, summariesEnd) : readRange(descriptor, newline + 1, summariesEnd);
      this.summaries.load(summaries.toString('utf8'));
      this.generation = data.generation;
      this.descriptor = descriptor;
      this.indexRange = [summariesEnd, indexEnd];
      this.factsRange = [indexEnd, size];
    } catch (error) {
      fs.closeSync(descriptor);
      this.summaries.clear();
      this.dirty = true; // replace the damaged file on save
      this.options.warn(`go-for-ts: ignoring the damaged cache ${this.file} (${(error as Error).message}); it will be rebuilt`);
    }
  }

  /** Lets go of the loaded file (what was not read by now is not needed). */
  close(): void {
    if (this.descriptor === undefined) return;
    fs.closeSync(this.descriptor);
    this.descriptor = undefined;
    this.indexRange = undefined;
    this.factsRange = undefined;
  }

  /** The bytes of a range of the loaded file; undefined (with a line on stderr) when it cannot be read. */
  private readLoaded(range: [number, number]): Buffer | undefined {
    try {
      return readRange(this.descriptor!, range[0], range[1]);
    } catch (error) {
      this.dirty = true;
      this.options.warn(`go-for-ts: ignoring part of the cache ${this.file} (${(error as Error).message}); it will be rebuilt`);
      return undefined;
    } finally {
      if (!this.indexRange && !this.factsRange) this.close(); // both parts are read now
    }
  }

  /** Parses the stamps, digests and results (once, when a file is first looked up). */
  private loadIndex(): void {
    const range = this.indexRange;
    if (!range) return;
    this.indexRange = undefined;
    const bytes = this.readLoaded(range);
    if (bytes) this.index.load(bytes.toString('utf8'));
  }

  /** Files each facts line by its hash (once, when the first facts are asked for). */
  private splitFactsLines(): void {
    const range = this.factsRange;
    if (!range) return;
    this.factsRange = undefined;
    const bytes = this.readLoaded(range);
    if (!bytes) return;
    for (const line of bytes.toString('utf8').split('\n')) {
      if (line.startsWith('["')) this.factsLines.set(line.slice(2, line.indexOf('"', 2)), line);
    }
  }

  /** Newest entries first until the size cap; what does not fit is evicted. */
  private serialize(generation: number): string {
    this.loadIndex();
    this.splitFactsLines();
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    type Row = IndexRow & { facts?: string };
    const all: Row[] = [];
    this.summaries.rows(generation, (_key, row) => all.push(row));
    this.index.rows(generation, (key, row) => {
      if (row.tag !== this.digestIndex.tag) return void all.push(row);
      const facts = this.factsByHash.get(key);
      const line = facts !== undefined ? JSON.stringify([key, facts]) : this.factsLines.get(key);
      if (line !== undefined) all.push({ ...row, facts: line }); // facts lost: drop the digest too
    });
    all.sort((a, b) => b.generation - a.generation);
    const firstLine = (summaryBytes: number, indexBytes: number) =>
      `{"format":${FORMAT},"generation":${generation},"summaryBytes":${summaryBytes},"indexBytes":${indexBytes}}\n`;
    let budget = maxBytes - firstLine(maxBytes, maxBytes).length; // room for any lengths
    const summaries: string[] = [];
    const index: string[] = [];
    const facts: string[] = [];
    for (const row of all) {
      budget -= row.line.length + 1 + (row.facts === undefined ? 0 : row.facts.length + 1);
      if (budget < 0) break;
      (row.tag === this.summaryIndex.tag ? summaries : index).push(`${row.line}\n`);
      if (row.facts !== undefined) facts.push(`${row.facts}\n`);
    }
    const summaryText = summaries.join('');
    const indexText = index.join('');
    return `${firstLine(Buffer.byteLength(summaryText), Buffer.byteLength(indexText))}${summaryText}${indexText}${facts.join('')}`;
  }

  /** Drops the cache files of older engine versions and temporary files a killed run left. */
  private pruneOtherFiles(): void {
    try {
      const others: { file: string; mtime: number }[] = [];
      const now = Date.now();
      for (const name of fs.readdirSync(this.directory)) {
        const file = path.join(this.directory, name);
        if (file === this.file) continue;
        if (name.endsWith('.tmp') && name.startsWith('results-v')) {
          const stat = fs.statSync(file);
          if (now - stat.mtimeMs > STALE_TEMP_MS) fs.unlinkSync(file);
        } else if (FILE_PATTERN.test(name)) {
          others.push({ file, mtime: fs.statSync(file).mtimeMs });
        }
      }
      others.sort((a, b) => b.mtime - a.mtime);
      for (const { file } of others.slice(OTHER_VERSIONS_KEPT)) fs.unlinkSync(file);
    } catch {
      // another run pruning at the same time, or a read-only directory: harmless
    }
  }
}

/** Enough for the first line and, on most trees, the summaries: one read. */
const HEAD_BYTES = 1024 * 1024;

/** Bytes start..end of an open file; throws when the file ends sooner. */
function readRange(descriptor: number, start: number, end: number): Buffer {
  const bytes = Buffer.allocUnsafe(end - start);
  for (let filled = 0; filled < bytes.length; ) {
    const read = fs.readSync(descriptor, bytes, filled, bytes.length - filled, start + filled);
    if (read === 0) throw new Error('the file ends before its index does');
    filled += read;
  }
  return bytes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** size mtime ctime ino dev hash verifiedAt, space-separated (numbers print and read back exactly). */
const STAMP_CODEC: ValueCodec<FileStamp> = {
  encode: (stamp) => `${stamp.size} ${stamp.mtimeMs} ${stamp.ctimeMs} ${stamp.ino} ${stamp.dev} ${stamp.hash} ${stamp.verifiedAt}`,
  decode(text) {
    const fields = text.split(' ');
    if (fields.length !== 7 || fields.includes('')) return undefined;
    const number = (i: number) => Number(fields[i]);
    const stamp = { size: number(0), mtimeMs: number(1), ctimeMs: number(2), ino: number(3), dev: number(4), hash: fields[5]!, verifiedAt: number(6) };
    const numbers = [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.dev, stamp.verifiedAt];
    return numbers.every(Number.isFinite) ? stamp : undefined;
  },
};

/** A digest is base64url: no spaces, never empty. */
const DIGEST_CODEC: ValueCodec<string> = {
  encode: (digest) => digest,
  decode: (text) => (text !== '' && !text.includes(' ') ? text : undefined),
};

/**
 * Most files have no findings: their variants are written as their facts digests,
 * space-separated; any other list as JSON (which starts with "[").
 */
const RESULTS_CODEC: ValueCodec<ResultVariant[]> = {
  encode: (variants) =>
    variants.every(isPlainVariant) ? variants.map((variant) => variant.facts).join(' ') : JSON.stringify(variants),
  decode(text) {
    if (!text.startsWith('[')) {
      const digests = text.split(' ');
      return digests.every((digest) => digest !== '') ? digests.map((facts) => ({ facts, findings: [] })) : undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    return Array.isArray(parsed) && parsed.every(isResultVariant) ? (parsed as ResultVariant[]) : undefined;
  },
};

/** A directory's summary as one line of JSON; its findings are checked as a result's are, and its time must be a number. */
const SUMMARY_CODEC: ValueCodec<DirectorySummary> = {
  encode: (summary) => JSON.stringify(summary),
  decode(text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!isRecord(parsed) || !Number.isFinite(parsed.verifiedAt) || !Array.isArray(parsed.files) || !Array.isArray(parsed.reports)) return undefined;
    if (!Array.isArray(parsed.oversize) || !parsed.oversize.every(Number.isInteger)) return undefined;
    if (!parsed.files.every((file) => Array.isArray(file) && file.length === 6 && typeof file[0] === 'string')) return undefined;
    const reportsValid = parsed.reports.every(
      (report) =>
        Array.isArray(report) &&
        report.length === 4 &&
        Number.isInteger(report[0]) &&
        typeof report[2] === 'number' &&
        isResultVariant({ facts: '', findings: report[1], positions: report[3] }),
    );
    return reportsValid ? (parsed as unknown as DirectorySummary) : undefined;
  },
};

function isPlainVariant(variant: ResultVariant): boolean {
  return variant.findings.length === 0 && variant.syntaxErrorAt === undefined && variant.positions === undefined && /^[\w-]+$/.test(variant.facts);
}

function isFileFacts(value: unknown): value is FileFacts {
  if (!isRecord(value)) return false;
  return (
    typeof value.packageName === 'string' && Array.isArray(value.imports) && Array.isArray(value.types) && Array.isArray(value.methods)
  );
}

function isResultVariant(value: unknown): value is ResultVariant {
  return (
    isRecord(value) &&
    typeof value.facts === 'string' &&
    Array.isArray(value.findings) &&
    value.findings.every(
      (finding) =>
        isRecord(finding) &&
        typeof finding.rule === 'string' &&
        typeof finding.message === 'string' &&
        typeof finding.severity === 'string' &&
        typeof finding.start === 'number' &&
        typeof finding.end === 'number',
    ) &&
    (value.syntaxErrorAt === undefined || typeof value.syntaxErrorAt === 'number') &&
    (value.positions === undefined || (Array.isArray(value.positions) && value.positions.every((item) => typeof item === 'number')))
  );
}

/** A finding as the cache keeps it: its fixes are for editors, not for the CLI's reports. */
export function withoutFixes(finding: Finding): Finding {
  if (!finding.fixes) return finding;
  const { fixes: _fixes, ...rest } = finding;
  return rest;
}
