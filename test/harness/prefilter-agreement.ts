// A rule's text prefilter must never change what the rule finds: the rule with it and
// a copy without it agree on Go texts made from the rule's testdata with pieces
// (blanks, comments, line breaks, tokens) inserted anywhere. Used by the properties of
// each prefilter (test/engine/lock-copies.test.ts, value-receiver-requirement.test.ts,
// narrowed-requirements.test.ts), and for the text-only screens the CLI plans with.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { nodeGrammarSource } from '../../src/engine/grammar-files';
import { declarationAt } from '../../src/engine/declarations';
import type { AnyRule } from '../../src/engine/rule';
import { SourceFile } from '../../src/engine/source-file';
import { propertyParameters } from '../robustness/edit-model';
import { readDirectives } from './want';

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

/**
 * A rule's text-only screen (textKeep, what the CLI's plan uses before the bodies are
 * parsed, see regions-needed.ts) must keep every declaration the rule finds something
 * in. On texts from the rule's testdata with pieces inserted anywhere, each finding's
 * declaration is among Analyzer.declarationsPossiblyFor. Texts the insertions left
 * with a syntax error are passed over, as the plan is made only for files without
 * one; the testdata's own findings always count, so the property cannot hold vacuously.
 */
export async function assertTextScreenKeepsFindings(rule: AnyRule, corpus: readonly string[], pieces: readonly string[], runs = 300): Promise<void> {
  const engine = await Engine.create(nodeGrammarSource(), [rule]);
  const check = (text: string): number => {
    const tree = engine.parse(text);
    try {
      if (tree.rootNode.hasError) return 0;
      const { goVersion } = readDirectives(text); // the testdata's own, as the rule tests read it
      const file = new SourceFile(text, tree, goVersion);
      const possible = new Set(engine.analyzer.declarationsPossiblyFor(rule, file));
      const { findings } = engine.analyzeTree(text, tree, { goVersion });
      for (const finding of findings) {
        const declaration = declarationAt(file.declarations, finding.start);
        assert.ok(possible.has(declaration), `${rule.meta.id}: the text screen leaves out the declaration of the finding at ${finding.start}: ${finding.message}`);
      }
      return findings.length;
    } finally {
      tree.delete();
    }
  };
  const found = corpus.reduce((sum, text) => sum + check(text), 0);
  assert.ok(found > 0, `${rule.meta.id}: its testdata has findings`);
  const insertion = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), piece: fc.constantFrom(...pieces) });
  fc.assert(
    fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(insertion, { minLength: 1, maxLength: 6 }), (index, insertions) => {
      let text = corpus[index]!;
      for (const { at, piece } of insertions) {
        const offset = Math.floor(at * text.length);
        text = text.slice(0, offset) + piece + text.slice(offset);
      }
      check(text);
    }),
    propertyParameters(runs),
  );
}
