// packageVarSpecs (src/engine/lock-values.ts) reads a top-level var declaration's specs
// without walking its values; it must list what descendantsOfType('var_spec') lists.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageVarSpecs } from '../../src/engine/lock-values';
import { SourceFile } from '../../src/engine/source-file';
import { testEngine } from '../harness/engine';

const TEXT = `package p

var a, b = 1, 2

var (
	// a comment in the list
	c int
	d = []int{1, 2, 3}
)

var table = map[string][]int{"x": {1}, "y": {2, 3}}

var handler = func() {
	var inner int
	_ = inner
}

var (
	e int
	f = @
)

var lone
`;

describe('packageVarSpecs', () => {
  it('lists the specs descendantsOfType lists, in the same order', async () => {
    const engine = await testEngine();
    const tree = engine.parse(TEXT);
    try {
      const file = new SourceFile(TEXT, tree);
      const vars = file.declarations.filter((declaration) => declaration.type === 'var_declaration');
      assert.ok(vars.length >= 5);
      for (const declaration of vars) {
        const expected = declaration.node.descendantsOfType('var_spec').map((spec) => spec!.text);
        assert.deepEqual(packageVarSpecs(TEXT, declaration).map((spec) => spec.text), expected, declaration.node.text);
      }
    } finally {
      tree.delete();
    }
  });
});
