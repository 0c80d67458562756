// nilHints (src/rules/nil-map-write/nil-hints.ts): one pass of fixed patterns must
// say of every name exactly what a pattern built for that name says (the reference
// below, which the rule compiled per name before), so the screen never drops a
// function the rule would report in, and never lets more through than it did.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { hintsAny, nilHints } from '../../src/rules/nil-map-write/nil-hints';
import { propertyParameters } from '../robustness/edit-model';

/** The per-name reference: `var` naming it or a `var (` group, `name = nil`, a nil test, a nil conversion, a named result. */
function referenceHint(name: string): RegExp {
  return new RegExp(
    [
      `\\bvar\\b[^=\\n]*\\b${name}\\b`,
      `\\bvar\\s*\\(`,
      `\\b${name}\\s*(?:=|==|!=)\\s*nil\\b`,
      `\\bnil\\s*(?:==|!=)\\s*${name}\\b`,
      `\\b${name}\\s*:=[^\\n]*\\(nil\\)`,
      `\\)\\s*\\([^)]*\\b${name}\\b`,
    ].join('|'),
  );
}

const NAMES = ['m', 'm2', 'seen', '_', 'nil', 'var', 'counts'];

function agrees(text: string): void {
  const hints = nilHints(text);
  for (const name of NAMES) {
    assert.equal(hintsAny(hints, [name]), referenceHint(name).test(text), `${name} in ${JSON.stringify(text)}`);
  }
}

describe('nil-map-write: nil hints', () => {
  it('finds each kind of hint for the name it names', () => {
    const cases: [string, string[]][] = [
      ['var m map[string]int', ['m', 'map', 'string', 'int']],
      ['var a, m2 map[string]int = nil, nil', ['a', 'm2', 'map', 'string', 'int']],
      ['if seen == nil {', ['seen']],
      ['if nil != counts {', ['counts']],
      ['m = nil', ['m']],
      ['m2 := map[string]int(nil)', ['m2']],
      ['func f() (m map[string]int, err error) {', ['m', 'map', 'string', 'int', 'err', 'error']],
      ['x := 1; m := f(nil, 1)', []],
      ['am = nil; m9 == nil', ['am', 'm9']],
    ];
    for (const [text, hinted] of cases) {
      const { names, anyName } = nilHints(text);
      assert.equal(anyName, false, text);
      assert.deepEqual([...names].sort(), [...hinted].sort(), text);
      agrees(text);
    }
    assert.equal(nilHints('var (\n\tm map[string]int\n)').anyName, true);
  });

  it('lets a name beyond ASCII through, which the patterns cannot tell', () => {
    assert.equal(hintsAny(nilHints('x := 1'), ['café']), true);
    assert.equal(hintsAny(nilHints('x := 1'), ['cafe']), false);
  });

  it(`agrees with a pattern per name on random text (${propertyParameters(3000).numRuns} runs)`, () => {
    const pieces = fc.constantFrom(
      'var', 'var (', 'nil', '(nil)', ' ', '\n', '=', '==', '!=', ':=', '(', ')', ') (', ',', ';', '9',
      ...NAMES, 'x', 'mm', 'é', 'map[string]int',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), fc.array(fc.constantFrom('', ' '), { maxLength: 24 }), (parts, gaps) => {
        agrees(parts.map((part, i) => part + (gaps[i] ?? '')).join(''));
      }),
      propertyParameters(3000),
    );
  });
});
