// mutex-copy's text prefilter with a package of thousands of lock-holding types: the
// declarations it lets through (and so the findings) must be the same as with a
// handful, whichever way it finds them (one alternation of the words, a scan marking
// declarations with a few words, or the scan's exact set behind a loose pattern).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig, type EngineConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { LineIndex } from '../../src/engine/lines';
import { declarationFilter, declarationsNaming, MAX_PATTERN_WORDS, vocabularyPattern } from '../../src/engine/lock-vocabulary';
import { extractFileFacts } from '../../src/engine/package-facts';
import { PackageIndex } from '../../src/engine/package-index';
import type { Finding } from '../../src/engine/types';
import { SourceFile } from '../../src/engine/source-file';
import mutexCopy from '../../src/rules/mutex-copy';
import { testEngine } from '../harness/engine';
import { readExpectations } from '../harness/want';

// Each function below names its lock-holding type one way only, and no sync (its want
// comments too: a comment is part of the declaration's text).
const CHECKED = `package big

import "sync"

type Holder struct {
	mu sync.Mutex
	n  int
}

type Outer struct{ inner Holder }

type Alias = Holder

type Gen[T any] struct {
	mu sync.Mutex
	v  T
}

type Ärger struct{ mu sync.Mutex }

var global Outer

func viaVariable() {
	g := global // want "Assigning global to g copies"
	_ = g
}

func viaField() {
	f := global.inner // want "Assigning global.inner to f copies"
	_ = f
}

func viaAlias(a Alias) {} // want "viaAlias takes a by value"

func viaLiteral() int {
	h := Holder{}
	c := h // want "Assigning h to c copies"
	return c.n
}

func viaGeneric(g Gen[int]) {} // want "viaGeneric takes g by value"

func viaMapRange(m map[string]Holder) {
	for _, v := range m { // want "Range variable v copies each element's"
		_ = v
	}
}

func viaUnicode(ä Ärger) {} // want "viaUnicode takes ä by value"

func viaSibling(s Sibling) {} // want "viaSibling takes s by value"

func fine(p *Holder) int { return p.n }
`;

const SIBLING = `package big

import "sync"

type Sibling struct{ mu sync.Mutex }
`;

function filler(count: number): string {
  let text = 'package big\n\nimport "sync"\n\n';
  for (let i = 0; i < count; i++) text += `type F${i} struct { mu sync.Mutex; n int }\n`;
  return text;
}

/** Functions naming one filler type each (by pointer: no findings), each a word of its own. */
function uses(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += `\nfunc use${i}(p *F${i}) int { return p.n }\n`;
  return text;
}

function mutexCopyOnly(engine: Engine): EngineConfig {
  return resolveConfig(engine.rules, Object.fromEntries(engine.rules.map((rule) => [rule.meta.id, rule === mutexCopy]))).config;
}

interface Checked {
  findings: Finding[];
  /** The pattern the prefilter handed the analyzer for the checked file. */
  pattern: RegExp | null;
}

/** Analyses `checked.go` of a package made of the given files, as the CLI does. */
async function analyzePackage(files: Record<string, string>): Promise<Checked> {
  const engine = await testEngine();
  const index = new PackageIndex();
  for (const [name, text] of Object.entries(files)) {
    const tree = engine.parse(text);
    try {
      index.updateFile(`/pkg/${name}`, extractFileFacts(tree.rootNode));
    } finally {
      tree.delete();
    }
  }
  const text = files['checked.go']!;
  const packageFacts = index.factsForFile('/pkg/checked.go');
  const result = engine.analyzeText(text, { config: mutexCopyOnly(engine), packageFacts, timeBudgetMs: 60_000 });
  assert.deepEqual(result.ruleErrors, []);
  assert.equal(result.stoppedAfterMs, undefined);
  const tree = engine.parse(text);
  try {
    const requirement = mutexCopy.textRequirement!(new SourceFile(text, tree, undefined, packageFacts));
    // The vocabulary's pattern, alone or before the closer look of lock-copies.ts.
    const pattern = requirement !== null && 'keep' in requirement ? requirement.patterns : requirement;
    assert.ok(pattern === null || pattern instanceof RegExp);
    return { findings: result.findings, pattern };
  } finally {
    tree.delete();
  }
}

/** The `// want` comments of CHECKED that no finding matched, and findings nobody wanted. */
function unmatched(findings: readonly Finding[]): string[] {
  const lines = new LineIndex(CHECKED);
  const wanted = readExpectations(CHECKED);
  const problems: string[] = [];
  for (const finding of findings) {
    const line = lines.positionAt(finding.start).line;
    const at = wanted.findIndex((want) => want.line === line && want.pattern.test(finding.message));
    if (at >= 0) wanted.splice(at, 1);
    else problems.push(`line ${line + 1}: unexpected ${finding.message}`);
  }
  return [...problems, ...wanted.map((want) => `line ${want.line + 1}: missing /${want.source}/`)];
}

describe('mutex-copy with a large vocabulary', () => {
  it('finds every copy with a handful of lock-holding types (one alternation)', async () => {
    const small = await analyzePackage({ 'checked.go': CHECKED, 'sibling.go': SIBLING });
    assert.deepEqual(unmatched(small.findings), []);
    assert.match(small.pattern!.source, /Holder/);
  });

  it('finds the same copies when the package declares thousands more (words marking the declarations)', async () => {
    const small = await analyzePackage({ 'checked.go': CHECKED, 'sibling.go': SIBLING });
    const large = await analyzePackage({ 'checked.go': CHECKED, 'sibling.go': SIBLING, 'filler.go': filler(5000) });
    assert.deepEqual(unmatched(large.findings), []);
    assert.deepEqual(large.findings, small.findings);
    // The scan's markers: no filler type is named in checked.go, so none is in the pattern.
    assert.doesNotMatch(large.pattern!.source, /F\d/);
    assert.notEqual(large.pattern!.source, '\\S');
  });

  it('finds the same copies when too many words mark the declarations (the exact set behind a loose pattern)', async () => {
    const named = uses(MAX_PATTERN_WORDS + 50);
    const small = await analyzePackage({ 'checked.go': CHECKED, 'sibling.go': SIBLING });
    const large = await analyzePackage({ 'checked.go': CHECKED + named, 'sibling.go': SIBLING, 'filler.go': filler(5000) });
    assert.equal(large.pattern!.source, '\\S');
    assert.deepEqual(unmatched(large.findings), []);
    assert.deepEqual(large.findings, small.findings);
  });

  it('analyses a file of 50,000 lock-holding types within the CLI budget', async () => {
    const engine = await testEngine();
    let text = filler(50_000);
    text += '\nvar global F7\n\nfunc copyOne(a F1) {} // copied\n\nfunc main() {\n\tvar x F5\n\ty := x\n\t_ = y\n\tz := global\n\t_ = z\n}\n';
    text += uses(300);
    const result = engine.analyzeText(text, { config: mutexCopyOnly(engine), timeBudgetMs: 10_000 });
    assert.equal(result.stoppedAfterMs, undefined, 'the deadline tripped');
    assert.deepEqual(result.ruleErrors, []);
    assert.deepEqual(
      result.findings.map((finding) => finding.message.split(':')[0]),
      ['copyOne takes a by value, copying the F1 contains sync.Mutex', 'Assigning x to y copies its F5 contains sync.Mutex', 'Assigning global to z copies its F7 contains sync.Mutex'],
    );
  });
});

describe('declarationsNaming', () => {
  async function declarationsOf(text: string) {
    const engine = await testEngine();
    const tree = engine.parse(text);
    try {
      // Only the offsets are read once the tree is gone.
      return new SourceFile(text, tree).declarations;
    } finally {
      tree.delete();
    }
  }

  it('matches whole identifiers and package names followed by a dot, one word per declaration', async () => {
    const text = [
      'package p',
      'func a() { var x T10; _ = x }', // T10 is not T1
      'func b() { xT1 := 0; _ = xT1 }', // neither is xT1
      'func c(p *T1) {}',
      'func d() { sync := 1; _ = sync }', // sync without a dot
      'func e() { var m sync.Mutex; var t T1; _, _ = m, t }', // the package marks it
      'func f() { var t T1; var u T2; _, _ = t, u }', // T1, already a marker, marks it
      'func g() { var ü Ü; _ = ü }',
    ].join('\n');
    const declarations = await declarationsOf(text);
    const { indexes, markers } = declarationsNaming(text, declarations, { words: new Set(['T1', 'T2', 'Ü']), packages: ['sync'] });
    assert.deepEqual(indexes, [3, 5, 6, 7]);
    assert.deepEqual([...markers].sort(), ['T1', 'sync.', 'Ü']);
  });

  it('gives no filter to an empty vocabulary or a file naming none of a large one', async () => {
    const text = 'package p\n\nfunc a() int { return 1 }\n';
    const declarations = await declarationsOf(text);
    assert.equal(declarationFilter(text, declarations, { words: new Set(), packages: [] }), null);
    const words = new Set(Array.from({ length: MAX_PATTERN_WORDS + 1 }, (_, i) => `T${i}`));
    assert.equal(declarationFilter(text, declarations, { words, packages: ['sync'] }), null);
  });
});

describe('vocabularyPattern', () => {
  it('sees word boundaries next to non-ASCII letters', () => {
    const pattern = vocabularyPattern(['Ärger', 'Größe', 'T1'], ['sync']);
    assert.match('func f(a Ärger) {}', pattern);
    assert.match('var g Größe', pattern);
    assert.doesNotMatch('var g GrößeX', pattern);
    assert.doesNotMatch('var g T12', pattern);
    assert.match('var m sync.Mutex', pattern);
    assert.doesNotMatch('var sync = 1', pattern);
  });
});
