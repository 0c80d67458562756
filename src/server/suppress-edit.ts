// The "Suppress <rule> for this line" edit, in the form golangci-lint and our own
// engine both honour: a `//nolint:<id>` comment that STARTS a comment on the
// finding's line (a directive in the middle of a comment is just text to both).
//   f(x)                      -> f(x) //nolint:id
//   f(x) // why               -> f(x) //nolint:id // why        (golangci's "reason" form)
//   f(x) //nolint:other       -> f(x) //nolint:other,id
//   f(x) //nolint:other // why -> f(x) //nolint:other,id // why
// When the line cannot take a trailing comment (its end is inside a raw string or
// a block comment that goes on, or inside an unclosed string or rune literal, which
// Go ends at the line break so a comment after it would be part of it; or it ends
// with another tool's directive such as //go:embed or //lint:ignore, or a nolint list
// followed by other words, which neither golangci-lint nor we would read as a list;
// or its line break is a lone \r, which Go does not end a comment at), the directive
// goes alone on the line above, which covers the line below it.
// When the line also starts inside a token that began above (a raw string or block
// comment), no line above can hold the directive: it goes at the end of the line's
// code, before the token that goes on, which then starts the next line:
//   one` + x == `two      -> one` + x == //nolint:id
//   three`                   `two
//                            three`
// That line break must not end a statement (Go inserts a semicolon after a name, a
// literal, `)`, `]`, `}`, `++`, `--`, return…), so it comes only after an operator, a
// comma or an opening bracket, or before a block comment with a line break in it
// (which ends the statement already). Failing that, or when the finding starts where
// Go's lexer reads a string or comment (tree-sitter's error recovery can read code
// there), no directive can cover the line: lineSuppressionEdit gives none.
// Where a comment or literal starts and ends is decided by the Go lexer's view of
// the text (go-comments.ts), as Suppressions.scan decides what counts, not by the
// parse tree: on broken text tree-sitter's error recovery may read a comment as part
// of an error or of a string that Go's lexer has already closed. Every edit inserts
// its comment where the lexer is in code (or extends a comment), so the rest of the
// text lexes as before; a syntax error that is not a lexer matter does not stop a
// trailing comment any more.
import { GoCommentCursor, type GoTokenKind } from '../engine/go-comments';
import type { SourceFile } from '../engine/source-file';
import type { TextEdit } from '../engine/types';

/** A nolint list that ends the comment or is followed by a `// reason`: the only kind a rule can be added to. */
const NOLINT_LIST = /^\/\/\s?nolint:([\w-]+(?:\s*,\s*[\w-]+)*)(?=\s*(?:\/\/|$))/;
const OTHER_DIRECTIVE = /^\/\/(?:\s?nolint\b|[a-z]+:\S|line |export )/;

interface Token {
  kind: GoTokenKind;
  start: number;
  end: number;
}

/**
 * The edit that adds `//nolint:<ruleId>` covering the line of `findingStart`, or
 * undefined when no such comment can go there without changing the code (the line
 * starts and ends inside tokens that span lines, with no safe place between).
 */
export function lineSuppressionEdit(file: SourceFile, ruleId: string, findingStart: number): TextEdit | undefined {
  const { text, lines } = file;
  const { line } = lines.positionAt(findingStart);
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  const lineText = text.slice(lineStart, lineEnd);
  const contentEnd = lineStart + lineText.trimEnd().length;
  const directive = `//nolint:${ruleId}`;
  // A lone \r ends a line for the editor but not for Go: a line break we insert is a \n.
  const eol = lines.eol === '\r' ? '\n' : lines.eol;

  const comments = new GoCommentCursor(text);
  comments.seek(lineStart);
  const opening: Token | undefined = comments.contains(lineStart) ? tokenOf(comments) : undefined;
  // Alone on the line above, where the lexer is in code (not inside a token that goes
  // on into this line); after a byte order mark, which Go accepts only first in the file.
  const aboveAt = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
  const above: TextEdit | undefined = opening
    ? undefined
    : { start: aboveAt, end: aboveAt, newText: `${/^[\t ]*/.exec(text.slice(aboveAt, lineEnd))![0]}${directive}${eol}` };
  if (contentEnd === lineStart) return above;

  comments.seek(contentEnd);
  if (!comments.contains(contentEnd)) {
    // Code at the end of the line: a comment appended there runs to the line break,
    // unless that is a lone \r, which Go reads past (the comment would take the next line).
    const loneCarriageReturn = text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) !== 10;
    if (!loneCarriageReturn) return { start: contentEnd, end: contentEnd, newText: ` ${directive}` };
    return above;
  }
  if (comments.kind === 'line-comment' && comments.start >= lineStart) {
    const commentStart = comments.start;
    // A comment alone on the line: a directive there would cover the next line.
    if (text.slice(lineStart, commentStart).trim() === '') return above;
    const comment = text.slice(commentStart, Math.min(comments.end, lineEnd));
    const list = NOLINT_LIST.exec(comment);
    if (list) {
      const at = commentStart + list[0].length;
      return { start: at, end: at, newText: `,${ruleId}` };
    }
    if (OTHER_DIRECTIVE.test(comment)) return above;
    // `// reason` becomes the reason of the directive: `//nolint:id // reason`.
    return { start: commentStart, end: commentStart, newText: `${directive} ` };
  }
  // The line ends inside a token that goes on past it (or an unclosed literal).
  if (above || !opening) return above;
  return beforeTrailingToken(text, opening, tokenOf(comments), findingStart, lineStart, `${directive}${eol}`);
}


function tokenOf(comments: GoCommentCursor): Token {
  return { kind: comments.kind!, start: comments.start, end: comments.end };
}

/**
 * On a line that starts inside `opening` and ends inside `trailing`: the directive
 * and a line break just before `trailing`, when that break cannot end a statement
 * and the finding is on the code before it.
 */
function beforeTrailingToken(text: string, opening: Token, trailing: Token, findingStart: number, lineStart: number, newText: string): TextEdit | undefined {
  if (trailing.start < lineStart || findingStart >= trailing.start) return undefined;
  let previous = trailing.start - 1;
  while (previous >= opening.end && (text.charCodeAt(previous) === 32 || text.charCodeAt(previous) === 9)) previous--;
  if (previous < opening.end) return undefined; // nothing but the token that began above
  // A block comment with a line break in it already ends the statement as a line break would.
  const breakIsNeutral = (trailing.kind === 'block-comment' && text.slice(trailing.start, trailing.end).includes('\n')) || continuesExpression(text, previous);
  if (!breakIsNeutral) return undefined;
  const space = previous === trailing.start - 1 ? ' ' : '';
  return { start: trailing.start, end: trailing.start, newText: `${space}${newText}` };
}

/** The character at `at` ends an operator, a comma or an opening bracket, after which Go inserts no semicolon at a line break. */
function continuesExpression(text: string, at: number): boolean {
  const c = text[at]!;
  if (c === '+' || c === '-') return text[at - 1] !== c; // not `++` or `--`
  return '*%&|^<>=!([{,:;'.includes(c);
}
