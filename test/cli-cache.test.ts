// The CLI's result cache: a warm run prints exactly what a fresh one does, and never
// serves a result whose inputs changed (the file, a sibling's facts, the Go version,
// the configuration). A damaged or unreadable cache file is ignored with one line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { engineDigest } from '../src/cli/cache-keys';
import { cacheDirectory } from '../src/cli/cache-location';
import { isUnchanged, racyMargins, stampOf, type FileStamp } from '../src/cli/file-stamps';
import {
  generatedTree,
  LOCK_TYPES_PLAIN,
  LOCK_TYPES_WITH_MUTEX,
  runCli,
  temporaryDirectory,
  writeFiles,
  type CliRun,
} from './cli/tree';

const FORMATS = ['text', 'json', 'sarif'] as const;
const STATS = { GO_FOR_TS_CACHE_STATS: '1' };

/** "go-for-ts: cache: 3 of 40 files from …, 37 analysed" -> { fromCache: 3, analysed: 37 } */
function cacheStats(run: CliRun): { fromCache: number; analysed: number } {
  const match = /go-for-ts: cache: (\d+) of \d+ files from .*, (\d+) analysed/.exec(run.stderr);
  assert.ok(match, `no cache stats on stderr: ${run.stderr}`);
  return { fromCache: Number(match[1]), analysed: Number(match[2]) };
}

/** stderr without the stats line (not printed by a run without the variable). */
function warnings(run: CliRun): string {
  return run.stderr
    .split('\n')
    .filter((line) => !line.startsWith('go-for-ts: cache: '))
    .join('\n');
}

/** The cache file (result-cache.ts): a first line of JSON, the summaries' lines, the index's lines, then one line per facts entry. */
interface CacheFile {
  first: { format: number; generation: number; summaryBytes: number; indexBytes: number };
  /** "s<generation>\t<directory>\0<go version>\0<configuration>\t<summary JSON>" */
  summaries: string[];
  /** "<tag><generation>\t<key>\t<value>", tag f (stamps), d (facts digests) or r (results). */
  index: string[];
  factsLines: string[];
}

function readCacheFile(file: string): CacheFile {
  const bytes = fs.readFileSync(file);
  const newline = bytes.indexOf(10);
  const first = JSON.parse(bytes.toString('utf8', 0, newline)) as CacheFile['first'];
  const summariesEnd = newline + 1 + first.summaryBytes;
  const indexEnd = summariesEnd + first.indexBytes;
  const lines = (from: number, to?: number) => bytes.toString('utf8', from, to).split('\n').filter(Boolean);
  return { first, summaries: lines(newline + 1, summariesEnd), index: lines(summariesEnd, indexEnd), factsLines: lines(indexEnd) };
}

function writeCacheFile(file: string, { first, summaries, index, factsLines }: CacheFile): void {
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  const [summaryText, indexText] = [text(summaries), text(index)];
  const lengths = { summaryBytes: Buffer.byteLength(summaryText), indexBytes: Buffer.byteLength(indexText) };
  fs.writeFileSync(file, `${JSON.stringify({ ...first, ...lengths })}\n${summaryText}${indexText}${text(factsLines)}`);
}

/** "…, 40 of 40 files from … (37 by directory summaries), …" -> 37 */
function fromSummaries(run: CliRun): number {
  const match = /go-for-ts: cache: .* \((\d+) by directory summaries\)/.exec(run.stderr);
  assert.ok(match, `no summary count on stderr: ${run.stderr}`);
  return Number(match[1]);
}

/** The index line with its value replaced, in the sections whose tag is given. */
function withValue(line: string, tag: string, value: string): string {
  return line.startsWith(tag) ? line.slice(0, line.indexOf('\t', line.indexOf('\t') + 1) + 1) + value : line;
}

/**
 * Waits until every file under the tree is older than the racy margin (file-stamps.ts),
 * so the next run's stamps and summaries are trusted by the run after it: its newest
 * change plus 150 ms on a file system with sub-second timestamps, 2.1 s with whole seconds.
 */
function letFilesSettle(tree: string): void {
  let newest = 0;
  let fine = false;
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else {
        const { ctimeMs, mtimeMs } = fs.statSync(full);
        newest = Math.max(newest, ctimeMs, mtimeMs);
        fine ||= ctimeMs % 1000 !== 0;
      }
    }
  };
  visit(tree);
  const wait = newest + (fine ? 150 : 2100) - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
}

/** "…, 37 analysed, 2 read" -> 2: how many files the run read from disk. */
function filesRead(run: CliRun): number {
  const match = /go-for-ts: cache: .*, (\d+) read$/m.exec(run.stderr);
  assert.ok(match, `no read count on stderr: ${run.stderr}`);
  return Number(match[1]);
}

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort() : [];
}

describe('go-for-ts check with the result cache', () => {
  let tree: string;
  let cacheDir: string;
  const cached = (args: string[] = [], env: Record<string, string> = {}) =>
    runCli(['check', '.', ...args], { cwd: tree, cacheDir, env: { ...STATS, ...env } });
  const fresh = (args: string[] = []) => runCli(['check', '.', '--no-cache', ...args], { cwd: tree, cacheDir });
  /** The warm run must equal a run without any cache, stdout, stderr and exit code. */
  const assertSameAsFresh = (run: CliRun, args: string[] = []) => {
    const expected = fresh(args);
    assert.equal(run.stdout, expected.stdout);
    assert.equal(warnings(run), expected.stderr);
    assert.equal(run.status, expected.status);
  };

  beforeEach(() => {
    tree = temporaryDirectory('cache-tree');
    cacheDir = temporaryDirectory('cache-dir');
    writeFiles(tree, generatedTree());
  });
  afterEach(() => {
    fs.rmSync(tree, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const format of FORMATS) {
    it(`prints the same ${format} output from the cache as a fresh run, and the warm run parses nothing`, () => {
      letFilesSettle(tree); // else the warm run would record that the files have settled
      const cold = cached(['--format', format]);
      assert.equal(cacheStats(cold).fromCache, 0);
      assertSameAsFresh(cold, ['--format', format]);
      const [file] = cacheFiles(cacheDir);
      assert.ok(file, 'the cold run wrote the cache');
      const before = fs.readFileSync(path.join(cacheDir, file));

      const warm = cached(['--format', format]);
      assert.equal(warm.stdout, cold.stdout);
      assert.equal(warnings(warm), warnings(cold), 'syntax errors and encoding notices are told again');
      assert.equal(warm.status, cold.status);
      assert.deepEqual(cacheStats(warm), { fromCache: cacheStats(cold).analysed, analysed: 0 });
      assert.ok(filesRead(warm) < filesRead(cold), 'files without findings or notices are not read again');
      assert.deepEqual(fs.readFileSync(path.join(cacheDir, file)), before, 'a run that only read the cache leaves it as it was');
    });
  }

  it('keeps the stamps and results of paths with a tab, a line break or a quote in them', () => {
    const flagged = 'package odd\n\nimport "context"\n\nfunc Run(id int, ctx context.Context) {}\n';
    fs.rmSync(tree, { recursive: true });
    writeFiles(tree, {
      'go.mod': 'module example.com/odd\n\ngo 1.21\n',
      'tab\tdir/a.go': flagged,
      'line\nbreak/b.go': flagged,
      '"quoted/c.go': flagged.replace('Run', 'Go'),
    });
    letFilesSettle(tree);
    const cold = cached();
    assert.match(cold.stdout, /tab\tdir\/a\.go:5:/);
    const warm = cached();
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(cacheStats(warm).analysed, 0);
    assert.equal(filesRead(warm), 0, 'their stamps were read back');
    const [file] = cacheFiles(cacheDir);
    const { index } = readCacheFile(path.join(cacheDir, file!));
    assert.ok(index.some((line) => line.includes(String.raw`line\nbreak`)), 'a key with a line break is written as a JSON string');
  });

  it('serves a directory from its summary only while it holds the same files, unchanged, and the same size limit', () => {
    letFilesSettle(tree);
    const cold = cached();
    const warm = cached();
    assert.equal(warm.stdout, cold.stdout);
    const { fromCache } = cacheStats(warm);
    // broken/ holds a file that is not UTF-8: its notice is told each run, so it is never summed up.
    const broken = 3;
    assert.equal(fromSummaries(warm), fromCache - broken, 'every other directory from its summary');
    assert.equal(filesRead(warm), 1, 'only the file that is not UTF-8 is read');

    const pkg3 = (name: string) => path.join(tree, 'pkg3', name);
    const pkg3Files = 4;
    const edits: [string, () => void][] = [
      ['a file added', () => fs.writeFileSync(pkg3('f9.go'), 'package pkg3\n\nimport "context"\n\nfunc Nine(id int, ctx context.Context) {}\n')],
      ['a file renamed', () => fs.renameSync(pkg3('f9.go'), pkg3('f8.go'))],
      ['a file deleted', () => fs.rmSync(pkg3('f8.go'))],
    ];
    for (const [what, edit] of edits) {
      edit();
      const after = cached();
      assertSameAsFresh(after);
      assert.equal(fromSummaries(after), fromCache - broken - pkg3Files, `${what}: pkg3 is checked file by file, the rest from summaries`);
    }
    const limited = cached(['--max-file-size-kb', '1']);
    assertSameAsFresh(limited, ['--max-file-size-kb', '1']);
    assert.ok(fromSummaries(limited) < fromSummaries(warm), 'files now over the limit were analysed when the summaries were made');
  });

  it('gives the same results from the cache with --jobs 1 and --jobs 2', () => {
    const cold = cached(['--jobs', '2', '--format', 'json']);
    const warm = cached(['--jobs', '1', '--format', 'json']);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(cacheStats(warm).analysed, 0);
  });

  it('re-analyses only a file whose content changed, and only its result changes', () => {
    const before = cached();
    const file = path.join(tree, 'pkg3', 'f1.go');
    fs.appendFileSync(file, '\nfunc Added(id int, ctx context.Context) {}\n');
    const after = cached();
    assert.deepEqual(cacheStats(after), { fromCache: cacheStats(before).analysed - 1, analysed: 1 }, 'its siblings keep their results');
    assertSameAsFresh(after);
    const lines = (run: CliRun) => run.stdout.split('\n').filter(Boolean);
    const others = (run: CliRun) => lines(run).filter((line) => !line.startsWith('pkg3/f1.go:'));
    assert.deepEqual(others(after), others(before));
    assert.equal(lines(after).length, lines(before).length + 1);
    assert.match(after.stdout, /^pkg3\/f1\.go:\d+:\d+: .*first parameter of Added/m);
  });

  it('never serves a stale result when a sibling file changes what a type holds', () => {
    writeFiles(tree, { 'locks/types.go': LOCK_TYPES_PLAIN });
    const unlocked = cached();
    assert.doesNotMatch(unlocked.stdout, /locks\/use\.go/);

    writeFiles(tree, { 'locks/types.go': LOCK_TYPES_WITH_MUTEX });
    const locked = cached();
    assert.match(locked.stdout, /^locks\/use\.go:4:7: Count has a value receiver.*sync\.Mutex.*\[mutex-copy\]$/m);
    assertSameAsFresh(locked);
    assert.equal(cacheStats(locked).analysed, 2, 'types.go is new, use.go was analysed with other facts');

    // Back to the first version: both files' results for those facts are still cached.
    writeFiles(tree, { 'locks/types.go': LOCK_TYPES_PLAIN });
    const again = cached();
    assert.equal(again.stdout, unlocked.stdout);
    assert.equal(cacheStats(again).analysed, 0);
  });

  it('keys results by the configuration', () => {
    writeFiles(tree, {
      'wrap/wrap.go': 'package wrap\n\nimport "fmt"\n\nfunc Wrap(err error) error { return fmt.Errorf("load: %v", err) }\n',
    });
    const plain = cached();
    const enabled = cached(['--enable', 'error-wrap']);
    assert.match(enabled.stdout, /^wrap\/wrap\.go:.*\[error-wrap\]$/m);
    assert.doesNotMatch(plain.stdout, /error-wrap/);
    assertSameAsFresh(enabled, ['--enable', 'error-wrap']);
    const plainAgain = cached();
    assert.equal(plainAgain.stdout, plain.stdout);
    assert.equal(cacheStats(plainAgain).analysed, 0, 'each configuration keeps its own results');
    const disabled = cached(['--disable', 'context-first']);
    assertSameAsFresh(disabled, ['--disable', 'context-first']);
  });

  it('keys results by the Go version of go.mod', () => {
    const before = cached();
    assert.match(before.stdout, /\[loop-var-capture\]/);
    writeFiles(tree, { 'go.mod': 'module example.com/gen\n\ngo 1.22\n' });
    const after = cached();
    assert.doesNotMatch(after.stdout, /\[loop-var-capture\]/, 'loop variables are per iteration from Go 1.22');
    assertSameAsFresh(after);
  });

  it('ignores a damaged cache file with one line on stderr and rebuilds it', () => {
    cached();
    const [file] = cacheFiles(cacheDir);
    fs.writeFileSync(path.join(cacheDir, file!), '{"format":4,"generation":3,"summaryBytes":10,"indexBytes":90}\nf1\t/a.go\t1 2 3');
    const damaged = cached();
    const lines = damaged.stderr.split('\n').filter((line) => line.includes(file!));
    assert.equal(lines.filter((line) => line.includes('ignoring')).length, 1, damaged.stderr);
    assertSameAsFresh({ ...damaged, stderr: damaged.stderr.replace(/^go-for-ts: ignoring.*\n/m, '') });
    const rebuilt = cached();
    assert.doesNotMatch(rebuilt.stderr, /ignoring/);
    assert.equal(cacheStats(rebuilt).analysed, 0);
  });

  it('treats well-formed JSON with entries of the wrong shape as misses', () => {
    cached();
    const [file] = cacheFiles(cacheDir);
    const cacheFile = path.join(cacheDir, file!);
    const original = readCacheFile(cacheFile);
    assert.ok(original.summaries.length > 0);
    // Without summaries, so that the per-file entries are what the run reads.
    const perFile = { ...original, summaries: [] };
    const badStamps = original.index.map((line) => withValue(withValue(line, 'f', 'not a stamp'), 'r', '[{"facts":"x","findings":"none"}]'));
    const badFacts = original.factsLines.map((line) => `${line.slice(0, line.indexOf(',') + 1)}{"facts":"not facts"}]`);
    writeCacheFile(cacheFile, { ...perFile, index: badStamps, factsLines: badFacts });
    assertSameAsFresh(cached());

    writeCacheFile(cacheFile, { ...perFile, index: original.index.map((line) => withValue(line, 'd', 'not a digest')) });
    assertSameAsFresh(cached());
    writeCacheFile(cacheFile, { ...perFile, index: original.index.map((line) => withValue(line, 'f', '1 2 3 4 5  7')) });
    assertSameAsFresh(cached());

    // Summaries of the wrong shape: each a miss, whatever the per-file entries say.
    const summary = JSON.parse(original.summaries[0]!.slice(original.summaries[0]!.lastIndexOf('\t') + 1)) as Record<string, unknown>;
    for (const bad of [{ ...summary, verifiedAt: 'later' }, { ...summary, files: 'all' }, { ...summary, oversize: [0.5] }, { ...summary, reports: [[0, 'none', -1, []]] }, 'not json']) {
      const summaries = original.summaries.map((line) => withValue(line, 's', typeof bad === 'string' ? bad : JSON.stringify(bad)));
      writeCacheFile(cacheFile, { ...original, summaries });
      assertSameAsFresh(cached());
    }
  });

  it('goes on without the cache when its file cannot be read', () => {
    cached();
    const [file] = cacheFiles(cacheDir);
    fs.rmSync(path.join(cacheDir, file!));
    fs.mkdirSync(path.join(cacheDir, file!)); // reading a directory fails, even for root
    const run = cached();
    assert.equal(run.stderr.split('\n').filter((line) => line.includes('ignoring the cache')).length, 1, run.stderr);
    assertSameAsFresh({ ...run, stderr: run.stderr.replace(/^go-for-ts: ignoring.*\n/m, '') });
  });

  it('keeps the cache file under its size cap by evicting entries', () => {
    const cap = 3000;
    const run = cached([], { GO_FOR_TS_CACHE_MAX_BYTES: String(cap) });
    assertSameAsFresh(run);
    const [file] = cacheFiles(cacheDir);
    const text = fs.readFileSync(path.join(cacheDir, file!), 'utf8');
    assert.ok(text.length <= cap, `${text.length} > ${cap}`);
    const { summaries, index } = readCacheFile(path.join(cacheDir, file!));
    assert.ok(summaries.length + index.length > 0, 'what fits is kept');
    assertSameAsFresh(cached([], { GO_FOR_TS_CACHE_MAX_BYTES: String(cap) }));
  });

  it("prunes other engine versions' files beyond the newest two and stale temporary files", () => {
    fs.mkdirSync(cacheDir, { recursive: true });
    const old = Date.now() / 1000 - 7200;
    for (let i = 0; i < 4; i++) {
      const name = path.join(cacheDir, `results-v1-old${i}.json`);
      fs.writeFileSync(name, '{}');
      fs.utimesSync(name, old + i, old + i);
    }
    const temp = path.join(cacheDir, 'results-v1-old0.json.123-abcd.tmp');
    fs.writeFileSync(temp, '');
    fs.utimesSync(temp, old, old);
    cached();
    const names = cacheFiles(cacheDir);
    assert.equal(names.length, 3, names.join(', '));
    assert.ok(names.includes('results-v1-old3.json') && names.includes('results-v1-old2.json'), names.join(', '));
    assert.ok(!fs.existsSync(temp));
  });

  it('neither reads nor writes the cache with --no-cache', () => {
    const run = runCli(['check', '.', '--no-cache'], { cwd: tree, cacheDir, env: STATS });
    assert.deepEqual(cacheFiles(cacheDir), []);
    assert.match(run.stderr, /from no cache/);
  });
});

describe('cache location and version', () => {
  const scratch = temporaryDirectory('cache-unit');
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('follows GO_FOR_TS_CACHE_DIR, then each system’s user cache directory', () => {
    assert.equal(cacheDirectory({ GO_FOR_TS_CACHE_DIR: '/tmp/x', XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), '/tmp/x');
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), path.join('/xdg', 'go-for-ts'));
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), path.join('/home/u', '.cache', 'go-for-ts'));
    assert.equal(cacheDirectory({}, 'linux', '/home/u'), path.join('/home/u', '.cache', 'go-for-ts'));
    assert.equal(cacheDirectory({}, 'darwin', '/Users/u'), path.join('/Users/u', 'Library', 'Caches', 'go-for-ts'));
    assert.equal(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), path.join('C:\\Users\\u\\AppData\\Local', 'go-for-ts'));
    assert.equal(cacheDirectory({}, 'linux', ''), undefined);
  });

  it('gives the engine a new version when any of its files changes', () => {
    const bundle = path.join(scratch, 'cli.js');
    const grammar = path.join(scratch, 'tree-sitter-go.wasm');
    fs.writeFileSync(bundle, 'rule A');
    fs.writeFileSync(grammar, 'grammar');
    const first = engineDigest('0.1.0', [bundle, grammar]);
    assert.equal(engineDigest('0.1.0', [bundle, grammar]), first);
    fs.writeFileSync(bundle, 'rule B');
    const second = engineDigest('0.1.0', [bundle, grammar]);
    assert.notEqual(second, first);
    assert.notEqual(engineDigest('0.2.0', [bundle, grammar]), second);
    fs.rmSync(grammar);
    assert.notEqual(engineDigest('0.1.0', [bundle, grammar]), second);
  });

  it('knows a settled engine file by its stat, and sees it change even with its size and mtime put back', () => {
    const bundle = path.join(scratch, 'settled.js');
    fs.writeFileSync(bundle, 'rule A');
    const later = Date.now() + 10_000; // the file is settled by then
    const first = engineDigest('0.1.0', [bundle], later);
    assert.notEqual(first, engineDigest('0.1.0', [bundle]), 'young, it counts by its bytes; settled, by its stat');
    const { atime, mtime, ctimeMs } = fs.statSync(bundle);
    // Past the file system's timestamp tick, so that the rewrite's ctime differs.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ctimeMs % 1000 !== 0 ? 20 : 2100);
    fs.writeFileSync(bundle, 'rule B');
    fs.utimesSync(bundle, atime, mtime);
    assert.notEqual(engineDigest('0.1.0', [bundle], Date.now() + 10_000), first, 'the ctime moved');
  });
});

describe('the cache\'s stat index: a file is not read when its stat is unchanged, and always when it changed', () => {
  // Each pair differs in its parameter order only: same size, a context-first finding or none.
  const FLAGGED = 'package %s\n\nimport "context"\n\nfunc Run(id int, ctx context.Context) {}\n';
  const CLEAN = 'package %s\n\nimport "context"\n\nfunc Run(ctx context.Context, id int) {}\n';
  const source = (template: string, pkg: string) => template.replace('%s', pkg);
  const OLD_MTIME_S = 1_700_000_000;
  let tree: string;
  let cacheDir: string;
  const cached = () => runCli(['check', '.'], { cwd: tree, cacheDir, env: STATS });
  const fresh = () => runCli(['check', '.', '--no-cache'], { cwd: tree, cacheDir });
  const assertSameAsFresh = (run: CliRun) => {
    const expected = fresh();
    assert.equal(run.stdout, expected.stdout);
    assert.equal(warnings(run), expected.stderr);
    assert.equal(run.status, expected.status);
  };

  beforeEach(() => {
    tree = temporaryDirectory('stamp-tree');
    cacheDir = temporaryDirectory('stamp-cache');
    const files: Record<string, string> = { 'go.mod': 'module example.com/stamps\n\ngo 1.21\n' };
    // A warm run reads none of them; the edits give the clean files a finding.
    for (const pkg of ['same', 'sized', 'renamed', 'clean']) files[`${pkg}/${pkg}.go`] = source(CLEAN, pkg);
    files['deleted/deleted.go'] = source(FLAGGED, 'deleted');
    files['clean/other.go'] = source(CLEAN, 'clean').replace('Run', 'Two');
    writeFiles(tree, files);
    // A whole-second mtime in the past, which utimes can put back exactly after an edit.
    for (const name of Object.keys(files)) fs.utimesSync(path.join(tree, name), OLD_MTIME_S, OLD_MTIME_S);
    letFilesSettle(tree);
    cached();
    const warm = cached();
    assert.equal(filesRead(warm), 0, "a warm run reads no file, not even the one whose findings it prints (their lines and columns are cached)");
    assert.equal(cacheStats(warm).analysed, 0);
  });
  afterEach(() => {
    fs.rmSync(tree, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('reads a file edited in place to the same size with its mtime put back (its ctime moved)', () => {
    const file = path.join(tree, 'same', 'same.go');
    const before = fs.statSync(file);
    fs.writeFileSync(file, source(FLAGGED, 'same'));
    fs.utimesSync(file, OLD_MTIME_S, OLD_MTIME_S);
    const after = fs.statSync(file);
    assert.equal(after.size, before.size);
    assert.equal(after.mtimeMs, before.mtimeMs);
    const run = cached();
    assert.match(run.stdout, /^same\/same\.go:5:/m);
    assert.equal(cacheStats(run).analysed, 1);
    assertSameAsFresh(run);
  });

  it('reads a file rewritten to the same size', () => {
    const file = path.join(tree, 'sized', 'sized.go');
    fs.writeFileSync(file, source(FLAGGED, 'sized'));
    const run = cached();
    assert.match(run.stdout, /^sized\/sized\.go:5:/m);
    assertSameAsFresh(run);
  });

  it('reads a file replaced by a rename, even with the old mtime and size', () => {
    const file = path.join(tree, 'renamed', 'renamed.go');
    const before = fs.statSync(file);
    const temp = path.join(tree, 'renamed', '.renamed.go.tmp');
    fs.writeFileSync(temp, source(FLAGGED, 'renamed'));
    fs.utimesSync(temp, OLD_MTIME_S, OLD_MTIME_S);
    assert.equal(fs.statSync(temp).mtimeMs, before.mtimeMs);
    fs.renameSync(temp, file);
    const run = cached();
    assert.match(run.stdout, /^renamed\/renamed\.go:5:/m);
    assertSameAsFresh(run);
  });

  it('forgets a deleted file, and reads a clean file that gains a finding', () => {
    fs.rmSync(path.join(tree, 'deleted', 'deleted.go'));
    fs.writeFileSync(path.join(tree, 'clean', 'other.go'), source(FLAGGED, 'clean').replace('Run', 'Two'));
    const run = cached();
    assert.doesNotMatch(run.stdout, /^deleted\//m);
    assert.match(run.stdout, /^clean\/other\.go:5:/m);
    assertSameAsFresh(run);
  });

  it('trusts no stamp whose file changed within the timestamp granularity of its hashing', () => {
    const stat = fs.statSync(path.join(tree, 'go.mod'));
    const at = (ms: number): fs.Stats => ({ ...stat, mtimeMs: ms, ctimeMs: ms }) as fs.Stats;
    const settled: FileStamp = stampOf(at(1_000_000.5), 'h', 1_000_100);
    assert.ok(isUnchanged(settled, at(1_000_000.5), 50));
    assert.ok(!isUnchanged(settled, at(1_000_000.5), 2000), 'racy on a whole-second file system');
    assert.ok(!isUnchanged(stampOf(at(1_000_080), 'h', 1_000_100), at(1_000_080), 50), 'changed 20 ms before it was hashed');
    assert.ok(!isUnchanged(settled, { ...at(1_000_000.5), ino: stat.ino + 1 } as fs.Stats, 50), 'another inode');
    assert.ok(!isUnchanged(settled, { ...at(1_000_000.5), ctimeMs: 1_000_200 } as fs.Stats, 50), 'ctime moved');
    assert.deepEqual(racyMargins([at(5_000_000), at(6_000_000)]), new Map([[stat.dev, 2000]]));
    assert.deepEqual(racyMargins([at(5_000_000), at(6_000_000.25)]), new Map([[stat.dev, 50]]));
  });
});
