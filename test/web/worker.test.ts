// The web extension's language server (out/web/server.js), run for real as a Web
// Worker in Debian's Chromium (playwright-core). A tiny HTTP server on 127.0.0.1
// serves the bundle and the grammar .wasm files laid out as in the installed
// extension; every other request is aborted. The test speaks LSP over the worker's
// message channel (postMessage of JSON-RPC objects, what BrowserMessageReader and
// BrowserMessageWriter expect) and checks diagnostics, a hover card and a quick fix.
// Without Chromium it skips, unless GO_FOR_TS_REQUIRE_E2E=1 (CI).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveConfig } from '../../src/engine/config';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { ALL_RULES } from '../../src/rules';
import { NO_WORKSPACE_SCAN } from '../../src/server/platform-browser';
import { CHROMIUM, launchBrowser, type Browser } from '../e2e/browser';
import { testEngine } from '../harness/engine';
import { outDir } from '../lsp/session';
import { WorkerLspClient } from './worker-client';

const root = findPackageRoot();
const TIMEOUT_MS = 30_000;
const DOC_URI = 'vscode-vfs://github/example/repo/main.go';
const SOURCE = 'package main\n\nimport "context"\n\nfunc fetch(n int, ctx context.Context) {\n\tdefer ctx.Done()\n}\n';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
};

/** /ext/out/web/* from the build, /ext/grammars/* and /assets/grammars/* from grammars/; nothing else. */
function serveExtension(): Promise<http.Server> {
  const routes: [string, string][] = [
    ['/ext/out/web/', path.join(outDir(), 'web')],
    ['/ext/grammars/', path.join(root, 'grammars')],
    ['/assets/grammars/', path.join(root, 'grammars')],
  ];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>worker host</title>');
      return;
    }
    for (const [prefix, dir] of routes) {
      if (!url.pathname.startsWith(prefix)) continue;
      const name = url.pathname.slice(prefix.length);
      const file = path.join(dir, name);
      if (name.includes('..') || !fs.existsSync(file) || !fs.statSync(file).isFile()) break;
      response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(response);
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the web extension server in a browser worker', () => {
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  let origin = '';
  let skip: string | undefined;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-web-'));

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      const reason = `web worker test skipped: no ${CHROMIUM} (apt-get install -y chromium)`;
      if (process.env.GO_FOR_TS_REQUIRE_E2E === '1') assert.fail(reason);
      skip = reason;
      return;
    }
    assert.ok(fs.existsSync(path.join(outDir(), 'web', 'server.js')), 'out/web/server.js: run the build');
    server = await serveExtension();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser(root, profile, TIMEOUT_MS);
    await browser.page.goto(`${origin}/`);
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('analyses, hovers and fixes with grammars fetched from the URL the client passes', async (t) => {
    if (skip) return t.skip(skip);
    const started = Date.now();
    const client = await WorkerLspClient.start(browser!.page, `${origin}/ext/out/web/server.js`, 'main');
    try {
      const grammars = `${origin}/assets/grammars`;
      const init = await client.initialize({
        grammarUrls: { runtimeWasm: `${grammars}/web-tree-sitter.wasm`, goWasm: `${grammars}/tree-sitter-go.wasm` },
      });
      assert.equal(init.serverInfo?.name, 'go-for-ts');
      assert.equal(init.capabilities.hoverProvider, true);

      const diagnostics = await client.open(DOC_URI, SOURCE);
      t.diagnostic(`${Date.now() - started} ms from worker start to the first diagnostics`);
      const finding = diagnostics.find((diagnostic) => diagnostic.code === 'context-first');
      assert.ok(finding, JSON.stringify(diagnostics));
      assert.equal(finding.source, 'go-for-ts');
      assert.match(typeof finding.message === 'string' ? finding.message : finding.message.value, /ctx/);

      const hover = await client.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
        textDocument: { uri: DOC_URI },
        position: finding.range.start,
      });
      assert.equal(hover?.contents.kind, 'markdown');
      assert.match(hover!.contents.value, /context-first/);
      assert.match(hover!.contents.value, /```ts\n/, 'the card shows the TypeScript side');

      // A construct card (no finding there): `defer` on line 6.
      const card = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: DOC_URI },
        position: { line: 5, character: 2 },
      });
      assert.match(card?.contents.value ?? '', /defer/i);

      const actions = await client.request<{ title: string; isPreferred?: boolean; edit?: { documentChanges?: { edits: { newText: string }[] }[] } }[]>(
        'textDocument/codeAction',
        { textDocument: { uri: DOC_URI }, range: finding.range, context: { diagnostics: [finding] } },
      );
      const fix = actions.find((action) => action.isPreferred);
      assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
      assert.match(fix.title, /ctx/);
      assert.ok((fix.edit?.documentChanges?.[0]?.edits.length ?? 0) > 0, 'the fix carries edits');
      assert.ok(actions.some((action) => action.title === 'Suppress context-first for this line'));

      const scan = await client.request<{ files: number; problems: string[] }>('goForTs/analyzeWorkspace', {});
      assert.equal(scan.files, 0);
      assert.deepEqual(scan.problems, [NO_WORKSPACE_SCAN]);
      assert.deepEqual(client.workerErrors, []);
    } finally {
      await client.stop();
    }
  });

  it('finds exactly what the Node engine finds on every rule testdata file (same rules, every one on)', async (t) => {
    if (skip) return t.skip(skip);
    const everyRuleOn = Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]));
    const config = resolveConfig(ALL_RULES, everyRuleOn).config;
    const engine = await testEngine();
    const client = await WorkerLspClient.start(browser!.page, `${origin}/ext/out/web/server.js`, 'parity');
    try {
      await client.initialize({ settings: { rules: everyRuleOn } });
      let files = 0;
      let findings = 0;
      for (const rule of ALL_RULES) {
        const dir = path.join(root, 'test', 'rules', rule.meta.id);
        if (!fs.existsSync(dir)) continue;
        for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.go'))) {
          const text = fs.readFileSync(path.join(dir, name), 'utf8');
          // Options and Go-version directives are the rule harness's, not settings a server sees.
          if (text.includes('go-for-ts:')) continue;
          const uri = `vscode-vfs://github/example/repo/${rule.meta.id}/${name}`;
          const document = TextDocument.create(uri, 'go', 1, text);
          const expected = engine.analyzeText(text, { config }).findings.map(
            (finding) => `${finding.rule} ${JSON.stringify(document.positionAt(finding.start))} ${finding.message}`,
          );
          const actual = (await client.open(uri, text)).map(
            (diagnostic) => `${diagnostic.code} ${JSON.stringify(diagnostic.range.start)} ${diagnostic.message}`,
          );
          assert.deepEqual(actual.sort(), expected.sort(), `${rule.meta.id}/${name}`);
          await client.notify('textDocument/didClose', { textDocument: { uri } });
          files++;
          findings += expected.length;
        }
      }
      t.diagnostic(`${files} files, ${findings} findings alike in the worker and in Node`);
      assert.ok(files > 20 && findings > 20, `${files} files, ${findings} findings`);
    } finally {
      await client.stop();
    }
  });

  it('finds the grammars beside its own script when the client names none', async (t) => {
    if (skip) return t.skip(skip);
    const client = await WorkerLspClient.start(browser!.page, `${origin}/ext/out/web/server.js`, 'fallback');
    try {
      await client.initialize({});
      const diagnostics = await client.open(DOC_URI, SOURCE);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'context-first'), JSON.stringify(diagnostics));
    } finally {
      await client.stop();
    }
  });

  it('takes the grammars as data: URLs, decoded without a fetch (a web extension installed on a remote)', async (t) => {
    if (skip) return t.skip(skip);
    const dataUrl = (name: string) =>
      `data:application/wasm;base64,${fs.readFileSync(path.join(root, 'grammars', name)).toString('base64')}`;
    const client = await WorkerLspClient.start(browser!.page, `${origin}/ext/out/web/server.js`, 'data-urls');
    try {
      await client.initialize({
        grammarUrls: { runtimeWasm: dataUrl('web-tree-sitter.wasm'), goWasm: dataUrl('tree-sitter-go.wasm') },
      });
      const diagnostics = await client.open(DOC_URI, SOURCE);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'context-first'), JSON.stringify(diagnostics));
    } finally {
      await client.stop();
    }
  });

  it('fails initialize with a readable error when the grammars cannot be fetched', async (t) => {
    if (skip) return t.skip(skip);
    const client = await WorkerLspClient.start(browser!.page, `${origin}/ext/out/web/server.js`, 'missing');
    try {
      const grammarUrls = { runtimeWasm: `${origin}/nowhere/web-tree-sitter.wasm`, goWasm: `${origin}/nowhere/tree-sitter-go.wasm` };
      await assert.rejects(client.initialize({ grammarUrls }), /tree-sitter-go\.wasm \(HTTP 404\)/);
    } finally {
      await client.stop();
    }
  });
});
