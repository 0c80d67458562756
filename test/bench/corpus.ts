// The benchmark's input: every .go file the CLI would check under a directory, read
// into memory before any timing starts, grouped by directory (= package) the way the
// CLI analyses them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GoVersionLookup } from '../../src/cli/go-version-lookup';
import { collectGoFiles } from '../../src/cli/walk';
import { decodeGoSource } from '../../src/engine/decode';

/** Debian 12's golang-1.19-src (also pulled in by golang-src): the Go 1.19 standard library. */
export const DEFAULT_CORPUS = '/usr/share/go-1.19/src';

export interface CorpusFile {
  path: string;
  text: string;
  bytes: number;
  goVersion?: string;
}

export interface Corpus {
  root: string;
  files: CorpusFile[];
  /** Files grouped by directory, in walk order. */
  packages: CorpusFile[][];
  bytes: number;
}

export function readCorpus(root: string): Corpus {
  const { files: found, listed } = collectGoFiles([root]);
  const versions = new GoVersionLookup(listed);
  const corpusFiles = found.map(({ file }): CorpusFile => {
    const bytes = fs.readFileSync(file);
    return { path: file, text: decodeGoSource(bytes).text, bytes: bytes.length, goVersion: versions.forFile(file) };
  });
  const packages = new Map<string, CorpusFile[]>();
  for (const file of corpusFiles) {
    const dir = path.dirname(file.path);
    const group = packages.get(dir);
    if (group) group.push(file);
    else packages.set(dir, [file]);
  }
  return {
    root,
    files: corpusFiles,
    packages: [...packages.values()],
    bytes: corpusFiles.reduce((sum, file) => sum + file.bytes, 0),
  };
}
