// Text requirements narrowed so the CLI parses fewer bodies (partial-parse.ts) must
// never change what a rule finds: nil-map-write's element write (`]` then `=`, `op=`,
// `++`, `--` or `,`) of a name its nil hint finds, defer-in-loop's `for` before
// `defer`, loop-var-capture's `for` before the goroutine or deferred closure,
// context-in-struct's `struct`. Each rule with its requirement and a copy without it
// agree on its testdata with pieces inserted anywhere. The text-only screens the CLI's
// plan adds (nil-map-write's nil hint, the defer or closure inside a for statement)
// keep the declaration of every finding.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import type { ScreenedRequirement, TextRequirement } from '../../src/engine/declarations';
import type { AnyRule } from '../../src/engine/rule';
import type { SourceFile } from '../../src/engine/source-file';
import contextInStruct from '../../src/rules/context-in-struct';
import deferInLoop from '../../src/rules/defer-in-loop';
import loopVarCapture from '../../src/rules/loop-var-capture';
import nilMapWrite from '../../src/rules/nil-map-write';
import { assertPrefilterKeepsFindings, assertTextScreenKeepsFindings } from '../harness/prefilter-agreement';

/** Text that makes or breaks the words and tokens the requirements look for. */
const PIECES = [' ', '\n', '\t', '/* c */', '// c\n', ']', '[', '=', '==', '+=', '&^=', '<<=', '++', '--', ',', ':=', 'for ', 'defer ', 'go ', 'func', '.Go(', 'f', '{', '}', 'map', 'nil', 'struct', '"', '`', 'é'];

function testdata(rule: string): string[] {
  const dir = path.join(findPackageRoot(), 'test', 'rules', rule);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.go'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
}

function withoutRequiredText(rule: AnyRule): AnyRule {
  return { ...rule, meta: { ...rule.meta, requiresText: undefined }, textRequirement: undefined };
}

/** nil-map-write as before its element write and nil hint screen: a map type word and a nil hint word. */
function nilMapWriteBefore(file: SourceFile): TextRequirement | null {
  const requirement = nilMapWrite.textRequirement!(file) as ScreenedRequirement | null;
  return requirement && (requirement.patterns as RegExp[]).slice(0, 2);
}

const CASES: { rule: AnyRule; without: AnyRule }[] = [
  { rule: nilMapWrite, without: { ...nilMapWrite, textRequirement: nilMapWriteBefore } as AnyRule },
  { rule: deferInLoop, without: withoutRequiredText(deferInLoop) },
  { rule: loopVarCapture, without: withoutRequiredText(loopVarCapture) },
  { rule: contextInStruct, without: withoutRequiredText(contextInStruct) },
];

/** Pieces that more often leave the text free of syntax errors (the text screens count only there). */
const VALID_PIECES = [' ', '\n', '\t', '/* c */', '// c\n', '/* { */', '"{"', '`}`', '\nfor {}\n', '\ndefer f()\n', '\ngo func() {}()\n', '\nvar m map[string]int\n', '\nm = nil\n'];

describe('narrowed text requirements', () => {
  for (const { rule, without } of CASES) {
    it(`${rule.meta.id}: never changes the findings (with and without it, on testdata with pieces inserted anywhere)`, async () => {
      await assertPrefilterKeepsFindings(rule, without, testdata(rule.meta.id), PIECES);
    });
  }
  for (const rule of [nilMapWrite, deferInLoop, loopVarCapture]) {
    it(`${rule.meta.id}: its text-only screen keeps the declaration of every finding`, async () => {
      await assertTextScreenKeepsFindings(rule, testdata(rule.meta.id), VALID_PIECES, 1000);
    });
  }
});
