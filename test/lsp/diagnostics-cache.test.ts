// The server builds each finding's diagnostic once (OpenDocument.diagnosticsOf) and
// reuses it while the incremental analysis hands back the same finding object. That
// is right only if a reused object never moved, in offset or in line: an edit that
// keeps the text's length but adds a line break must not leave a later finding's
// diagnostic on its old line. A finding moved by an edit before it gets its old
// diagnostic (or the old one with its lines shifted): random keystrokes anywhere,
// line breaks included, must leave every diagnostic equal to a fresh one.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { toDiagnostic } from '../../src/server/diagnostics';
import { DocumentStore } from '../../src/server/documents';
import { testEngine } from '../harness/engine';
import { bigGoFile } from './big-file';
import { propertyParameters } from '../robustness/edit-model';

const NO_CONTEXT = () => ({});

describe('diagnostics built once per finding', () => {
  it('match freshly built ones after edits that keep the length but move lines', async () => {
    const engine = await testEngine();
    const config = engine.defaultConfig;
    const text = bigGoFile(12);
    const store = new DocumentStore();
    const document = store.open('file:///cache/handlers.go', 'go', 1, text);
    try {
      const publish = () => {
        const findings = document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), config, { provisional: true }).findings;
        const cached = document.diagnosticsOf(findings);
        assert.deepEqual(cached, findings.map((finding) => toDiagnostic(document.document, finding)));
        return findings.length;
      };
      assert.ok(publish() >= 12, 'the file has findings before and after the edits');
      // In handler3's body: a space becomes a line break (same length), then back.
      const at = document.text.indexOf(' := map', document.text.indexOf('func handler3('));
      for (const [insert, version] of [['\n', 2], [' ', 3], ['\n', 4]] as const) {
        const start = document.document.positionAt(at);
        const end = document.document.positionAt(at + 1);
        document.applyChanges([{ range: { start, end }, text: insert }], version);
        publish();
      }
      assert.equal(document.lastAnalysis?.full, false, 'the edits were analysed incrementally');
    } finally {
      store.disposeAll();
    }
  });

  it('match freshly built ones after random keystrokes anywhere, line breaks included (provisional answers too)', async () => {
    const engine = await testEngine();
    const config = engine.defaultConfig;
    const key = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      /** Else right before the n-th finding (a few characters before it, on its line or not). */
      nearFinding: fc.option(fc.record({ index: fc.nat(), before: fc.integer({ min: 0, max: 4 }) })),
      remove: fc.integer({ min: 0, max: 2 }),
      text: fc.constantFrom('', 'x', ' ', '\n', '\r\n', '\t', '{', '}', '(', '"', '// c\n', 'if ok {\n', '\n\n'),
    });
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(key, { minLength: 1, maxLength: 12 }), fc.boolean(), async (keys, crlf) => {
        const base = bigGoFile(6);
        const store = new DocumentStore();
        const document = store.open('file:///cache/random.go', 'go', 1, crlf ? base.replace(/\n/g, '\r\n') : base);
        try {
          let findings = document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), config).findings;
          let previous = new Set(document.diagnosticsOf(findings));
          for (const { at, nearFinding, remove, text } of keys) {
            const length = document.text.length;
            const near = nearFinding && findings.length ? findings[nearFinding.index % findings.length]! : undefined;
            let start = near ? Math.max(0, near.start - nearFinding!.before) : Math.floor(at * length);
            // LSP positions cannot point between the \r and \n of a CRLF.
            if (document.text[start - 1] === '\r' && document.text[start] === '\n') start++;
            let end = Math.min(length, start + remove);
            if (document.text[end - 1] === '\r' && document.text[end] === '\n') end++;
            const range = { start: document.document.positionAt(start), end: document.document.positionAt(end) };
            document.applyChanges([{ range, text }], document.version + 1);
            findings = (document.analyzeWithoutParse(config) ?? document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), config, { provisional: true })).findings;
            const cached = document.diagnosticsOf(findings);
            assert.deepEqual(cached, findings.map((finding) => toDiagnostic(document.document, finding)), JSON.stringify(keys));
            for (const diagnostic of cached) if (previous.has(diagnostic)) reused++;
            previous = new Set(cached);
          }
        } finally {
          store.disposeAll();
        }
      }),
      propertyParameters(100),
    );
    assert.ok(reused > 0, 'no diagnostic was ever reused');
  });
});
