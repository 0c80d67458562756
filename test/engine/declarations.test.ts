// topLevelDeclarations keeps each tree's listing (package facts and the analysis of a
// tree share it): it must read as a fresh listing would, also after Tree.edit.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { topLevelDeclarations, type Declaration } from '../../src/engine/declarations';
import { extractFileFacts } from '../../src/engine/package-facts';
import { treeEditFor } from '../../src/server/tree-edit';
import { testEngine } from '../harness/engine';

const TEXT = `package p

import "sync"

// T holds a lock.
type T struct{ mu sync.Mutex }

func (t *T) Lock() { t.mu.Lock() }

var x = 1
`;

/** What listing the root's children afresh gives. */
function fresh(root: Node): object[] {
  return root.namedChildren.map((node) => ({ type: node!.type, start: node!.startIndex, end: node!.endIndex, id: node!.id }));
}

function plain(declarations: readonly Declaration[]): object[] {
  return declarations.map(({ type, start, end, node }) => ({ type, start, end, id: node.id }));
}

describe('topLevelDeclarations', () => {
  it('gives the facts and a later reading of the same tree one listing, equal to a fresh one', async () => {
    const engine = await testEngine();
    const tree = engine.parse(TEXT);
    try {
      extractFileFacts(tree.rootNode);
      const first = topLevelDeclarations(tree.rootNode);
      assert.deepEqual(plain(first), fresh(tree.rootNode));
      first.length = 0; // a caller's copy: changing it changes nobody else's
      assert.deepEqual(plain(topLevelDeclarations(tree.rootNode)), fresh(tree.rootNode));
    } finally {
      tree.delete();
    }
  });

  it('lists an edited tree again when the edit moved offsets', async () => {
    const engine = await testEngine();
    const tree = engine.parse(TEXT);
    try {
      const before = plain(topLevelDeclarations(tree.rootNode));
      const at = TEXT.indexOf('var x');
      // Insert two characters before `var x`, as the server does before an incremental parse.
      tree.edit(treeEditFor(TEXT, at, at, '//'));
      const after = plain(topLevelDeclarations(tree.rootNode));
      assert.notDeepEqual(after, before);
      assert.deepEqual(after, fresh(tree.rootNode));
    } finally {
      tree.delete();
    }
  });
});
