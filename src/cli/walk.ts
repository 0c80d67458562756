// Finds the .go files under the paths given, skipping what the go tool skips:
// vendor/, testdata/, node_modules/ and names starting with "." or "_", unless the
// path was named directly on the command line.
//
// A warm CLI run does little besides this walk and a stat per file, so the walk keeps
// its per-file work small: a child's path is its directory's path plus the name (what
// path.join would give, without normalising a path that is already normal), and the
// absolute path comes the same way from the root's, resolved once.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['vendor', 'testdata', 'node_modules']);

function skipped(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || name.startsWith('.') || name.startsWith('_');
}

export interface FoundFile {
  /** As found under the path given (relative when that path was relative). */
  file: string;
  /** Absolute. */
  path: string;
  /** Absolute: path's directory (one string for all the files of a directory). */
  directory: string;
}

export interface WalkResult {
  files: FoundFile[];
  /** Paths that could not be read: each becomes an error line, never a crash. */
  problems: { path: string; message: string }[];
  /** Every directory listed (absolute path) -> whether it holds a go.mod: GoVersionLookup need not ask again. */
  listed: Map<string, boolean>;
}

/** `name` inside `dir`, as path.join(dir, name) gives it for a normalised dir and a plain name. */
function child(dir: string, name: string): string {
  if (dir === '.') return name;
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

export function collectGoFiles(paths: readonly string[]): WalkResult {
  const result: WalkResult = { files: [], problems: [], listed: new Map() };
  const seen = new Set<string>();
  const add = (file: string, absolute: string, directory: string) => {
    if (!seen.has(absolute)) {
      seen.add(absolute);
      result.files.push({ file, path: absolute, directory });
    }
  };
  const visit = (dir: string, absolute: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ path: dir, message: (error as Error).message });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let goMod = false;
    for (const entry of entries) {
      const name = entry.name;
      if (name === 'go.mod') goMod = true;
      if (skipped(name)) continue;
      if (entry.isDirectory()) visit(child(dir, name), child(absolute, name));
      else if (entry.isFile() && name.endsWith('.go')) add(child(dir, name), child(absolute, name), absolute);
    }
    result.listed.set(absolute, goMod);
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      result.problems.push({ path: given, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message });
      continue;
    }
    if (stat.isDirectory()) visit(path.join(given, '.'), path.resolve(given)); // join: normalised, no trailing separator
    else add(given, path.resolve(given), path.dirname(path.resolve(given)));
  }
  return result;
}
