// Bad input through the real LSP connection: a 10 MB file, 10,000-deep nesting, NUL
// characters, text a client decoded from invalid UTF-8, CRLF / CR / mixed line
// endings, a BOM, a 1 MB line, an empty file, JSON and TypeScript opened as Go. Each
// gets its diagnostics in bounded time, with the right positions or a clear notice;
// the server logs no failure, and afterwards still answers a hover and publishes
// diagnostics for a normal file. goForTs.maxFileSizeKB is honoured as it changes.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ANALYSIS_BUDGET_MS, LIMIT_NOTICE_CODE, OVERSIZE_PARSE_BUDGET_MS } from '../../src/server/limit-notice';
import { bigGoFile } from '../lsp/big-file';
import { LspSession } from '../lsp/session';
import { positionOf } from '../lsp/text';

/** How far past a budget an answer may come on a loaded CI machine (transfer, parse, one slow step). */
const SLACK_MS = 6000;
const N = 10_000;
const CONTEXT_LAST = 'func load(id string, ctx context.Context) error { return nil }\n';
const NORMAL = `package main\n\nimport "context"\n\n${CONTEXT_LAST}\nfunc main() {\n\tdefer println("done")\n}\n`;

/** A diagnostic's message as text (LSP 3.18 also allows markup there; this server sends text). */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Handlers of bigGoFile repeated to just over `bytes`. */
function generatedFile(bytes: number): string {
  const text = bigGoFile(1);
  const handler = text.slice(text.indexOf('\n// handler'));
  const header = text.slice(0, text.indexOf('\n// handler'));
  const parts = [header];
  for (let i = 0, size = header.length; size <= bytes; i++, size += handler.length) parts.push(handler.replace(/handler0/g, `handler${i}`));
  return parts.join('');
}

function notices(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === LIMIT_NOTICE_CODE);
}

function contextFirst(diagnostics: Diagnostic[]): Diagnostic {
  const found = diagnostics.find((diagnostic) => diagnostic.code === 'context-first');
  assert.ok(found, `a context-first diagnostic among ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return found;
}

describe('bad input through the LSP connection', () => {
  let session: LspSession;
  const failures: string[] = [];
  let opened = 0;

  /** Opens `text` as a new document; resolves with its diagnostics and how long they took. */
  async function open(text: string, timeoutMs = 30_000): Promise<{ uri: string; diagnostics: Diagnostic[]; ms: number }> {
    const uri = `file:///tmp/go-for-ts-bad-input/doc${opened++}.go`;
    const mark = session.published.length;
    const started = performance.now();
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    const diagnostics = await session.waitFor(
      `diagnostics for ${uri}`,
      () => session.published.slice(mark).find((push) => push.uri === uri && push.version === 1)?.diagnostics,
      timeoutMs,
    );
    return { uri, diagnostics, ms: performance.now() - started };
  }

  async function hover(uri: string, text: string, needle: string, delta = 0): Promise<{ hover: Hover | null; ms: number }> {
    const started = performance.now();
    const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, delta) });
    return { hover: result, ms: performance.now() - started };
  }

  before(async () => {
    session = await LspSession.start();
    session.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1 || /failed/.test(params.message)) failures.push(params.message);
    });
  });
  after(async () => {
    assert.deepEqual(failures, [], 'the server logged a failure');
    await session.stop();
  });

  it('a 10 MB file: one information notice naming the limit and the setting; a hover answers within its budget', async () => {
    const text = generatedFile(10 * 1024 * 1024);
    const { uri, diagnostics, ms } = await open(text);
    assert.equal(diagnostics.length, 1, 'only the notice: the file is not analysed');
    const [notice] = diagnostics as [Diagnostic];
    assert.equal(notice.code, LIMIT_NOTICE_CODE);
    assert.equal(notice.severity, 3, 'information');
    assert.match(messageOf(notice), /^Go for TS: Not analysed: 10,\d{3} KB is over the 1,024 KB limit \(raise goForTs\.maxFileSizeKB to analyse it\)\.$/);
    assert.ok(ms < SLACK_MS, `the notice took ${ms.toFixed(0)} ms`);
    const first = await hover(uri, text, 'defer cancel()', 1);
    assert.ok(first.ms < OVERSIZE_PARSE_BUDGET_MS + SLACK_MS, `the first hover took ${first.ms.toFixed(0)} ms`);
    const second = await hover(uri, text, 'defer cancel()', 1);
    assert.ok(second.ms < OVERSIZE_PARSE_BUDGET_MS + SLACK_MS, `the second hover took ${second.ms.toFixed(0)} ms`);
    const actions = await session.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: positionOf(text, 'ctx context.Context'), end: positionOf(text, 'ctx context.Context', 3) },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, [], 'no quick fixes in a file that is not analysed');
    await session.close(uri);
  });

  for (const [name, text] of [
    ['10,000 nested parentheses', `package p\n\nfunc f() { x := ${'('.repeat(N)}1${')'.repeat(N)}; _ = x }\n`],
    ['10,000 nested blocks around a cancel', `package p\n\nimport "context"\n\nfunc f(ctx context.Context) { ${'if true {'.repeat(N)} c, cancel := context.WithCancel(ctx); _ = c; _ = cancel ${'}'.repeat(N)} }\n`],
    ['a 10,000-branch else-if chain', `package p\n\nimport "context"\n\nfunc f(ctx context.Context, x int) { c, cancel := context.WithCancel(ctx); _ = c; if x == 0 { cancel() }${' else if x == 1 { cancel() }'.repeat(N)} }\n`],
  ] as const) {
    it(`${name}: diagnostics within the analysis budget, a hover within its own`, async () => {
      const { uri, diagnostics, ms } = await open(text);
      assert.ok(ms < ANALYSIS_BUDGET_MS + SLACK_MS, `diagnostics took ${ms.toFixed(0)} ms`);
      for (const notice of notices(diagnostics)) assert.match(messageOf(notice), /^Go for TS: Analysis stopped after \d+\.\d s/);
      const answer = await hover(uri, text, 'f(', 0);
      assert.ok(answer.ms < ANALYSIS_BUDGET_MS + SLACK_MS, `the hover took ${answer.ms.toFixed(0)} ms`);
      await session.close(uri);
    });
  }

  it('the else-if chain says its analysis was stopped, and is analysed again only once the typing pauses', async () => {
    const text = `package p\n\nimport "context"\n\nfunc f(ctx context.Context, x int) { c, cancel := context.WithCancel(ctx); _ = c; if x == 0 { cancel() }${' else if x == 1 { cancel() }'.repeat(3 * N)} }\n`;
    const { uri, diagnostics } = await open(text);
    assert.deepEqual(notices(diagnostics).map(messageOf).map((message) => /^Go for TS: Analysis stopped after/.test(message)), [true]);
    // Three keystrokes 200 ms apart: each would cost the whole budget if analysed at once.
    const mark = session.published.length;
    for (const version of [2, 3, 4]) {
      session.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }],
      });
      if (version < 4) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await session.diagnosticsFor(uri, 4, mark);
    const versions = session.published.slice(mark).filter((push) => push.uri === uri).map((push) => push.version);
    assert.deepEqual(versions, [4], 'only the version after the pause was analysed');
    await session.close(uri);
  });

  it('NUL characters: a notice at the first, findings at their places', async () => {
    const text = `package p\n\nimport "context"\n\nvar s = "a\u0000b"\n\n${CONTEXT_LAST}`;
    const { uri, diagnostics } = await open(text);
    const [notice] = notices(diagnostics);
    assert.ok(notice, 'a NUL notice');
    assert.deepEqual(notice.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 11 } });
    assert.match(messageOf(notice), /NUL character/);
    assert.deepEqual(contextFirst(diagnostics).range.start, { line: 6, character: 21 });
    await session.close(uri);
  });

  for (const [name, text, line, character] of [
    ['U+FFFD and a lone surrogate (a client decoding invalid UTF-8)', `package p\n\nimport "context"\n\n// caf\uFFFD\uD800\n${CONTEXT_LAST}`, 5, 21],
    ['CRLF line endings', `package p\r\n\r\nimport "context"\r\n\r\n${CONTEXT_LAST.replace('\n', '\r\n')}`, 4, 21],
    ['lone CR line endings', `package p\r\rimport "context"\r\r${CONTEXT_LAST.replace('\n', '\r')}`, 4, 21],
    ['mixed line endings', `package p\r\n\nimport "context"\r\n\r${CONTEXT_LAST}`, 4, 21],
    ['a BOM the client kept', `\uFEFFpackage p\n\nimport "context"\n\n${CONTEXT_LAST}`, 4, 21],
    // "/* 😀𝑥 */ " is 11 UTF-16 units: each astral character takes two.
    ['astral characters before the finding', `package p\n\nimport "context"\n\n/* 😀𝑥 */ ${CONTEXT_LAST}`, 4, 11 + 21],
    // A million characters on one line, just under the 1,024 KB limit.
    ['a 1 MB line', `package p\n\nimport "context"\n\nvar data = "${'x'.repeat(1_000_000)}"; ${CONTEXT_LAST}`, 4, 15 + 1_000_000 + 21],
  ] as const) {
    it(`${name}: the finding at the right line and column`, async () => {
      const { uri, diagnostics } = await open(text);
      assert.deepEqual(contextFirst(diagnostics).range.start, { line, character });
      await session.close(uri);
    });
  }

  for (const [name, text] of [
    ['an empty file', ''],
    ['JSON', '{"name": "go-for-ts", "list": [1, 2, {"a": null}], "deep": [[[[]]]]}\n'],
    ['TypeScript', 'import * as fs from "node:fs";\nexport async function load(id: string, signal?: AbortSignal): Promise<string> {\n  return (await fs.promises.readFile(`${id}.json`, { signal })).toString();\n}\n'],
  ] as const) {
    it(`${name}: no diagnostics`, async () => {
      const { uri, diagnostics } = await open(text);
      assert.deepEqual(diagnostics, []);
      await session.close(uri);
    });
  }

  it('honours goForTs.maxFileSizeKB as it changes, and warns about a bad value', async () => {
    const padded = `${NORMAL}\n${'// padding to take the file past 1 KB\n'.repeat(40)}`;
    const { uri } = await open(padded);
    const configure = async (maxFileSizeKB: unknown) => {
      const mark = session.published.length;
      session.notify('workspace/didChangeConfiguration', { settings: { goForTs: { maxFileSizeKB } } });
      return session.waitFor('re-analysis', () => session.published.slice(mark).find((push) => push.uri === uri)?.diagnostics);
    };
    const limited = await configure(1);
    assert.equal(notices(limited).length, 1);
    assert.equal(limited.length, 1, 'not analysed under the limit');
    const mark = session.messages.length;
    const restored = await configure('a lot');
    assert.deepEqual(notices(restored), [], 'a bad value falls back to the default limit');
    contextFirst(restored);
    await session.waitFor('a settings warning', () => session.messages.slice(mark).find((message) => /maxFileSizeKB/.test(message.message)));
    const raised = await configure(4);
    assert.deepEqual(notices(raised), []);
    contextFirst(raised);
    await session.close(uri);
  });

  it('after all of that, still answers a hover and publishes diagnostics for a normal file', async () => {
    const { uri, diagnostics } = await open(NORMAL);
    contextFirst(diagnostics);
    const { hover: card } = await hover(uri, NORMAL, 'defer', 2);
    assert.ok(card, 'a hover card');
    assert.match((card.contents as MarkupContent).value, /defer/);
    const changed = await session.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: CONTEXT_LAST.replace('load', 'save') }]);
    assert.equal(changed.filter((diagnostic) => diagnostic.code === 'context-first').length, 2);
    assert.equal(session.child.exitCode, null, 'the server is running');
  });
});
