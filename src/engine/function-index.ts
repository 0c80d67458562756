// "Which function is this node in?" without climbing the tree. Tree-sitter nodes do
// not store their parent: each `node.parent` searches down from the root, so climbing
// from a node to its function costs O(depth²) crossings into WASM, and rules ask it for
// almost every node they look at. Here each top-level declaration's functions
// (declarations, methods, literals) are listed once with their offsets, and the
// answer comes from the offsets: the innermost function whose span holds the node.
import type { Node, Tree } from 'web-tree-sitter';
import { declarationAt, topLevelDeclarations, type Declaration } from './declarations';

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const FUNC_KEYWORD = /\bfunc\b/g;

interface FunctionSpan {
  node: Node;
  start: number;
  end: number;
  /** Position of the innermost function around this one in the same list, or -1. */
  outer: number;
}

class FunctionIndex {
  /** Each top-level declaration's functions, listed when first asked for (by declaration position). */
  private readonly functions = new Map<number, FunctionSpan[]>();

  constructor(
    private readonly declarations: readonly Declaration[],
    private readonly source: Source,
  ) {}

  /** The innermost function strictly around `node` (the first FUNCTION_TYPES ancestor). */
  enclosing(node: Node): Node | null {
    const start = node.startIndex;
    const end = node.endIndex;
    // A zero-width node (a MISSING token) sits on a boundary the offsets cannot place.
    if (start === end) return climb(node);
    const { functions, index } = this.innermost(start, end);
    return index >= 0 ? functions[index]!.node : null;
  }

  /** The outermost function around `node` (a top-level declaration, or a package-level literal). */
  outermost(node: Node): Node | null {
    const start = node.startIndex;
    const end = node.endIndex;
    if (start === end) {
      let found = climb(node);
      for (let outer = found; outer; outer = climb(outer)) found = outer;
      return found;
    }
    const { functions, index } = this.innermost(start, end);
    let top = index;
    while (top >= 0 && functions[top]!.outer >= 0) top = functions[top]!.outer;
    return top >= 0 ? functions[top]!.node : null;
  }

  /** The innermost function span strictly holding [start, end), as a position in its declaration's list (-1: none). */
  private innermost(start: number, end: number): { functions: readonly FunctionSpan[]; index: number } {
    const position = declarationAt(this.declarations, start);
    const declaration = this.declarations[position];
    // The root, or a token between declarations.
    if (!declaration || end > declaration.end) return { functions: [], index: -1 };
    let functions = this.functions.get(position);
    if (!functions) {
      functions = functionSpans(declaration.node, this.source);
      this.functions.set(position, functions);
    }
    // The innermost function around the node is the last one starting at or before
    // it, or one of that one's outer functions (spans nest or are disjoint).
    let index = lastStartingAtOrBefore(functions, start);
    while (index >= 0) {
      const fn = functions[index]!;
      // A span equal to the node's is the node itself or a child of it (a node
      // wrapping only the function): either way the answer lies further out.
      if (fn.end >= end && !(fn.start === start && fn.end === end)) break;
      index = fn.outer;
    }
    return { functions, index };
  }

}

/**
 * The declaration's functions in document order (outer before inner), each with its
 * outer one. Every function starts with its `func` keyword, so they are found from
 * the text: the parent of each `func` token, when it is a function (not a func type).
 */
function functionSpans(declaration: Node, source: Source): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  const open: number[] = [];
  const { text, base } = source;
  const end = declaration.endIndex - base;
  FUNC_KEYWORD.lastIndex = declaration.startIndex - base;
  for (let match = FUNC_KEYWORD.exec(text); match && match.index < end; match = FUNC_KEYWORD.exec(text)) {
    const at = match.index + base;
    const keyword = declaration.descendantForIndex(at, at + 4);
    if (keyword?.type !== 'func' || keyword.startIndex !== at) continue;
    const node = keyword.parent;
    if (!node || !FUNCTION_TYPES.has(node.type) || node.startIndex !== at) continue;
    const span: FunctionSpan = { node, start: node.startIndex, end: node.endIndex, outer: -1 };
    while (open.length && spans[open[open.length - 1]!]!.end < span.end) open.pop();
    span.outer = open.length ? open[open.length - 1]! : -1;
    open.push(spans.length);
    spans.push(span);
  }
  return spans;
}

function lastStartingAtOrBefore(spans: readonly FunctionSpan[], offset: number): number {
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (spans[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function climb(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return null;
}

/** A tree's text, and the offset its first character has (0 for a file's whole text). */
interface Source {
  text: string;
  base: number;
}

interface KnownTree {
  text: string;
  declarations: () => readonly Declaration[];
}

const known = new WeakMap<Tree, KnownTree>();

/**
 * Tells the index the text a tree was parsed from and where its top-level
 * declarations are listed (SourceFile does), so it need not ask the tree for either.
 */
export function rememberTree(tree: Tree, text: string, declarations: () => readonly Declaration[]): void {
  known.set(tree, { text, declarations });
}

const indexes = new WeakMap<Tree, FunctionIndex>();

function indexOf(node: Node): FunctionIndex {
  let index = indexes.get(node.tree);
  if (!index) {
    const remembered = known.get(node.tree);
    if (remembered) {
      index = new FunctionIndex(remembered.declarations(), { text: remembered.text, base: 0 });
    } else {
      const root = node.tree.rootNode;
      index = new FunctionIndex(topLevelDeclarations(root), { text: root.text, base: root.startIndex });
    }
    indexes.set(node.tree, index);
  }
  return index;
}

/** The innermost function (declaration, method or literal) strictly containing the node. */
export function functionAround(node: Node): Node | null {
  return indexOf(node).enclosing(node);
}

/** The outermost function containing the node. */
export function outermostFunctionAround(node: Node): Node | null {
  return indexOf(node).outermost(node);
}
