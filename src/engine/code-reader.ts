// Reading a Go text's code while stepping over its comments and literals (as Go's
// scanner sees them, go-comments.ts): the next code character a pattern matches, and
// the brace that matches a `{`. For the readers that decide things from the text
// before any parse (unparsed-regions.ts, loop-text.ts).
import { GoCommentCursor } from './go-comments';
import { CLOSE_BRACE, CLOSE_PAREN, OPEN_BRACE, OPEN_PAREN } from './char-codes';

/**
 * Reads the code between comments and literals. Positions asked about never
 * decrease: the comment cursor only moves forward.
 */
export class CodeReader {
  private readonly tokens: GoCommentCursor;

  /** `from`: where reading starts, a place where code begins (see GoCommentCursor). */
  constructor(
    readonly text: string,
    from = 0,
  ) {
    this.tokens = new GoCommentCursor(text, from);
  }

  /** Whether the character at `offset` belongs to a comment or literal. */
  insideToken(offset: number): boolean {
    return this.tokens.holds(offset);
  }

  /**
   * The brace matching the `{` at `open`, or -1 when the text ends first. Braces are
   * counted a character at a time between comments and literals: one regular
   * expression search per brace costs more than the loop.
   */
  matchingBrace(open: number): number {
    return this.matching(open, OPEN_BRACE, CLOSE_BRACE);
  }

  /** The parenthesis matching the `(` at `open`, or -1 when the text ends first. */
  matchingParen(open: number): number {
    return this.matching(open, OPEN_PAREN, CLOSE_PAREN);
  }

  private matching(open: number, opening: number, closing: number): number {
    const text = this.text;
    let depth = 0;
    let at = open;
    for (;;) {
      const tokens = this.tokens;
      if (tokens.holds(at)) {
        at = tokens.end;
        continue;
      }
      const stop = tokens.kind === null ? text.length : tokens.start;
      for (; at < stop; at++) {
        const c = text.charCodeAt(at);
        if (c === opening) depth++;
        else if (c === closing && --depth === 0) return at;
      }
      if (tokens.kind === null) return -1;
    }
  }

  /**
   * The next code character at or after `from` that `pattern` (global) matches,
   * skipping comments and literals; -1 when none is left.
   */
  next(from: number, pattern: RegExp): number {
    const text = this.text;
    let at = from;
    for (;;) {
      const tokens = this.tokens;
      if (tokens.holds(at)) {
        at = tokens.end; // `at` is inside this one: go on after it
        continue;
      }
      const stop = tokens.kind === null ? text.length : tokens.start;
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match && match.index < stop) return match.index;
      if (tokens.kind === null) return -1;
      at = tokens.end;
    }
  }
}
