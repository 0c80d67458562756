// The server publishes findings as LSP diagnostics, and keeps their positions exact
// while the document changes incrementally (multi-line edits, non-ASCII text, CRLF).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALL_RULES } from '../../src/rules';
import { LspSession } from './session';
import { applyChanges, insertAt, positionOf, rangeOf } from './text';

const BASE = `package main

import "context"

func handle(id string, ctx context.Context) error {
	return nil
}
`;

/** What a fresh open of `text` publishes: the oracle for incremental results. */
async function freshDiagnostics(session: LspSession, text: string) {
  const uri = `file:///tmp/go-for-ts-oracle-${Math.random().toString(36).slice(2)}.go`;
  const diagnostics = await session.open(uri, text);
  await session.close(uri);
  return diagnostics;
}

describe('language server diagnostics', () => {
  let session: LspSession;
  before(async () => {
    // Every publish is compared with a fresh analysis: no provisional ones (tested on their own).
    session = await LspSession.start({ initializationOptions: { provisionalDiagnostics: false } });
  });
  after(async () => {
    assert.equal(await session.stop(), 0, 'the server exits cleanly after shutdown/exit');
  });

  it('publishes a finding with code, source, codeDescription and an exact range', async () => {
    const uri = 'file:///tmp/lsp-basic.go';
    const [diagnostic, ...rest] = await session.open(uri, BASE);
    assert.equal(rest.length, 0);
    assert.equal(diagnostic!.source, 'go-for-ts');
    assert.equal(diagnostic!.code, 'context-first');
    assert.match(diagnostic!.codeDescription!.href, /context-first\.md$/);
    assert.equal(diagnostic!.severity, 2, 'warning');
    assert.deepEqual(diagnostic!.range, rangeOf(BASE, 'ctx context.Context'));
    assert.equal(typeof diagnostic!.message, 'string');
    assert.doesNotMatch(diagnostic!.message as string, /\n/);
    await session.close(uri);
  });

  it('carries a finding\'s related locations as relatedInformation', async () => {
    const uri = 'file:///tmp/lsp-related.go';
    const text = `package orders

import (
\t"context"
\t"time"
)

func load(ctx context.Context) error { return nil }

func EarlyReturn(ctx context.Context) error {
\tctx, cancel := context.WithTimeout(ctx, time.Second)
\tif err := load(ctx); err != nil {
\t\treturn err
\t}
\tcancel()
\treturn nil
}
`;
    const diagnostics = await session.open(uri, text);
    const lostCancel = diagnostics.find((d) => d.code === 'lost-cancel');
    if (!ALL_RULES.some((rule) => rule.meta.id === 'lost-cancel')) return; // not in this build
    assert.ok(lostCancel, 'lost-cancel fires');
    assert.ok(lostCancel.relatedInformation?.length, 'related locations');
    for (const related of lostCancel.relatedInformation!) {
      assert.equal(related.location.uri, uri);
      assert.ok(related.message.length > 0);
      assert.doesNotMatch(related.message, /\n/);
    }
    assert.ok(
      lostCancel.relatedInformation!.some((r) => r.location.range.start.line === positionOf(text, 'return err').line),
      'the return that skips cancel',
    );
    await session.close(uri);
  });

  it('keeps positions exact through incremental edits: insert, multi-line, non-ASCII, delete', async () => {
    const uri = 'file:///tmp/lsp-incremental.go';
    let text = BASE;
    let version = 1;
    await session.open(uri, text, version);
    const steps: { name: string; changes: (current: string) => Parameters<typeof session.change>[2] }[] = [
      { name: 'a line above', changes: (t) => [insertAt(positionOf(t, 'func'), '// a comment line\n')] },
      {
        name: 'an emoji string and a non-BMP identifier before the finding, on its line',
        changes: (t) => [
          insertAt(positionOf(t, 'func'), 'var greeting = "héllo 😀🎉"\n\n'),
          // Applied after the first change, so positions are in the new text.
          { range: rangeOf(applyChanges(t, [insertAt(positionOf(t, 'func'), 'var greeting = "héllo 😀🎉"\n\n')]), 'id string'), text: '𝑥 string /* 😀 */' },
        ],
      },
      { name: 'a deletion of a line above', changes: (t) => [{ range: { start: positionOf(t, '// a comment'), end: positionOf(t, 'var greeting') }, text: '' }] },
      {
        name: 'a multi-line replacement of the imports',
        changes: (t) => [
          {
            range: { start: positionOf(t, 'import'), end: positionOf(t, 'var greeting') },
            text: 'import (\n\t"context"\n\t"fmt"\n)\n\nvar _ = fmt.Sprint\n\n',
          },
        ],
      },
      {
        name: 'a second function typed in pieces',
        changes: (t) => {
          const end = { line: t.split('\n').length - 1, character: 0 };
          return [insertAt(end, '\nfunc other(n int, '), insertAt({ line: end.line + 1, character: 18 }, 'c context.Context) {}\n')];
        },
      },
    ];
    for (const step of steps) {
      const changes = step.changes(text);
      text = applyChanges(text, changes);
      const diagnostics = await session.change(uri, ++version, changes);
      assert.deepEqual(diagnostics, await freshDiagnostics(session, text), `after ${step.name}`);
      assert.ok(diagnostics.length > 0, `still a finding after ${step.name}`);
    }
    // The non-BMP identifier counts two UTF-16 units, the emoji comment six more.
    const finding = (await freshDiagnostics(session, text)).find((d) => d.range.start.line === positionOf(text, 'func handle').line);
    assert.deepEqual(finding?.range, rangeOf(text, 'ctx context.Context'));
    assert.equal(finding?.range.start.character, 'func handle(𝑥 string /* 😀 */, '.length);
    await session.close(uri);
  });

  it('keeps positions exact in a CRLF document', async () => {
    const uri = 'file:///tmp/lsp-crlf.go';
    let text = BASE.replace(/\n/g, '\r\n');
    await session.open(uri, text);
    const changes = [insertAt(positionOf(text, 'func'), '// one\r\n// two 😀\r\n\r\n')];
    text = applyChanges(text, changes);
    const diagnostics = await session.change(uri, 2, changes);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0]!.range, rangeOf(text, 'ctx context.Context'));
    assert.equal(diagnostics[0]!.range.start.line, 7);
    // Typing within the CRLF line itself.
    const typed = [insertAt(positionOf(text, 'id string'), 'user')];
    text = applyChanges(text, typed);
    const again = await session.change(uri, 3, typed);
    assert.deepEqual(again[0]!.range, rangeOf(text, 'ctx context.Context'));
    await session.close(uri);
  });

  it('clears diagnostics when an edit fixes the code, and on close', async () => {
    const uri = 'file:///tmp/lsp-fixed.go';
    let text = BASE;
    assert.equal((await session.open(uri, text)).length, 1);
    const fix = [{ range: rangeOf(text, 'id string, ctx context.Context'), text: 'ctx context.Context, id string' }];
    text = applyChanges(text, fix);
    assert.deepEqual(await session.change(uri, 2, fix), []);
    const reintroduce = [{ range: rangeOf(text, 'ctx context.Context, id string'), text: 'id string, ctx context.Context' }];
    assert.equal((await session.change(uri, 3, reintroduce)).length, 1);
    assert.deepEqual(await session.close(uri), []);
  });

  it('matches a fresh parse after many random edits (tree edits stay in step with the text)', async () => {
    const uri = 'file:///tmp/lsp-random.go';
    const functions = Array.from({ length: 30 }, (_, i) => `func f${i}(a int, ctx context.Context) { _ = "é😀" }\n`).join('\r\n');
    let text = `package main\n\nimport "context"\n\n${functions}`;
    await session.open(uri, text);
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['x', '\n', '\r\n', '😀', 'é', ' ', '{', '}', 'ctx context.Context, ', '// c\n', ''];
    for (let version = 2; version <= 60; version++) {
      const offset = random(text.length);
      const length = random(4);
      const start = positionOf(text.slice(0, offset) + '\u0000', '\u0000');
      const end = positionOf(text.slice(0, offset + length) + '\u0000', '\u0000');
      const changes = [{ range: { start, end }, text: pieces[random(pieces.length)]! }];
      text = applyChanges(text, changes);
      const diagnostics = await session.change(uri, version, changes);
      if (version % 10 === 0) assert.deepEqual(diagnostics, await freshDiagnostics(session, text), `edit ${version}`);
    }
    assert.deepEqual(await session.change(uri, 61, [insertAt({ line: 0, character: 0 }, '// end\n')]), await freshDiagnostics(session, applyChanges(text, [insertAt({ line: 0, character: 0 }, '// end\n')])));
    await session.close(uri);
  });
});
