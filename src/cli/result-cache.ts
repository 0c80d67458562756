// The CLI's content-hash cache: one JSON file per engine version holding
//   facts:   content hash    -> the file's package facts and their digest (a warm run parses nothing)
//   results: file result key -> the file's findings and first syntax error, for each of the
//                               last few digests of its directory's facts (newest first)
// Every entry carries the generation (run number) that last used it; when the file
// would pass its size cap, the least recently used entries go first. Written whole
// to a temporary file and renamed over the old one, so a reader never sees half a
// file; a damaged or unreadable file is ignored with one line on stderr.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts } from '../engine/package-facts';
import type { Finding } from '../engine/types';
import type { ResultVariant } from './package-job';

const FORMAT = 1;
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
  private readonly factsByHash = new Map<string, Entry<CachedFacts>>();
  private readonly resultsByKey = new Map<string, Entry<ResultVariant[]>>();
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

  facts(hash: string): CachedFacts | undefined {
    const entry = this.factsByHash.get(hash);
    if (!entry) return undefined;
    if (!isCachedFacts(entry.value)) {
      this.factsByHash.delete(hash);
      return undefined;
    }
    entry.used = true;
    return entry.value;
  }

  addFacts(hash: string, facts: CachedFacts): void {
    this.factsByHash.set(hash, { generation: this.generation, value: facts, used: true });
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
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.warn(`go-for-ts: ignoring the cache ${this.file}: ${(error as Error).message}`);
      }
      return;
    }
    try {
      const data = JSON.parse(text) as unknown;
      if (!isRecord(data) || data.format !== FORMAT || typeof data.generation !== 'number') {
        throw new Error('not a go-for-ts cache file of this format');
      }
      if (!isRecord(data.facts) || !isRecord(data.results)) throw new Error('facts or results missing');
      this.generation = data.generation;
      readEntries(data.facts, this.factsByHash);
      readEntries(data.results, this.resultsByKey);
    } catch (error) {
      this.factsByHash.clear();
      this.resultsByKey.clear();
      this.generation = 0;
      this.dirty = true; // replace the damaged file on save
      this.options.warn(`go-for-ts: ignoring the damaged cache ${this.file} (${(error as Error).message}); it will be rebuilt`);
    }
  }

  /** Newest entries first until the size cap; what does not fit is evicted. */
  private serialize(generation: number): string {
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    const all: { section: 0 | 1; key: string; generation: number; json: string }[] = [];
    const collect = <V>(section: 0 | 1, map: Map<string, Entry<V>>) => {
      for (const [key, entry] of map) {
        const stamp = entry.used ? generation : entry.generation;
        all.push({ section, key, generation: stamp, json: `${JSON.stringify(key)}:[${stamp},${JSON.stringify(entry.value)}]` });
      }
    };
    collect(0, this.factsByHash);
    collect(1, this.resultsByKey);
    all.sort((a, b) => b.generation - a.generation);
    const header = `{"format":${FORMAT},"generation":${generation},"facts":{`;
    let budget = maxBytes - header.length - '},"results":{}}\n'.length;
    const sections: [string[], string[]] = [[], []];
    for (const entry of all) {
      budget -= entry.json.length + 1;
      if (budget < 0) break;
      sections[entry.section].push(entry.json);
    }
    return `${header}${sections[0].join(',')}},"results":{${sections[1].join(',')}}}\n`;
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

function readEntries<V>(section: Record<string, unknown>, into: Map<string, Entry<V>>): void {
  for (const [key, raw] of Object.entries(section)) {
    if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number') continue;
    into.set(key, { generation: raw[0], value: raw[1] as V, used: false });
  }
}

function isCachedFacts(value: unknown): value is CachedFacts {
  if (!isRecord(value) || typeof value.digest !== 'string' || !isRecord(value.facts)) return false;
  const facts = value.facts;
  return (
    typeof facts.packageName === 'string' && Array.isArray(facts.imports) && Array.isArray(facts.types) && Array.isArray(facts.methods)
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
    (value.syntaxErrorAt === undefined || typeof value.syntaxErrorAt === 'number')
  );
}

function withoutFixes(finding: Finding): Finding {
  if (!finding.fixes) return finding;
  const { fixes: _fixes, ...rest } = finding;
  return rest;
}
