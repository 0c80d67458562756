// One LSP content change -> the tree-sitter Edit that keeps an old tree in step
// with the new text, so the next parse is incremental. Indices and Point columns
// are UTF-16 code units in this web-tree-sitter (measured: a line holding "é😀"
// puts the next token 3 columns on, not 6 bytes), the same unit as JavaScript
// strings and LSP. Rows count '\n' only, as tree-sitter does (a CRLF line ends
// at its '\n'; a lone '\r' is not a row break for tree-sitter, hence no reuse of
// LSP line numbers here).
import { Edit, type Point } from 'web-tree-sitter';

/** Row and column of `offset` in `text`, as tree-sitter counts them. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let next = text.indexOf('\n'); next !== -1 && next < offset; next = text.indexOf('\n', next + 1)) {
    row++;
    lineStart = next + 1;
  }
  return { row, column: offset - lineStart };
}

/** Where a point ends up after `inserted` is typed at `start`. */
export function advancePoint(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let breaks = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) breaks++;
  return { row: start.row + breaks, column: inserted.length - lastBreak - 1 };
}

/** The edit replacing oldText[start, end) with `inserted`. */
export function treeEditFor(oldText: string, start: number, end: number, inserted: string): Edit {
  const startPosition = pointAt(oldText, start);
  // The old end is usually on the start's line: scan only the replaced span.
  const replaced = oldText.slice(start, end);
  const oldEndPosition = advancePoint(startPosition, replaced);
  return new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + inserted.length,
    startPosition,
    oldEndPosition,
    newEndPosition: advancePoint(startPosition, inserted),
  });
}
