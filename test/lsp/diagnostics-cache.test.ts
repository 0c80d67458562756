// The server builds each finding's diagnostic once (OpenDocument.diagnosticsOf) and
// reuses it while the incremental analysis hands back the same finding object. That
// is right only if a reused object never moved, in offset or in line: an edit that
// keeps the text's length but adds a line break must not leave a later finding's
// diagnostic on its old line.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toDiagnostic } from '../../src/server/diagnostics';
import { DocumentStore } from '../../src/server/documents';
import { testEngine } from '../harness/engine';
import { bigGoFile } from './big-file';

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
});
