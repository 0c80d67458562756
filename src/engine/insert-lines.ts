// Inserting whole lines after a statement, in the document's own style: its line
// ending (a CRLF file stays CRLF) and its indentation (tabs as gofmt writes them, or
// whatever unit the surrounding code uses).
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from './source-file';
import type { TextEdit } from './types';

/** The line break after the line holding `offset` (the document's usual one at the end). */
export function lineBreakAfter(file: SourceFile, offset: number): string {
  const { line } = file.lines.positionAt(offset);
  const end = file.lines.lineEnd(line);
  if (file.text.startsWith('\r\n', end)) return '\r\n';
  if (file.text[end] === '\n' || file.text[end] === '\r') return file.text[end]!;
  return file.lines.eol;
}

/** One level of indentation as the code around `statement` writes it. */
export function indentUnit(file: SourceFile, statement: Node): string {
  const indent = file.lineAt(statement.startIndex).indent;
  if (indent === '' || indent.includes('\t')) return '\t';
  for (let outer = statement.parent; outer; outer = outer.parent) {
    const outerIndent = file.lineAt(outer.startIndex).indent;
    if (outerIndent.length < indent.length && indent.startsWith(outerIndent)) return indent.slice(outerIndent.length);
  }
  return '    ';
}

/**
 * An edit that adds `lines` (already indented relative to each other) on new lines after
 * the line where `anchor` ends, each prefixed with the indentation of the line where
 * `indentLike` starts (the anchor itself by default; the loop of a labeled loop, since
 * gofmt outdents labels). Anything after the anchor on its line (a trailing comment)
 * stays where it was.
 */
export function insertLinesAfter(file: SourceFile, anchor: Node, lines: readonly string[], indentLike: Node = anchor): TextEdit {
  const indent = file.lineAt(indentLike.startIndex).indent;
  const eol = lineBreakAfter(file, anchor.endIndex);
  const at = file.lines.lineEnd(file.lines.positionAt(anchor.endIndex).line);
  return { start: at, end: at, newText: lines.map((line) => eol + indent + line).join('') };
}
