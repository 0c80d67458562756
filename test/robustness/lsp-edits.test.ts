// Property, through the real LSP connection: random edit sessions sent as
// didOpen / didChange (incremental, several changes per notification) / didClose
// leave the server alive, logging no failure, and publishing for the final version
// exactly the diagnostics an analysis of the final text from scratch gives.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { asSentence, nulCharacterNotice } from '../../src/engine/limits';
import { toDiagnostic, rangeOf } from '../../src/server/diagnostics';
import { limitNotice } from '../../src/server/limit-notice';
import { testEngine } from '../harness/engine';
import { LspSession } from '../lsp/session';
import { batchesArbitrary, changesOf, loadCorpus, propertyParameters } from './edit-model';

const RUNS = 150;

async function expectedDiagnostics(uri: string, version: number, text: string): Promise<Diagnostic[]> {
  const engine = await testEngine();
  const document = TextDocument.create(uri, 'go', version, text);
  const found = engine.analyzeText(text).findings.map((finding) => toDiagnostic(document, finding));
  const nul = nulCharacterNotice(text);
  return nul ? [limitNotice(asSentence(nul.message), rangeOf(document, nul.offset, nul.offset + 1)), ...found] : found;
}

describe('edits through the LSP connection (property)', () => {
  let session: LspSession;
  const failures: string[] = [];

  before(async () => {
    // Every final publish is compared with a fresh analysis: no provisional ones (tested in test/lsp/provisional.test.ts).
    session = await LspSession.start({ initializationOptions: { provisionalDiagnostics: false } });
    // The server logs what its guards caught: any of it means a request or notification threw.
    session.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1 || /failed/.test(params.message)) failures.push(params.message);
    });
  });
  after(async () => {
    await session.stop();
  });

  it(`publishes, for the final version, what a fresh analysis of the final text gives (${propertyParameters(RUNS).numRuns} runs)`, async () => {
    const files = loadCorpus();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), batchesArbitrary(files, 4), async (fileIndex, batches) => {
        const base = files[fileIndex]!;
        // untitled: no file on disk, so no sibling facts or go.mod: the same input as analyzeText.
        const uri = `untitled:property-${run++}.go`;
        await session.open(uri, base.text);
        let last = { version: 1, text: base.text };
        for (const { changes, version, text } of changesOf(uri, base.text, batches)) {
          session.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
          last = { version, text };
        }
        const published = await session.diagnosticsFor(uri, last.version);
        assert.deepEqual(published, await expectedDiagnostics(uri, last.version, last.text), `${base.name}: diagnostics differ`);
        await session.close(uri);
        assert.deepEqual(failures, [], 'the server logged a failure');
      }),
      propertyParameters(RUNS),
    );
    assert.equal(session.child.exitCode, null, 'the server is still running');
  });
});
