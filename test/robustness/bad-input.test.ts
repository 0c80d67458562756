// What a document can hold, in the engine: 10,000-deep nesting and long chains (no
// stack overflow, no rule error, analysis within its time budget), NUL characters,
// invalid UTF-8, CRLF / lone CR / mixed line endings, a BOM, a 1 MB line, an empty
// file, JSON or TypeScript opened as Go, a 10 MB file. Each is analysed with every
// rule on and fixes built, and where a finding is expected its position is checked
// against the text.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cardAt } from '../../src/cards';
import { resolveConfig } from '../../src/engine/config';
import { DeadlineExceeded, withDeadline } from '../../src/engine/deadline';
import { decodeGoSource } from '../../src/engine/decode';
import { fileGoVersion } from '../../src/engine/file-go-version';
import { LineIndex } from '../../src/engine/lines';
import { DEFAULT_MAX_FILE_SIZE_KB, nulCharacterNotice, sizeOverLimitKB, utf8Length } from '../../src/engine/limits';
import { extractFileFacts } from '../../src/engine/package-facts';
import { PackageIndex } from '../../src/engine/package-index';
import { SourceFile } from '../../src/engine/source-file';
import type { Finding } from '../../src/engine/types';
import { ALL_RULES } from '../../src/rules';
import { testEngine } from '../harness/engine';
import { bigGoFile } from '../lsp/big-file';

const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;
/** The analysis budget these tests give; a pathological case may use it all, plus one slow step. */
const BUDGET_MS = 1000;
/** How far past the budget an analysis may finish (one interrupted step, a loaded CI machine). */
const SLACK_MS = 4000;
const N = 10_000;

const HEADER = 'package p\n\nimport (\n\t"context"\n\t"database/sql"\n\t"errors"\n\t"fmt"\n\t"sync"\n)\n\n';
const rep = (text: string, times = N) => text.repeat(times);
const numbered = (make: (i: number) => string, times = N) => Array.from({ length: times }, (_, i) => make(i)).join('');

/** Deep or long syntax, each of which once overflowed the stack or ran for minutes. */
const DEEP: Record<string, string> = {
  'nested parentheses': `${HEADER}func f() { x := ${rep('(')}1${rep(')')}; _ = x }\n`,
  'nested blocks': `${HEADER}func f(ctx context.Context) { ${rep('{')} c, cancel := context.WithCancel(ctx); _ = c; _ = cancel ${rep('}')} }\n`,
  'nested ifs around a cancel': `${HEADER}func f(ctx context.Context) { ${rep('if true {')} c, cancel := context.WithCancel(ctx); _ = c; _ = cancel ${rep('}')} }\n`,
  'nested ifs around rows': `${HEADER}func f(db *sql.DB) { ${rep('if true {')} rows, _ := db.Query("q"); for rows.Next() {} ${rep('}')} }\n`,
  'nested for loops with defer': `${HEADER}func f(m map[string]int) { ${rep('for range m { defer fmt.Println(); ')}${rep('}')} }\n`,
  'else-if chain': `${HEADER}func f(ctx context.Context, x int) { c, cancel := context.WithCancel(ctx); _ = c; if x == 0 { cancel() }${rep(' else if x == 1 { cancel() }')} }\n`,
  'not chain': `${HEADER}func f(ctx context.Context, a bool) { c, cancel := context.WithCancel(ctx); _ = c; if ${rep('!')}a { return }; cancel() }\n`,
  'or chain over a nil map': `${HEADER}func f() { var m map[string]int; if m == nil${rep(' || m == nil')} { m = map[string]int{} }; m["a"] = 1 }\n`,
  'not chain over a nil map': `${HEADER}func f() { var m map[string]int; if ${rep('!')}(m == nil) { m["a"] = 1 } }\n`,
  'string concatenation': `${HEADER}var s = "a"${rep(' + "a"')}\n`,
  'label chain': `${HEADER}func f(ctx context.Context) { c, cancel := context.WithCancel(ctx); _ = c; ${numbered((i) => `L${i}: `)}for { cancel(); break } }\n`,
  'selector chain': `${HEADER}func f(mu sync.Mutex) { x := mu${rep('.b')}; _ = x }\n`,
  'method chain': `${HEADER}func f(b *B) { x := b${rep('.c()')}; _ = x }\n`,
  'nested struct types': `${HEADER}type T ${rep('struct { f ')}sync.Mutex${rep(' }')}\nfunc (t T) M() {}\n`,
  'array type chain': `${HEADER}type T struct { f ${rep('[1]')}sync.Mutex }\nfunc (t T) M() {}\nfunc g(t T) { u := t; _ = u }\n`,
  'pointer type chain': `${HEADER}func f(p ${rep('*')}sync.Mutex) { m := ${rep('*')}p; _ = m }\n`,
  'nested composite literals': `${HEADER}func f() { x := ${rep('[]any{')}${rep('}')}; _ = x }\n`,
  'nested func literals': `${HEADER}func f(ctx context.Context) { ${rep('go func() {')}${rep('}()')} }\n`,
  'build constraint': `//go:build ${rep('!')}go1.21 && (${rep('(')}linux${rep(')')})\n\n${HEADER}func f() {}\n`,
  'types embedding the next': `${HEADER}${numbered((i) => `type T${i} struct { T${i + 1} }\n`, 5000)}type T5000 struct { mu sync.Mutex }\nfunc (t T0) M() {}\n`,
  'error variable chain': `${HEADER}var e0 = errors.New("x")\n${numbered((i) => `var e${i + 1} = e${i}\n`, 5000)}func f(err error) bool { return err == e5000 }\n`,
};

function analyseEverything(text: string): { findings: Finding[]; ms: number; stopped?: number } {
  return withEngine((engine) => {
    const tree = engine.parse(text);
    try {
      const facts = extractFileFacts(tree.rootNode);
      const index = new PackageIndex({ goVersionFor: () => '1.21' });
      index.updateFile('/bad/input.go', facts);
      const packageFacts = index.factsForFile('/bad/input.go');
      const goVersion = fileGoVersion('1.21', text);
      const started = performance.now();
      const result = engine.analyzeTree(text, tree, { config: ALL_ON, goVersion, packageFacts, wantFixes: true, timeBudgetMs: BUDGET_MS });
      const ms = performance.now() - started;
      assert.deepEqual(result.ruleErrors.map((error) => `${error.rule}: ${error.error.split('\n')[0]}`), [], 'no rule may throw');
      // Hovers: construct cards at a few places, under the budget the server gives a hover.
      const file = new SourceFile(text, tree, goVersion, packageFacts);
      for (const offset of [0, text.length >> 2, text.length >> 1, text.length - 2]) {
        try {
          withDeadline(BUDGET_MS, () => cardAt(file, offset, 'full'));
        } catch (error) {
          if (!(error instanceof DeadlineExceeded)) throw error;
        }
      }
      return { findings: result.findings, ms, ...(result.stoppedAfterMs !== undefined ? { stopped: result.stoppedAfterMs } : {}) };
    } finally {
      tree.delete();
    }
  });
}

let engineForTests: Awaited<ReturnType<typeof testEngine>> | undefined;
function withEngine<T>(work: (engine: Awaited<ReturnType<typeof testEngine>>) => T): T {
  assert.ok(engineForTests, 'engine not loaded');
  return work(engineForTests);
}

/** The finding of `rule` whose range holds exactly `expected`, with its LSP position. */
function findingCovering(text: string, findings: readonly Finding[], rule: string, expected: string): { line: number; character: number } {
  const finding = findings.find((f) => f.rule === rule);
  assert.ok(finding, `a ${rule} finding (got ${findings.map((f) => f.rule).join(', ') || 'none'})`);
  assert.equal(text.slice(finding.start, finding.end), expected, 'the finding covers the right text');
  const viaLines = new LineIndex(text).positionAt(finding.start);
  const viaLsp = TextDocument.create('file:///x.go', 'go', 1, text).positionAt(finding.start);
  assert.deepEqual(viaLines, { line: viaLsp.line, character: viaLsp.character }, 'the engine and LSP agree on the position');
  return viaLines;
}

const CONTEXT_LAST = 'func load(id string, ctx context.Context) error { return nil }\n';

describe('bad input: deep nesting and long chains', () => {
  for (const [name, text] of Object.entries(DEEP)) {
    it(`${name}: no stack overflow, no rule error, done within the budget`, async () => {
      engineForTests ??= await testEngine();
      const { ms, stopped } = analyseEverything(text);
      assert.ok(ms < BUDGET_MS + SLACK_MS, `analysis took ${ms.toFixed(0)} ms (budget ${BUDGET_MS} ms${stopped ? `, stopped after ${stopped} ms` : ''})`);
    });
  }

  it('reports an analysis stopped by its budget as stopped', async () => {
    engineForTests ??= await testEngine();
    const { stopped, ms } = analyseEverything(DEEP['else-if chain']!);
    assert.ok(stopped !== undefined, `a 10,000-branch else-if chain with a cancel should not finish in ${BUDGET_MS} ms (took ${ms.toFixed(0)} ms)`);
  });
});

describe('bad input: characters and line endings', () => {
  it('NUL characters: positions stay right, and the notice names the first one', async () => {
    engineForTests ??= await testEngine();
    const text = `package p\n\nimport "context"\n\nvar s = "a\u0000b"\n\n${CONTEXT_LAST}// trailing \u0000 comment\n`;
    const { findings } = analyseEverything(text);
    assert.deepEqual(findingCovering(text, findings, 'context-first', 'ctx context.Context'), { line: 6, character: 21 });
    assert.equal(nulCharacterNotice(text)?.offset, text.indexOf('\u0000'));
    assert.equal(nulCharacterNotice('package p\n'), undefined);
  });

  it('invalid UTF-8: decoded with U+FFFD and a notice; findings after the bad bytes keep their positions', async () => {
    engineForTests ??= await testEngine();
    const bytes = Buffer.concat([
      Buffer.from('package p\n\nimport "context"\n\n// caf'),
      Buffer.from([0xe9, 0xff, 0xc3]), // Latin-1 é, a byte never valid in UTF-8, a truncated sequence
      Buffer.from(`\n${CONTEXT_LAST}`),
    ]);
    const { text, notice } = decodeGoSource(bytes);
    assert.match(notice ?? '', /not valid UTF-8/);
    assert.ok(text.includes('\uFFFD'));
    const { findings } = analyseEverything(text);
    assert.deepEqual(findingCovering(text, findings, 'context-first', 'ctx context.Context'), { line: 5, character: 21 });
  });

  it('a BOM: dropped when read from disk; kept by a client, positions still count it', async () => {
    engineForTests ??= await testEngine();
    const source = `package p\n\nimport "context"\n\n${CONTEXT_LAST}`;
    assert.equal(decodeGoSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)])).text, source);
    const withBom = `\uFEFF${source}`;
    const { findings } = analyseEverything(withBom);
    assert.deepEqual(findingCovering(withBom, findings, 'context-first', 'ctx context.Context'), { line: 4, character: 21 });
  });

  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ] as const) {
    it(`${name} line endings: findings on the right line and column`, async () => {
      engineForTests ??= await testEngine();
      const text = `package p${eol}${eol}import "context"${eol}${eol}${CONTEXT_LAST.replace('\n', eol)}`;
      const { findings } = analyseEverything(text);
      assert.deepEqual(findingCovering(text, findings, 'context-first', 'ctx context.Context'), { line: 4, character: 21 });
    });
  }

  it('mixed line endings (LF, CRLF, CR, U+2028 inside a comment): findings on the right line and column', async () => {
    engineForTests ??= await testEngine();
    const text = `package p\r\n\nimport "context"\r// a\u2028b\n\r\n${CONTEXT_LAST}`;
    const { findings } = analyseEverything(text);
    assert.deepEqual(findingCovering(text, findings, 'context-first', 'ctx context.Context'), { line: 5, character: 21 });
  });

  it('astral and combining characters before a finding on its line: columns in UTF-16 units', async () => {
    engineForTests ??= await testEngine();
    const text = `package p\n\nimport "context"\n\n/* 😀é̃𝑥 */ ${CONTEXT_LAST}`;
    const { findings } = analyseEverything(text);
    // "/* 😀é̃𝑥 */ " is 13 UTF-16 units: 😀 and 𝑥 take two each, é̃ is e plus two combining marks.
    assert.deepEqual(findingCovering(text, findings, 'context-first', 'ctx context.Context'), { line: 4, character: 13 + 21 });
  });
});

describe('bad input: sizes and things that are not Go', () => {
  it('a 1 MB line: analysed within the budget, the finding at its end in the right column', async () => {
    engineForTests ??= await testEngine();
    const filler = 'x'.repeat(1024 * 1024);
    const text = `package p\n\nimport "context"\n\nvar data = "${filler}"; ${CONTEXT_LAST}`;
    const { findings, ms } = analyseEverything(text);
    const column = `var data = "${filler}"; `.length + 21;
    assert.deepEqual(findingCovering(text, findings, 'context-first', 'ctx context.Context'), { line: 4, character: column });
    assert.ok(ms < BUDGET_MS + SLACK_MS, `${ms.toFixed(0)} ms`);
  });

  for (const [name, text] of [
    ['an empty file', ''],
    ['only whitespace', ' \n\t\r\n  '],
    ['only a package clause', 'package p'],
    ['JSON', '{\n  "name": "go-for-ts",\n  "list": [1, 2, {"a": null}],\n  "nested": {"deep": [[[[]]]]}\n}\n'],
    [
      'TypeScript',
      'import * as fs from "node:fs";\n\nexport async function load(id: string, signal?: AbortSignal): Promise<string> {\n  const text = await fs.promises.readFile(`${id}.json`, { signal });\n  return text.toString() as unknown as string;\n}\n\nclass A<T extends { x: number }> { #p = 1; get v(): T | undefined { return undefined; } }\n',
    ],
  ] as const) {
    it(`${name}: no finding, no error`, async () => {
      engineForTests ??= await testEngine();
      const { findings, ms } = analyseEverything(text);
      assert.deepEqual(findings, []);
      assert.ok(ms < BUDGET_MS + SLACK_MS, `${ms.toFixed(0)} ms`);
    });
  }

  it('a 10 MB file: over the size limit; a parse under a budget gives up and leaves the parser fit for the next one', async () => {
    const engine = await testEngine();
    let text = bigGoFile(200);
    while (text.length < 10 * 1024 * 1024) text += text.slice(text.indexOf('\n// handler'));
    assert.ok(sizeOverLimitKB(text, DEFAULT_MAX_FILE_SIZE_KB)! >= 10 * 1024);
    assert.equal(sizeOverLimitKB(text, 20 * 1024), undefined);
    const started = performance.now();
    const tree = engine.parseWithin(text, 20);
    const ms = performance.now() - started;
    tree?.delete();
    assert.equal(tree, null, 'a 10 MB parse does not fit in 20 ms');
    assert.ok(ms < 1000, `gave up after ${ms.toFixed(0)} ms`);
    // An abandoned parse must not be resumed by the next one (tree-sitter's default).
    const small = `package p\n\nimport "context"\n\n${CONTEXT_LAST}`;
    const fresh = engine.parse(small);
    try {
      assert.equal(fresh.rootNode.hasError, false);
      assert.equal(fresh.rootNode.endIndex, small.length);
    } finally {
      fresh.delete();
    }
  });

  it('measures sizes in UTF-8 bytes', () => {
    assert.equal(utf8Length('aé日😀'), 1 + 2 + 3 + 4);
    assert.equal(utf8Length('\uD800x'), 3 + 1, 'a lone surrogate is written as U+FFFD');
    assert.equal(sizeOverLimitKB('é'.repeat(600), 1), 2, '1,200 bytes: over 1 KB');
    assert.equal(sizeOverLimitKB('a'.repeat(1000), 1), undefined);
  });
});
