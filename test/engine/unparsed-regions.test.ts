// The text-only guess of what can be left unparsed (src/engine/unparsed-regions.ts):
// the bodies of top-level functions, the outermost non-type braces of top-level var
// values, and const groups. On every file of the test corpus that parses cleanly (and its CRLF
// twin), it names exactly what the tree has for the declarations starting a line.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Node, Tree } from 'web-tree-sitter';
import type { Engine } from '../../src/engine/engine';
import { unparsedRegions, type BracedRegion } from '../../src/engine/unparsed-regions';
import { testEngine } from '../harness/engine';
import { loadCorpus } from '../robustness/edit-model';

let engine: Engine;
before(async () => {
  engine = await testEngine();
});

/** The outermost literal braces (and func literal bodies) inside a var declaration, unless they name var or const (a declaration of their own, or a word in a string). */
function valueBraces(node: Node, out: BracedRegion[]): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    const braces = child.type === 'literal_value' || (child.type === 'block' && node.type === 'func_literal');
    if (!braces) valueBraces(child, out);
    else if (!/\b(?:var|const)\b/.test(child.text)) out.push({ open: child.startIndex, close: child.endIndex - 1, kind: 'value' });
  }
}

/** What the guess should find, from a full parse: for the declarations that start a line. */
function treeRegions(tree: Tree, text: string): BracedRegion[] {
  const regions: BracedRegion[] = [];
  for (const node of tree.rootNode.namedChildren) {
    if (!node || (node.startIndex > 0 && text[node.startIndex - 1] !== '\n')) continue;
    if (node.type === 'var_declaration') valueBraces(node, regions);
    const group = node.type === 'const_declaration' ? node.child(1) : null;
    if (group?.type === '(' && node.lastChild?.type === ')') regions.push({ open: group.startIndex, close: node.lastChild.startIndex, kind: 'constants' });
    if (node.type !== 'function_declaration' && node.type !== 'method_declaration') continue;
    const body = node.childForFieldName('body');
    if (body) regions.push({ open: body.startIndex, close: body.endIndex - 1, kind: 'body' });
  }
  return regions;
}

function check(text: string): BracedRegion[] | null {
  const found = unparsedRegions(text);
  const tree = engine.parse(text);
  try {
    assert.ok(!tree.rootNode.hasError, 'the sample must parse cleanly');
    assert.deepEqual(found, treeRegions(tree, text));
    return found;
  } finally {
    tree.delete();
  }
}

describe('unparsedRegions', () => {
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
    assert.equal(check(text)?.length, 5);
  });

  it('finds the values of var declarations, grouped or not, but not their struct and interface types', () => {
    const text = [
      'package p',
      '',
      'var table = map[string]struct{ a, b int }{',
      '\t"x": {1, 2}, // }',
      '\t"y": {3, 4},',
      '}',
      'var (',
      '\tnames = []string{"a", "}"}',
      '\tplain struct{ n int }',
      '\tonce  = func() int { return len(names) }()',
      '\tkept  = func() int { var n = 1; return n }()',
      '\tshape interface{ Area() float64 } = nil',
      '\tpair  = struct{ a int }{a: 1}',
      ')',
      'var last = [...]int{1, 2, 3}',
    ].join('\n');
    const found = check(text)!;
    assert.deepEqual(
      found.map((region) => text.slice(region.open, region.close + 1).split('\n')[0]),
      ['{', '{"a", "}"}', '{ return len(names) }', '{a: 1}', '{1, 2, 3}'],
    );
  });

  it('finds const groups, not single constants, with parentheses in comments, strings and values', () => {
    const text = [
      'package p',
      '',
      'const one = 1',
      'const (',
      '\ta = iota // )',
      '\tb = len("))")',
      '\tc, d = (1), (2)',
      ')',
      'const\t(',
      '\te = `)`',
      ')',
      '',
    ].join('\n');
    const found = check(text);
    assert.deepEqual(
      found?.map((region) => [region.kind, text.slice(region.open, region.close + 1).split('\n').length]),
      [['constants', 5], ['constants', 3]],
    );
  });

  it('gives up (null) when braces never close or a bracket is stray', () => {
    assert.equal(unparsedRegions('package p\nfunc f() {\n\tif x {\n}\n'), null);
    assert.equal(unparsedRegions('package p\nfunc f() ) {\n}\n'), null);
    assert.equal(unparsedRegions('package p\nfunc f() {\n\ts := `\n}\n'), null);
    assert.equal(unparsedRegions('package p\nvar x = []int{1, 2\n'), null);
    assert.equal(unparsedRegions('package p\nvar x = 1 }\n'), null);
    assert.equal(unparsedRegions('package p\nconst (\n\ta = (1\n'), null);
  });

  it('ignores `func` and `var` inside comments, strings and bodies, and words that start with them', () => {
    const text = 'package p\n/*\nfunc x() {\n*/\nvar s = `\nfunc y() {\n`\nfunc z() {\n\tf := func() {\n}\nvar in = T{1}\n}\nfuncs := 1\nvariable := 2\n';
    const found = unparsedRegions(text);
    assert.equal(found?.length, 1);
    assert.equal(text.slice(found![0]!.open - 9, found![0]!.open), 'func z() ');
  });

  it('agrees with the tree on every corpus file that parses cleanly, CRLF included', () => {
    let checked = 0;
    let values = 0;
    let groups = 0;
    for (const { name, text } of loadCorpus()) {
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const found = unparsedRegions(variant);
        const tree = engine.parse(variant);
        try {
          if (found === null || tree.rootNode.hasError) continue;
          assert.deepEqual(found, treeRegions(tree, variant), name);
          checked++;
          values += found.filter((region) => region.kind === 'value').length;
          groups += found.filter((region) => region.kind === 'constants').length;
        } finally {
          tree.delete();
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} files checked`);
    assert.ok(values > 10, `only ${values} var values found`);
    assert.ok(groups >= 2, `only ${groups} const groups found`);
  });
});
