// The quick fix shared by the cleanup rules (rows-close, tx-rollback, ticker-stop):
// a new line `defer x.Close()` right after a statement, indented like it, with the
// line break the document uses there (a CRLF file stays CRLF).
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from './source-file';
import type { TextEdit } from './types';

/** Inserts `line` on a new line after the line where `anchor` (a statement) ends; null if that line holds more code. */
export function insertLineAfterStatement(file: SourceFile, anchor: Node, line: string): TextEdit | null {
  if (anchor.parent?.type !== 'statement_list') return null;
  const { line: endLine } = file.lines.positionAt(anchor.endIndex);
  const lineEnd = file.lines.lineEnd(endLine);
  const rest = file.text.slice(anchor.endIndex, lineEnd).trim();
  // Something other than a comment after the statement (`a(); b()`): leave it to the user.
  if (rest !== '' && !rest.startsWith('//')) return null;
  const eol = file.text.startsWith('\r\n', lineEnd) ? '\r\n' : file.text[lineEnd] === '\r' ? '\r' : file.text[lineEnd] === '\n' ? '\n' : file.lines.eol;
  const indent = file.lineAt(anchor.startIndex).indent;
  return { start: lineEnd, end: lineEnd, newText: `${eol}${indent}${line}` };
}
