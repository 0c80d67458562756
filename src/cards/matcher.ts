// What a card's `match:` line compiles to: the node types it is tried at (so the
// lookup only asks the few matchers that could apply) and a test that inspects the
// syntax around that node.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../engine/source-file';

export interface HoverSite {
  file: SourceFile;
  /** The token under the cursor. */
  leaf: Node;
}

/** Why a card matched, for the line that ties the card to the hovered code. */
export type MatchReason =
  | { kind: 'package'; localName: string; importPath: string }
  | { kind: 'receiver'; receiver: string; type: string };

export interface MatchResult {
  /** The hovered construct (its range is the hover's range). */
  subject: Node;
  reason?: MatchReason;
}

export interface Matcher {
  /** Node types (of the leaf or one of its first ancestors) the test runs at. */
  anchors: readonly string[];
  test(site: HoverSite, node: Node): MatchResult | null;
}
