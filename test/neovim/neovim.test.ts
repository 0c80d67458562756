// A second real editor: headless Neovim (0.7+, Debian's package) runs the Lua
// setup users copy (test/neovim/go-for-ts.lua) against `go-for-ts lsp --stdio`,
// and reports what it received. Skipped when nvim is missing, unless
// GO_FOR_TS_REQUIRE_E2E=1 (CI), which makes a missing nvim a failure.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { outDir } from '../lsp/session';

interface NeovimReport {
  diagnostics: { lnum: number; col: number; end_col: number; severity: number; source: string; code: string; message: string }[];
  hover: string | null;
  error: string | null;
}

const SOURCE = `package main

import "context"

// "é😀" before the finding on its line: Neovim counts bytes, the server UTF-16.
func handle(name string /* é😀 */, ctx context.Context) error {
	return nil
}
`;

function nvimAvailable(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('Neovim', () => {
  it('shows go-for-ts diagnostics and hovers through go-for-ts lsp --stdio', (t) => {
    if (!nvimAvailable()) {
      if (process.env.GO_FOR_TS_REQUIRE_E2E === '1') assert.fail('nvim is not installed (apt-get install -y neovim) and GO_FOR_TS_REQUIRE_E2E=1');
      return t.skip('nvim not installed (apt-get install -y neovim); Neovim test skipped');
    }
    const root = findPackageRoot();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-nvim-'));
    try {
      const goFile = path.join(work, 'main.go');
      fs.writeFileSync(goFile, SOURCE);
      const report = path.join(work, 'report.json');
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(root, 'test', 'neovim', 'probe.lua')}`, '--', goFile], {
        cwd: work,
        env: {
          ...process.env,
          HOME: work,
          XDG_STATE_HOME: work,
          XDG_DATA_HOME: work,
          GO_FOR_TS_NVIM_OUT: report,
          GO_FOR_TS_NODE: process.execPath,
          GO_FOR_TS_CLI: path.join(outDir(), 'cli.js'),
          GO_FOR_TS_LUA: path.join(root, 'test', 'neovim', 'go-for-ts.lua'),
        },
        encoding: 'utf8',
        timeout: 60_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.ok(fs.existsSync(report), `nvim wrote no report (exit ${run.status}): ${run.stdout}${run.stderr}`);
      const result = JSON.parse(fs.readFileSync(report, 'utf8')) as NeovimReport;
      assert.equal(result.error, null);
      assert.equal(result.diagnostics.length, 1);
      const [diagnostic] = result.diagnostics;
      assert.equal(diagnostic!.source, 'go-for-ts');
      assert.equal(diagnostic!.code, 'context-first');
      assert.equal(diagnostic!.severity, 2, 'warning');
      const line = SOURCE.split('\n')[5]!;
      assert.equal(diagnostic!.lnum, 5);
      // Neovim reports byte columns: the server's UTF-16 positions were converted exactly.
      assert.equal(diagnostic!.col, Buffer.byteLength(line.slice(0, line.indexOf('ctx context'))));
      assert.equal(diagnostic!.end_col, Buffer.byteLength(line.slice(0, line.indexOf(') error'))));
      assert.match(result.hover ?? '', /nolint:context-first/);
      assert.match(result.hover ?? '', /```ts/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
