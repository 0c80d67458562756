// The Go lexer's view of comments and literals, without a parse tree: where `//`
// and `/* */` comments and "…", `…` and '…' literals start and end, read as Go's
// own scanner reads them (go/scanner), so that whether a `//nolint` is a comment
// does not depend on how tree-sitter recovered from a syntax error elsewhere.
//   //…      runs to the next \n (a lone \r does not end it; NUL does not either)
//   /* … */  unterminated: runs to the end of the text
//   "…" '…'  end at the closing quote; a backslash escapes the next character unless
//            that is a \n; unterminated: end before the \n (as Go's scanner stops there)
//   `…`      spans lines; unterminated: runs to the end of the text
// Everything else is code, skipped a character at a time. Any text is accepted
// (NUL, lone surrogates, BOM, any line ends); one pass over the text, linear, and
// nothing allocated per token: the current token is the cursor's fields.
import { BACKSLASH, BACKTICK, NEWLINE, QUOTE, SLASH, STAR } from './char-codes';

export type GoTokenKind = 'line-comment' | 'block-comment' | 'string' | 'raw-string' | 'rune';

/**
 * A forward cursor over the comments and literals of a Go text. `next()` and
 * `seek()` only move forward; the current token is `kind`, `start`, `end`, `closed`.
 */
export class GoCommentCursor {
  /** The current token's kind, or null before the first `next()` and past the last token. */
  kind: GoTokenKind | null = null;
  /** UTF-16 offset of the token's first character (its opening delimiter). */
  start = 0;
  /** UTF-16 offset just past the token (past its closing delimiter, or where it stopped). */
  end = 0;
  /**
   * The token ends with its closing delimiter. A line comment is never closed (text
   * inserted at its end becomes part of it), nor is a literal or block comment that
   * stopped at a line end or at the end of the text.
   */
  closed = false;

  private begun = false;
  // Where the next '/', '"', "'" and '`' at or after the cursor are (-1: not searched
  // yet; the text's length: none left).
  private nextSlash = -1;
  private nextQuote = -1;
  private nextApostrophe = -1;
  private nextBacktick = -1;

  /**
   * `from`: where to start reading, which must be a place where code (not a comment
   * or literal) begins, such as the start of a top-level declaration or a brace of
   * its code; tokens before it are never seen.
   */
  constructor(
    private readonly text: string,
    from = 0,
  ) {
    this.start = this.end = from;
  }

  /** Moves to the next comment or literal; false (and kind null) when there is none. */
  next(): boolean {
    this.begun = true;
    const text = this.text;
    const length = text.length;
    // Code is skipped with indexOf (a native scan, many times faster than a loop over
    // charCodeAt): the next of each opening character is remembered and searched
    // again only once the cursor has passed it.
    for (let from = this.end; from < length; ) {
      if (this.nextSlash < from) this.nextSlash = nextOf(text, '/', from);
      if (this.nextQuote < from) this.nextQuote = nextOf(text, '"', from);
      if (this.nextApostrophe < from) this.nextApostrophe = nextOf(text, "'", from);
      if (this.nextBacktick < from) this.nextBacktick = nextOf(text, '`', from);
      const i = Math.min(this.nextSlash, this.nextQuote, this.nextApostrophe, this.nextBacktick);
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === SLASH) {
        const after = text.charCodeAt(i + 1);
        if (after === SLASH) {
          const newline = text.indexOf('\n', i + 2);
          return this.set('line-comment', i, newline < 0 ? length : newline, false);
        }
        if (after === STAR) {
          const close = text.indexOf('*/', i + 2);
          return close < 0 ? this.set('block-comment', i, length, false) : this.set('block-comment', i, close + 2, true);
        }
        from = i + 1; // a division
      } else if (c === BACKTICK) {
        const close = text.indexOf('`', i + 1);
        return close < 0 ? this.set('raw-string', i, length, false) : this.set('raw-string', i, close + 1, true);
      } else {
        return this.quoted(c === QUOTE ? 'string' : 'rune', c, i);
      }
    }
    this.kind = null;
    this.start = this.end = length;
    this.closed = false;
    return false;
  }

  /**
   * Moves forward to the first token that text inserted at `offset` would not land
   * after: one that contains `offset` (inserted text would be part of it: `start <
   * offset` and `offset < end`, or `offset === end` and the token is not closed),
   * or else the first that starts at or after `offset`. False (kind null) when no
   * token is left. Offsets given to successive calls must not decrease.
   */
  seek(offset: number): boolean {
    if (!this.begun && !this.next()) return false;
    while (this.kind !== null && (this.end < offset || (this.end === offset && this.closed))) this.next();
    return this.kind !== null;
  }

  /**
   * Whether the character at `offset` belongs to a comment or literal (its delimiters
   * included), moving the cursor to the first token that ends after it. Offsets asked
   * must not decrease.
   */
  holds(offset: number): boolean {
    if (!this.begun) this.next();
    while (this.kind !== null && this.end <= offset) this.next();
    return this.kind !== null && this.start <= offset;
  }

  /** Whether text inserted at `offset` would be inside the current token (call after `seek(offset)`). */
  contains(offset: number): boolean {
    return this.kind !== null && this.start < offset && (offset < this.end || (offset === this.end && !this.closed));
  }

  private quoted(kind: 'string' | 'rune', quote: number, start: number): boolean {
    const text = this.text;
    const length = text.length;
    for (let i = start + 1; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) return this.set(kind, start, i + 1, true);
      if (c === NEWLINE) return this.set(kind, start, i, false);
      // An escape takes the next character, unless that is the line end (Go reports
      // the escape as unterminated and the literal stops before the \n).
      if (c === BACKSLASH && text.charCodeAt(i + 1) !== NEWLINE) i++;
    }
    return this.set(kind, start, length, false);
  }

  private set(kind: GoTokenKind, start: number, end: number, closed: boolean): true {
    this.kind = kind;
    this.start = start;
    this.end = Math.min(end, this.text.length);
    this.closed = closed;
    return true;
  }
}

/** The offset of the next `char` at or after `from`, or the text's length when there is none. */
function nextOf(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
}
