// value-receiver-mutation's text requirement (a named value receiver, `r.` and a write,
// read from the method's text) must never change what the rule finds: the rule with it
// and without it agree on its testdata with pieces inserted anywhere.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { Engine } from '../../src/engine/engine';
import { findPackageRoot, nodeGrammarSource } from '../../src/engine/grammar-files';
import type { AnyRule } from '../../src/engine/rule';
import valueReceiverMutation from '../../src/rules/value-receiver-mutation';
import { propertyParameters } from '../robustness/edit-model';

/** The rule as it ran before it had a requirement: on every method. */
const everyMethod = { ...valueReceiverMutation, textRequirement: undefined } as AnyRule;

/** Text that turns tokens into other ones, or puts blanks, comments and line breaks between them. */
const PIECES = [' ', '\n', '\t', '/* c */', '// c\n', '*', '(', ')', '{', '}', '.', '=', '+=', '<<=', '++', '--', '==', ':=', '_', 'func ', 'u', 'é', '"', '`'];

describe('value-receiver-mutation text requirement', () => {
  it('never changes the findings (with and without it, on testdata with pieces inserted anywhere)', async () => {
    const [required, plain] = await Promise.all([
      Engine.create(nodeGrammarSource(), [valueReceiverMutation]),
      Engine.create(nodeGrammarSource(), [everyMethod]),
    ]);
    const dir = path.join(findPackageRoot(), 'test', 'rules', 'value-receiver-mutation');
    const corpus = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.go'))
      .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
    const insertion = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), piece: fc.constantFrom(...PIECES) });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), fc.array(insertion, { minLength: 1, maxLength: 12 }), async (index, insertions) => {
        let text = corpus[index]!;
        for (const { at, piece } of insertions) {
          const offset = Math.floor(at * text.length);
          text = text.slice(0, offset) + piece + text.slice(offset);
        }
        const expected = plain.analyzeText(text);
        const actual = required.analyzeText(text);
        assert.deepEqual(actual.findings, expected.findings);
        assert.deepEqual(actual.ruleErrors, expected.ruleErrors);
      }),
      propertyParameters(300),
    );
  });
});
