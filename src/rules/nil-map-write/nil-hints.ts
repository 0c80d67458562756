// The text a function must hold for a map variable in it to be nil somewhere, read
// without the tree: a `var` naming it (or any `var (...)` group), `name = nil`, a nil
// test either way round, a nil conversion in `name := ...`, or a named result list
// `) (... name ...)`. Most index writes are to slices and made maps, and this skips
// them before any tree work.
//
// One pass of five fixed patterns collects every name the text hints at, so asking
// about many names (every indexed name of a declaration) costs no more than asking
// about one, and no pattern is compiled per name. Names are ASCII words, as \b reads
// them; each name-capturing pattern looks ahead instead of consuming, so one match
// never hides another.

export interface NilHints {
  /** A `var (` group: it can declare any name, so every name counts as hinted. */
  anyName: boolean;
  names: Set<string>;
}

/** An ASCII Go word that starts at a word boundary, as `\bname\b` would find it. */
const WORD = /\b[A-Za-z_]\w*/g;

const VAR_GROUP = /\bvar\s*\(/;
/** `var` up to the end of the line or an `=`: the names it declares are words in that span. */
const VAR_SPAN = /\bvar\b([^=\n]*)/g;
/** `name = nil`, `name == nil`, `name != nil`. */
const SET_OR_TESTED_NIL = /\b([A-Za-z_]\w*)(?=\s*(?:=|==|!=)\s*nil\b)/g;
/** `nil == name`, `nil != name`. */
const NIL_TESTED = /\bnil\s*(?:==|!=)\s*([A-Za-z_]\w*)/g;
/** `name := ...(nil)` on one line: a nil conversion such as `map[K]V(nil)`. */
const NIL_CONVERSION = /\b([A-Za-z_]\w*)(?=\s*:=[^\n]*\(nil\))/g;
/** `) (` then the span to the next `)`: a function's named results. */
const RESULTS_SPAN = /\)\s*\(([^)]*)/g;

export function nilHints(text: string): NilHints {
  const names = new Set<string>();
  const hints: NilHints = { anyName: VAR_GROUP.test(text), names };
  if (hints.anyName) return hints;
  // Each pattern needs its word: a text without it is not searched (most have no `(nil)`).
  const hasNil = text.includes('nil');
  for (const pattern of [SET_OR_TESTED_NIL, NIL_TESTED, NIL_CONVERSION]) {
    if (!hasNil || (pattern === NIL_CONVERSION && !text.includes('(nil)'))) continue;
    for (const match of text.matchAll(pattern)) names.add(match[1]!);
  }
  for (const pattern of [VAR_SPAN, RESULTS_SPAN]) {
    if (pattern === VAR_SPAN && !text.includes('var')) continue;
    for (const match of text.matchAll(pattern)) {
      for (const word of match[1]!.matchAll(WORD)) names.add(word[0]);
    }
  }
  return hints;
}

const ASCII_NAME = /^[A-Za-z_]\w*$/;

/** Whether the hints cover some of `names`; a name beyond ASCII cannot be told by the patterns, so it counts. */
export function hintsAny(hints: NilHints, names: Iterable<string>): boolean {
  if (hints.anyName) return true;
  for (const name of names) if (hints.names.has(name) || !ASCII_NAME.test(name)) return true;
  return false;
}
