// End to end in a real VS Code (code-server 4.100.3 driven through Debian's Chromium):
// when the language server process dies, the client starts a new one, tells the user
// once per session, and the new server gets the open documents back as the editor
// holds them, unsaved edits included, so their squiggles return and later edits keep
// being analysed. After too many crashes in a short window it stops restarting, says
// why, and the Restart command brings the server back (what src/client/restart-policy.ts
// and the error handler in language-features.ts promise).
// Needs `npm run test:e2e-setup` once; without it the test skips (or fails when
// GO_FOR_TS_REQUIRE_E2E=1, as in CI).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { RestartPolicy } from '../../src/client/restart-policy';
import { findPackageRoot } from '../../src/engine/grammar-files';
import type { Finding } from '../../src/engine/types';
import { SERVER_NAME } from '../../src/shared/protocol';
import { testEngine } from '../harness/engine';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type CodeServer } from './code-server';
import { makeExtensionFolder } from './extension-folder';
import { e2eCanRun, lapTimer, stepRunner } from './prerequisites';
import { findPitfall } from './pitfall-target';
import { killServer, serverProcesses, waitForNewServer } from './server-process';
import * as workbench from './workbench';

const STEP_TIMEOUT_MS = 20_000;
const RULE = 'context-first';

/** What the client says on its first restart, and when it gives up (language-features.ts). */
const RESTARTED_MESSAGE = `${SERVER_NAME}: the language server stopped unexpectedly and was restarted.`;
const GAVE_UP_MESSAGE = `${SERVER_NAME}: the language server stopped`;
const GAVE_UP_DETAIL = 'and was not restarted';
const RESTART_COMMAND = `${SERVER_NAME}: Restart Language Server`;

/** Functions typed into the editor: each puts its context parameter second, a new finding. */
const TYPED_BEFORE_CRASH = '\nfunc restartProbeUnsaved(name string, ctx context.Context) {}\n';
const TYPED_AFTER_RESTART = '\nfunc restartProbeAfter(id int, ctx context.Context) {}\n';

const packageRoot = findPackageRoot(__dirname);
/** The bundles of this build: $OUT_DIR (or out/), two levels above this test bundle. */
const bundlesDir = path.resolve(__dirname, '..', '..');
const serverModule = path.join(bundlesDir, 'server.js');
const resultsDir = path.join(packageRoot, 'test-results');

const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'editor.hover.above': false,
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid', // a blinking cursor has no box half the time
  // The edits must stay unsaved until the end.
  'files.autoSave': 'off',
  // Typed text lands exactly as typed: no closing brackets, indentation or suggestions added.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
};


interface Expected {
  finding: Finding;
  /** 1-based, UTF-16 columns as VS Code counts. */
  line: number;
  column: number;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The engine's finding of RULE in `text` whose message names `functionName`. */
async function expectFinding(text: string, functionName: string): Promise<Expected> {
  const { findings } = (await testEngine()).analyzeText(text, {});
  const finding = findings.find((candidate) => candidate.rule === RULE && candidate.message.includes(functionName));
  assert.ok(finding, `the engine finds no ${RULE} finding naming ${functionName}`);
  return { finding, ...positionOf(text, finding.start) };
}

/** Moves to the finding's start and waits until its squiggle is drawn there; returns its box. */
async function squiggleAt(page: Page, expected: Expected, timeoutMs = STEP_TIMEOUT_MS): Promise<workbench.Box> {
  await workbench.goTo(page, expected.line, expected.column + 1);
  const what = `line ${expected.line}:${expected.column}, "${expected.finding.message}"`;
  return workbench.squiggleUnderCursor(page, expected.finding.severity, timeoutMs, what);
}

/** Types `text` at the very end of the document; the result is `before + text`. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await page.locator('.tab.active.dirty').waitFor();
}

/**
 * Counts, in the page, how often every squiggle of the editor disappeared: the client
 * drops a dead server's diagnostics, so the ones seen afterwards are the new server's.
 * (Page code as a string: this project's TypeScript has no DOM types.)
 */
const WATCH_SQUIGGLES_VANISH = `(() => {
  const state = globalThis;
  state.goForTsSquigglesVanished = 0;
  state.goForTsSquiggleObserver?.disconnect();
  const anySquiggle = () => document.querySelector('.editor-group-container.active .monaco-editor [class*="squiggly-"]') !== null;
  let present = anySquiggle();
  state.goForTsSquiggleObserver = new MutationObserver(() => {
    const now = anySquiggle();
    if (present && !now) state.goForTsSquigglesVanished += 1;
    present = now;
  });
  state.goForTsSquiggleObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
})()`;

async function watchSquigglesVanish(page: Page): Promise<void> {
  await page.evaluate(WATCH_SQUIGGLES_VANISH);
}

async function squigglesVanished(page: Page): Promise<number> {
  return Number(await page.evaluate('globalThis.goForTsSquigglesVanished ?? 0'));
}

test('a real VS Code restarts a killed language server, says so once, and resends the unsaved document', { timeout: 180_000 }, async (t) => {
  if (!e2eCanRun(t, packageRoot)) return;
  const lap = lapTimer(t);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-e2e-restart-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(packageRoot, 'test', 'workspace'), workspace, { recursive: true });
    const target = await findPitfall(workspace, [RULE]);
    const targetFile = path.join(workspace, target.relativePath);
    const onDisk = target.text;
    const original: Expected = { finding: target.finding, line: target.line, column: target.column };
    const unsavedText = onDisk + TYPED_BEFORE_CRASH;
    const unsaved = await expectFinding(unsavedText, 'restartProbeUnsaved');
    const finalText = unsavedText + TYPED_AFTER_RESTART;
    const typedAfter = await expectFinding(finalText, 'restartProbeAfter');

    const extension = makeExtensionFolder(packageRoot, bundlesDir, path.join(scratch, 'extension'));
    server = await startCodeServer({ packageRoot, scratch, extension, userSettings: USER_SETTINGS, startTimeoutMs: STEP_TIMEOUT_MS });
    lap(`code-server listening at ${server.url}`);
    browser = await launchBrowser(packageRoot, path.join(scratch, 'chromium'), STEP_TIMEOUT_MS);
    const page = browser.page;
    await workbench.openWorkbench(page, server.url, workspace);
    await workbench.openFile(page, target.relativePath);
    lap(`opened ${target.relativePath}`);

    const steps = stepRunner(t, { page, resultsDir, prefix: 'e2e-restart-failure-', lap, serverLog: () => server?.log() });

    /** The running server; 0 until found (or after a step failed to find one). */
    let serverPid = 0;
    const previousPids: number[] = [];
    /** SIGKILLs the running server; returns once it is gone. */
    const crash = async () => {
      assert.ok(serverPid > 0, 'no language server process to kill: an earlier step failed to find one');
      previousPids.push(serverPid);
      await watchSquigglesVanish(page);
      await killServer(serverPid, STEP_TIMEOUT_MS);
    };
    const restarted = async (st: TestContext) => {
      serverPid = 0;
      serverPid = await waitForNewServer(serverModule, previousPids, STEP_TIMEOUT_MS);
      st.diagnostic(`new server pid ${serverPid}`);
    };

    await steps('the saved pitfall and one typed (unsaved) are squiggled', async () => {
      await squiggleAt(page, original);
      await typeAtEnd(page, TYPED_BEFORE_CRASH);
      await squiggleAt(page, unsaved);
      await squiggleAt(page, original);
      assert.equal(fs.readFileSync(targetFile, 'utf8'), onDisk, 'the typed edit reached the disk: the test needs it unsaved');
      serverPid = await waitForNewServer(serverModule, [], STEP_TIMEOUT_MS);
    });

    await steps('killed, the server is restarted and the client says so', async (st) => {
      await crash();
      await restarted(st);
      await workbench.notificationToasts(page, RESTARTED_MESSAGE).first().waitFor();
    });

    await steps('the new server has the document as edited: both squiggles and the card of the unsaved one', async (st) => {
      await squiggleAt(page, original);
      // Last, so the editor is scrolled to it for the hover.
      const unsavedSquiggle = await squiggleAt(page, unsaved);
      // The hover card comes from the server (the squiggle's own line comes from VS Code):
      // only a server that holds the unsaved text knows of a finding there.
      const hover = await workbench.hoverOver(page, unsavedSquiggle, unsaved.finding.message);
      const phrase = target.typescriptPhrase.replace(/\s+/g, ' ');
      const text = await workbench.textOnceItHolds(hover, phrase);
      assert.ok(text.includes(phrase), `no hover card from the restarted server on the unsaved pitfall:\n${text}`);
      await workbench.dismissHover(page);
      st.diagnostic(`squiggles vanished ${await squigglesVanished(page)} time(s) while the server was down`);
      assert.ok((await squigglesVanished(page)) >= 1, 'the dead server\'s squiggles never went away: those seen may not be the new server\'s');
    });

    await steps('the restarted server follows further edits', async () => {
      await typeAtEnd(page, TYPED_AFTER_RESTART);
      await squiggleAt(page, typedAfter);
      await squiggleAt(page, unsaved);
    });

    await steps('killed again, it is restarted without a second message', async (st) => {
      // VS Code replaces a notification with an identical new one, so a repeat shows only
      // once the first is cleared.
      await workbench.runCommand(page, 'Notifications: Clear All Notifications');
      await workbench.notificationToasts(page, RESTARTED_MESSAGE).first().waitFor({ state: 'detached' });
      await crash();
      await restarted(st);
      for (const expected of [original, unsaved, typedAfter]) await squiggleAt(page, expected);
      // The client decides about the message before it starts the new server, and the
      // squiggles above came from the new server: a message would be in already.
      const notifications = await workbench.notificationCenterTexts(page);
      assert.deepEqual(notifications.filter((text) => text.includes(RESTARTED_MESSAGE)), [], 'the restart message was repeated');
    });

    const policy = new RestartPolicy();
    await steps(`after ${policy.maxRestarts} restarts in a short window the next crash is not restarted, and the client says why`, async (st) => {
      for (let restart = 3; restart <= policy.maxRestarts; restart++) {
        await crash();
        await restarted(st);
        await squiggleAt(page, typedAfter); // up and serving before the next crash
      }
      await crash();
      const toast = workbench.notificationToasts(page, GAVE_UP_MESSAGE).filter({ hasText: GAVE_UP_DETAIL }).first();
      await toast.waitFor();
      st.diagnostic(`gave up: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
      assert.deepEqual(serverProcesses(serverModule), [], 'a server was started after the client gave up');
      assert.deepEqual(
        (await workbench.notificationCenterTexts(page)).filter((text) => text.includes(RESTARTED_MESSAGE)),
        [],
        'the restart message was repeated',
      );
    });

    await steps('the Restart command brings the server back with the document as edited', async (st) => {
      await workbench.runCommand(page, RESTART_COMMAND);
      await restarted(st);
      for (const expected of [original, unsaved, typedAfter]) await squiggleAt(page, expected);
    });

    await steps('after a restart by hand, the crash count starts afresh: the next crash is restarted', async (st) => {
      await crash();
      await restarted(st);
      for (const expected of [original, unsaved, typedAfter]) await squiggleAt(page, expected);
      // The editor's text is what the test thinks it typed (saved only now, at the end).
      await workbench.save(page);
      assert.equal(fs.readFileSync(targetFile, 'utf8'), finalText, 'the editor holds other text than the test typed');
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
