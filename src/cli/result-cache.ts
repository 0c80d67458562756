// The CLI's content-hash cache: one file per engine version holding
//   files:   absolute path   -> its stat when its content was last hashed, and that hash
//                               (file-stamps.ts: a warm run neither reads nor hashes it)
//   facts:   content hash    -> the file's package facts and their digest (a warm run parses nothing)
//   results: file result key -> the file's findings and first syntax error, for each of the
//                               last few digests of its directory's facts (newest first)
// Layout: the first line is one JSON object with the format, the generation, the file
// stamps, each facts entry's digest and the results; then one line per facts entry,
// ["<hash>",{facts}]. The facts are nine tenths of the bytes and a run whose results
// all come from the cache needs only their digests, so the lines are decoded and
// parsed only when a package has to be analysed (or the cache is written).
// Every entry carries the generation (run number) that last used it; when the file
// would pass its size cap, the least recently used entries go first. Written whole
// to a temporary file and renamed over the old one, so a reader never sees half a
// file; a damaged or unreadable file is ignored with one line on stderr.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts } from '../engine/package-facts';
import type { Finding } from '../engine/types';
import type { FileStamp } from './file-stamps';
import type { ResultVariant } from './package-job';

const FORMAT = 2;
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

/** A facts entry: the digest is always loaded, the facts only on demand. */
interface FactsSlot {
  digest: string;
  facts?: FileFacts;
  /** The entry's undecoded line, until its facts are asked for. */
  line?: string;
}

interface Entry<V> {
  generation: number;
  value: V;
  /** Read or written by this run: stamped with the new generation on save. */
  used: boolean;
}

export interface ResultCacheOptions {
  /** Cap of the file's size in characters (the JSON is almost all ASCII). */
  maxBytes?: number;
  warn: (line: string) => void;
}

export class ResultCache {
  readonly file: string;
  private generation = 0;
  private readonly stampsByPath = new Map<string, Entry<FileStamp>>();
  private readonly factsByHash = new Map<string, Entry<FactsSlot>>();
  private readonly resultsByKey = new Map<string, Entry<ResultVariant[]>>();
  /** The facts lines of the loaded file, not yet decoded. */
  private factsBytes?: Buffer;
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
    const entry = this.stampsByPath.get(file);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  }

  setFileStamp(file: string, stamp: FileStamp): void {
    this.stampsByPath.set(file, { generation: this.generation, value: stamp, used: true });
    this.dirty = true;
  }

  /** The stamp lied (the content read differs from its hash): never trust it again. */
  forgetFileStamp(file: string): void {
    if (this.stampsByPath.delete(file)) this.dirty = true;
  }

  /** The digest of the facts of this content, without loading the facts. */
  factsDigest(hash: string): string | undefined {
    const entry = this.factsByHash.get(hash);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value.digest;
  }

  facts(hash: string): CachedFacts | undefined {
    const entry = this.factsByHash.get(hash);
    if (!entry) return undefined;
    const slot = entry.value;
    if (slot.facts === undefined) {
      this.decodeFactsLines();
      let parsed: unknown;
      try {
        parsed = slot.line === undefined ? undefined : (JSON.parse(slot.line) as unknown[])[1];
      } catch {
        parsed = undefined;
      }
      slot.line = undefined;
      if (!isFileFacts(parsed)) {
        this.factsByHash.delete(hash);
        return undefined;
      }
      slot.facts = parsed;
    }
    entry.used = true;
    return { facts: slot.facts, digest: slot.digest };
  }

  addFacts(hash: string, facts: CachedFacts): void {
    this.factsByHash.set(hash, { generation: this.generation, value: { digest: facts.digest, facts: facts.facts }, used: true });
    this.dirty = true;
  }

  /** The file's cached results, one per directory facts digest ([] when none). */
  results(key: string): ResultVariant[] {
    const entry = this.resultsByKey.get(key);
    if (!entry) return [];
    if (!Array.isArray(entry.value) || !entry.value.every(isResultVariant)) {
      this.resultsByKey.delete(key);
      return [];
    }
    entry.used = true;
    return entry.value;
  }

  addResult(key: string, result: ResultVariant): void {
    const variant: ResultVariant = { facts: result.facts, findings: result.findings.map(withoutFixes) };
    if (result.syntaxErrorAt !== undefined) variant.syntaxErrorAt = result.syntaxErrorAt;
    if (result.positions?.length) variant.positions = result.positions;
    const others = this.results(key).filter((old) => old.facts !== result.facts);
    const value = [variant, ...others].slice(0, VARIANTS_KEPT);
    this.resultsByKey.set(key, { generation: this.generation, value, used: true });
    this.dirty = true;
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
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.warn(`go-for-ts: ignoring the cache ${this.file}: ${(error as Error).message}`);
      }
      return;
    }
    try {
      const newline = bytes.indexOf(10);
      const data = JSON.parse(bytes.toString('utf8', 0, newline < 0 ? bytes.length : newline)) as unknown;
      if (!isRecord(data) || data.format !== FORMAT || typeof data.generation !== 'number') {
        throw new Error('not a go-for-ts cache file of this format');
      }
      if (!isRecord(data.files) || !isRecord(data.digests) || !isRecord(data.results)) throw new Error('files, facts or results missing');
      this.generation = data.generation;
      readEntries(data.files, this.stampsByPath, (raw) => (isStampRow(raw) ? stampFromRow(raw) : undefined));
      readEntries(data.digests, this.factsByHash, (raw) => (typeof raw === 'string' ? { digest: raw } : undefined));
      readEntries(data.results, this.resultsByKey, (raw) => raw as ResultVariant[]);
      if (newline >= 0) this.factsBytes = bytes.subarray(newline + 1);
    } catch (error) {
      this.stampsByPath.clear();
      this.factsByHash.clear();
      this.resultsByKey.clear();
      this.generation = 0;
      this.dirty = true; // replace the damaged file on save
      this.options.warn(`go-for-ts: ignoring the damaged cache ${this.file} (${(error as Error).message}); it will be rebuilt`);
    }
  }

  /** Hands each facts entry its line (once, when the first facts are asked for). */
  private decodeFactsLines(): void {
    const bytes = this.factsBytes;
    if (!bytes) return;
    this.factsBytes = undefined;
    for (const line of bytes.toString('utf8').split('\n')) {
      if (!line.startsWith('["')) continue;
      const slot = this.factsByHash.get(line.slice(2, line.indexOf('"', 2)))?.value;
      if (slot && slot.facts === undefined) slot.line = line;
    }
  }

  /** Newest entries first until the size cap; what does not fit is evicted. */
  private serialize(generation: number): string {
    this.decodeFactsLines();
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    type Row = { section: 0 | 1 | 2; generation: number; json: string; line?: string };
    const all: Row[] = [];
    const collect = <V>(section: 0 | 1 | 2, map: Map<string, Entry<V>>, encode: (key: string, value: V) => { value: unknown; line?: string } | undefined) => {
      for (const [key, entry] of map) {
        const encoded = encode(key, entry.value);
        if (!encoded) continue;
        const stamp = entry.used ? generation : entry.generation;
        all.push({ section, generation: stamp, json: `${JSON.stringify(key)}:[${stamp},${JSON.stringify(encoded.value)}]`, line: encoded.line });
      }
    };
    collect(0, this.stampsByPath, (_key, stamp) => ({ value: stampRow(stamp) }));
    collect(1, this.factsByHash, (key, slot) => {
      const line = slot.facts !== undefined ? JSON.stringify([key, slot.facts]) : slot.line;
      return line === undefined ? undefined : { value: slot.digest, line }; // facts lost: drop the digest too
    });
    collect(2, this.resultsByKey, (_key, value) => ({ value }));
    all.sort((a, b) => b.generation - a.generation);
    const header = `{"format":${FORMAT},"generation":${generation},"files":{`;
    let budget = maxBytes - header.length - '},"digests":{},"results":{}}\n'.length;
    const sections: [string[], string[], string[]] = [[], [], []];
    const lines: string[] = [];
    for (const row of all) {
      budget -= row.json.length + 1 + (row.line === undefined ? 0 : row.line.length + 1);
      if (budget < 0) break;
      sections[row.section].push(row.json);
      if (row.line !== undefined) lines.push(row.line);
    }
    const first = `${header}${sections[0].join(',')}},"digests":{${sections[1].join(',')}},"results":{${sections[2].join(',')}}}\n`;
    return first + lines.map((line) => `${line}\n`).join('');
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEntries<V>(section: Record<string, unknown>, into: Map<string, Entry<V>>, decode: (raw: unknown) => V | undefined): void {
  for (const key in section) {
    const raw = section[key];
    if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number') continue;
    const value = decode(raw[1]);
    if (value !== undefined) into.set(key, { generation: raw[0], value, used: false });
  }
}

type StampRow = [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number, hash: string, verifiedAt: number];

function stampRow(stamp: FileStamp): StampRow {
  return [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.dev, stamp.hash, stamp.verifiedAt];
}

function isStampRow(raw: unknown): raw is StampRow {
  if (!Array.isArray(raw) || raw.length !== 7 || typeof raw[5] !== 'string') return false;
  for (const i of [0, 1, 2, 3, 4, 6]) if (typeof raw[i] !== 'number') return false;
  return true;
}

function stampFromRow(row: StampRow): FileStamp {
  const [size, mtimeMs, ctimeMs, ino, dev, hash, verifiedAt] = row;
  return { size, mtimeMs, ctimeMs, ino, dev, hash, verifiedAt };
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

function withoutFixes(finding: Finding): Finding {
  if (!finding.fixes) return finding;
  const { fixes: _fixes, ...rest } = finding;
  return rest;
}
