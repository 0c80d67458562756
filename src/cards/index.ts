// Hover cards: which card explains the Go construct under the cursor. The lookup
// starts at the token under the cursor and tries the matchers anchored at it and at
// its first few ancestors, innermost first; comments and string literals never get a
// card. Cards live in src/cards/catalog/*.md (see the README there).
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../engine/source-file';
import type { Card } from './card';
import { CARD_FILES } from './catalog';
import type { Matcher, MatchReason } from './matcher';
import { compileMatcher } from './matchers';
import { parseCard } from './parse-card';
import { renderCard, type CardMode } from './render';

export type { Card } from './card';
export type { CardMode } from './render';

/** How many ancestors above the token the lookup climbs. */
const MAX_ANCESTORS = 5;
const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal', 'rune_literal']);

interface Entry {
  card: Card;
  matcher: Matcher;
}

interface Catalog {
  cards: readonly Card[];
  /** Node type -> the matchers anchored there, highest card priority first. */
  byAnchor: ReadonlyMap<string, readonly Entry[]>;
}

let catalog: Catalog | undefined;

function loadCatalog(): Catalog {
  const cards = CARD_FILES.map(({ file, source }) => parseCard(file, source));
  const seen = new Set<string>();
  const byAnchor = new Map<string, Entry[]>();
  for (const card of cards) {
    if (seen.has(card.id)) throw new Error(`two cards share the id "${card.id}"`);
    seen.add(card.id);
    for (const spec of card.match) {
      let matcher: Matcher;
      try {
        matcher = compileMatcher(spec);
      } catch (error) {
        throw new Error(`card ${card.id}: ${(error as Error).message}`);
      }
      for (const anchor of matcher.anchors) {
        const entries = byAnchor.get(anchor) ?? [];
        entries.push({ card, matcher });
        byAnchor.set(anchor, entries);
      }
    }
  }
  for (const entries of byAnchor.values()) entries.sort((a, b) => b.card.priority - a.card.priority);
  return { cards, byAnchor };
}

function getCatalog(): Catalog {
  catalog ??= loadCatalog();
  return catalog;
}

/** Every card, in catalog (file name) order. */
export function allCards(): readonly Card[] {
  return getCatalog().cards;
}

export function cardById(id: string): Card | undefined {
  return getCatalog().cards.find((card) => card.id === id);
}

export interface CardMatch {
  card: Card;
  /** The hovered construct's range (UTF-16 offsets), for the hover's range. */
  start: number;
  end: number;
  subjectText: string;
  reason?: MatchReason;
}

/** The token at offset, or the one ending there (a cursor just after a word). */
function tokenAt(root: Node, offset: number): Node | null {
  for (const at of [offset, offset - 1]) {
    if (at < 0) continue;
    const node = root.descendantForIndex(at, at);
    if (node && node.childCount === 0 && at >= node.startIndex && at < node.endIndex) return node;
  }
  return null;
}

function insideCommentOrString(token: Node): boolean {
  if (token.type === 'comment') return true;
  for (let node: Node | null = token, depth = 0; node && depth < 3; node = node.parent, depth++) {
    if (STRING_TYPES.has(node.type)) return true;
  }
  return false;
}

/** The card for the construct at offset, with the range it explains; null when none applies. */
export function cardMatchAt(file: SourceFile, offset: number): CardMatch | null {
  const leaf = tokenAt(file.root, offset);
  if (!leaf || insideCommentOrString(leaf)) return null;
  const { byAnchor } = getCatalog();
  const site = { file, leaf };
  let node: Node | null = leaf;
  for (let depth = 0; node && depth <= MAX_ANCESTORS; node = node.parent, depth++) {
    for (const { card, matcher } of byAnchor.get(node.type) ?? []) {
      const result = matcher.test(site, node);
      if (!result) continue;
      return {
        card,
        start: result.subject.startIndex,
        end: result.subject.endIndex,
        subjectText: result.subject.text,
        ...(result.reason ? { reason: result.reason } : {}),
      };
    }
  }
  return null;
}

/**
 * Markdown for the card at offset, or null. `short`: title, TypeScript idiom, the
 * Go and TypeScript snippets and the reference link. `full`: adds why it showed here,
 * the Go explanation, the TypeScript mapping and the gotcha.
 */
export function cardAt(file: SourceFile, offset: number, mode: CardMode): string | null {
  const match = cardMatchAt(file, offset);
  if (!match) return null;
  return renderCard(match.card, mode, { subjectText: match.subjectText, ...(match.reason ? { reason: match.reason } : {}) });
}

export { renderCard };
