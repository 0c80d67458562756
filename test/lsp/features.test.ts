// Hover cards, code actions, settings and the custom requests, through the protocol.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import type { AnalyzeWorkspaceResult, RuleDocResult, RuleSummary } from '../../src/shared/protocol';
import { DEFAULT_CAPABILITIES, LspSession, outDir } from './session';
import { applyChanges, applyEdits, positionOf, rangeOf } from './text';

const SOURCE = `package main

import "context"

// load_user's context comes last: a [link](command:evil) in a comment is just text.
func load_user(id string, ctx context.Context) error {
	return nil
}

func caller(ctx context.Context) {
	_ = load_user("42", ctx)
}
`;

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

function editsOf(action: CodeAction, uri: string) {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.equal(change?.textDocument.uri, uri);
  for (const edit of change!.edits) assert.equal(typeof (edit as TextEdit).newText, 'string', 'plain text edits');
  return change!.edits as TextEdit[];
}

describe('language server features', () => {
  let session: LspSession;
  const uri = 'file:///tmp/lsp-features.go';
  let diagnostic: Diagnostic;

  before(async () => {
    session = await LspSession.start();
    [diagnostic] = (await session.open(uri, SOURCE)) as [Diagnostic];
    assert.equal(diagnostic.code, 'context-first');
  });
  after(async () => {
    await session.stop();
  });

  it('hovers a diagnostic with the rule card: title, escaped message, TypeScript beside Go, how to silence', async () => {
    const hover = await session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(SOURCE, 'ctx context.Context) error', 2),
    });
    const text = hoverText(hover);
    assert.equal((hover!.contents as MarkupContent).kind, 'markdown');
    assert.deepEqual(hover!.range, diagnostic.range);
    assert.match(text, /context\\\.Context should be the first parameter/, 'the rule title, escaped');
    assert.match(text, /load\\_user/, 'the function name from the document is escaped');
    assert.doesNotMatch(text, /load_user/, 'never raw');
    assert.match(text, /```ts\n[\s\S]*AbortSignal[\s\S]*```/, 'the TypeScript side');
    assert.match(text, /```go\n/, 'the Go side');
    assert.match(text, /`\/\/nolint:context-first`/, 'how to silence');
    assert.doesNotMatch(text, /command:/, 'no command links');
  });

  it('hovers Go constructs with cards, and honours hover.cards and hover.enabled', async () => {
    const text = SOURCE.replace('\treturn nil\n}', '\tdefer println("done")\n\treturn nil\n}');
    const cardUri = 'file:///tmp/lsp-cards.go';
    await session.open(cardUri, text);
    const at = { textDocument: { uri: cardUri }, position: positionOf(text, 'defer', 2) };
    const full = hoverText(await session.request<Hover | null>('textDocument/hover', at));
    assert.match(full, /defer/);
    assert.doesNotMatch(full, /command:/);
    const settingsChange = async (goForTs: unknown) => {
      const mark = session.published.length;
      session.notify('workspace/didChangeConfiguration', { settings: { goForTs } });
      await session.diagnosticsFor(cardUri, undefined, mark);
    };
    await settingsChange({ hover: { cards: 'short' } });
    const short = hoverText(await session.request<Hover | null>('textDocument/hover', at));
    assert.ok(short.length < full.length, 'a short card is shorter');
    await settingsChange({ hover: { cards: 'off' } });
    assert.equal(await session.request('textDocument/hover', at), null, 'no construct card');
    const onFinding = { textDocument: { uri }, position: diagnostic.range.start };
    assert.match(hoverText(await session.request<Hover | null>('textDocument/hover', onFinding)), /nolint:context-first/, 'findings still explained');
    await settingsChange({ hover: { enabled: false } });
    assert.equal(await session.request('textDocument/hover', onFinding), null, 'no hover at all');
    await settingsChange({});
    await session.close(cardUri);
  });

  it('returns a rule doc by id and by position, and lists the rules', async () => {
    const byId = await session.request<RuleDocResult | null>('goForTs/ruleDoc', { ruleId: 'context-first' });
    assert.equal(byId?.id, 'context-first');
    assert.match(byId!.markdown, /^# context-first\n/);
    const byPosition = await session.request<RuleDocResult | null>('goForTs/ruleDoc', {
      textDocument: { uri },
      position: diagnostic.range.start,
    });
    assert.equal(byPosition?.id, 'context-first');
    const nowhere = await session.request<RuleDocResult | null>('goForTs/ruleDoc', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(nowhere, null);
    assert.equal(await session.request('goForTs/ruleDoc', { ruleId: 'no-such-rule' }), null);
    const rules = await session.request<RuleSummary[]>('goForTs/listRules');
    assert.ok(rules.some((rule) => rule.id === 'context-first' && rule.enabled && rule.severity === 'warning'));
  });

  it('offers the rule\'s quick fix (preferred) and a suppression, as versioned edits', async () => {
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find((action) => action.title.startsWith('Move ctx'));
    assert.ok(fix, `a move fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const fixed = applyEdits(SOURCE, editsOf(fix, uri));
    assert.match(fixed, /func load_user\(ctx context\.Context, id string\) error/);
    assert.match(fixed, /load_user\(ctx, "42"\)/, 'the call in the same file follows');

    const suppress = actions.find((action) => action.title === 'Suppress context-first for this line');
    assert.ok(suppress);
    assert.notEqual(suppress.isPreferred, true);
    const suppressed = applyEdits(SOURCE, editsOf(suppress, uri));
    assert.match(suppressed, /func load_user\(id string, ctx context\.Context\) error \{ \/\/nolint:context-first\n/);
    // Applying it through the protocol removes the diagnostic.
    const edit = editsOf(suppress, uri)[0]!;
    assert.deepEqual(await session.change(uri, 2, [{ range: edit.range, text: edit.newText }]), []);
    const undo = [{ range: rangeOf(suppressed, ' //nolint:context-first'), text: '' }];
    assert.equal(applyChanges(suppressed, undo), SOURCE);
    [diagnostic] = (await session.change(uri, 3, undo)) as [Diagnostic];
    assert.equal(diagnostic.code, 'context-first');
  });

  it('offers nothing where there is no finding, and only quick fixes when asked for other kinds', async () => {
    const nothing = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(nothing, []);
    const refactors = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['refactor'] },
    });
    assert.deepEqual(refactors, []);
  });

  it('applies settings without restart: rule off, severity, the allowTypesBefore shortcut', async () => {
    const settingsChange = async (goForTs: unknown) => {
      const mark = session.published.length;
      session.notify('workspace/didChangeConfiguration', { settings: { goForTs } });
      return session.diagnosticsFor(uri, undefined, mark);
    };
    assert.deepEqual(await settingsChange({ rules: { 'context-first': 'off' } }), []);
    const [error] = await settingsChange({ rules: { 'context-first': 'error' } });
    assert.equal(error?.severity, 1);
    assert.deepEqual(await settingsChange({ contextFirst: { allowTypesBefore: ['string'] } }), [], 'string params may precede ctx');
    assert.equal((await settingsChange({ contextFirst: { allowTypesBefore: ['*testing.T'] } })).length, 1);
    assert.equal(session.messages.length, 0, 'valid settings show no message');
  });

  it('warns once about a broken setting and keeps working with the defaults', async () => {
    const mark = session.published.length;
    session.notify('workspace/didChangeConfiguration', {
      settings: { goForTs: { rules: { 'context-first': 42, 'no-such-rule': true }, hover: { cards: 'huge' } } },
    });
    const [fallback] = await session.diagnosticsFor(uri, undefined, mark);
    assert.equal(fallback?.severity, 2, 'context-first back at its default severity');
    const message = await session.waitFor('a warning', () => session.messages[0]);
    assert.equal(message.type, 2, 'a warning');
    assert.match(message.message, /context-first/);
    assert.match(message.message, /no-such-rule/);
    assert.match(message.message, /hover\.cards/);
    assert.equal(session.messages.length, 1, 'one message for all the problems');
    // The server still answers.
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: fallback!.range.start });
    assert.match(hoverText(hover), /nolint:context-first/);
    session.notify('workspace/didChangeConfiguration', { settings: { goForTs: 'not an object' } });
    await session.waitFor('a second warning', () => session.messages[1]);
    session.notify('workspace/didChangeConfiguration', { settings: { goForTs: {} } });
  });

  it('analyses a workspace folder into diagnostics, with progress', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-ws-'));
    try {
      fs.mkdirSync(path.join(folder, 'pkg'));
      fs.writeFileSync(path.join(folder, 'pkg', 'bad.go'), SOURCE);
      fs.writeFileSync(path.join(folder, 'pkg', 'good.go'), 'package pkg\n\nfunc ok() {}\n');
      fs.mkdirSync(path.join(folder, 'vendor'));
      fs.writeFileSync(path.join(folder, 'vendor', 'skipped.go'), SOURCE);
      const badUri = pathToFileURL(path.join(folder, 'pkg', 'bad.go')).href;
      const result = await session.request<AnalyzeWorkspaceResult>('goForTs/analyzeWorkspace', {
        folders: [pathToFileURL(folder).href],
      });
      assert.equal(result.files, 2);
      assert.equal(result.filesWithFindings, 1);
      assert.equal(result.findings, 1);
      assert.equal(result.cancelled, false);
      const diagnostics = await session.diagnosticsFor(badUri);
      assert.equal(diagnostics[0]?.code, 'context-first');
      const kinds = session.progress.map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.ok(kinds.includes('report'));
      assert.equal(kinds[kinds.length - 1], 'end');

      // Fixed on disk: the next run clears the file's problems.
      fs.writeFileSync(path.join(folder, 'pkg', 'bad.go'), 'package pkg\n');
      const mark = session.published.length;
      await session.request('goForTs/analyzeWorkspace', { folders: [pathToFileURL(folder).href] });
      assert.deepEqual(await session.diagnosticsFor(badUri, undefined, mark), []);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sees the package: a type declared in a sibling file on disk counts for the open file', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-pkg-'));
    try {
      fs.writeFileSync(path.join(folder, 'cache.go'), 'package cache\n\nimport "sync"\n\ntype Cache struct {\n\tmu sync.Mutex\n\titems map[string]string\n}\n');
      const openUri = pathToFileURL(path.join(folder, 'len.go')).href;
      const text = 'package cache\n\nfunc (c Cache) Len() int { return len(c.items) }\n';
      session.notify('textDocument/didOpen', { textDocument: { uri: openUri, languageId: 'go', version: 1, text } });
      const published = await session.waitFor('a mutex-copy finding from the sibling\'s facts', () =>
        session.published.find((p) => p.uri === openUri && p.diagnostics.some((d) => d.code === 'mutex-copy')),
      );
      assert.match(published.diagnostics.find((d) => d.code === 'mutex-copy')!.message as string, /sync\.Mutex/);
      await session.close(openUri);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('clears diagnostics on close', async () => {
    assert.deepEqual(await session.close(uri), []);
  });
});

describe('go-for-ts lsp --stdio', () => {
  it('runs the same server from the CLI bundle', async () => {
    const session = await LspSession.start({ args: [path.join(outDir(), 'cli.js'), 'lsp', '--stdio'] });
    try {
      const [diagnostic] = await session.open('file:///tmp/cli-lsp.go', SOURCE);
      assert.equal(diagnostic?.code, 'context-first');
    } finally {
      assert.equal(await session.stop(), 0);
    }
  });

  it('pulls settings with workspace/configuration from clients that only announce changes', async () => {
    let level = 'error';
    const session = await LspSession.start({
      capabilities: { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, configuration: true } },
      configuration: (sections) => sections.map((section) => (section === 'goForTs' ? { rules: { 'context-first': level } } : null)),
    });
    try {
      const docUri = 'file:///tmp/pulled-settings.go';
      session.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'go', version: 1, text: SOURCE } });
      await session.waitFor('an error-level finding', () =>
        session.published.find((p) => p.uri === docUri && p.diagnostics[0]?.severity === 1),
      );
      level = 'off';
      const mark = session.published.length;
      session.notify('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(await session.diagnosticsFor(docUri, undefined, mark), []);
    } finally {
      await session.stop();
    }
  });

  it('takes settings from initializationOptions', async () => {
    const session = await LspSession.start({ initializationOptions: { settings: { rules: { 'context-first': 'hint' } } } });
    try {
      const [diagnostic] = await session.open('file:///tmp/init-options.go', SOURCE);
      assert.equal(diagnostic?.severity, 4);
    } finally {
      await session.stop();
    }
  });
});
