// A hover card: one Go construct explained through the TypeScript a reader already
// knows. Cards are data (src/cards/catalog/<id>.md); this is their parsed shape.

/** One `match:` line of a card's front matter, e.g. `ref: context.WithTimeout`. */
export interface MatcherSpec {
  kind: string;
  args: readonly string[];
}

export interface Card {
  id: string;
  /** Short first line, shown as the card's heading. */
  title: string;
  /** The TypeScript idiom it maps to, in a few words. */
  tsIdiom: string;
  /** The Go spec section or package doc. */
  link: string;
  /** Wins over lower-priority cards that match the same node (default 0). */
  priority: number;
  /** What the construct is in Go (markdown prose). */
  go: string;
  /** How the TypeScript idiom maps onto it (markdown prose). */
  typescript: string;
  goSnippet: string;
  tsSnippet: string;
  /** The mistake TypeScript engineers make with it (markdown prose). */
  gotcha: string;
  match: readonly MatcherSpec[];
}
