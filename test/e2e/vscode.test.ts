// End to end in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) with the built
// extension installed, driven through Debian's Chromium. It checks what a user sees on
// a pitfall in the sample workspace: the squiggle, the Problems row, the hover card's
// TypeScript side, the quick fix rewriting the file, and a snippet expanding.
// Needs `npm run test:e2e-setup` once; without it the test skips (or fails when
// GO_FOR_TS_REQUIRE_E2E=1, as in CI).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type CodeServer } from './code-server';
import { makeExtensionFolder } from './extension-folder';
import { e2eCanRun, lapTimer, stepRunner } from './prerequisites';
import { findPitfall, type PitfallTarget } from './pitfall-target';
import { loadGoSnippets, pickSnippet } from './snippet-body';
import * as workbench from './workbench';

const STEP_TIMEOUT_MS = 20_000;
/** Rules whose finding the test drives, in order of preference. */
const PITFALL_RULES = ['context-first', 'lost-cancel'];
const PREFERRED_SNIPPET = 'abortcontroller';

const packageRoot = findPackageRoot(__dirname);
/** The bundles of this build: $OUT_DIR (or out/), two levels above this test bundle. */
const bundlesDir = path.resolve(__dirname, '..', '..');
const resultsDir = path.join(packageRoot, 'test-results');

const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'editor.hover.above': false, // below the line: the card has room to show whole
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid', // a blinking cursor has no box half the time
  // VS Code for the web saves after a delay by default; saving by hand keeps each step's effect visible.
  'files.autoSave': 'off',
};


/** Waits until `read()` returns `expected`, or fails with the last value seen. */
async function eventually<T>(read: () => T, expected: T, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  while (!isDeepEqual(last, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = read();
  }
  assert.deepEqual(last, expected, `${what} did not reach the expected value within ${timeoutMs} ms`);
}

function isDeepEqual<T>(a: T, b: T): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** A shot of the editor around the squiggled line and its hover card, for the README. */
async function hoverScreenshot(page: Page, line: workbench.Box, hover: Locator, file: string): Promise<void> {
  const editor = await page.locator('.editor-group-container.active').boundingBox();
  const card = await hover.boundingBox();
  assert.ok(editor && card, 'the editor or hover card has no box on screen');
  const top = Math.max(editor.y, Math.min(line.y, card.y) - 80);
  const bottom = Math.min(editor.y + editor.height, Math.max(line.y + line.height, card.y + card.height) + 24);
  const right = Math.min(editor.x + editor.width, Math.max(card.x + card.width, line.x + line.width) + 24);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: { x: editor.x, y: top, width: right - editor.x, height: bottom - top } });
}

test('a real VS Code shows the squiggle, Problems row, hover card, quick fix and snippet', { timeout: 240_000 }, async (t) => {
  if (!e2eCanRun(t, packageRoot)) return;
  const lap = lapTimer(t);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-e2e-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    // A copy of the sample workspace: the quick fix and snippet steps edit files.
    const workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(packageRoot, 'test', 'workspace'), workspace, { recursive: true });
    const target: PitfallTarget = await findPitfall(workspace, PITFALL_RULES);
    const targetFile = path.join(workspace, target.relativePath);

    const extension = makeExtensionFolder(packageRoot, bundlesDir, path.join(scratch, 'extension'));
    server = await startCodeServer({
      packageRoot,
      scratch,
      extension,
      userSettings: USER_SETTINGS,
      startTimeoutMs: STEP_TIMEOUT_MS,
    });
    lap(`code-server listening at ${server.url}`);
    browser = await launchBrowser(packageRoot, path.join(scratch, 'chromium'), STEP_TIMEOUT_MS);
    const page = browser.page;

    await workbench.openWorkbench(page, server.url, workspace);
    await workbench.openFile(page, target.relativePath);
    lap(`opened ${target.relativePath}`);

    const steps = stepRunner(t, { page, resultsDir, prefix: 'e2e-failure-', lap, serverLog: () => server?.log() });

    await steps('the pitfall is squiggled', async () => {
      await workbench.goTo(page, target.line, target.column + 1);
      await workbench.squiggleUnderCursor(page, target.finding.severity, STEP_TIMEOUT_MS, target.finding.message);
    });

    await steps('the Problems panel lists it with source go-for-ts and the rule id', async () => {
      const row = await workbench.problemsRow(page, target.finding.message);
      const text = await row.innerText();
      assert.match(text, /go-for-ts/, `Problems row without the source: ${text}`);
      assert.ok(text.includes(target.rule.meta.id), `Problems row without the rule id: ${text}`);
      await workbench.closePanel(page);
    });

    await steps('the hover card shows the TypeScript side', async () => {
      await workbench.goTo(page, target.line, target.column + 1);
      const squiggle = await workbench.squiggleUnderCursor(page, target.finding.severity, STEP_TIMEOUT_MS, target.finding.message);
      const hover = await workbench.hoverOver(page, squiggle, target.finding.message);
      const phrase = target.typescriptPhrase.replace(/\s+/g, ' ');
      // VS Code shows the problem's own line at once and adds the server's card when it
      // answers (later on a busy machine): wait for the card, then check it.
      const text = await workbench.textOnceItHolds(hover, phrase);
      assert.ok(text.includes(phrase), `hover card lacks the rule doc's TypeScript line "${phrase}":\n${text}`);
      await hoverScreenshot(page, squiggle, hover, path.join(resultsDir, 'hover-card.png'));
      if (process.env.GO_FOR_TS_UPDATE_SCREENSHOTS === '1') {
        fs.copyFileSync(path.join(resultsDir, 'hover-card.png'), path.join(packageRoot, 'media', 'hover-card.png'));
      }
      await workbench.dismissHover(page);
    });

    await steps('the preferred quick fix rewrites the file and the finding goes away', async () => {
      await workbench.goTo(page, target.line, target.column + 1);
      await workbench.applyQuickFix(page, target.fix.title);
      await workbench.save(page);
      await eventually(() => fs.readFileSync(targetFile, 'utf8'), target.fixedText, STEP_TIMEOUT_MS, 'the saved file');
      const panel = page.locator('.markers-panel');
      await page.keyboard.press('Control+Shift+M');
      await panel.waitFor();
      await panel.locator('.monaco-list-row').filter({ hasText: target.finding.message }).waitFor({ state: 'detached' });
      await workbench.closePanel(page);
    });

    await steps('a Go snippet expands', async (st) => {
      const snippet = pickSnippet(loadGoSnippets(path.join(packageRoot, 'snippets', 'go.json')), PREFERRED_SNIPPET);
      if (!snippet) {
        st.skip('snippets/go.json defines no snippet yet');
        return;
      }
      const before = fs.readFileSync(targetFile, 'utf8');
      await workbench.expandSnippet(page, snippet.prefix);
      await workbench.save(page);
      const after = fs.readFileSync(targetFile, 'utf8');
      assert.ok(after.startsWith(before.trimEnd()), 'the snippet changed text before the insertion point');
      const inserted = after
        .slice(before.trimEnd().length)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
      assert.deepEqual(inserted, snippet.expectedLines, `snippet "${snippet.prefix}" inserted other text`);
    });
  } catch (error) {
    if (server) t.diagnostic(`code-server log (tail):\n${server.log().slice(-4000)}`);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
    lap('stopped');
  }
});
