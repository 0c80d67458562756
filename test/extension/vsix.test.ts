// `npm run package` (src/tools/package.mjs + vsce) makes a small .vsix holding the
// bundles, not node_modules, and the server inside it runs on its own.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { LspSession, outDir } from '../lsp/session';
import { listZip, readZipEntry, type ZipEntry } from './zip';

const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;
const root = findPackageRoot();

describe('the .vsix package', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-vsix-test-'));
  const vsix = path.join(work, 'go-for-ts.vsix');
  let packaged: { ok: true; zip: Buffer; entries: ZipEntry[] } | { ok: false; reason: string };

  before(() => {
    const run = spawnSync(process.execPath, [path.join(root, 'src', 'tools', 'package.mjs'), '--out', vsix], {
      cwd: root,
      env: { ...process.env, OUT_DIR: outDir() },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/.test(output)) {
      packaged = { ok: false, reason: `vsce needs the network here: ${output.trim().split('\n').pop()}` };
      return;
    }
    assert.equal(run.status, 0, `package.mjs failed:\n${output}`);
    const zip = fs.readFileSync(vsix);
    packaged = { ok: true, zip, entries: listZip(zip) };
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('is under 1.5 MB and holds the desktop and web bundles, grammars, snippets and license, nothing else', (t) => {
    if (!packaged.ok) return t.skip(packaged.reason);
    assert.ok(packaged.zip.length < MAX_VSIX_BYTES, `${packaged.zip.length} bytes`);
    const names = packaged.entries.map((entry) => entry.name);
    for (const required of [
      'extension/package.json',
      'extension/out/client.js',
      'extension/out/server.js',
      'extension/out/cli.js',
      'extension/out/cli-engine.js',
      'extension/out/web/client.js',
      'extension/out/web/server.js',
      'extension/grammars/tree-sitter-go.wasm',
      'extension/grammars/web-tree-sitter.wasm',
      'extension/snippets/go.json',
    ]) {
      assert.ok(names.includes(required), `${required} in ${names.join(', ')}`);
    }
    assert.ok(names.some((name) => /^extension\/LICENSE(\.txt|\.md)?$/.test(name)), 'a license');
    // Both flavours' entry points are in the package: "main" (desktop) and "browser" (vscode.dev).
    const manifestEntry = packaged.entries.find((entry) => entry.name === 'extension/package.json')!;
    const manifest = JSON.parse(readZipEntry(packaged.zip, manifestEntry).toString('utf8')) as { main: string; browser: string };
    for (const entry of [manifest.main, manifest.browser]) assert.ok(names.includes(`extension/${path.posix.normalize(entry)}`), entry);
    for (const name of names) {
      assert.doesNotMatch(name, /node_modules|\.map$|^extension\/(src|test|out-[^/]*)\/|\.ts$|\.vsix$/, name);
      if (name.startsWith('extension/out/')) assert.match(name, /^extension\/out\/((client|server|cli|cli-engine)|web\/(client|server))\.js$/);
    }
  });

  it('runs: its server publishes diagnostics with no node_modules around it', async (t) => {
    if (!packaged.ok) return t.skip(packaged.reason);
    const { zip, entries } = packaged;
    const unpacked = path.join(work, 'unpacked');
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      const file = path.join(unpacked, entry.name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, readZipEntry(zip, entry));
    }
    const session = await LspSession.start({ args: [path.join(unpacked, 'extension', 'out', 'server.js'), '--stdio'] });
    try {
      const [diagnostic] = await session.open(
        'file:///tmp/vsix-check.go',
        'package main\n\nimport "context"\n\nfunc f(n int, ctx context.Context) {}\n',
      );
      assert.equal(diagnostic?.code, 'context-first');
    } finally {
      await session.stop();
    }
    // Its CLI checks a file in process, the engine loaded from its own bundle.
    const file = path.join(work, 'vsix-check.go');
    fs.writeFileSync(file, 'package main\n\nimport "context"\n\nfunc f(n int, ctx context.Context) {}\n');
    const check = spawnSync(process.execPath, [path.join(unpacked, 'extension', 'out', 'cli.js'), 'check', file, '--no-cache'], { encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /\[context-first\]/);
  });
});
