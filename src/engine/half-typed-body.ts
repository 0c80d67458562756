// Whether an edit left a function body half-typed, told from the text alone, before
// any parse. While a `{` typed into a body is not closed yet (or a `}` is missing
// after a backspace), tree-sitter's error recovery reads the rest of the file into
// that body: the reparse costs milliseconds and its findings are provisional anyway
// (src/engine/incremental.ts). The server answers such keystrokes with the last
// findings, moved, without parsing (src/server/documents.ts), and parses once the
// braces balance again, the typing pauses, or a hover or code action needs the tree.
// Only a decision about WHEN to parse: whatever it says, every edit reaches the tree
// and the exact findings follow, so an unusual answer costs speed, never correctness.
// Braces are read as Go's lexer reads them (go-comments.ts): those in comments,
// strings, raw strings and runes do not count.
import type { Damage } from './damage';
import { declarationAt, type Declaration } from './declarations';
import { GoCommentCursor } from './go-comments';

const FUNCTIONS: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration']);
const BRACES = /[{}]/g;

/**
 * Whether the edits since the last parse (`damage`, in today's coordinates) lie inside
 * one function body of the last parsed text (`oldText`, its top-level `declarations`),
 * and leave that body's braces unbalanced in today's text: more `{` than `}` or fewer,
 * or its closing brace swallowed by a comment or literal the edit opened.
 */
export function editLeavesBodyUnbalanced(oldText: string, declarations: readonly Declaration[], damage: Damage, newText: string): boolean {
  const index = declarationAt(declarations, damage.low);
  if (index < 0) return false;
  const { type, start, end } = declarations[index]!;
  // The edits must leave the closing brace (end - 1) alone.
  if (!FUNCTIONS.has(type) || damage.oldHigh >= end) return false;
  const open = bodyOpeningBrace(oldText, start, end);
  // Strictly after the opening brace: the text before it, the signature, is as it was.
  if (open < 0 || damage.low <= open) return false;
  const close = end - 1 + (damage.newHigh - damage.oldHigh);
  return !closesAt(newText, open, close);
}

/**
 * Where the `{` that the declaration's last character, a `}`, closes is (its body's
 * opening brace; a struct or interface in the signature is closed before it), or -1
 * when the declaration does not end with a `}` of code that closes a brace of its own.
 */
export function bodyOpeningBrace(text: string, start: number, end: number): number {
  if (text.charCodeAt(end - 1) !== 0x7d) return -1;
  const opens: number[] = [];
  const cursor = new GoCommentCursor(text, start);
  BRACES.lastIndex = start;
  for (let match = BRACES.exec(text); match && match.index < end; match = BRACES.exec(text)) {
    const at = match.index;
    if (cursor.holds(at)) continue;
    if (text.charCodeAt(at) === 0x7b) opens.push(at);
    else {
      const opened = opens.pop();
      if (opened === undefined) return -1;
      if (at === end - 1) return opens.length === 0 ? opened : -1;
    }
  }
  return -1;
}

/**
 * Whether the `}` at `close` is code and the braces of code between it and the `{` at
 * `open` balance. (A body closed early but balanced, such as a function split in two
 * by typing `}` and `func g() {`, may be valid Go: that is for the parse to tell.)
 */
function closesAt(text: string, open: number, close: number): boolean {
  if (text.charCodeAt(close) !== 0x7d) return false;
  let depth = 0;
  const cursor = new GoCommentCursor(text, open + 1);
  BRACES.lastIndex = open + 1;
  for (let match = BRACES.exec(text); match && match.index <= close; match = BRACES.exec(text)) {
    const at = match.index;
    if (cursor.holds(at)) {
      if (at === close) return false;
      continue;
    }
    if (at === close) return depth === 0;
    depth += text.charCodeAt(at) === 0x7b ? 1 : -1;
  }
  return false;
}

