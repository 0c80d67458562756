// Whether something is inside a `for` statement, told from the text alone: for the
// rules about what happens in loops (defer-in-loop, loop-var-capture), so that the
// CLI need not parse a function body whose loops hold nothing they look for (see
// regions-needed.ts). An answer that errs says "inside", never "outside".
//
// A `for` statement runs from its keyword to the `}` closing its body. The body is
// the first brace at bracket depth 0 whose closing `}` ends its line: a composite
// literal in the loop's header (`range []int{1, 2} {`) is followed on its line by
// the rest of the header, as Go's semicolon rule demands. When the text does not
// show where the statement ends (unbalanced, half-typed), the search region runs to
// the end of the given range.
import { CodeReader } from './code-reader';
import type { ScreenedRequirement } from './declarations';
import type { SourceFile } from './source-file';
import { CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, OPEN_BRACKET, OPEN_PAREN } from './char-codes';

const FOR_KEYWORD = /\bfor\b/g;
const HEADER_MARKS = /[{}()[\]]/g;
/** The rest of a line that ends after a closing brace: blanks, then a comment or the line end (sticky: tried at one place). */
const LINE_ENDS_HERE = /[ \t]*(?:\/\/|\/\*[^\n]*?\*\/[ \t]*(?:\r?\n|$|\/\/)|\r?\n|$)/y;

/**
 * Whether one of `patterns` matches inside a `for` statement of text[start, end)
 * (`start` where code begins, as the start of a top-level declaration), each tried on
 * the statement's text alone. Matches inside comments and literals within a loop
 * count too.
 */
export function matchesInLoop(text: string, start: number, end: number, patterns: readonly RegExp[]): boolean {
  const reader = new CodeReader(text, start);
  const tests = patterns.map((pattern) => (pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern));
  for (let at = reader.next(start, FOR_KEYWORD); at >= 0 && at < end; at = reader.next(at, FOR_KEYWORD)) {
    const loopEnd = statementEnd(reader, at + 3, end);
    const statement = text.slice(at, loopEnd + 1);
    if (tests.some((test) => test.test(statement))) return true;
    // Loops nested in this one lie inside what was just searched.
    at = loopEnd;
  }
  return false;
}

/** Where the `for` statement whose header starts at `from` ends (its body's `}`), or `limit` when the text does not tell. */
function statementEnd(reader: CodeReader, from: number, limit: number): number {
  const text = reader.text;
  let depth = 0;
  for (let at = from; ; at++) {
    at = reader.next(at, HEADER_MARKS);
    if (at < 0 || at >= limit) return limit;
    const c = text.charCodeAt(at);
    if (c === OPEN_PAREN || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_PAREN || c === CLOSE_BRACKET) {
      if (--depth < 0) return limit; // a bracket this statement did not open
    } else if (c === CLOSE_BRACE) {
      return limit; // braces are skipped whole, so this one closes something outside the loop
    } else {
      const close = reader.matchingBrace(at);
      if (close < 0 || close >= limit) return limit;
      LINE_ENDS_HERE.lastIndex = close + 1;
      if (depth === 0 && LINE_ENDS_HERE.test(text)) return close;
      at = close;
    }
  }
}

/**
 * A rule's text requirement for findings inside loops: `patterns` (searched in every
 * declaration), and, where only the text is known (the CLI's plan, textKeep), a match
 * of one of `inLoop` inside one of the declaration's `for` statements. With the tree,
 * the rule's own query tells, so keep lets everything through.
 */
export function loopRequirement(file: SourceFile, patterns: readonly RegExp[], inLoop: readonly RegExp[]): ScreenedRequirement {
  return {
    patterns,
    keep: () => true,
    textKeep: (index) => {
      const { start, end } = file.declarations[index]!;
      return matchesInLoop(file.text, start, end, inLoop);
    },
  };
}
