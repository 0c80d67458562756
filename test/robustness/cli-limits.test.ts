// The CLI on files it should not (or cannot fully) analyse: one over the size limit
// is skipped with a notice (not an I/O error) and the others are still checked;
// --max-file-size-kb raises the limit; a NUL character gets a syntax-error notice with
// its line; a bad value is a usage error.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bigGoFile } from '../lsp/big-file';
import { outDir } from '../lsp/session';

function check(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(outDir(), 'cli.js'), 'check', '--no-cache', '--jobs', '1', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI limits', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-limits-'));
    // About 2.2 MB of handlers, each taking its context last: a finding per function when analysed.
    fs.writeFileSync(path.join(dir, 'big.go'), bigGoFile(4000));
    fs.writeFileSync(path.join(dir, 'small.go'), 'package server\n\nimport "context"\n\nfunc load(id string, ctx context.Context) error { return nil }\n');
    fs.mkdirSync(path.join(dir, 'nul'));
    fs.writeFileSync(path.join(dir, 'nul', 'nul.go'), 'package nul\n\n// a\u0000b\nfunc f() {}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('skips a file over the default 1,024 KB with a notice, checks the rest, exits as for the findings', () => {
    const run = check(['big.go', 'small.go'], dir);
    assert.match(run.stderr, /big\.go: not analysed: 2,\d{3} KB is over the 1,024 KB limit \(raise it with --max-file-size-kb\)/);
    assert.match(run.stdout, /small\.go:5:/, 'the small file is still checked');
    assert.doesNotMatch(run.stdout, /big\.go/);
    assert.equal(run.status, 1, 'findings, no I/O error');
  });

  it('analyses it once --max-file-size-kb is raised above its size', () => {
    const run = check(['--max-file-size-kb', '4096', 'big.go'], dir);
    assert.doesNotMatch(run.stderr, /not analysed/);
    assert.equal((run.stdout.match(/big\.go:\d+:\d+/g) ?? []).length, 4000, 'one finding per handler');
    assert.equal(run.status, 1);
  });

  it('rejects a limit that is not a number of kilobytes', () => {
    const run = check(['--max-file-size-kb', 'lots', 'small.go'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--max-file-size-kb must be a number of kilobytes/);
  });

  it('names the line of a NUL character as a syntax error', () => {
    const run = check(['nul'], dir);
    assert.match(run.stderr, /nul\.go:3:\d+: syntax error; findings in this file may be incomplete/);
    assert.notEqual(run.status, 2, 'not an I/O error');
  });
});
