// Where a name was declared (src/engine/name-declarations.ts): looked up by name, from
// the name's occurrences in the function's text, it must be exactly what indexing
// every declaration of the function gives (the way used once a function has been
// asked many names): same declaring identifier, kind, scope, type, value and call,
// for every identifier of every function of the corpus (shadowing and block scopes
// included), parameters of closures and type-switch aliases too.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration, MAX_NAMES_LOOKED_UP, outermostFunction, type NameDeclaration } from '../../src/engine/name-declarations';
import { SourceFile } from '../../src/engine/source-file';
import { testEngine } from '../harness/engine';
import { loadCorpus } from '../robustness/edit-model';

const SHADOWS = `package p

func f(err error, xs []int) (n int, e error) {
	if err := g(); err != nil {
		return 0, err
	}
	for i, err := range xs {
		_ = i
		_ = err
	}
	switch err := any(err).(type) {
	case nil:
		_ = err
	}
	var err2, err3 = err, err
	const c = iota
	go func(err int) { _ = err }(1)
	select {
	case err := <-ch:
		_ = err
	}
	err = nil
	return n, err
}
`;

function describeDeclaration(declaration: NameDeclaration | null): string {
  if (!declaration) return 'none';
  const at = (node: Node | null) => (node ? `${node.startIndex}-${node.endIndex}` : '-');
  return [declaration.name, declaration.kind, at(declaration.identifier), at(declaration.scope), at(declaration.type), at(declaration.value), at(declaration.call), declaration.position].join(' ');
}

describe('name declarations looked up by name', () => {
  it('equal the whole-function index for every identifier of the corpus', async () => {
    const engine = await testEngine();
    const files = [{ name: 'shadows.go', text: SHADOWS }, ...loadCorpus()];
    let compared = 0;
    let declared = 0;
    for (const { name, text } of files) {
      const tree = engine.parse(text);
      try {
        // One file whose functions are indexed whole: asked enough other names first.
        const indexed = new SourceFile(text, tree);
        const forced = new Set<number>();
        for (const use of tree.rootNode.descendantsOfType('identifier')) {
          if (!use) continue;
          const fn = outermostFunction(use);
          if (!fn) continue;
          if (!forced.has(fn.id)) {
            forced.add(fn.id);
            for (let i = 0; i <= MAX_NAMES_LOOKED_UP; i++) findLocalDeclaration(indexed, use, `\u0000none${i}`);
          }
          // A file of its own: this is the first name asked of the function.
          const byName = findLocalDeclaration(new SourceFile(text, tree), use);
          const whole = findLocalDeclaration(indexed, use);
          assert.equal(describeDeclaration(byName), describeDeclaration(whole), `${name}: ${use.text} at ${use.startIndex}`);
          compared++;
          if (whole) declared++;
        }
      } finally {
        tree.delete();
      }
    }
    console.log(`name declarations: ${compared} identifiers, ${declared} declared locally`);
    assert.ok(declared > compared / 4, `only ${declared} of ${compared} identifiers had a local declaration`);
  });
});
