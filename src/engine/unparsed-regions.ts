// What of a Go file's text can be left unparsed, read from the text alone (before any
// parse): the insides of the bodies of its top-level functions and methods, of the
// big braces in its top-level `var` declarations' values (tables: composite literals,
// and func literals' bodies), and of its `const (...)` groups. A parser is then told
// to skip the ones no rule needs (see partial-parse.ts). Comments and literals are
// recognised as Go's scanner does (go-comments.ts), so a brace inside a string or
// comment counts for nothing.
//
// A top-level declaration is taken to start with `func`, `var` or `const` at the start
// of a line, as gofmt writes it. A function's body is the first `{` at bracket depth 0
// after the signature, except a `struct {` or `interface {` of a result type; a var
// declaration's values are its braces that are not such types (nor hold a var or
// const of their own), up to the line break that ends it; each ends at the brace that
// matches it; a const group runs from `const (` to the parenthesis matching it. This is a guess that the caller verifies against the tree it then
// parses: a region found here that the tree does not confirm makes the caller parse
// the whole file, so a wrong guess costs time, never a finding.
import { CodeReader } from './code-reader';
import { CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, NEWLINE, OPEN_BRACKET, OPEN_PAREN } from './char-codes';

export interface BracedRegion {
  /** Offset of the `{` (of the `(` for a const group). */
  open: number;
  /** Offset of the `}` (or `)`) that closes it. */
  close: number;
  /** A function's body, braces in a var declaration's value, or a const group's specs. */
  kind: 'body' | 'value' | 'constants';
}

/** `struct` or `interface` right before a brace (blanks between): a type's braces, not a body's or a value's. */
const TYPE_KEYWORD_BEFORE = /(?:^|[^\p{L}\p{N}_])(?:struct|interface)[ \t]*$/u;

const SIGNATURE_MARKS = /[{}()[\]\n]/g;

/** Whether the `{` at `open` is a struct's or interface's: `struct` or `interface` before it on its line. */
function opensType(text: string, open: number): boolean {
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  return TYPE_KEYWORD_BEFORE.test(text.slice(lineStart, open));
}

/**
 * The body of the function whose `func` keyword ends at `from`: null when it has
 * none (a declaration implemented elsewhere ends at the line break), undefined
 * when the text is not what the guess expects (unbalanced brackets, the text ends).
 */
function bodyAfter(reader: CodeReader, from: number): BracedRegion | null | undefined {
  const text = reader.text;
  let depth = 0;
  for (let at = from; ; at++) {
    at = reader.next(at, SIGNATURE_MARKS);
    if (at < 0) return undefined;
    const c = text.charCodeAt(at);
    if (c === OPEN_PAREN || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_PAREN || c === CLOSE_BRACKET) {
      if (--depth < 0) return undefined;
    } else if (c === NEWLINE) {
      if (depth === 0) return null;
    } else if (c === CLOSE_BRACE) {
      if (depth === 0) return undefined;
    } else if (depth === 0) {
      const close = reader.matchingBrace(at);
      if (close < 0) return undefined;
      if (!opensType(text, at)) return { open: at, close, kind: 'body' };
      at = close; // a struct or interface type in the signature: its braces are not the body
    }
  }
}

/**
 * A `var` or `const` inside a value (a func literal's own declarations): such a value is
 * parsed, as some lookups of package-level names read every var and const spec below
 * a declaration (name-declarations.ts, lock-values.ts).
 */
const DECLARES = /\b(?:var|const)\b/;

/**
 * The braces of the values of the var declaration whose `var` keyword ends at `from`
 * (outermost ones, not a type's), added to `regions`; returns where the declaration
 * ends (its line break at bracket depth 0), or -1 when the text is not what the
 * guess expects.
 */
function valuesAfter(reader: CodeReader, from: number, regions: BracedRegion[]): number {
  const text = reader.text;
  let depth = 0;
  for (let at = from; ; at++) {
    at = reader.next(at, SIGNATURE_MARKS);
    if (at < 0) return text.length; // the last declaration of the text
    const c = text.charCodeAt(at);
    if (c === OPEN_PAREN || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_PAREN || c === CLOSE_BRACKET) {
      if (--depth < 0) return -1;
    } else if (c === NEWLINE) {
      if (depth === 0) return at;
    } else if (c === CLOSE_BRACE) {
      return -1;
    } else {
      const close = reader.matchingBrace(at);
      if (close < 0) return -1;
      if (!opensType(text, at) && !DECLARES.test(text.slice(at, close))) regions.push({ open: at, close, kind: 'value' });
      at = close;
    }
  }
}

/** `const (` at a line start: a const group (blanks allowed before the parenthesis). */
const CONST_GROUP = /const[ \t]*\(/y;

/**
 * The function bodies, var values and const groups of the top-level declarations, in
 * text order; null when the text does not look like what the guess expects (braces
 * that never close, stray closing brackets), so the caller parses everything.
 */
export function unparsedRegions(text: string): BracedRegion[] | null {
  const reader = new CodeReader(text);
  const regions: BracedRegion[] = [];
  const declarationStart = /^(?:func|var|const)[ \t(]/gm;
  for (let match = declarationStart.exec(text); match; match = declarationStart.exec(text)) {
    const keyword = match.index;
    if (reader.insideToken(keyword)) continue;
    if (text.startsWith('const', keyword)) {
      CONST_GROUP.lastIndex = keyword;
      if (!CONST_GROUP.test(text)) continue; // one constant: nothing worth leaving out
      const open = CONST_GROUP.lastIndex - 1;
      const close = reader.matchingParen(open);
      if (close < 0) return null;
      regions.push({ open, close, kind: 'constants' });
      declarationStart.lastIndex = close + 1;
      continue;
    }
    if (text.startsWith('var', keyword)) {
      const end = valuesAfter(reader, keyword + 3, regions);
      if (end < 0) return null;
      declarationStart.lastIndex = end;
      continue;
    }
    const body = bodyAfter(reader, keyword + 4);
    if (body === undefined) return null;
    if (body === null) continue;
    regions.push(body);
    declarationStart.lastIndex = body.close + 1;
  }
  return regions;
}
