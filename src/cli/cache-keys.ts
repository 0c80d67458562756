// The digests the result cache is keyed by. A cached result may be served only when
// everything the analysis read is the same: the file's bytes, the facts of its
// package's files (the directory's facts digest), the Go version, the effective
// configuration, and the engine
// itself (the built bundles, whose bytes change whenever any rule or helper does,
// and the grammar).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { EngineConfig } from '../engine/config';
import type { FileFacts } from '../engine/package-facts';
import { COARSE_MARGIN_MS } from './file-stamps';

/** 128 bits of SHA-256, base64url: short in the cache file, far from any collision. */
function digestOf(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  if (parts.every((part) => typeof part === 'string')) {
    // The same bytes in one update: a warm run digests every directory's facts digests.
    hash.update((parts as readonly string[]).map((part) => `${Buffer.byteLength(part)}:${part}`).join(''));
  } else {
    for (const part of parts) {
      // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
      hash.update(`${typeof part === 'string' ? Buffer.byteLength(part) : part.length}:`);
      hash.update(part);
    }
  }
  return hash.digest().subarray(0, 16).toString('base64url');
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url');
}

/**
 * The engine's identity: the product version and the files that make up the analysis
 * (the CLI and worker bundles, the grammar). A file that changed more than the racy
 * margin ago (file-stamps.ts) counts by its stat (size, mtime, ctime, inode): a warm
 * run then reads none of its 2 MB; a younger one, just built, counts by its bytes. A
 * missing file counts as "missing", so a partial install still gets a stable, separate
 * version.
 */
export function engineDigest(version: string, files: readonly string[], now: number = Date.now()): string {
  const parts: (string | Uint8Array)[] = [version];
  for (const file of files) {
    let identity: Uint8Array | string;
    try {
      const stat = fs.statSync(file);
      const settled = Math.max(stat.mtimeMs, stat.ctimeMs) < now - COARSE_MARGIN_MS;
      identity = settled ? `stat:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.dev}` : fs.readFileSync(file);
    } catch {
      identity = 'missing';
    }
    parts.push(file.slice(file.lastIndexOf('/') + 1), identity);
  }
  return digestOf(parts);
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** Every rule's enabled flag, severity and options, in rule-id order. */
export function configDigest(config: EngineConfig): string {
  const rules = [...config.rules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return digestOf([canonicalJson(rules.map(([id, setting]) => [id, setting.enabled, setting.severity, setting.options]))]);
}

/** One file's facts, canonically serialized: stored beside them in the cache. */
export function fileFactsDigest(facts: FileFacts): string {
  return digestOf([canonicalJson(facts)]);
}

/** The facts of a directory's files (their fileFactsDigest), in the order they are analysed. */
export function directoryFactsDigest(fileDigests: readonly string[]): string {
  return digestOf(fileDigests);
}

/** Go version and configuration -> their digest, for fileResultKey. */
const contextDigests = new Map<string, string>();

/**
 * Where a file's results are stored: its content, Go version and configuration. The
 * fourth part of the key, the directory's facts digest, is matched inside the entry
 * (a file keeps results for its last few digests), so a job can tell whether a result
 * still holds once it has computed the digest from a changed sibling's new facts.
 * The content hash joined to a digest of the rest: a warm run makes thousands of keys
 * and only a handful of Go version and configuration pairs, digested once each.
 */
export function fileResultKey(parts: { content: string; goVersion: string | undefined; config: string }): string {
  const context = `${parts.goVersion ?? ''}\n${parts.config}`;
  let digest = contextDigests.get(context);
  if (digest === undefined) contextDigests.set(context, (digest = digestOf([parts.goVersion ?? '', parts.config])));
  return `${parts.content}.${digest}`;
}
