// Property: whatever an editor sends, the server's incremental path (DocumentStore:
// content changes applied to the text and, as tree-sitter edits, to the old tree;
// one reparse when the tree is needed) never throws, ends with the tree a fresh
// parse of the final text gives (S-expression and every node's range), and gives
// the findings an analysis of the final text from scratch gives.
// GO_FOR_TS_PROPERTY_RUNS=10000 runs ten times more; GO_FOR_TS_PROPERTY_SEED replays.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { ALL_RULES } from '../../src/rules';
import { DocumentStore, type OpenDocument } from '../../src/server/documents';
import { testEngine } from '../harness/engine';
import { batchesArbitrary, changesOf, DEFAULT_RUNS, firstDifference, loadCorpus, propertyParameters, treeDump } from './edit-model';

const NO_CONTEXT = () => ({});

/** Every rule on, the off-by-default ones too: more code runs on each random text. */
const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;

function assertSameTree(engine: Engine, document: OpenDocument, where: string): void {
  const incremental = document.sourceFile(engine, NO_CONTEXT).tree;
  const fresh = engine.parse(document.text);
  try {
    const expected = fresh.rootNode.toString();
    const actual = incremental.rootNode.toString();
    if (expected !== actual) assert.fail(`${where}: S-expressions differ\n${firstDifference(expected, actual)}`);
    const expectedDump = treeDump(fresh);
    const actualDump = treeDump(incremental);
    if (expectedDump !== actualDump) assert.fail(`${where}: node ranges differ\n${firstDifference(expectedDump, actualDump)}`);
  } finally {
    fresh.delete();
  }
}

function assertSameFindings(engine: Engine, document: OpenDocument, where: string): void {
  const incremental = engine.analyzer.analyze(document.sourceFile(engine, NO_CONTEXT), ALL_ON);
  const fresh = engine.analyzeText(document.text, { config: ALL_ON });
  assert.deepEqual(incremental.ruleErrors, [], `${where}: a rule threw on the edited text`);
  assert.deepEqual(fresh.ruleErrors, [], `${where}: a rule threw on the text parsed from scratch`);
  assert.deepEqual(incremental.findings, fresh.findings, `${where}: findings differ from a fresh analysis`);
}

describe('incremental edits (property)', () => {
  it(`random edit sessions on real Go files: tree and findings equal a fresh parse's (${propertyParameters(DEFAULT_RUNS).numRuns} runs)`, async () => {
    const engine = await testEngine();
    const files = loadCorpus();
    const started = Date.now();
    let checks = 0;
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), batchesArbitrary(files), (fileIndex, batches) => {
        const base = files[fileIndex]!;
        const store = new DocumentStore();
        const uri = 'file:///property/edited.go';
        try {
          const document = store.open(uri, 'go', 1, base.text);
          document.sourceFile(engine, NO_CONTEXT); // the server parses on open
          let step = 0;
          for (const { changes, version, text, check } of changesOf(uri, base.text, batches)) {
            step++;
            document.applyChanges(changes, version);
            assert.equal(document.text, text, `${base.name}, batch ${step}: the text differs from the editor's`);
            if (check) {
              assertSameTree(engine, document, `${base.name}, batch ${step}`);
              checks++;
            }
          }
          assertSameTree(engine, document, `${base.name}, final`);
          assertSameFindings(engine, document, `${base.name}, final`);
          checks++;
        } finally {
          store.disposeAll();
        }
      }),
      propertyParameters(DEFAULT_RUNS),
    );
    console.log(`incremental edits: ${checks} tree comparisons in ${Date.now() - started} ms`);
  });
});
