// A rule's text prefilter must never change what the rule finds: the rule with it and
// a copy without it agree on Go texts made from the rule's testdata with pieces
// (blanks, comments, line breaks, tokens) inserted anywhere. Used by the properties of
// each prefilter (test/engine/lock-copies.test.ts, value-receiver-requirement.test.ts).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { nodeGrammarSource } from '../../src/engine/grammar-files';
import type { AnyRule } from '../../src/engine/rule';
import { propertyParameters } from '../robustness/edit-model';

export async function assertPrefilterKeepsFindings(
  filtered: AnyRule,
  unfiltered: AnyRule,
  corpus: readonly string[],
  pieces: readonly string[],
  runs = 300,
): Promise<void> {
  const [withFilter, without] = await Promise.all([
    Engine.create(nodeGrammarSource(), [filtered]),
    Engine.create(nodeGrammarSource(), [unfiltered]),
  ]);
  const insertion = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), piece: fc.constantFrom(...pieces) });
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), fc.array(insertion, { minLength: 1, maxLength: 12 }), async (index, insertions) => {
      let text = corpus[index]!;
      for (const { at, piece } of insertions) {
        const offset = Math.floor(at * text.length);
        text = text.slice(0, offset) + piece + text.slice(offset);
      }
      const expected = without.analyzeText(text);
      const actual = withFilter.analyzeText(text);
      assert.deepEqual(actual.findings, expected.findings);
      assert.deepEqual(actual.ruleErrors, expected.ruleErrors);
    }),
    propertyParameters(runs),
  );
}
