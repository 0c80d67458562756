// The document store keeps trees only for the documents used most recently (WASM
// memory never shrinks once grown): the others are parsed again when next needed, and
// give the same findings, edits included, as if they had kept their tree.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFile } from '../../src/engine/source-file';
import { DocumentStore, MAX_PARSED_DOCUMENTS, type OpenDocument } from '../../src/server/documents';
import { testEngine } from '../harness/engine';
import { bigGoFile } from './big-file';

const NO_CONTEXT = () => ({});

describe('document store', () => {
  it(`keeps the trees of the ${MAX_PARSED_DOCUMENTS} most recently used documents; the others parse again, with the same findings`, async () => {
    const engine = await testEngine();
    const config = engine.defaultConfig;
    const store = new DocumentStore();
    const count = MAX_PARSED_DOCUMENTS + 5;
    const documents: OpenDocument[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const document = store.open(`file:///store/${i}.go`, 'go', 1, bigGoFile(2 + (i % 3)));
        document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), config);
        documents.push(document);
      }
      const holding = () => documents.map((document, i) => (document.hasTree ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(holding(), documents.map((_, i) => i).slice(5), 'the five used longest ago have no tree');

      // Edit the one used longest ago: its findings are a fresh analysis's of the new text.
      const first = documents[0]!;
      const at = first.document.positionAt(first.text.indexOf('\tdefer cancel()'));
      first.applyChanges([{ range: { start: at, end: at }, text: '\tx := 1\n\t_ = x\n' }], 2);
      const file = first.sourceFile(engine, NO_CONTEXT);
      const findings = first.analyze(engine, file, config).findings;
      const fresh = engine.parse(first.text);
      try {
        assert.deepEqual(findings, engine.analyzer.analyze(new SourceFile(first.text, fresh), config).findings);
      } finally {
        fresh.delete();
      }
      assert.equal(first.hasTree, true);
      assert.equal(documents[5]!.hasTree, false, 'the next used longest ago gave its tree up');
      assert.equal(holding().length, MAX_PARSED_DOCUMENTS);

      // Closing documents frees their trees and their places.
      for (const document of documents.slice(10)) store.close(document.uri);
      assert.deepEqual(holding(), [0, 6, 7, 8, 9]);
    } finally {
      store.disposeAll();
    }
    assert.equal(documents.filter((document) => document.hasTree).length, 0);
  });
});
