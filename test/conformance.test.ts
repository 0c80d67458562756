// The conformance runner's parts on small inputs written here: the three annotation
// readers, the txtar reader, per-file Go versions, and scoring end to end on a tiny
// suite in a temporary folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  buildConstraintOf,
  fileBuildsWith,
  fileGoVersion,
  minimumGoVersion,
  parseConstraint,
} from '../src/engine/file-go-version';
import {
  goComments,
  readAnalysistestWants,
  readReviveMatches,
  readStaticcheckDiags,
  unquoteGoString,
} from './conformance/annotations';
import { formatReport } from './conformance/format';
import { measureConformance, precisionOf, recallOf, verdictOf, type RuleScore } from './conformance/measure';
import type { RuleTarget } from './conformance/suites';
import { parseTxtar } from './conformance/txtar';
import { testEngine } from './harness/engine';

describe('goComments', () => {
  it('finds line and block comments with their lines, not comment-like text in literals', () => {
    const text = [
      'package p',
      'var a = "// want `no`" // real one',
      'var b = `raw // not',
      'still raw /* not */`',
      '/* block',
      'spanning */ var c = \'"\' // after rune',
    ].join('\n');
    assert.deepEqual(goComments(text), [
      { line: 1, body: ' real one' },
      { line: 4, body: ' block\nspanning ' },
      { line: 5, body: ' after rune' },
    ]);
  });
});

describe('readAnalysistestWants', () => {
  it('reads several quoted and raw patterns on one line', () => {
    const text = 'package p\n\nfunc f() {\n\tg() // want "first \\\\(x\\\\)" `second \\d`\n}\n';
    assert.deepEqual(readAnalysistestWants(text), [
      { line: 3, message: 'first \\(x\\)' },
      { line: 3, message: 'second \\d' },
    ]);
  });

  it('skips facts, non-want comments and wants that are not at the start', () => {
    const text = [
      'package p',
      'func F() {} // want F:"fact" "diag"',
      'func G() {} // I want "nothing"',
      'func H() {} /* want "in block" */',
    ].join('\n');
    assert.deepEqual(readAnalysistestWants(text), [
      { line: 1, message: 'diag' },
      { line: 3, message: 'in block' },
    ]);
  });
});

describe('readReviveMatches', () => {
  it('reads MATCH on its line, MATCH:<n> elsewhere, replacements and the json form', () => {
    const text = [
      'package p',
      'func a() {} // MATCH /exact message, with a / inside/',
      'func b() {} //MATCH /no space/',
      '// MATCH:6 /aimed at line six/',
      'func c() {} // MATCH /replaceable/ -> `fixed`',
      'func d() {}',
      'func e() {} // json:{"MATCH": "from json", "Confidence": 0.8}',
      'func f() {} // OK',
    ].join('\n');
    assert.deepEqual(readReviveMatches(text), [
      { line: 1, message: 'exact message, with a / inside' },
      { line: 2, message: 'no space' },
      { line: 5, message: 'aimed at line six' },
      { line: 4, message: 'replaceable' },
      { line: 6, message: 'from json' },
    ]);
  });
});

describe('readStaticcheckDiags', () => {
  it('reads every diag(...) of a //@ comment and ignores other comments', () => {
    const text = 'package p\nvar x = f() //@ diag(`one`), diag("two \\"quoted\\"")\nvar y = g() // diag(`not an annotation`)\n';
    assert.deepEqual(readStaticcheckDiags(text), [
      { line: 1, message: 'one' },
      { line: 1, message: 'two "quoted"' },
    ]);
  });
});

describe('unquoteGoString', () => {
  it('decodes Go escapes and keeps unknown ones', () => {
    assert.equal(unquoteGoString('a\\tb\\x41\\u00e9\\101\\\\\\q'), 'a\tbAé\x41\\\\q');
  });
});

describe('parseTxtar', () => {
  it('splits the comment and the files, and knows where each file starts', () => {
    const archive = parseTxtar('A comment.\n\n-- go.mod --\nmodule m\n\ngo 1.20\n-- a/x.go --\npackage a\n-- empty.go --\n');
    assert.equal(archive.comment, 'A comment.\n\n');
    assert.deepEqual(
      archive.files.map((file) => [file.name, file.firstLine, file.data]),
      [
        ['go.mod', 3, 'module m\n\ngo 1.20\n'],
        ['a/x.go', 7, 'package a\n'],
        ['empty.go', 9, ''],
      ],
    );
  });

  it('adds the final newline a last line lacks, and treats a non-marker "--" line as data', () => {
    const archive = parseTxtar('-- f.go --\n-- not a marker\npackage f');
    assert.deepEqual(archive.files, [{ name: 'f.go', firstLine: 1, data: '-- not a marker\npackage f\n' }]);
  });
});

describe('per-file Go version', () => {
  it('reads the //go:build line only before the package clause', () => {
    assert.equal(buildConstraintOf('// Copyright\n\n//go:build go1.21 && !windows\n\npackage p\n'), 'go1.21 && !windows');
    assert.equal(buildConstraintOf('package p\n//go:build go1.21\n'), undefined);
    assert.equal(buildConstraintOf('//go:buildx\npackage p\n'), undefined);
  });

  it('knows the minimum release an expression requires', () => {
    assert.equal(minimumGoVersion(parseConstraint('go1.21 && linux')), '1.21');
    assert.equal(minimumGoVersion(parseConstraint('go1.19 || (go1.22 && amd64)')), '1.19');
    assert.equal(minimumGoVersion(parseConstraint('go1.22 || linux')), undefined);
    assert.equal(minimumGoVersion(parseConstraint('!go1.24')), undefined);
    assert.throws(() => parseConstraint('go1.21 &&'));
  });

  it('raises the module version, lowers it only in 1.21+ modules and never below 1.21', () => {
    const tagged = (version: string) => `//go:build go${version}\n\npackage p\n`;
    assert.equal(fileGoVersion('1.19', tagged('1.22')), '1.22');
    assert.equal(fileGoVersion('1.19', tagged('1.18')), '1.19');
    assert.equal(fileGoVersion('1.22', tagged('1.21')), '1.21');
    assert.equal(fileGoVersion('1.22', tagged('1.19')), '1.21');
    assert.equal(fileGoVersion('1.22', 'package p\n'), '1.22');
    assert.equal(fileGoVersion(undefined, tagged('1.22')), undefined);
  });

  it('selects files by release tags as a given toolchain would', () => {
    assert.equal(fileBuildsWith('//go:build !go1.24\npackage p\n', '1.26'), false);
    assert.equal(fileBuildsWith('//go:build !go1.24\npackage p\n', '1.23'), true);
    assert.equal(fileBuildsWith('//go:build go1.26\npackage p\n', '1.26'), true);
    assert.equal(fileBuildsWith('package p\n', '1.0'), true);
  });
});

describe('verdictOf', () => {
  const score = (tp: number, fn: number, fp: number, target: RuleTarget, implemented = true): RuleScore => ({
    rule: target.rule,
    target,
    implemented,
    suites: ['peer'],
    files: 1,
    truePositives: tp,
    falseNegatives: fn,
    falsePositives: fp,
    ignored: 0,
    misses: [],
    falseAlarms: [],
    problems: [],
  });

  it('passes when recall and precision both reach the target', () => {
    assert.equal(verdictOf(score(9, 1, 1, { rule: 'r', recall: 0.9, precision: 0.9 })), 'PASS');
    assert.equal(verdictOf(score(8, 2, 0, { rule: 'r', recall: 0.9, precision: 0.9 })), 'BELOW');
    assert.equal(verdictOf(score(9, 1, 2, { rule: 'r', recall: 0.9, precision: 0.9 })), 'BELOW');
  });

  it('fails a zero-false-positive target on a single false positive', () => {
    const target = { rule: 'r', recall: 0.8, precision: 0, maxFalsePositives: 0 };
    assert.equal(verdictOf(score(10, 0, 0, target)), 'PASS');
    assert.equal(verdictOf(score(10, 0, 1, target)), 'BELOW');
  });

  it('gives no verdict for a rule that is not implemented', () => {
    assert.equal(verdictOf(score(0, 5, 0, { rule: 'r', recall: 0.5, precision: 0.5 }, false)), undefined);
  });
});

describe('measureConformance', () => {
  it('scores a rule by file and line, ignores unmapped kinds, and reports unimplemented rules', async () => {
    const peerRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-conformance-'));
    try {
      const suite = path.join(peerRoot, 'peer', 'src', 'p');
      fs.mkdirSync(suite, { recursive: true });
      fs.writeFileSync(
        path.join(suite, 'p.go'),
        [
          'package p',
          '',
          'import "context"',
          '',
          'func Found(id string, ctx context.Context) {} // want "context first"',
          'func Missed(ctx context.Context) {} // want "context first"',
          'func Extra(id string, ctx context.Context) {}',
          'func Other(id string, ctx context.Context) {} // want "something we do not map"',
          '',
        ].join('\n'),
      );
      // An archive: its go.mod says 1.19 and a //go:build line excludes one file for the toolchain.
      fs.writeFileSync(
        path.join(peerRoot, 'peer', 'src', 'v.txtar'),
        [
          'Versions.',
          '-- go.mod --',
          'module m',
          '',
          'go 1.19',
          '-- kept.go --',
          'package v',
          '',
          'import "context"',
          '',
          'func Kept(n int, ctx context.Context) {} // want "context first"',
          'func Extra2(n int, ctx context.Context) {}',
          '-- dropped.go --',
          '//go:build !go1.20',
          '',
          'package v',
          '',
          'import "context"',
          '',
          'func Dropped(n int, ctx context.Context) {} // want "context first"',
          '',
        ].join('\n'),
      );

      const report = measureConformance({
        peerRoot,
        engine: await testEngine(),
        suites: { peer: { format: 'analysistest' } },
        mappings: [
          { rule: 'context-first', suite: 'peer', include: ['src'], expect: /context first/ },
          { rule: 'no-such-rule-yet', suite: 'peer', include: ['src/p'] },
          { rule: 'context-first', suite: 'peer', include: ['src/missing'] },
        ],
        targets: [
          { rule: 'context-first', recall: 0.6, precision: 0.6 },
          { rule: 'no-such-rule-yet', recall: 0.9, precision: 0.9 },
        ],
      });

      const [score, missing] = report.scores;
      assert.equal(score!.rule, 'context-first');
      assert.deepEqual(
        [score!.truePositives, score!.falseNegatives, score!.falsePositives, score!.ignored],
        [2, 1, 2, 1],
      );
      assert.equal(recallOf(score!), 2 / 3);
      assert.equal(precisionOf(score!), 1 / 2);
      assert.equal(verdictOf(score!), 'BELOW');
      assert.deepEqual(score!.misses.map((miss) => miss.where), ['peer/src/p/p.go:6']);
      assert.deepEqual(
        score!.falseAlarms.map((alarm) => alarm.where),
        ['peer/src/p/p.go:7', 'peer/src/v.txtar:12 (kept.go:6)'],
        'archive members are shown at their archive line',
      );
      assert.match(score!.problems.join('\n'), /peer\/src\/missing: named in the table but not found/);

      assert.equal(missing!.implemented, false);
      assert.equal(missing!.falseNegatives, 3, 'expectations the future rule will be measured on');
      assert.equal(verdictOf(missing!), undefined);

      const text = formatReport(report, { verbose: true });
      assert.match(text, /^context-first\s+2\s+1\s+2\s+0\.67\s+0\.50\s+0\.60\/0\.60\s+BELOW\s+peer$/m);
      assert.match(text, /^no-such-rule-yet .*not implemented yet \(3 expected\)/m);
      assert.match(text, /FN peer\/src\/p\/p\.go:6: expected \/context first\//);
      assert.match(text, /FP peer\/src\/p\/p\.go:7: ours: context\.Context should be the first parameter of Extra/);
    } finally {
      fs.rmSync(peerRoot, { recursive: true, force: true });
    }
  });
});
