// "Suppress <rule> for this line" must produce a directive that golangci-lint and
// our engine both honour, keep the code parsing, and keep an existing comment's text.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFile } from '../../src/engine/source-file';
import { lineSuppressionEdit } from '../../src/server/suppress-edit';
import { testEngine } from '../harness/engine';

const HEAD = 'package main\n\nimport "context"\n\n';

async function suppress(body: string, { broken = false } = {}): Promise<string> {
  const engine = await testEngine();
  const text = HEAD + body;
  const tree = engine.parse(text);
  try {
    const findings = engine.analyzeTree(text, tree).findings.filter((f) => f.rule === 'context-first');
    assert.equal(findings.length, 1, `one context-first finding in:\n${text}`);
    const edit = lineSuppressionEdit(new SourceFile(text, tree), 'context-first', findings[0]!.start);
    assert.ok(edit, `an edit for:
${text}`);
    const result = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    const after = engine.parse(result);
    try {
      if (!broken) assert.equal(after.rootNode.hasError, false, `still parses:\n${result}`);
      assert.deepEqual(
        engine.analyzeTree(result, after).findings.filter((f) => f.rule === 'context-first'),
        [],
        `suppressed:\n${result}`,
      );
    } finally {
      after.delete();
    }
    return result.slice(HEAD.length);
  } finally {
    tree.delete();
  }
}

describe('suppression edit', () => {
  it('appends //nolint:<id> to a plain line', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {}\n'),
      'func f(a int, ctx context.Context) {} //nolint:context-first\n',
    );
  });

  it('ignores trailing blanks', async () => {
    assert.equal(await suppress('func f(a int, ctx context.Context) {}  \t\n'), 'func f(a int, ctx context.Context) {} //nolint:context-first  \t\n');
  });

  it('turns a trailing comment into the directive\'s reason (golangci\'s `//nolint:id // reason`)', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) { // legacy signature\n}\n'),
      'func f(a int, ctx context.Context) { //nolint:context-first // legacy signature\n}\n',
    );
  });

  it('merges into an existing //nolint list, with or without a reason', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {} //nolint:errcheck\n'),
      'func f(a int, ctx context.Context) {} //nolint:errcheck,context-first\n',
    );
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {} //nolint:errcheck,gosec // old API\n'),
      'func f(a int, ctx context.Context) {} //nolint:errcheck,gosec,context-first // old API\n',
    );
  });

  it('keeps CRLF line breaks', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {}\r\n\r\n'),
      'func f(a int, ctx context.Context) {} //nolint:context-first\r\n\r\n',
    );
  });

  it('puts the directive above when the line ends inside a raw string', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) string { return `one\ntwo` }\n'),
      '//nolint:context-first\nfunc f(a int, ctx context.Context) string { return `one\ntwo` }\n',
    );
  });

  it('puts the directive above when the line ends inside a block comment that goes on', async () => {
    assert.equal(
      await suppress('func (s *S) f(a int, ctx context.Context) {} /* one\ntwo */\n'),
      '//nolint:context-first\nfunc (s *S) f(a int, ctx context.Context) {} /* one\ntwo */\n',
    );
  });

  it('appends after a block comment that ends on the line', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {} /* legacy */\n'),
      'func f(a int, ctx context.Context) {} /* legacy */ //nolint:context-first\n',
    );
  });

  it('puts the directive above when the line ends with another tool\'s directive', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {} //lint:ignore SA1012 reason\n'),
      '//nolint:context-first\nfunc f(a int, ctx context.Context) {} //lint:ignore SA1012 reason\n',
    );
  });

  it('does not touch a "//" inside a string at the end of the line', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) string { return "http://x" }\n'),
      'func f(a int, ctx context.Context) string { return "http://x" } //nolint:context-first\n',
    );
  });

  it('puts the directive above when a nolint list is followed by other words (no tool reads that as a list)', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) {} //nolint:errcheck because of x\n'),
      '//nolint:context-first\nfunc f(a int, ctx context.Context) {} //nolint:errcheck because of x\n',
    );
  });

  it('puts the directive above when the line ends in a syntax error that would swallow it (an unclosed string)', async () => {
    assert.equal(
      await suppress('func f(a int, ctx context.Context) { println("abc\n}\n', { broken: true }),
      '//nolint:context-first\nfunc f(a int, ctx context.Context) { println("abc\n}\n',
    );
  });
});
