// The server's incremental path (edit the old tree, reparse with it) must give the
// same tree as parsing the new text from scratch: same nodes, same indices, same
// rows and columns, whatever the edit (line breaks, CRLF, lone CR, non-BMP text).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import { DocumentStore } from '../../src/server/documents';
import { treeEditFromLines } from '../../src/server/line-tree-edit';
import { advancePoint, pointAt, treeEditFor } from '../../src/server/tree-edit';
import { testEngine } from '../harness/engine';

function dump(tree: Tree): string {
  const lines: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    const node = cursor.currentNode;
    const { startPosition: s, endPosition: e } = node;
    lines.push(`${' '.repeat(depth)}${node.type} ${node.startIndex}-${node.endIndex} ${s.row}:${s.column}-${e.row}:${e.column}`);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return lines.join('\n');
      }
      depth--;
    }
  }
}

describe('tree edits', () => {
  it('pointAt and advancePoint count rows at \\n and columns in UTF-16 units', () => {
    const text = 'ab\r\n😀c\nd';
    assert.deepEqual(pointAt(text, 0), { row: 0, column: 0 });
    assert.deepEqual(pointAt(text, 3), { row: 0, column: 3 }, 'the \\r belongs to row 0');
    assert.deepEqual(pointAt(text, 7), { row: 1, column: 3 }, '😀 is two units');
    assert.deepEqual(pointAt(text, text.length), { row: 2, column: 1 });
    assert.deepEqual(advancePoint({ row: 4, column: 2 }, 'x😀'), { row: 4, column: 5 });
    assert.deepEqual(advancePoint({ row: 4, column: 2 }, 'a\r\nb\nxyz'), { row: 6, column: 3 });
  });

  it('makes the same edit from the document\'s lines as from counting rows, for any change to a text without \\r', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['x', '\n', '😀', 'é', '\n\n', 'ab\ncd', '', '\t'];
    let text = 'package main\n\nfunc f() {\n\ts := "é😀"\n}\n';
    for (let step = 0; step < 500; step++) {
      const document = TextDocument.create('file:///t.go', 'go', step, text);
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + random(8));
      const inserted = pieces[random(pieces.length)]!;
      const fields = (edit: object) => JSON.stringify(edit);
      assert.equal(fields(treeEditFromLines(document, text, start, end, inserted)), fields(treeEditFor(text, start, end, inserted)), `step ${step}`);
      text = text.slice(0, start) + inserted + text.slice(end);
    }
  });

  for (const { lineBreak, what } of [
    { lineBreak: '\r\n', what: 'CRLF text (rows counted)' },
    { lineBreak: '\n', what: 'text without \\r until one is typed (rows from the document\'s lines, then counted)' },
  ])
  it(`gives the tree a fresh parse gives, node by node, after random edits: ${what}`, async () => {
    const engine = await testEngine();
    const functions = Array.from({ length: 12 }, (_, i) => `func f${i}(a int, ctx context.Context) { s := "é😀"; _ = s }`);
    let text = `package main\n\nimport "context"\n\n${functions.join(lineBreak)}\n`;
    const store = new DocumentStore();
    const document = store.open('file:///t.go', 'go', 1, text);
    const context = () => ({});
    document.sourceFile(engine, context);
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['x', '\n', '\r\n', '\r', '😀', '𝑥 := 1\n', 'é', '{', '}', '"', '`', '/*', '*/', '', '\n\n\n'];
    for (let step = 0; step < 300; step++) {
      const helper = TextDocument.create('file:///t.go', 'go', 0, text);
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + random(6));
      // Without \r for the first 200 steps of the \n text (its fast path), then any piece.
      let piece = pieces[random(pieces.length)]!;
      if (lineBreak === '\n' && step < 200) piece = piece.replace(/\r/g, '');
      const changes = [{ range: { start: helper.positionAt(start), end: helper.positionAt(end) }, text: piece }];
      document.applyChanges(changes, step + 2);
      text = document.text;
      if (random(3) === 0) continue; // several edits before one reparse, as typing bursts do
      const incremental = document.sourceFile(engine, context).tree;
      const fresh = engine.parse(text);
      try {
        assert.equal(dump(incremental), dump(fresh), `step ${step}`);
      } finally {
        fresh.delete();
      }
    }
    store.disposeAll();
  });
});
