// Incremental analysis (src/engine/incremental.ts) through the server's document
// store: after random edit sessions (insertions, deletions, pasted Go, broken
// brackets, full replacements...), the findings of the incremental path must equal a
// full analysis of the same tree, with every rule on. And it must actually be
// incremental: typing inside one function of a large file re-analyses that function,
// not the file. GO_FOR_TS_PROPERTY_RUNS scales the runs, GO_FOR_TS_PROPERTY_SEED replays.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/engine/config';
import { SourceFile } from '../../src/engine/source-file';
import type { Finding } from '../../src/engine/types';
import { ALL_RULES } from '../../src/rules';
import { DocumentStore } from '../../src/server/documents';
import { bodyKeystrokeRange } from '../harness/body-keystroke';
import { testEngine } from '../harness/engine';
import { bigGoFile } from '../lsp/big-file';
import { batchesArbitrary, changesOf, loadCorpus, propertyParameters } from '../robustness/edit-model';

const NO_CONTEXT = () => ({});
const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;

function comparable(findings: readonly Finding[]): string[] {
  return findings.map((finding) => JSON.stringify(finding));
}

describe('incremental analysis', () => {
  it('gives the findings of a full analysis of the same tree after every batch of random edits (every rule on)', async () => {
    const engine = await testEngine();
    const corpus = loadCorpus();
    let incrementalRuns = 0;
    let comparisons = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), batchesArbitrary(corpus, 8), fc.boolean(), async (index, batches, undo) => {
        const { name, text } = corpus[index]!;
        const uri = `file:///incremental/${index}.go`;
        const store = new DocumentStore();
        const document = store.open(uri, 'go', 1, text);
        try {
          document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), ALL_ON);
          for (const step of changesOf(uri, text, batches, undo)) {
            document.applyChanges(step.changes, step.version);
            if (!step.check) continue;
            const file = document.sourceFile(engine, NO_CONTEXT);
            const incremental = document.analyze(engine, file, ALL_ON);
            if (!document.lastAnalysis?.full) incrementalRuns++;
            const full = engine.analyzer.analyze(new SourceFile(file.text, file.tree, file.goVersion, file.packageFacts), ALL_ON);
            comparisons++;
            assert.deepEqual(
              comparable(incremental.findings),
              comparable(full.findings),
              `${name} after ${JSON.stringify(step.changes).slice(0, 400)} (${document.lastAnalysis?.full ? `full: ${document.lastAnalysis.reason}` : 'incremental'})`,
            );
          }
        } finally {
          store.disposeAll();
        }
      }),
      propertyParameters(300),
    );
    // Random edits often reach imports, types or the top level: still, some must have gone the incremental way.
    assert.ok(incrementalRuns > comparisons / 50, `only ${incrementalRuns} of ${comparisons} analyses were incremental`);
  });

  it('gives the findings of a full analysis after typing and deleting inside function bodies, or provisional ones only on half-typed code, exact after a pause (every rule on)', async () => {
    const engine = await testEngine();
    const corpus = loadCorpus();
    const typing = fc.record({
      fn: fc.nat(),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.integer({ min: 0, max: 3 }),
      text: fc.constantFrom('x', ' ', '\n', '(', ')', '{', '}', '[', ']', '"', '`', ':=', '=', 'nil', 'err', 'return ', 'defer ', 'go ', 'for ', 'func() {', 'ctx', '.', ',', '//', '/*', ''),
      provisional: fc.boolean(),
    });
    let incrementalRuns = 0;
    let provisionalRuns = 0;
    let comparisons = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), fc.array(typing, { minLength: 1, maxLength: 25 }), async (index, keys) => {
        const { name, text } = corpus[index]!;
        const store = new DocumentStore();
        const document = store.open(`file:///typing/${index}.go`, 'go', 1, text);
        try {
          document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), ALL_ON);
          let version = 1;
          for (const key of keys) {
            const file = document.sourceFile(engine, NO_CONTEXT);
            const offsets = bodyKeystrokeRange(file, key);
            if (!offsets) return;
            const range = { start: document.document.positionAt(offsets[0]), end: document.document.positionAt(offsets[1]) };
            document.applyChanges([{ range, text: key.text }], ++version);
            const after = document.sourceFile(engine, NO_CONTEXT);
            // As the server does on a keystroke: provisional findings allowed on half-typed code.
            const incremental = document.analyze(engine, after, ALL_ON, { provisional: key.provisional });
            const full = engine.analyzer.analyze(new SourceFile(after.text, after.tree, after.goVersion, after.packageFacts), ALL_ON);
            comparisons++;
            if (document.lastAnalysis?.provisional) {
              provisionalRuns++;
              assert.ok(after.root.hasError, `${name}: provisional findings for a text with no syntax error`);
              // The pause: the exact findings of the same text, and the base is still usable after it.
              const exact = document.analyze(engine, after, ALL_ON);
              assert.deepEqual(comparable(exact.findings), comparable(full.findings), `${name} (after a provisional result): ${JSON.stringify(key)}`);
              continue;
            }
                        if (!document.lastAnalysis?.full) incrementalRuns++;
            assert.deepEqual(comparable(incremental.findings), comparable(full.findings), `${name}: ${JSON.stringify(key)}`);
          }
        } finally {
          store.disposeAll();
        }
      }),
      propertyParameters(150),
    );
    assert.ok(incrementalRuns > comparisons / 3, `only ${incrementalRuns} of ${comparisons} analyses were incremental`);
    assert.ok(provisionalRuns > 0, 'no keystroke left half-typed code that gave a provisional result');
    console.log(`typing: ${comparisons} analyses, ${incrementalRuns} incremental, ${provisionalRuns} provisional`);
  });

  it('re-analyses only the function being typed in, and the file-wide rules', async () => {
    const engine = await testEngine();
    const store = new DocumentStore();
    let text = bigGoFile(60);
    const document = store.open('file:///incremental/big.go', 'go', 1, text);
    try {
      const first = document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), ALL_ON);
      assert.equal(document.lastAnalysis?.full, true);
      // Type into the body of handler30, one character at a time.
      const at = text.indexOf('counts[name]++', text.indexOf('func handler30('));
      let version = 1;
      for (const [i, char] of [...'x := 1; _ = x; '].entries()) {
        const offset = at + i;
        const position = document.document.positionAt(offset);
        document.applyChanges([{ range: { start: position, end: position }, text: char }], ++version);
        text = text.slice(0, offset) + char + text.slice(offset);
        const result = document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), ALL_ON);
        const run: { full: boolean; reason?: string; analysed: number; declarations: number } = document.lastAnalysis!;
        assert.equal(run.full, false, `keystroke ${i}: ${run.reason}`);
        assert.ok(run.analysed <= 2, `keystroke ${i} re-analysed ${run.analysed} of ${run.declarations} declarations`);
        assert.equal(result.findings.length, first.findings.length);
      }
      // A new import changes what every declaration may mean: a full analysis.
      const position = document.document.positionAt(text.indexOf('"fmt"'));
      document.applyChanges([{ range: { start: position, end: position }, text: '"os"\n\t' }], ++version);
      document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), ALL_ON);
      assert.equal(document.lastAnalysis?.full, true);
    } finally {
      store.disposeAll();
    }
  });

  it('runs every rule with an $end handler over the whole file (scope file)', () => {
    // $end sees every capture of the file; in an incremental run it would see a part.
    const stub = { file: {} as never, options: {}, report: () => undefined };
    for (const rule of ALL_RULES) {
      let handlers: Record<string, unknown>;
      try {
        handlers = rule.create({ ...stub, options: rule.defaultOptions });
      } catch {
        continue; // needs a real file to set up: then it has no $end we can see here
      }
      if (handlers.$end) assert.equal(rule.meta.scope, 'file', `${rule.meta.id} has $end`);
    }
  });
});
