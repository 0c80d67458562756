// The browser bundles' guard (src/tools/no-node-builtins.mjs): a Node built-in
// imported anywhere in code bound for the browser fails the build, while the
// Node-only branches a package itself disables for browsers (its "browser" field)
// are left to esbuild's empty stubs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type * as Esbuild from 'esbuild';
import { findPackageRoot } from '../../src/engine/grammar-files';

const root = findPackageRoot();
// esbuild's JavaScript API cannot be bundled: loaded from the package's node_modules.
const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as typeof Esbuild;

async function loadGuard(): Promise<() => Esbuild.Plugin> {
  // Loaded at run time: the plugin is the build's own .mjs, not part of the test bundle.
  const url = pathToFileURL(path.join(root, 'src', 'tools', 'no-node-builtins.mjs')).href;
  return ((await import(url)) as { noNodeBuiltins: () => Esbuild.Plugin }).noNodeBuiltins;
}

async function browserBuild(files: Record<string, string>, entry: string): Promise<string[]> {
  const noNodeBuiltins = await loadGuard();
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    fs.writeFileSync(path.join(work, name), text);
  }
  try {
    await esbuild.build({
      entryPoints: [path.join(work, entry)],
      bundle: true,
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      plugins: [noNodeBuiltins()],
    });
    return [];
  } catch (error) {
    return (error as Esbuild.BuildFailure).errors.map((message) => message.text);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-guard-'));

describe('browser bundles refuse Node built-ins', () => {
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('fails on node: and bare built-in imports, naming them', async () => {
    const errors = await browserBuild(
      { 'a/entry.ts': "import * as fs from 'node:fs';\nimport * as p from 'path';\nconsole.log(fs, p);\n" },
      'a/entry.ts',
    );
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0]!, /Node built-in "node:fs"/);
    assert.match(errors[1]!, /Node built-in "path"/);
  });

  it("lets a package's own browser field stub its Node-only imports", async () => {
    const errors = await browserBuild(
      {
        'b/node_modules/dual/package.json': JSON.stringify({ name: 'dual', main: 'index.js', browser: { fs: false } }),
        'b/node_modules/dual/index.js': "module.exports = typeof process === 'object' ? require('fs') : null;\n",
        'b/entry.ts': "import dual from 'dual';\nconsole.log(dual);\n",
      },
      'b/entry.ts',
    );
    assert.deepEqual(errors, []);
  });

  it('passes on the real web entries', async () => {
    const noNodeBuiltins = await loadGuard();
    for (const entry of ['src/client/extension-web.ts', 'src/server/main-browser.ts']) {
      const result = await esbuild.build({
        entryPoints: [path.join(root, entry)],
        absWorkingDir: root,
        bundle: true,
        platform: 'browser',
        external: ['vscode'],
        loader: { '.md': 'text' },
        write: false,
        logLevel: 'silent',
        plugins: [noNodeBuiltins()],
      });
      assert.equal(result.errors.length, 0, entry);
    }
  });
});
