// The tree-sitter Edit of one change to a text without \r, from the document's own
// line offsets: tree-sitter rows break at \n only and LSP lines at \n, \r\n and \r,
// so without any \r an LSP position (line, UTF-16 character) is the tree-sitter point
// (row, column). treeEditFor (tree-edit.ts) counts every \n before the change instead,
// which on a 600 KB file costs about half a millisecond per keystroke.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Edit } from 'web-tree-sitter';
import { advancePoint } from './tree-edit';

/** The edit replacing oldText[start, end) with `inserted`; `document` holds oldText, which has no \r. */
export function treeEditFromLines(document: TextDocument, oldText: string, start: number, end: number, inserted: string): Edit {
  const { line, character } = document.positionAt(start);
  const startPosition = { row: line, column: character };
  return new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + inserted.length,
    startPosition,
    oldEndPosition: advancePoint(startPosition, oldText.slice(start, end)),
    newEndPosition: advancePoint(startPosition, inserted),
  });
}
