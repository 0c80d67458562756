// Debian's Chromium driven by playwright-core, kept offline: every request that is not
// to this machine is aborted, so the workbench can't reach a marketplace or CDN.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

/**
 * playwright-core is loaded at run time from the package's node_modules rather than
 * bundled: it finds its own helper files relative to itself.
 */
function loadPlaywright(packageRoot: string): typeof import('playwright-core') {
  const requireFromRoot = createRequire(path.join(packageRoot, 'package.json'));
  return requireFromRoot('playwright-core') as typeof import('playwright-core');
}

export async function launchBrowser(packageRoot: string, profileDir: string, timeoutMs: number): Promise<Browser> {
  fs.mkdirSync(profileDir, { recursive: true });
  const { chromium } = loadPlaywright(packageRoot);
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: timeoutMs,
    viewport: { width: 1280, height: 1800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort();
    });
    context.setDefaultTimeout(timeoutMs);
    const page = context.pages()[0] ?? (await context.newPage());
    return { page, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}
