// Shared by the CLI's parallel and cache tests: a generated Go module of many
// directories (packages of different sizes, a lock declared in one file and copied in
// another, a syntax error, invalid UTF-8, CRLF and non-ASCII text), and a runner for
// the built CLI that never touches the user's cache directory.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const cli = path.resolve(__dirname, '..', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; cacheDir: string; env?: Record<string, string> }): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', GO_FOR_TS_CACHE_DIR: options.cacheDir };
  delete env.GO_FOR_TS_TEST_WORKER_FAULT;
  delete env.GO_FOR_TS_CACHE_STATS;
  Object.assign(env, options.env);
  // A hung worker pool must fail the test, not stall the suite.
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd, encoding: 'utf8', env, timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function temporaryDirectory(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `go-for-ts-${prefix}-`));
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A package file with `count` functions taking the context last (context-first findings) and some padding. */
function packageFile(pkg: string, name: string, count: number, padding: number): string {
  const lines = [`package ${pkg}`, '', 'import "context"', ''];
  for (let i = 0; i < count; i++) lines.push(`func ${name}Late${i}(id string, ctx context.Context) error { return ctx.Err() }`, '');
  for (let i = 0; i < padding; i++) lines.push(`func ${name}Pad${i}(ctx context.Context, n int) int { return n + ${i} }`, '');
  return lines.join('\n');
}

export const LOCK_TYPES_PLAIN = 'package locks\n\ntype Guarded struct {\n\tn int\n}\n';
export const LOCK_TYPES_WITH_MUTEX = 'package locks\n\nimport "sync"\n\ntype Guarded struct {\n\tmu sync.Mutex\n\tn  int\n}\n';
export const LOCK_USE = [
  'package locks',
  '',
  '// This file does not import sync: whether Guarded holds a lock is told by types.go.',
  'func (g Guarded) Count() int { return g.n }',
  '',
].join('\n');

/** The generated module: 12 packages of 1 to 4 files and varied sizes, plus special cases. */
export function generatedTree(): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = { 'go.mod': 'module example.com/gen\n\ngo 1.21\n' };
  for (let d = 0; d < 12; d++) {
    const pkg = `pkg${d}`;
    const fileCount = (d % 4) + 1;
    for (let f = 0; f < fileCount; f++) {
      // Sizes deliberately out of walk order, so largest-first scheduling reorders them.
      files[`${pkg}/f${f}.go`] = packageFile(pkg, `F${f}`, (d + f) % 3, ((d * 7 + f * 5) % 11) * 20);
    }
  }
  files['locks/types.go'] = LOCK_TYPES_WITH_MUTEX;
  files['locks/use.go'] = LOCK_USE;
  files['broken/a_syntax.go'] = 'package broken\n\nfunc Broken( {\n}\n\nfunc Late(id string, ctx context.Context) {}\n';
  files['broken/b_utf8.go'] = Buffer.concat([
    Buffer.from('package broken\n\n// bad byte: '),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('\nimport "context"\n\nfunc AlsoLate(id string, ctx context.Context) {}\n'),
  ]);
  files['broken/c_ok.go'] = packageFile('broken', 'Ok', 2, 1);
  files['text/crlf.go'] =
    'package text\r\n\r\nimport "context"\r\n\r\n// Grüße, 日本語, emoji 😀 before the finding\r\nfunc Ünïcode(名前 string, ctx context.Context) {}\r\n';
  files['nested/deeper/inner.go'] = packageFile('deeper', 'Inner', 2, 3);
  files['nested/outer.go'] = packageFile('nested', 'Outer', 1, 0);
  files['loops/loops.go'] = [
    'package loops',
    '',
    'import "sync"',
    '',
    'func Spawn(items []int) {',
    '\tvar wg sync.WaitGroup',
    '\tfor _, item := range items {',
    '\t\twg.Add(1)',
    '\t\tgo func() {',
    '\t\t\tdefer wg.Done()',
    '\t\t\tprintln(item)',
    '\t\t}()',
    '\t}',
    '\twg.Wait()',
    '}',
    '',
  ].join('\n');
  // Skipped as the go tool skips them.
  files['testdata/skipped.go'] = packageFile('testdata', 'Skipped', 3, 0);
  files['vendor/example.com/dep/dep.go'] = packageFile('dep', 'Dep', 3, 0);
  return files;
}
