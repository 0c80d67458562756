// Most keystrokes land inside one function body. Then everything outside function
// bodies (the package clause, imports, types, vars, consts, signatures: the file's
// outline) is the same text with the same tree as before, and so is everything
// derived from it alone: the list of top-level declarations (shifted by the edit's
// length), the imports, the file's package facts. Re-reading those from the new tree
// costs a crossing into WASM per top-level declaration, several times over, at every
// keystroke; this module tells when the last file's can be carried over instead.
import type { Node, Range, Tree } from 'web-tree-sitter';
import type { Damage } from './damage';
import { declarationAt, type Declaration } from './declarations';

const FUNCTIONS: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration']);

/**
 * The index (among `declarations`, the old text's top-level declarations) of the
 * function whose body holds every edit since (`damage`) and every structural change
 * of the reparse (`changed`, from oldTree.getChangedRanges(newTree)), strictly inside
 * its braces, in the old tree (already edited) and in the new one; null when there is
 * no such function.
 */
export function bodyHoldingEdit(
  oldTree: Tree,
  newTree: Tree,
  declarations: readonly Declaration[],
  damage: Damage,
  changed: readonly Range[],
): number | null {
  const index = declarationAt(declarations, damage.low);
  if (index < 0) return null;
  const declaration = declarations[index]!;
  if (!FUNCTIONS.has(declaration.type) || damage.oldHigh > declaration.end) return null;
  let low = damage.low;
  let high = damage.newHigh;
  for (const range of changed) {
    low = Math.min(low, range.startIndex);
    high = Math.max(high, range.endIndex);
  }
  const delta = damage.newHigh - damage.oldHigh;
  // Both trees are in the new text's coordinates (the old one was edited).
  for (const tree of [oldTree, newTree]) {
    const node = tree.rootNode.firstNamedChildForIndex(low);
    if (!node || node.startIndex !== declaration.start || node.endIndex !== declaration.end + delta || node.type !== declaration.type) return null;
    const body = node.childForFieldName('body');
    if (!body || body.type !== 'block' || !(body.startIndex < low && high < body.endIndex)) return null;
  }
  return index;
}

/**
 * A top-level declaration of a carried-over list: its place and type are known, its
 * node is fetched from the new tree only if someone asks (most never are).
 */
class CarriedDeclaration implements Declaration {
  private found: Node | undefined;

  constructor(
    private readonly root: Node,
    private readonly index: number,
    readonly type: string,
    readonly start: number,
    readonly end: number,
  ) {}

  get node(): Node {
    this.found ??= this.lookUp();
    return this.found;
  }

  private lookUp(): Node {
    // The outline is the old one, so the declaration has the same position among the
    // root's named children; the span check guards against a miscount all the same.
    const node = this.root.namedChild(this.index);
    if (node && node.startIndex === this.start && node.endIndex === this.end) return node;
    const found = this.root.namedChildren.find((child) => child && child.startIndex === this.start && child.endIndex === this.end);
    if (!found) throw new Error(`no top-level declaration at ${this.start}-${this.end}`);
    return found;
  }
}

/** The last text's declarations, in the new tree: the edited one grown by `delta`, those after it moved. */
export function carriedDeclarations(root: Node, previous: readonly Declaration[], edited: number, delta: number): Declaration[] {
  return previous.map(({ type, start, end }, index) =>
    index < edited
      ? new CarriedDeclaration(root, index, type, start, end)
      : index === edited
        ? new CarriedDeclaration(root, index, type, start, end + delta)
        : new CarriedDeclaration(root, index, type, start + delta, end + delta),
  );
}
