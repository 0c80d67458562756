// The client's error handler, as the extension really builds it (language-features.ts
// with a stand-in `vscode`): a crashed server is restarted, the user is told once, and
// a crash loop stops with a message naming the restart command.
//
// Document state across a restart is vscode-languageclient's (11.0.0) doing, read in
// its source: on CloseAction.Restart, handleConnectionClosed() calls cleanUp(), which
// clears the set of synced documents, then start(); the new connection's
// DidOpenTextDocumentFeature.register() sends didOpen for every document of
// vscode.workspace.textDocuments that matches the selector, with its current text
// (unsaved edits included) and version; and the configuration feature pushes the
// goForTs section right after registering, so the new server analyses what the user
// sees, with the settings of now (not of activation).
import './fake-vscode';
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloseAction, ErrorAction } from 'vscode-languageclient';
import { languageClientOptions } from '../../src/client/language-features';
import { shownInformation } from './fake-vscode';

describe('client error handler', () => {
  it('restarts a crashed server, says so once, and gives up on a crash loop naming the restart command', async () => {
    const handler = languageClientOptions().errorHandler!;
    const before = shownInformation.length;
    const results = [];
    for (let crash = 0; crash < 5; crash++) results.push(await handler.closed());
    assert.deepEqual(
      results.map((result) => result.action),
      [CloseAction.Restart, CloseAction.Restart, CloseAction.Restart, CloseAction.Restart, CloseAction.DoNotRestart],
    );
    for (const result of results.slice(0, 4)) assert.equal(result.handled, true, 'the client shows no message of its own');
    const told = shownInformation.slice(before);
    assert.equal(told.length, 1, `one message for four restarts: ${JSON.stringify(told)}`);
    assert.match(told[0]!, /stopped unexpectedly and was restarted/);
    assert.match(results[4]!.message ?? '', /was not restarted\. Run "Go for TS: Restart Language Server"/);
  });

  it('keeps the connection on a single message error (the server decides what is fatal)', async () => {
    const handler = languageClientOptions().errorHandler!;
    const result = await handler.error(new Error('a bad message'), undefined, 1);
    assert.equal(result.action, ErrorAction.Continue);
  });
});
