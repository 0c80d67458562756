// What a user does in the VS Code workbench, as Playwright steps against the DOM of
// VS Code 1.100 (code-server 4.100.3). Every wait is bounded by the page's default
// timeout, so a missing feature fails the test instead of hanging it.
import type { Locator, Page } from 'playwright-core';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

const EDITOR = '.editor-group-container.active .monaco-editor';

export async function openWorkbench(page: Page, serverUrl: string, folder: string): Promise<void> {
  await page.goto(`${serverUrl}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  // The explorer lists the folder once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
}

/** Quick Open (Ctrl+P) by workspace-relative path, the way a user would. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+P');
  await input.waitFor();
  await input.fill(relativePath);
  const baseName = relativePath.split('/').pop()!;
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: baseName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${baseName}"]`).waitFor();
  await page.locator(`${EDITOR} .view-lines`).waitFor();
}

export function squiggles(page: Page, severity: Severity): Locator {
  return page.locator(`${EDITOR} .squiggly-${severity}`);
}

/** Moves the cursor with Go to Line (Ctrl+G); line and column are 1-based. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+G');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Waits until a squiggle of `severity` is drawn under the cursor, and returns its box.
 * The cursor is read on each try: right after Go to Line the editor may not have rendered
 * the revealed line yet, and until it does the cursor has no box (CI once saw exactly that).
 * A box rather than a locator: the editor re-creates its decoration elements freely.
 */
export async function squiggleUnderCursor(page: Page, severity: Severity, timeoutMs: number, what: string): Promise<Box> {
  const cursor = page.locator(`${EDITOR} .cursor`).first();
  const deadline = Date.now() + timeoutMs;
  let cursorSeen = false;
  while (Date.now() < deadline) {
    const at = await cursor.boundingBox({ timeout: 500 }).catch(() => null);
    if (at) {
      cursorSeen = true;
      const x = at.x + 1;
      const y = at.y + at.height / 2;
      for (const squiggle of await squiggles(page, severity).all()) {
        const box = await squiggle.boundingBox({ timeout: 500 }).catch(() => null);
        if (box && box.x <= x && x <= box.x + box.width && box.y <= y && y <= box.y + box.height) return box;
      }
    }
    await page.waitForTimeout(100);
  }
  const why = cursorSeen ? `no .squiggly-${severity} under the cursor` : 'the editor cursor never showed';
  throw new Error(`${why} (${what}) within ${timeoutMs} ms`);
}

/**
 * The element's box once it is drawn and has stopped moving (two reads alike): the
 * editor re-creates decorations and shifts them while its layout settles, e.g. after
 * a panel closes.
 */
export async function settledBox(element: Locator, timeoutMs: number): Promise<Box> {
  const deadline = Date.now() + timeoutMs;
  let last: Box | null = null;
  while (Date.now() < deadline) {
    const box = await element.boundingBox({ timeout: 500 }).catch(() => null);
    if (box && last && box.x === last.x && box.y === last.y && box.width === last.width && box.height === last.height) return box;
    last = box;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the element never showed a settled box within ${timeoutMs} ms`);
}

/** Opens the Problems panel and returns the row whose text contains `text`. */
export async function problemsRow(page: Page, text: string): Promise<Locator> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  const row = panel.locator('.monaco-list-row').filter({ hasText: text }).first();
  await row.waitFor();
  return row;
}

export async function closePanel(page: Page): Promise<void> {
  const panel = page.locator('.markers-panel');
  if (await panel.isVisible()) {
    await page.keyboard.press('Control+J'); // toggles the panel area
    await panel.waitFor({ state: 'hidden' });
  }
}

const VISIBLE_HOVER = '.monaco-hover:not(.hidden) .monaco-hover-content';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rests the mouse on the middle of `target` and returns the hover once it shows `expected`. */
export async function hoverOver(page: Page, target: Box, expected: string): Promise<Locator> {
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
  const hover = page.locator(VISIBLE_HOVER).filter({ hasText: expected }).first();
  await hover.waitFor();
  return hover;
}

/** The element's text (blanks collapsed) once it holds `phrase`, or after `timeoutMs` whatever it holds. */
export async function textOnceItHolds(element: Locator, phrase: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = (await element.innerText()).replace(/\s+/g, ' ');
    if (text.includes(phrase) || Date.now() > until) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.locator(VISIBLE_HOVER).waitFor({ state: 'hidden' });
}

/** Opens the quick-fix menu (Ctrl+.) at the cursor and picks the action titled `title`. */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.filter({ hasText: title }).first().waitFor();
  // The menu puts a pointer blocker over the page, so choose with the keyboard as users do.
  const count = await rows.count();
  for (let step = 0; step <= count; step++) {
    const focused = rows.and(page.locator('.focused'));
    if (((await focused.getAttribute('aria-label')) ?? '').includes(title)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`quick fix "${title}" could not be selected in the menu`);
}

/** Saves the active editor (Ctrl+S) once it has unsaved changes, and waits until it is clean. */
export async function save(page: Page): Promise<void> {
  await page.locator('.tab.active.dirty').waitFor();
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
}

/** Types `prefix` on a fresh line at the end of the file and accepts its snippet suggestion. */
export async function expandSnippet(page: Page, prefix: string): Promise<void> {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(prefix, { delay: 20 });
  await page.keyboard.press('Control+Space');
  const row = page
    .locator('.suggest-widget .monaco-list-row')
    .filter({ has: page.locator('.codicon-symbol-snippet') })
    .filter({ hasText: prefix })
    .first();
  await row.waitFor();
  await row.click();
  await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
  await page.keyboard.press('Escape'); // leave snippet placeholder mode
}

/** Runs a command from the Command Palette (F1) by its title, e.g. "Notifications: Clear All Notifications". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Enter runs the focused row: wait until the fuzzy match has put this command there.
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Notification toasts on screen whose text contains `text`. */
export function notificationToasts(page: Page, text: string): Locator {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
}

/**
 * The texts of every notification VS Code holds, shown or not: a toast that timed out
 * stays in the Notification Center until cleared. Opens the center and closes it again.
 */
export async function notificationCenterTexts(page: Page): Promise<string[]> {
  const center = page.locator('.notifications-center');
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center.visible').waitFor();
  const texts = (await center.locator('.monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
  await runCommand(page, 'Notifications: Hide Notifications');
  await page.locator('.notifications-center.visible').waitFor({ state: 'detached' });
  return texts;
}
