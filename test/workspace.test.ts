// The CLI as users run it: the bundled sample workspace must show every pitfall its
// `// pitfall: <rule-id>` comments promise, and the command's output formats, exit
// codes and file discovery behave as documented. Runs the built bundle ($OUT_DIR/cli.js).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { findPackageRoot } from '../src/engine/grammar-files';
import { SEVERITIES } from '../src/engine/types';
import { ALL_RULES } from '../src/rules';

const root = findPackageRoot();
const cli = path.resolve(__dirname, '..', 'cli.js');
const workspace = path.join(root, 'test', 'workspace');

/** Every pitfall the catalogue names; the sample shows each at least once. */
const CATALOGUE = [
  'context-first',
  'lost-cancel',
  'rows-err',
  'nil-map-write',
  'rows-close',
  'tx-rollback',
  'context-in-struct',
  'context-key-type',
  'context-propagation',
  'error-wrap',
  'error-compare',
  'loop-var-capture',
  'value-receiver-mutation',
  'mixed-receivers',
  'mutex-copy',
  'waitgroup-add-in-goroutine',
  'ticker-stop',
  'time-after-in-loop',
  'response-body-close',
  'http-server-timeouts',
  'defer-in-loop',
];

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string = root): RunResult {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

function jsonDiagnostics(result: RunResult): JsonDiagnostic[] {
  return (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

interface Pitfall {
  file: string;
  /** 1-based line of the code the comment marks (the line after the comment). */
  line: number;
  rule: string;
}

function workspacePitfalls(): Pitfall[] {
  const pitfalls: Pitfall[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.go')) {
        fs.readFileSync(full, 'utf8')
          .split('\n')
          .forEach((text, index) => {
            const match = /\/\/\s*pitfall:\s*(.+?)\s*$/.exec(text);
            if (!match) return;
            for (const rule of match[1]!.split(/\s*,\s*/)) pitfalls.push({ file: full, line: index + 2, rule });
          });
      }
    }
  };
  visit(workspace);
  return pitfalls;
}

const temporaryDirectories: string[] = [];
function temporaryTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-cli-'));
  temporaryDirectories.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
after(() => {
  for (const dir of temporaryDirectories) fs.rmSync(dir, { recursive: true, force: true });
});

// A finding every build has: context-first is the engine's reference rule.
const CONTEXT_LAST = 'package p\n\nimport "context"\n\nfunc Load(id string, ctx context.Context) {}\n';
const CLEAN = 'package p\n\nfunc Add(a, b int) int { return a + b }\n';

describe('sample workspace', () => {
  it('marks only catalogue pitfalls, and shows every one of them', () => {
    const pitfalls = workspacePitfalls();
    const unknown = pitfalls.filter((pitfall) => !CATALOGUE.includes(pitfall.rule));
    assert.deepEqual(unknown, [], 'pitfall comments must name catalogue rule ids');
    const shown = new Set(pitfalls.map((pitfall) => pitfall.rule));
    assert.deepEqual(CATALOGUE.filter((rule) => !shown.has(rule)), [], 'catalogue pitfalls missing from the sample');
  });

  it('is flagged by the CLI on every marked line whose rule exists and is on by default', (t) => {
    const result = runCli(['check', 'test/workspace', '--format', 'json']);
    assert.equal(result.status, 1, `the sample has findings, so exit 1 (stderr: ${result.stderr})`);
    assert.equal(result.stderr, '', 'the sample parses cleanly and no rule throws');
    const diagnostics = jsonDiagnostics(result);
    const byPlace = new Set(diagnostics.map((d) => `${path.resolve(root, d.file)}:${d.line}:${d.rule}`));

    const active = new Set(ALL_RULES.filter((rule) => rule.meta.enabledByDefault).map((rule) => rule.meta.id));
    const checked = workspacePitfalls().filter((pitfall) => active.has(pitfall.rule));
    const missed = checked
      .filter((pitfall) => !byPlace.has(`${pitfall.file}:${pitfall.line}:${pitfall.rule}`))
      .map((pitfall) => `${path.relative(root, pitfall.file)}:${pitfall.line}: no ${pitfall.rule} finding`);
    assert.deepEqual(missed, []);
    assert.ok(checked.length > 0, 'at least one marked pitfall was checked');

    // Findings nobody marked are not failures (a rule may see more than the sample
    // meant), but the rule's author should look at them.
    const marked = new Set(workspacePitfalls().map((pitfall) => `${pitfall.file}:${pitfall.line}:${pitfall.rule}`));
    for (const d of diagnostics) {
      if (!marked.has(`${path.resolve(root, d.file)}:${d.line}:${d.rule}`)) {
        t.diagnostic(`unmarked finding: ${d.file}:${d.line}: ${d.message} [${d.rule}]`);
      }
    }
  });
});

describe('sample workspace with opt-in rules', () => {
  it('is flagged on every marked line of a rule that is off by default once --enable turns it on', (t) => {
    const optIn = ALL_RULES.filter((rule) => !rule.meta.enabledByDefault).map((rule) => rule.meta.id);
    const checked = workspacePitfalls().filter((pitfall) => optIn.includes(pitfall.rule));
    if (checked.length === 0) {
      t.skip('no marked pitfall belongs to an opt-in rule');
      return;
    }
    const result = runCli(['check', 'test/workspace', '--format', 'json', ...optIn.flatMap((id) => ['--enable', id])]);
    assert.equal(result.status, 1, result.stderr);
    const byPlace = new Set(jsonDiagnostics(result).map((d) => `${path.resolve(root, d.file)}:${d.line}:${d.rule}`));
    const missed = checked
      .filter((pitfall) => !byPlace.has(`${pitfall.file}:${pitfall.line}:${pitfall.rule}`))
      .map((pitfall) => `${path.relative(root, pitfall.file)}:${pitfall.line}: no ${pitfall.rule} finding`);
    assert.deepEqual(missed, []);
  });
});

describe('CLI output formats', () => {
  it('text: one `file:line:col: message [rule-id]` line per finding', () => {
    const result = runCli(['check', 'test/workspace', '--format', 'text']);
    assert.equal(result.status, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines.length > 0);
    for (const line of lines) {
      const match = /^(.+?):(\d+):(\d+): (.+) \[([a-z0-9-]+)\]$/.exec(line);
      assert.ok(match, `not file:line:col: message [rule-id]: ${line}`);
      assert.ok(fs.existsSync(path.resolve(root, match[1]!)), `names a file that exists: ${line}`);
      assert.ok(Number(match[2]) >= 1 && Number(match[3]) >= 1, `1-based position: ${line}`);
    }
    assert.equal(lines.length, jsonDiagnostics(runCli(['check', 'test/workspace', '--format', 'json'])).length);
  });

  it('json: diagnostics with exactly the documented fields, 1-based', () => {
    const diagnostics = jsonDiagnostics(runCli(['check', 'test/workspace', '--format', 'json']));
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
      for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
        assert.ok(Number.isInteger(d[key]) && d[key] >= 1, `${key} is a 1-based integer in ${JSON.stringify(d)}`);
      }
      assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), 'the range does not end before it starts');
      assert.ok((SEVERITIES as readonly string[]).includes(d.severity));
      assert.ok(ALL_RULES.some((rule) => rule.meta.id === d.rule));
      assert.ok(fs.existsSync(path.resolve(root, d.file)));
    }
  });

  it('sarif: version 2.1.0 with every rule described and one result per finding', () => {
    const sarif = JSON.parse(runCli(['check', 'test/workspace', '--format', 'sarif']).stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: unknown[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id),
      ALL_RULES.map((rule) => rule.meta.id),
    );
    const count = jsonDiagnostics(runCli(['check', 'test/workspace', '--format', 'json'])).length;
    assert.equal(sarif.runs[0]!.results.length, count);
  });
});

describe('CLI exit codes and errors', () => {
  it('exits 0 with no output on a clean directory', () => {
    const dir = temporaryTree({ 'clean.go': CLEAN });
    const result = runCli(['check', dir]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
  });

  it('exits 2 naming a path that does not exist', () => {
    const missing = path.join(os.tmpdir(), 'go-for-ts-no-such-dir', 'nothing.go');
    const result = runCli(['check', missing]);
    assert.equal(result.status, 2);
    assert.ok(result.stderr.includes(missing), result.stderr);
  });

  it('exits 2 naming an unknown --format', () => {
    const result = runCli(['check', workspace, '--format', 'yaml']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /yaml/);
    assert.equal(result.stdout, '');
  });

  it('exits 2 naming an unknown rule given to --enable', () => {
    const result = runCli(['check', workspace, '--enable', 'no-such-rule']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no-such-rule/);
  });
});

describe('CLI file discovery', () => {
  const tree = () =>
    temporaryTree({
      'main.go': CLEAN,
      'pkg/load.go': CONTEXT_LAST,
      'vendor/dep/dep.go': CONTEXT_LAST,
      'testdata/case.go': CONTEXT_LAST,
      'node_modules/x/x.go': CONTEXT_LAST,
      '.hidden/h.go': CONTEXT_LAST,
      '_scratch/s.go': CONTEXT_LAST,
    });

  it('walks subdirectories but skips vendor, testdata, node_modules, .hidden and _underscore ones', () => {
    const dir = tree();
    const files = jsonDiagnostics(runCli(['check', dir, '--format', 'json'])).map((d) => path.relative(dir, d.file));
    assert.deepEqual(files, [path.join('pkg', 'load.go')]);
  });

  it('checks a skipped directory or file when it is named directly', () => {
    const dir = tree();
    for (const named of ['vendor', 'testdata', 'node_modules', '.hidden', '_scratch', path.join('vendor', 'dep', 'dep.go')]) {
      const result = runCli(['check', path.join(dir, named), '--format', 'json']);
      assert.equal(result.status, 1, `${named}: ${result.stderr}`);
      assert.equal(jsonDiagnostics(result).length, 1, named);
    }
  });

  it('reports invalid UTF-8 and syntax errors on stderr and still checks the other files', () => {
    const dir = temporaryTree({
      'a_invalid_utf8.go': Buffer.concat([Buffer.from('package p\n\n// caf'), Buffer.from([0xff, 0xfe]), Buffer.from('\nvar x = 1\n')]),
      'b_syntax.go': 'package p\n\nfunc Broken( {\n',
      'c_good.go': CONTEXT_LAST,
    });
    const result = runCli(['check', dir, '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /a_invalid_utf8\.go/);
    assert.match(result.stderr, /UTF-8/);
    assert.match(result.stderr, /b_syntax\.go:\d+:\d+: syntax error/);
    assert.deepEqual(
      jsonDiagnostics(result).map((d) => path.basename(d.file)),
      ['c_good.go'],
    );
  });

  it('leaves unparsed a body no rule reads (its syntax error unreported) unless --parse-all-bodies', () => {
    const dir = temporaryTree({
      'late.go': `${CONTEXT_LAST}\nfunc add(a, b int) int {\n\ttotal := a +\n\treturn total // the operand is missing: a syntax error\n}\n`,
    });
    const partial = runCli(['check', dir, '--format', 'json', '--no-cache']);
    const full = runCli(['check', dir, '--format', 'json', '--no-cache', '--parse-all-bodies']);
    assert.equal(partial.status, 1, partial.stderr);
    assert.equal(full.status, 1, full.stderr);
    assert.doesNotMatch(partial.stderr, /syntax error/);
    assert.match(full.stderr, /late\.go:\d+:\d+: syntax error/);
    assert.deepEqual(jsonDiagnostics(partial), jsonDiagnostics(full));
    assert.equal(jsonDiagnostics(full).length, 1);
  });
});
