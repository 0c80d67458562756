// Matching a query only where the text says a match can be. A query run over a
// declaration walks every node of it, one WASM crossing each; but most patterns hold
// a token that names them (`WithValue`, the `defer` keyword), and the text finds
// those tokens for next to nothing. From each one the engine climbs to the nodes a
// pattern can start at and matches the query there alone (maxStartDepth 0), which
// finds exactly the captures a full run would, in the same order.
import type { Node, Query, QueryCapture } from 'web-tree-sitter';

export interface Anchor {
  /** A token inside every match that can lead to a finding (a method name, a keyword). */
  text: RegExp;
  /** Patterns start at most this many levels above the token (the token's own node is level 0). */
  depth?: number;
  /** Or: patterns start at ancestors of these types, at any height... */
  roots?: readonly string[];
  /** ...below the first ancestor of one of these types (e.g. the enclosing function). */
  stopAt?: ReadonlySet<string>;
}

/**
 * The captures of `query` whose match starts at a node the anchor reaches from one of
 * the token matches (`offsets`), inside `declaration`. Each capture once, in document
 * order (outer nodes first), as a full run reports them.
 */
export function anchoredCaptures(
  query: Query,
  declaration: Node,
  offsets: readonly (readonly [number, number])[],
  anchor: Anchor,
  progressCallback?: () => boolean,
): QueryCapture[] {
  const starts = new Map<number, Node>();
  for (const [start, end] of offsets) {
    let node: Node | null = declaration.descendantForIndex(start, end);
    for (let level = 0; node; level++) {
      if (!anchor.roots || anchor.roots.includes(node.type)) starts.set(node.id, node);
      if (node.id === declaration.id || (anchor.depth !== undefined && level >= anchor.depth)) break;
      if (level > 0 && anchor.stopAt?.has(node.type)) break;
      node = node.parent;
    }
  }
  if (starts.size === 0) return [];
  const options = progressCallback ? { maxStartDepth: 0, progressCallback } : { maxStartDepth: 0 };
  const seen = new Set<string>();
  const captures: { capture: QueryCapture; end: number }[] = [];
  for (const start of starts.values()) {
    for (const capture of query.captures(start, options)) {
      const key = `${capture.patternIndex}:${capture.name}:${capture.node.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      captures.push({ capture, end: capture.node.endIndex });
    }
  }
  captures.sort(
    (a, b) =>
      a.capture.node.startIndex - b.capture.node.startIndex || b.end - a.end || a.capture.patternIndex - b.capture.patternIndex,
  );
  return captures.map(({ capture }) => capture);
}
