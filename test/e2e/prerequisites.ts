// What the desktop e2e tests share: what they need on the machine (without it: skip
// with one line, or fail when GO_FOR_TS_REQUIRE_E2E=1, as in CI, where a skip would
// hide a broken set-up), their lap timer and their step runner.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM } from './browser';
import { isCodeServerInstalled, SETUP_COMMAND } from './code-server';

function missingPrerequisite(packageRoot: string): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
  if (!isCodeServerInstalled(packageRoot)) return 'code-server is not installed in the cache';
  if (!fs.existsSync(path.join(packageRoot, 'src', 'client', 'extension.ts'))) return 'the VS Code client is not written yet';
  return undefined;
}

/** True when the test can run; otherwise it is skipped (or failed under GO_FOR_TS_REQUIRE_E2E=1). */
export function e2eCanRun(t: TestContext, packageRoot: string): boolean {
  const missing = missingPrerequisite(packageRoot);
  if (!missing) return true;
  if (process.env.GO_FOR_TS_REQUIRE_E2E === '1') assert.fail(`e2e required but ${missing}: run ${SETUP_COMMAND}`);
  t.skip(`e2e skipped: run ${SETUP_COMMAND} (${missing})`);
  return false;
}

/** Prints how far into the test each step was reached (`t.diagnostic` lines). */
export function lapTimer(t: TestContext): (what: string) => void {
  const started = Date.now();
  return (what) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
}

/**
 * Runs each step as a subtest; a failing one leaves a screenshot in `resultsDir`
 * (named `<prefix><step>.png`) and code-server's log tail in the test output.
 */
export function stepRunner(
  t: TestContext,
  options: { page: Page; resultsDir: string; prefix: string; lap: (what: string) => void; serverLog: () => string | undefined },
): (name: string, body: (st: TestContext) => Promise<void>) => Promise<void> {
  return (name, body) =>
    t.test(name, async (st) => {
      try {
        await body(st);
        options.lap(name);
      } catch (error) {
        const shot = path.join(options.resultsDir, `${options.prefix}${name.replace(/\W+/g, '-')}.png`);
        fs.mkdirSync(options.resultsDir, { recursive: true });
        await options.page.screenshot({ path: shot }).catch(() => undefined);
        st.diagnostic(`screenshot: ${shot}`);
        st.diagnostic(`code-server log (tail):\n${options.serverLog()?.slice(-4000)}`);
        throw error;
      }
    });
}
