// The CLI parses only the function bodies rules may read (src/engine/partial-parse.ts,
// regions-needed.ts). Whatever it leaves out, its findings must be those of a full
// parse: on every package of the test corpus with every rule on and with the defaults,
// on random edits of corpus files that still parse cleanly, and the parser must parse
// whole files as before once it has parsed a partial one.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { resolveConfig, type EngineConfig } from '../../src/engine/config';
import { Engine } from '../../src/engine/engine';
import { nodeGrammarSource } from '../../src/engine/grammar-files';
import { defineRule, type AnyRule } from '../../src/engine/rule';
import { parseOutline } from '../../src/engine/partial-parse';
import { regionsNeeded } from '../../src/engine/regions-needed';
import { SourceFile } from '../../src/engine/source-file';
import { ALL_RULES } from '../../src/rules';
import { runPackageJob, type JobResult } from '../../src/cli/package-job';
import { testEngine } from '../harness/engine';
import { loadCorpus, propertyParameters } from '../robustness/edit-model';

const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;

let engine: Engine;
before(async () => {
  engine = await testEngine();
});

interface GoFile {
  name: string;
  text: string;
}

function analysePackage(files: readonly GoFile[], config: EngineConfig, parseAllBodies: boolean, goVersion?: string): JobResult {
  return runPackageJob(engine, config, {
    id: 0,
    directory: '/corpus',
    goVersion,
    digests: false,
    parseAllBodies,
    files: files.map((file, order) => ({ order, path: `/corpus/${file.name}`, text: file.text })),
  });
}

/** What a file's result says, minus where a syntax error was seen (only parsed bodies can show one). */
function comparable(result: JobResult): unknown {
  return result.files.map(({ order, findings, ruleErrors, failure, incomplete }) => ({ order, findings, ruleErrors, failure, incomplete }));
}

/** The corpus grouped by directory, as the CLI groups packages. */
function corpusPackages(): GoFile[][] {
  const byDirectory = new Map<string, GoFile[]>();
  for (const file of loadCorpus()) {
    const directory = path.dirname(file.name);
    const list = byDirectory.get(directory) ?? [];
    list.push({ name: path.basename(file.name), text: file.text });
    byDirectory.set(directory, list);
  }
  return [...byDirectory.values()];
}

/** A job over one file with `rule` added to the rules and alone on: with or without every body parsed. */
async function aloneOnOneFile(rule: AnyRule, source: string): Promise<{ engine: Engine; job: (parseAllBodies: boolean) => JobResult }> {
  const withRule = await Engine.create(nodeGrammarSource(), [...ALL_RULES, rule]);
  const only = resolveConfig(withRule.rules, Object.fromEntries(withRule.rules.map((other) => [other.meta.id, other === rule]))).config;
  const job = (parseAllBodies: boolean) =>
    runPackageJob(withRule, only, { id: 0, directory: '/t', digests: false, parseAllBodies, files: [{ order: 0, path: '/t/a.go', text: source }] });
  return { engine: withRule, job };
}

describe('partial parse (CLI)', () => {
  for (const [label, config] of [
    ['every rule on', () => ALL_ON],
    ['the default rules', () => engine.defaultConfig],
  ] as const) {
    for (const goVersion of [undefined, '1.23']) {
      it(`finds what a full parse finds in every corpus package, ${label}, Go ${goVersion ?? 'unknown'}`, () => {
        let findings = 0;
        for (const files of corpusPackages()) {
          const full = analysePackage(files, config(), true, goVersion);
          const partial = analysePackage(files, config(), false, goVersion);
          assert.deepEqual(comparable(partial), comparable(full), files.map((file) => file.name).join(', '));
          findings += full.files.reduce((sum, file) => sum + file.findings.length, 0);
        }
        assert.ok(findings > 100, `only ${findings} findings: the comparison says little`);
      });
    }
  }

  // Each case has a rule read a body that holds none of its own words, so only the
  // reason named keeps that body parsed; a helper body is long enough to be skipped.
  const CROSS_BODY_CASES: { reason: string; source: string; rule: string; findings: number }[] = [
    {
      reason: 'a same-file function named in the declaration (does it ever return?)',
      rule: 'lost-cancel',
      findings: 0,
      source: `package p

import (
	"context"
	"errors"
	"fmt"
	"os"
)

func fail(message string) {
	fmt.Fprintln(os.Stderr, "fatal:", message, "- nothing can go on from here, so stop")
	os.Exit(1)
}

func run(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	if parent == nil {
		fail("no parent")
		return errors.New("unreachable")
	}
	_ = ctx
	cancel()
	return nil
}
`,
    },
    {
      reason: 'a rule that reads a text elsewhere, not a tree (a timeout set in another function)',
      rule: 'http-server-timeouts',
      findings: 0,
      source: `package p

import (
	"net/http"
	"time"
)

var srv = &http.Server{Addr: ":8080"}

func configure() {
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.IdleTimeout = time.Minute
}
`,
    },
    {
      reason: 'a rule with an $end handler (calls of the file own response producers)',
      rule: 'response-body-close',
      findings: 1,
      source: `package p

import (
	"bufio"
	"net"
	"net/http"
)

func readReply(connection net.Conn, request *http.Request) (*http.Response, error) {
	reader := bufio.NewReader(connection)
	return http.ReadResponse(reader, request)
}

func status(connection net.Conn, request *http.Request) int {
	response, err := readReply(connection, request)
	if err != nil {
		return 0
	}
	return response.StatusCode
}
`,
    },
  ];

  for (const { reason, rule, findings, source } of CROSS_BODY_CASES) {
    it(`keeps parsed the bodies a rule reads elsewhere: ${reason}`, () => {
      const outline = parseOutline(engine, source);
      assert.ok(outline && outline.skipped.length > 0, 'the case must have a body worth skipping');
      outline.tree.delete();
      const files = [{ name: 'case.go', text: source }];
      // The rule alone: another one needing every body would hide what this one needs.
      const only = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((other) => [other.meta.id, other.meta.id === rule]))).config;
      const full = analysePackage(files, only, true);
      assert.equal(full.files[0]!.findings.length, findings, JSON.stringify(full.files[0]!.findings));
      assert.deepEqual(comparable(analysePackage(files, only, false)), comparable(full));
    });
  }

  it('parses every body for a rule whose tree scope is the file', async () => {
    // A rule that counts the return statements of the whole file where checkAll is called.
    const countsReturns = defineRule({
      meta: { id: 'test-file-tree', title: 'Test rule', severity: 'warning', enabledByDefault: true, requiresText: /\bcheckAll\b/, scope: 'file', tsAnalogy: '' },
      doc: '',
      defaultOptions: {},
      query: '(call_expression function: (identifier) @callee)',
      create(context) {
        return {
          callee(callee) {
            if (callee.text !== 'checkAll') return;
            const returns = context.file.root.descendantsOfType('return_statement').length;
            context.report({ node: callee, message: `${returns} returns in the file` });
          },
        };
      },
    });
    const source = 'package p\n\nfunc checkAll() {}\n\nfunc main() {\n\tcheckAll()\n}\n\nfunc half(x int) int {\n\tif x > 10 {\n\t\treturn x / 2\n\t}\n\treturn x * 2 // small numbers grow, large ones shrink\n}\n';
    const { job } = await aloneOnOneFile(countsReturns, source);
    const full = job(true);
    assert.equal(full.files[0]!.findings[0]?.message, '2 returns in the file');
    assert.deepEqual(comparable(job(false)), comparable(full));
  });

  it("parses a variable's value where a needed declaration names the variable", async () => {
    // A rule that reports how many elements the table a call names holds (its value, read from the tree).
    const countsElements = defineRule({
      meta: { id: 'test-var-value', title: 'Test rule', severity: 'warning', enabledByDefault: true, requiresText: /\bsum\(/, tsAnalogy: '' },
      doc: '',
      defaultOptions: {},
      query: '(call_expression function: (identifier) @callee arguments: (argument_list (identifier) @table))',
      create(context) {
        return {
          table(table) {
            for (const spec of context.file.root.descendantsOfType('var_spec')) {
              if (spec?.childForFieldName('name')?.text !== table.text) continue;
              const elements = spec.descendantsOfType('literal_element').length;
              context.report({ node: table, message: `${table.text} holds ${elements} elements` });
            }
          },
        };
      },
    });
    const table = Array.from({ length: 80 }, (_, i) => `\t${i * 7},`).join('\n');
    const source = `package p\n\nvar primes = []int{\n${table}\n}\n\nvar unused = []int{\n${table}\n}\n\nfunc total() int {\n\treturn sum(primes)\n}\n`;
    const { engine: withRule, job } = await aloneOnOneFile(countsElements, source);
    const outline = parseOutline(withRule, source)!;
    assert.equal(outline.skipped.length, 2, 'both tables are worth skipping');
    outline.tree.delete();
    const full = job(true);
    assert.equal(full.files[0]!.findings[0]?.message, 'primes holds 80 elements');
    assert.deepEqual(comparable(job(false)), comparable(full));
  });

  it('parses a const group where a needed declaration names one of its constants', async () => {
    // A rule that reports the value of the constant a call names (read from the tree's const specs).
    const readsConstant = defineRule({
      meta: { id: 'test-const-value', title: 'Test rule', severity: 'warning', enabledByDefault: true, requiresText: /\blimitOf\(/, tsAnalogy: '' },
      doc: '',
      defaultOptions: {},
      query: '(call_expression function: (identifier) @callee arguments: (argument_list (identifier) @name))',
      create(context) {
        return {
          name(name) {
            for (const spec of context.file.root.descendantsOfType('const_spec')) {
              if (!spec?.childrenForFieldName('name').some((declared) => declared?.text === name.text)) continue;
              context.report({ node: name, message: `${name.text} = ${spec.childForFieldName('value')?.text}` });
            }
          },
        };
      },
    });
    const filler = Array.from({ length: 40 }, (_, i) => `\tfiller${i} = ${i} // padding`).join('\n');
    // The wanted names sit where a simple reader might miss them: after a comma, and
    // after a `;`, each in a group of its own; a third group is not named at all.
    const source =
      `package p\n\nconst (\n${filler}\n\tsmall, large = 1, 1 << 20\n)\n\nconst (\n${filler}\n\tmid = 3; huge = large * 8\n)\n\n` +
      `const (\n${filler}\n)\n\nfunc pick() int {\n\treturn limitOf(huge) + limitOf(large)\n}\n`;
    const { engine: withRule, job } = await aloneOnOneFile(readsConstant, source);
    const outline = parseOutline(withRule, source)!;
    assert.equal(outline.skipped.filter((region) => region.kind === 'constants').length, 3, 'the groups are worth skipping');
    outline.tree.delete();
    const full = job(true);
    assert.deepEqual(full.files[0]!.findings.map((finding) => finding.message), ['huge = large * 8', 'large = 1, 1 << 20']);
    assert.deepEqual(comparable(job(false)), comparable(full));
  });

  it("each rule whose tree scope is 'own' finds alone, in every corpus package, what a full parse finds", () => {
    // Alone, so that no other rule's needs parse the bodies its declarations name.
    const own = ALL_RULES.filter((rule) => rule.meta.treeScope === 'own');
    assert.ok(own.length >= 5, 'the rules that read no other body say so');
    for (const rule of own) {
      const only = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((other) => [other.meta.id, other === rule]))).config;
      for (const goVersion of [undefined, '1.21']) {
        for (const files of corpusPackages()) {
          const full = analysePackage(files, only, true, goVersion);
          assert.deepEqual(comparable(analysePackage(files, only, false, goVersion)), comparable(full), `${rule.meta.id}: ${files.map((file) => file.name).join(', ')}`);
        }
      }
    }
  });

  it("leaves unparsed the bodies a declaration names when its rule's tree scope is 'own'", async () => {
    const source = `package p\n\nfunc caller() {\n\tmarker()\n\thelper()\n${'\t_ = 1\n'.repeat(20)}}\n\nfunc helper() {\n${'\t_ = 2\n'.repeat(20)}}\n`;
    const parsedBodies = async (treeScope: 'own' | undefined) => {
      const rule = defineRule({
        meta: { id: 'test-tree-scope', title: 'Test rule', severity: 'warning', enabledByDefault: true, requiresText: /\bmarker\(/, treeScope, tsAnalogy: '' },
        doc: '',
        defaultOptions: {},
        query: '(call_expression) @call',
        create: () => ({}),
      });
      const withRule = await Engine.create(nodeGrammarSource(), [rule]);
      const outline = parseOutline(withRule, source)!;
      const file = new SourceFile(source, outline.tree);
      const plan = regionsNeeded(withRule.analyzer, file, withRule.defaultConfig, new Set(outline.skipped.map((region) => region.declaration)));
      assert.notEqual(plan.needed, 'all');
      const names = [...(plan.needed as ReadonlySet<number>)].map((index) => file.declarations[index]!.node.childForFieldName('name')?.text).sort();
      outline.tree.delete();
      return names;
    };
    assert.deepEqual(await parsedBodies(undefined), ['caller', 'helper']);
    assert.deepEqual(await parsedBodies('own'), ['caller']);
  });

  it('skips bodies somewhere in the corpus (the comparison above is not between two full parses)', () => {
    let skipped = 0;
    for (const { text } of loadCorpus()) {
      const outline = parseOutline(engine, text);
      skipped += outline?.skipped.length ?? 0;
      outline?.tree.delete();
    }
    assert.ok(skipped > 50, `only ${skipped} bodies skipped`);
  });

  it('finds what a full parse finds after random edits that leave the file valid', () => {
    const corpus = loadCorpus();
    const pieces = ['\n', '{', '}', '(', ')', '"', '`', '/*', '*/', '//', 'func f() {\n', '\n}\n', 'defer ', 'for {', 'map[string]int{}', 'wg.Add(1)', 'go func() {', 'x', ' ', 'mu sync.Mutex'];
    const edit = fc.record({
      file: fc.nat({ max: corpus.length - 1 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      piece: fc.constantFrom(...pieces),
    });
    let compared = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let { name, text } = corpus[edits[0]!.file]!;
        for (const { at, piece } of edits) {
          const offset = Math.floor(at * text.length);
          text = text.slice(0, offset) + piece + text.slice(offset);
        }
        const files = [{ name: path.basename(name), text }];
        const full = analysePackage(files, engine.defaultConfig, true);
        const partial = analysePackage(files, engine.defaultConfig, false);
        if (full.files[0]!.syntaxErrorAt !== undefined) return; // only clean text is promised the same findings
        compared++;
        assert.equal(partial.files[0]!.syntaxErrorAt, undefined);
        assert.deepEqual(comparable(partial), comparable(full));
      }),
      // Most random edits break the text: enough runs that the valid ones are many whatever the seed.
      propertyParameters(600),
    );
    assert.ok(compared > 10, `only ${compared} valid texts compared`);
  });

  it('parses whole files as before once the parser has parsed an outline', () => {
    const { text } = loadCorpus().find((file) => {
      const outline = parseOutline(engine, file.text);
      outline?.tree.delete();
      return outline !== null;
    })!;
    const before = engine.parse(text);
    const expected = before.rootNode.toString();
    before.delete();
    const outline = parseOutline(engine, text)!;
    outline.tree.delete();
    const after = engine.parse(text);
    try {
      assert.equal(after.rootNode.toString(), expected);
    } finally {
      after.delete();
    }
  });
});
