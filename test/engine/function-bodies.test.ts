// The text-only guess of where top-level function bodies are (src/engine/function-bodies.ts):
// on every file of the test corpus, each body it names is one the tree has, and on
// files that parse cleanly it names every body of a `func` starting a line.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Tree } from 'web-tree-sitter';
import type { Engine } from '../../src/engine/engine';
import { topLevelFunctionBodies, type FunctionBody } from '../../src/engine/function-bodies';
import { testEngine } from '../harness/engine';
import { loadCorpus } from '../robustness/edit-model';

let engine: Engine;
before(async () => {
  engine = await testEngine();
});

/** The bodies of the root's function and method declarations that start a line, from a full parse. */
function treeBodies(tree: Tree, text: string): FunctionBody[] {
  const bodies: FunctionBody[] = [];
  for (const node of tree.rootNode.namedChildren) {
    if (!node || (node.type !== 'function_declaration' && node.type !== 'method_declaration')) continue;
    if (node.startIndex > 0 && text[node.startIndex - 1] !== '\n') continue;
    const body = node.childForFieldName('body');
    if (body) bodies.push({ open: body.startIndex, close: body.endIndex - 1 });
  }
  return bodies;
}

function check(text: string): FunctionBody[] | null {
  const found = topLevelFunctionBodies(text);
  const tree = engine.parse(text);
  try {
    const expected = treeBodies(tree, text);
    assert.ok(!tree.rootNode.hasError, 'the sample must parse cleanly');
    assert.deepEqual(found, expected);
    return found;
  } finally {
    tree.delete();
  }
}

describe('topLevelFunctionBodies', () => {
  it('finds bodies past result types with braces, generics, receivers and bodiless declarations', () => {
    const text = [
      'package p',
      '',
      'func a() struct{ x int } { return struct{ x int }{} }',
      'func (r *T) b(f func() interface{ M() }) (interface {',
      '\tM()',
      '}, error) {',
      '\treturn nil, nil',
      '}',
      'func c[T interface{ ~int }](v T) chan struct{} { return nil }',
      'func asm(x int) int',
      'func d() {',
      '\ts := "}" + `{` + \'}\' // }',
      '\t/* { */',
      '}',
      'var funcs = 1',
      'func e() map[string]struct{} {',
      '}',
      '',
    ].join('\n');
    const found = check(text);
    assert.equal(found?.length, 5);
  });

  it('gives up (null) when a body never closes or a bracket is stray', () => {
    assert.equal(topLevelFunctionBodies('package p\nfunc f() {\n\tif x {\n}\n'), null);
    assert.equal(topLevelFunctionBodies('package p\nfunc f() ) {\n}\n'), null);
    assert.equal(topLevelFunctionBodies('package p\nfunc f() {\n\ts := `\n}\n'), null);
  });

  it('ignores `func` inside comments, strings and bodies, and words that start with func', () => {
    const text = 'package p\n/*\nfunc x() {\n*/\nvar s = `\nfunc y() {\n`\nfunc z() {\n\tf := func() {\n}\n}\nfuncs := 1\n';
    const found = topLevelFunctionBodies(text);
    assert.equal(found?.length, 1);
    assert.equal(text.slice(found![0]!.open - 9, found![0]!.open), 'func z() ');
  });

  it('agrees with the tree on every corpus file that parses cleanly, CRLF included', () => {
    let checked = 0;
    for (const { name, text } of loadCorpus()) {
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const found = topLevelFunctionBodies(variant);
        const tree = engine.parse(variant);
        try {
          if (found === null || tree.rootNode.hasError) continue;
          assert.deepEqual(found, treeBodies(tree, variant), name);
          checked++;
        } finally {
          tree.delete();
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} files checked`);
  });
});
