// The web extension inside a real VS Code workbench: code-server (VS Code 1.100)
// normally runs extensions in its Node extension host, but the user setting
// `remote.extensionKind: { "go-for-ts.go-for-ts": ["web"] }` moves ours into the
// browser's web worker extension host, the one vscode.dev uses. There it must load
// package.json's "browser" entry (out/web/client.js), start out/web/server.js as a
// worker, fetch the grammars from the extension's own URL and squiggle the pitfall,
// with no Node language server process anywhere.
// Needs `npm run test:e2e-setup`; skips without it unless GO_FOR_TS_REQUIRE_E2E=1.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { CHROMIUM, launchBrowser, type Browser } from '../e2e/browser';
import { isCodeServerInstalled, SETUP_COMMAND, startCodeServer, type CodeServer } from '../e2e/code-server';
import { makeExtensionFolder } from '../e2e/extension-folder';
import * as workbench from '../e2e/workbench';
import { outDir } from '../lsp/session';

const STEP_TIMEOUT_MS = 30_000;
const packageRoot = findPackageRoot(__dirname);
const SOURCE = 'package main\n\nimport "context"\n\nfunc fetch(n int, ctx context.Context) {}\n';

function missingPrerequisite(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
  if (!isCodeServerInstalled(packageRoot)) return 'code-server is not installed in the cache';
  return undefined;
}

/** Command lines of running processes that mention `needle`. */
function processesMentioning(needle: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

test('code-server runs the web build in the browser worker extension host', { timeout: 180_000 }, async (t) => {
  const missing = missingPrerequisite();
  if (missing) {
    if (process.env.GO_FOR_TS_REQUIRE_E2E === '1') assert.fail(`web workbench test required but ${missing}: run ${SETUP_COMMAND}`);
    t.skip(`web workbench test skipped: run ${SETUP_COMMAND} (${missing})`);
    return;
  }
  const started = Date.now();
  const lap = (what: string) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-web-e2e-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const consoleLines: string[] = [];
  try {
    const workspace = path.join(scratch, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'main.go'), SOURCE);
    const extension = makeExtensionFolder(packageRoot, outDir(), path.join(scratch, 'extension'));
    server = await startCodeServer({
      packageRoot,
      scratch,
      extension,
      userSettings: {
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'update.mode': 'none',
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'remote.extensionKind': { [extension.identifier]: ['web'] },
      },
      startTimeoutMs: STEP_TIMEOUT_MS,
    });
    lap(`code-server listening at ${server.url}`);
    browser = await launchBrowser(packageRoot, path.join(scratch, 'chromium'), STEP_TIMEOUT_MS);
    const page = browser.page;
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));

    await workbench.openWorkbench(page, server.url, workspace);
    await workbench.openFile(page, 'main.go');
    lap('opened main.go');
    await workbench.squiggles(page, 'warning').first().waitFor();
    lap('the pitfall is squiggled');
    const row = await workbench.problemsRow(page, 'context.Context');
    assert.match((await row.textContent()) ?? '', /go-for-ts/);
    lap('the Problems panel lists it');
    await workbench.closePanel(page);

    const squiggle = await workbench.settledBox(workbench.squiggles(page, 'warning').first(), STEP_TIMEOUT_MS);
    const hover = await workbench.hoverOver(page, squiggle, 'context-first');
    // The problem's own line shows at once, the server's card when the worker answers.
    assert.match(await workbench.textOnceItHolds(hover, 'TypeScript'), /TypeScript/);
    lap('the hover card shows the TypeScript side');
    await workbench.dismissHover(page);

    await workbench.goTo(page, 5, SOURCE.split('\n')[4]!.indexOf('ctx') + 1);
    await workbench.applyQuickFix(page, 'Move ctx to the front');
    await workbench.squiggles(page, 'warning').first().waitFor({ state: 'detached' });
    const text = ((await page.locator('.editor-group-container.active .monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(text, /func fetch\(ctx context\.Context, n int\)/);
    lap('the quick fix moves ctx first and the squiggle goes');

    // The proof that it is the web build: no Node language server was started for it.
    assert.deepEqual(processesMentioning(path.join(extension.folder, 'out', 'server.js')), []);
    assert.deepEqual(processesMentioning(`${extension.id}/out/server.js`), []);
  } catch (error) {
    t.diagnostic(`browser console (tail):\n${consoleLines.slice(-30).join('\n')}`);
    t.diagnostic(`code-server log (tail):\n${server?.log().slice(-3000)}`);
    throw error;
  } finally {
    await browser?.close();
    await server?.stop();
    lap('stopped');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
