// Finds the .go files under the paths given, skipping what the go tool skips:
// vendor/, testdata/, node_modules/ and names starting with "." or "_", unless the
// path was named directly on the command line.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['vendor', 'testdata', 'node_modules']);

function skipped(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || name.startsWith('.') || name.startsWith('_');
}

export interface WalkResult {
  files: string[];
  /** Paths that could not be read: each becomes an error line, never a crash. */
  problems: { path: string; message: string }[];
}

export function collectGoFiles(paths: readonly string[]): WalkResult {
  const result: WalkResult = { files: [], problems: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    const resolved = path.resolve(file);
    if (!seen.has(resolved)) {
      seen.add(resolved);
      result.files.push(file);
    }
  };
  const visit = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ path: dir, message: (error as Error).message });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (skipped(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name.endsWith('.go')) add(full);
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      result.problems.push({ path: given, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message });
      continue;
    }
    if (stat.isDirectory()) visit(given);
    else add(given);
  }
  return result;
}
