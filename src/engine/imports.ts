// Which package each name in a file refers to. Rules match `context.WithCancel` by
// import path, not by spelling: `stdctx "context"` is the standard context package,
// while a local package that happens to be named context is not.
import type { Node } from 'web-tree-sitter';

export interface ImportTable {
  /** Import path -> local names bound to it in this file ('.' for dot imports). */
  readonly namesByPath: ReadonlyMap<string, readonly string[]>;
  /** Local name -> import path. */
  readonly pathByName: ReadonlyMap<string, string>;
}

/** Import paths repeat from file to file (fmt, strings, ...): their names are worked out once. */
const knownNames = new Map<string, string>();
const KNOWN_NAMES_LIMIT = 4096;

/** The name a package gets when imported without an alias, as the go tool guesses it. */
export function defaultPackageName(importPath: string): string {
  let name = knownNames.get(importPath);
  if (name === undefined) {
    if (knownNames.size >= KNOWN_NAMES_LIMIT) knownNames.clear();
    name = guessPackageName(importPath);
    knownNames.set(importPath, name);
  }
  return name;
}

function guessPackageName(importPath: string): string {
  const segments = importPath.split('/');
  let last = segments[segments.length - 1] ?? importPath;
  // Major-version suffixes: example.com/mod/v2 and gopkg.in/yaml.v3 are "mod" and "yaml".
  if (/^v\d+$/.test(last) && segments.length > 1) last = segments[segments.length - 2]!;
  last = last.replace(/\.v\d+$/, '');
  last = last.replace(/^go-/, '').replace(/-go$/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

function unquote(literal: string): string {
  return literal.slice(1, -1);
}

/** The file's imports; `declarations` are the root's named children when the caller has them already. */
export function readImports(root: Node, declarations: readonly (Node | null)[] = root.namedChildren): ImportTable {
  const namesByPath = new Map<string, string[]>();
  const pathByName = new Map<string, string>();
  for (const decl of declarations) {
    if (!decl) continue;
    if (decl.type === 'package_clause' || decl.type === 'comment') continue;
    if (decl.type !== 'import_declaration') break; // imports come before everything else
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const importPath = unquote(pathNode.text);
      const nameNode = spec.childForFieldName('name');
      const name = nameNode ? nameNode.text : defaultPackageName(importPath);
      if (name === '_') {
        if (!namesByPath.has(importPath)) namesByPath.set(importPath, []);
        continue;
      }
      const names = namesByPath.get(importPath) ?? [];
      names.push(name);
      namesByPath.set(importPath, names);
      if (name !== '.') pathByName.set(name, importPath);
    }
  }
  return { namesByPath, pathByName };
}
