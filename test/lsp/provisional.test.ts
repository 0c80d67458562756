// Half-typed code through the protocol: an opening brace that swallows the rest of the
// file gets the last diagnostics, moved, at once (provisional), and the exact ones of
// that text once the typing pauses; closing the brace is exact again at once. A
// client that asks for exact diagnostics only (provisionalDiagnostics: false) never
// sees a provisional publish.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { bigGoFile } from './big-file';
import { LspSession } from './session';
import { applyChanges, insertAt, positionOf } from './text';

/** What a fresh open of `text` publishes (exact by definition: nothing to be provisional about). */
async function freshDiagnostics(session: LspSession, text: string): Promise<Diagnostic[]> {
  const uri = `file:///tmp/go-for-ts-provisional-oracle-${Math.random().toString(36).slice(2)}.go`;
  const diagnostics = await session.open(uri, text);
  await session.close(uri);
  return diagnostics;
}

const lines = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.code}`);

describe('provisional diagnostics while typing half-finished code', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  it('publishes the last findings, moved, then the exact ones after a pause; exact again once the brace is closed', async () => {
    const uri = 'file:///tmp/go-for-ts-provisional.go';
    let text = bigGoFile(6);
    const opened = await session.open(uri, text);
    assert.ok(opened.length >= 6, `a finding per handler (${opened.length})`);

    // `if x {` on a new line of handler2's body: the rest of the file is swallowed.
    const typed = 'if ready {\n\t';
    const at = positionOf(text, '\tvar mu sync.Mutex', 1);
    const change = insertAt(at, typed);
    const afterText = applyChanges(text, [change]);
    const mark = session.published.length;
    const provisional = await session.change(uri, 2, [change]);
    // The old findings, each line after the insertion one further down.
    const insertedAt = at.line;
    assert.deepEqual(
      lines(provisional),
      opened.map((d) => `${d.range.start.line > insertedAt ? d.range.start.line + 1 : d.range.start.line}:${d.code}`),
    );
    const exact = await freshDiagnostics(session, afterText);
    assert.notDeepEqual(lines(exact), lines(provisional), 'the broken text has other findings than the last valid one (else this test proves nothing)');
    // The pause: the exact diagnostics of the broken text follow for the same version.
    const settled = await session.waitFor('the exact diagnostics after the pause', () => {
      const pushes = session.published.slice(mark).filter((push) => push.uri === uri && push.version === 2);
      return pushes.length >= 2 ? pushes[pushes.length - 1]!.diagnostics : undefined;
    });
    assert.deepEqual(settled, exact);

    // Closing the brace: valid again, exact at once.
    text = afterText;
    const close = insertAt(positionOf(text, '\tvar mu sync.Mutex', 1 + typed.length - 1), '}\n\t');
    text = applyChanges(text, [close]);
    assert.deepEqual(await session.change(uri, 3, [close]), await freshDiagnostics(session, text));
    await session.close(uri);
  });

  it('publishes only exact diagnostics for a client that asks so', async () => {
    const exactOnly = await LspSession.start({ initializationOptions: { provisionalDiagnostics: false } });
    try {
      const uri = 'file:///tmp/go-for-ts-exact-only.go';
      const text = bigGoFile(6);
      await exactOnly.open(uri, text);
      const change = insertAt(positionOf(text, '\tvar mu sync.Mutex', 1), 'if ready {\n\t');
      const diagnostics = await exactOnly.change(uri, 2, [change]);
      assert.deepEqual(diagnostics, await freshDiagnostics(exactOnly, applyChanges(text, [change])));
    } finally {
      await exactOnly.stop();
    }
  });
});
