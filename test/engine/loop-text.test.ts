// matchesInLoop: whether a pattern matches inside a `for` statement, from the text
// alone. The statement runs from its keyword to its body's `}`; a composite literal
// in the header is no body; braces in comments and literals count for nothing; when
// the text does not show the end, the rest of the range counts as inside.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesInLoop } from '../../src/engine/loop-text';

const DEFER = [/\bdefer\b/];

function inLoop(body: string): boolean {
  const text = `package p\n\nfunc f() {\n${body}\n}\n`;
  return matchesInLoop(text, text.indexOf('func'), text.length, DEFER);
}

describe('matchesInLoop', () => {
  it('finds a match in the body of a loop', () => {
    assert.equal(inLoop('for {\n\tdefer g()\n}'), true);
    assert.equal(inLoop('for i := 0; i < 3; i++ {\n\tif i > 0 {\n\t\tdefer g()\n\t}\n}'), true);
  });

  it('does not count what comes after the loop or before it', () => {
    assert.equal(inLoop('for {\n\tbreak\n}\ndefer g()'), false);
    assert.equal(inLoop('defer g()\nfor {\n\tbreak\n}'), false);
    assert.equal(inLoop('for x := range xs {\n\t_ = x\n} // done\ndefer g()'), false);
    assert.equal(inLoop('for x := range xs {\n\t_ = x\n} /* done */\ndefer g()'), false);
  });

  it('takes a composite literal in the header for what it is, not the body', () => {
    assert.equal(inLoop('for _, x := range []int{1, 2} {\n\tdefer g(x)\n}'), true);
    assert.equal(inLoop('for _, x := range []struct{ a int }{{1}} {\n\tdefer g(x)\n}'), true);
    assert.equal(inLoop('for x := []int{1}; len(x) > 0; x = x[1:] {\n\tdefer g()\n}'), true);
    assert.equal(inLoop('for _, x := range T{}.Items() {\n\tdefer g(x)\n}'), true);
    assert.equal(inLoop('for _, x := range []int{1, 2} /* c */ {\n\tdefer g(x)\n}'), true);
    assert.equal(inLoop('for _, x := range []int{1, 2} {\n\t_ = x\n}\ndefer g()'), false);
  });

  it('reads braces in comments and literals as text', () => {
    assert.equal(inLoop('for _, s := range []string{"}"} {\n\t// }\n\tdefer g(s)\n}'), true);
    assert.equal(inLoop('for {\n\ts := "{"\n\t_ = s\n\tbreak\n}\ndefer g()'), false);
    assert.equal(inLoop('// for {\ndefer g()'), false);
  });

  it('counts the rest of the range as inside when the loop does not end', () => {
    assert.equal(inLoop('for {\n\tbreak\n\ndefer g()'), true);
    assert.equal(inLoop('for x := range xs )\ndefer g()'), true);
  });

  it('does not look past the end of the range it is given', () => {
    const text = 'func f() {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc g() {\n\tfor {\n\t\tdefer h()\n\t}\n}\n';
    assert.equal(matchesInLoop(text, 0, text.indexOf('func g'), DEFER), false);
    assert.equal(matchesInLoop(text, text.indexOf('func g'), text.length, DEFER), true);
  });

  it('searches nested loops and loops one after another', () => {
    assert.equal(inLoop('for {\n\tfor {\n\t\tdefer g()\n\t}\n}'), true);
    assert.equal(inLoop('for {\n\tbreak\n}\nfor {\n\tdefer g()\n}'), true);
  });
});

describe('matchesInLoop with several patterns', () => {
  it('counts a loop where any of them matches, each searched in that loop alone', () => {
    const patterns = [/\bgo func\b/, /^(?=([\s\S]*?\.Run\b))\1[\s\S]*\bParallel\b/];
    const text = (body: string) => `package p\n\nfunc f() {\n${body}\n}\n`;
    const check = (body: string) => matchesInLoop(text(body), 0, text(body).length, patterns);
    assert.equal(check('for {\n\tgo func() {}()\n}'), true);
    assert.equal(check('for {\n\tt.Run("x", func(t *testing.T) {\n\t\tt.Parallel()\n\t})\n}'), true);
    assert.equal(check('for {\n\tt.Run("x", func(t *testing.T) {})\n}\nt.Parallel()'), false);
    assert.equal(check('for {\n\tbreak\n}\ngo func() {}()'), false);
  });
});
