// `go-for-ts check --jobs N`: the same bytes on stdout (and the same stderr and exit
// code) whatever the number of worker threads, on the sample workspace and on a
// generated tree of many packages; a worker that dies or throws costs no other result.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findPackageRoot } from '../src/engine/grammar-files';
import { generatedTree, runCli, temporaryDirectory, writeFiles, type CliRun } from './cli/tree';

const workspace = path.join(findPackageRoot(), 'test', 'workspace');
const FORMATS = ['text', 'json', 'sarif'] as const;

describe('go-for-ts check --jobs', () => {
  let tree: string;
  let cacheDir: string;
  const run = (args: string[], cwd: string = tree, env?: Record<string, string>): CliRun =>
    runCli(['check', '.', '--no-cache', ...args], { cwd, cacheDir, env });

  before(() => {
    tree = temporaryDirectory('parallel-tree');
    cacheDir = temporaryDirectory('parallel-cache');
    writeFiles(tree, generatedTree());
  });
  after(() => {
    fs.rmSync(tree, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const format of FORMATS) {
    it(`prints the same ${format} output with --jobs 1 and --jobs 2 on the sample workspace`, () => {
      const one = run(['--format', format, '--jobs', '1'], workspace);
      const two = run(['--format', format, '--jobs', '2'], workspace);
      assert.equal(one.status, 1, one.stderr);
      assert.ok(one.stdout.length > 100, 'the sample has findings');
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr, one.stderr);
      assert.equal(two.status, one.status);
    });

    it(`prints the same ${format} output with --jobs 1, 2 and 3 on a generated tree of many packages`, () => {
      const one = run(['--format', format, '--jobs', '1']);
      assert.equal(one.status, 1, one.stderr);
      for (const jobs of ['2', '3']) {
        const other = run(['--format', format, '--jobs', jobs]);
        assert.equal(other.stdout, one.stdout, `--jobs ${jobs}`);
        assert.equal(other.stderr, one.stderr, `--jobs ${jobs}`);
        assert.equal(other.status, one.status, `--jobs ${jobs}`);
      }
    });
  }

  it('checks every package of the generated tree, in walk order, with the sibling-file facts', () => {
    const { stdout, stderr } = run(['--jobs', '2']);
    const files = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(0, line.indexOf(':')));
    assert.deepEqual(files, [...files].sort(), 'findings come in walk order (sorted paths)');
    // The generator gives file f of package d (d + f) % 3 functions that take the context last.
    let expected = 0;
    for (let d = 0; d < 12; d++) for (let f = 0; f <= d % 4; f++) expected += (d + f) % 3;
    assert.equal(files.filter((file) => file.startsWith('pkg')).length, expected);
    assert.match(stdout, /^locks\/use\.go:4:7: Count has a value receiver.*sync\.Mutex.*\[mutex-copy\]$/m);
    assert.match(stdout, /^text\/crlf\.go:6:25: .*Ünïcode.*\[context-first\]$/m);
    assert.match(stdout, /^loops\/loops\.go:\d+:\d+: Loop variable item .*\[loop-var-capture\]$/m);
    assert.doesNotMatch(stdout, /testdata|vendor/);
    assert.match(stderr, /^go-for-ts: broken\/a_syntax\.go:3:13: syntax error/m);
    assert.match(stderr, /^go-for-ts: broken\/b_utf8\.go: not valid UTF-8/m);
  });

  it('retries in this process the directory of a worker that died, naming the file it was on', () => {
    const expected = run(['--jobs', '1']);
    const crashed = run(['--jobs', '2'], tree, { GO_FOR_TS_TEST_WORKER_FAULT: 'exit:locks/use.go' });
    assert.equal(crashed.stdout, expected.stdout, 'no result is lost');
    assert.equal(crashed.status, expected.status);
    assert.match(crashed.stderr, /go-for-ts: locks\/use\.go: the worker checking it stopped \(exit code 70\); checking locks again in this process/);
    // The fault is read by workers only: with --jobs 1 there is none to crash.
    const inProcess = run(['--jobs', '1'], tree, { GO_FOR_TS_TEST_WORKER_FAULT: 'exit:locks/use.go' });
    assert.equal(inProcess.stderr, expected.stderr);
  });

  it('finishes with every result when every worker dies', () => {
    const expected = run(['--jobs', '1']);
    const crashed = run(['--jobs', '2'], tree, { GO_FOR_TS_TEST_WORKER_FAULT: 'exit:/' });
    assert.equal(crashed.stdout, expected.stdout);
    assert.equal(crashed.status, expected.status);
    assert.ok(crashed.stderr.split('\n').filter((line) => line.includes('the worker checking it stopped')).length >= 2, crashed.stderr);
  });

  it('reports a file whose analysis threw in a worker and keeps every other result', () => {
    const expected = run(['--jobs', '1']);
    const failed = run(['--jobs', '2'], tree, { GO_FOR_TS_TEST_WORKER_FAULT: 'throw:/pkg3/' });
    assert.equal(failed.status, 2, 'a file left unchecked is an error');
    for (const file of ['f0.go', 'f1.go', 'f2.go', 'f3.go']) {
      assert.match(failed.stderr, new RegExp(`^go-for-ts: pkg3/${file}: could not be analysed: injected fault`, 'm'));
    }
    const outsidePkg3 = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('pkg3/'));
    assert.deepEqual(outsidePkg3(failed.stdout), outsidePkg3(expected.stdout));
  });

  it('rejects a --jobs that is not a whole number of 1 or more', () => {
    for (const value of ['0', '-1', '1.5', 'many']) {
      const result = run([`--jobs=${value}`]);
      assert.equal(result.status, 2, value);
      assert.match(result.stderr, /--jobs must be a whole number/);
    }
  });
});
