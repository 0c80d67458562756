// Telling from the text alone that an edit left a function body half-typed
// (src/engine/half-typed-body.ts): the server then answers the keystroke without a
// parse. Braces in comments and literals do not count; an edit outside a body, or
// one touching its braces, is never judged.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { widen } from '../../src/engine/damage';
import { topLevelDeclarations } from '../../src/engine/declarations';
import { bodyOpeningBrace, editLeavesBodyUnbalanced } from '../../src/engine/half-typed-body';
import { testEngine } from '../harness/engine';

const SOURCE = `package p

import "fmt"

type T struct{ n int }

// f prints.
func f(x interface{}) (r struct{ a int }) {
	if x != nil {
		fmt.Println("{", '}', \`}\`) // }
	}
	/* { */
	return
}

func (t *T) g() int { return t.n }
`;

/** Replaces `length` characters at the `occurrence`-th match of `marker` (0-based) with `inserted`. */
async function judge(marker: string, inserted: string, { length = 0, occurrence = 0, after = 0 } = {}): Promise<boolean> {
  const engine = await testEngine();
  const tree = engine.parse(SOURCE);
  try {
    const declarations = topLevelDeclarations(tree.rootNode);
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = SOURCE.indexOf(marker, at + 1);
    assert.ok(at >= 0, `no ${marker}`);
    at += after;
    const newText = SOURCE.slice(0, at) + inserted + SOURCE.slice(at + length);
    return editLeavesBodyUnbalanced(SOURCE, declarations, widen(null, at, at + length, inserted.length), newText);
  } finally {
    tree.delete();
  }
}

describe('half-typed function bodies, told by the lexer', () => {
  it("finds a body's opening brace past braces in the signature, strings, runes, raw strings and comments", async () => {
    const engine = await testEngine();
    const tree = engine.parse(SOURCE);
    try {
      const declarations = topLevelDeclarations(tree.rootNode);
      const functions = declarations.filter((d) => d.type === 'function_declaration' || d.type === 'method_declaration');
      assert.equal(functions.length, 2);
      assert.deepEqual(
        functions.map((d) => bodyOpeningBrace(SOURCE, d.start, d.end)),
        functions.map((d) => d.node.childForFieldName('body')!.startIndex),
      );
      // A declaration that does not end with a brace.
      const imports = declarations.find((d) => d.type === 'import_declaration')!;
      assert.equal(bodyOpeningBrace(SOURCE, imports.start, imports.end), -1);
    } finally {
      tree.delete();
    }
  });

  it('says unbalanced for an open or missing brace, or a closing brace swallowed by a comment or literal', async () => {
    assert.equal(await judge('\treturn\n', 'if ok {\n\t'), true);
    assert.equal(await judge('\treturn\n', 'go func() {'), true);
    assert.equal(await judge('\t}\n\t/*', '', { length: 2 }), true, 'the if block closed no more');
    assert.equal(await judge('\treturn\n', '}\n\t'), true, 'one brace too many');
    assert.equal(await judge('\treturn\n', '/* '), true, 'the rest of the body in a comment');
    assert.equal(await judge('\treturn\n', '`'), true, 'the rest of the file in a raw string');
    assert.equal(await judge('return t.n }', '// ', { after: 7 }), true, 'the closing brace of a one-line body in a line comment');
    assert.equal(await judge('/* { */', '', { length: 2 }), true, 'the brace the comment held is code now');
    assert.equal(await judge('\treturn\n}', '{', { after: 8 }), true, 'typed just before the closing brace');
  });

  it('says balanced for balanced braces, braces in comments and literals, and a function split in two', async () => {
    assert.equal(await judge('\treturn\n', 'if ok {\n\t}\n\t'), false);
    assert.equal(await judge('\treturn\n', 's := "{"\n\t'), false);
    assert.equal(await judge('\treturn\n', "r := '{'\n\t"), false);
    assert.equal(await judge('\treturn\n', 'q := `{`\n\t'), false);
    assert.equal(await judge('\treturn\n', '// {\n\t'), false);
    assert.equal(await judge('\treturn\n', '/* { */'), false);
    assert.equal(await judge('\treturn\n', 'x := 1\n\t'), false);
    assert.equal(await judge('\treturn\n', '}\n\nfunc h() {\n\t'), false, 'valid Go, maybe: the parse tells');
  });

  it('judges only edits strictly inside one function body', async () => {
    assert.equal(await judge('x interface{}', '{'), false, 'in the signature');
    assert.equal(await judge('type T struct{', '{'), false, 'in a type');
    assert.equal(await judge('\treturn\n}', '', { length: 1, after: 8 }), false, 'deleting the closing brace');
    assert.equal(await judge('{\n\tif x', '', { length: 1 }), false, 'deleting the opening brace');
    assert.equal(await judge('\treturn\n', '{', { length: 30 }), false, 'across two declarations');
  });
});
