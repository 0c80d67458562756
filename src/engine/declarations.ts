// A file's top-level declarations (functions, methods, types, vars, consts, imports,
// comments, ERROR nodes: the named children of source_file) and the text search that
// tells which of them can hold a rule's findings. Every node a rule's query matches
// lies inside exactly one of them, so a rule whose findings need a word (`WithValue`,
// `defer`) runs its query only over the declarations that contain it: a string search
// costs next to nothing, while walking a tree crosses into WASM at every node.
import type { Node, Tree } from 'web-tree-sitter';

export interface Declaration {
  node: Node;
  /** node.type, read once. */
  type: string;
  start: number;
  end: number;
}

/** The last listing of each tree's declarations, with the root's span it was read at. */
const listings = new WeakMap<Tree, { start: number; end: number; declarations: readonly Declaration[] }>();

/**
 * The root's named children with their types and offsets. Kept per tree, so the package
 * facts (extractFileFacts) and the analysis (SourceFile) of one tree list them once. A
 * tree edited since (Tree.edit, before an incremental parse) is listed again when its
 * span moved; an edit that changes no length moves no offset and no node.
 */
export function topLevelDeclarations(root: Node): Declaration[] {
  const start = root.startIndex;
  const end = root.endIndex;
  const listed = listings.get(root.tree);
  if (listed && listed.start === start && listed.end === end) return [...listed.declarations];
  // One call hands over every child; node.startIndex is kept on the JS side.
  const declarations = root.namedChildren
    .filter((node): node is Node => !!node)
    .map((node) => ({ node, type: node.type, start: node.startIndex, end: node.endIndex }));
  listings.set(root.tree, { start, end, declarations });
  return [...declarations];
}

/**
 * What a rule's findings need in the text of their top-level declaration: one pattern
 * or several that must all match there. Searched in the whole text, a match counts for
 * the declaration it starts in. Or patterns and a closer look (ScreenedRequirement).
 */
export type TextRequirement = RegExp | readonly RegExp[] | ScreenedRequirement;

/**
 * Patterns, then `keep` on each declaration they leave (its index in the file's
 * declarations): for what a search alone cannot tell, such as how a word is used.
 * keep answers false only where the rule certainly finds nothing, as the patterns do.
 */
export interface ScreenedRequirement {
  readonly patterns: RegExp | readonly RegExp[];
  keep(index: number): boolean;
  /**
   * keep's answer as far as the declaration's text tells, without its tree: true
   * wherever keep may be true once the body is parsed (assuming it parses cleanly).
   * Lets the CLI skip parsing the bodies that fail it (Analyzer.declarationsPossiblyFor);
   * without it, only the patterns count there.
   */
  textKeep?(index: number): boolean;
}

const globalCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  let copy = globalCopies.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalCopies.set(pattern, copy);
  }
  return copy;
}

/**
 * Indexes (ascending) of the declarations in which `pattern` starts a match. After a
 * hit the search jumps to the end of that declaration, so a common word costs one
 * match per declaration, not one per occurrence.
 */
function declarationsMatching(text: string, declarations: readonly Declaration[], pattern: RegExp): number[] {
  const found: number[] = [];
  const search = globalCopy(pattern);
  let index = 0;
  search.lastIndex = 0;
  for (let match = search.exec(text); match; match = search.exec(text)) {
    const at = match.index;
    while (index < declarations.length && declarations[index]!.end <= at) index++;
    if (index === declarations.length) break;
    const declaration = declarations[index]!;
    if (at >= declaration.start) {
      found.push(index);
      search.lastIndex = declaration.end;
      index++;
    } else {
      // Between declarations (blank space): look on from the next character.
      search.lastIndex = at + 1;
    }
  }
  return found;
}

/**
 * Declarations whose text meets every pattern of the requirement: the first pattern is
 * searched in the whole text, the others only in the declarations it found (then a
 * screened requirement's keep() has the last word).
 */
export function declarationsWith(
  text: string,
  declarations: readonly Declaration[],
  requirement: TextRequirement,
  among?: readonly number[],
): number[] {
  if ('keep' in requirement) {
    return declarationsWith(text, declarations, requirement.patterns, among).filter((index) => requirement.keep(index));
  }
  const [first, ...others]: readonly RegExp[] = requirement instanceof RegExp ? [requirement] : requirement;
  if (!first) return among ? [...among] : declarations.map((_, index) => index);
  let indexes = among ? among.filter((index) => containsMatch(text, declarations[index]!, first)) : declarationsMatching(text, declarations, first);
  for (const pattern of others) {
    if (indexes.length === 0) break;
    const test = nonGlobal(pattern);
    indexes = indexes.filter((index) => test.test(text.slice(declarations[index]!.start, declarations[index]!.end)));
  }
  return indexes;
}

/** Whether the declaration's own text holds a match (searched in it alone, never past its end). */
function containsMatch(text: string, declaration: Declaration, pattern: RegExp): boolean {
  return nonGlobal(pattern).test(text.slice(declaration.start, declaration.end));
}

/** test() on a global RegExp moves lastIndex; these tests start afresh each time. */
function nonGlobal(pattern: RegExp): RegExp {
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
}

/**
 * The matches of `pattern` that start inside the given declarations (ascending
 * indexes), as [start, end] offsets per declaration. One forward scan of the text.
 */
export function matchesIn(
  text: string,
  declarations: readonly Declaration[],
  indexes: readonly number[],
  pattern: RegExp,
  eachAlone = false,
): Map<number, [number, number][]> {
  const found = new Map<number, [number, number][]>();
  const search = globalCopy(pattern);
  if (eachAlone) {
    // A few declarations far apart (an incremental run): search each one's text only.
    for (const index of indexes) {
      const { start, end } = declarations[index]!;
      const own = text.slice(start, end);
      const list: [number, number][] = [];
      search.lastIndex = 0;
      for (let match = search.exec(own); match; match = search.exec(own)) {
        list.push([start + match.index, start + match.index + match[0].length]);
        if (search.lastIndex === match.index) search.lastIndex++;
      }
      if (list.length) found.set(index, list);
    }
    return found;
  }
  let position = 0;
  search.lastIndex = indexes.length ? declarations[indexes[0]!]!.start : 0;
  for (let match = search.exec(text); match && position < indexes.length; match = search.exec(text)) {
    const at = match.index;
    while (position < indexes.length && declarations[indexes[position]!]!.end <= at) position++;
    if (position === indexes.length) break;
    const index = indexes[position]!;
    const declaration = declarations[index]!;
    if (at < declaration.start) {
      // In a declaration nobody asked about: go on from the next one asked about.
      search.lastIndex = declaration.start;
      continue;
    }
    let list = found.get(index);
    if (!list) found.set(index, (list = []));
    list.push([at, at + match[0].length]);
    if (search.lastIndex === at) search.lastIndex = at + 1; // an empty match
  }
  return found;
}

/** The index of the declaration holding the offset, or -1 (between declarations). */
export function declarationAt(declarations: readonly Declaration[], offset: number): number {
  let low = 0;
  let high = declarations.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const declaration = declarations[middle]!;
    if (offset < declaration.start) high = middle - 1;
    else if (offset >= declaration.end) low = middle + 1;
    else return middle;
  }
  return -1;
}
