// Text requirements narrowed so the CLI parses fewer bodies (partial-parse.ts) must
// never change what a rule finds: nil-map-write's element write (`]` then `=`, `op=`,
// `++`, `--` or `,`), defer-in-loop's `for` before `defer`, loop-var-capture's `for`
// before the goroutine or deferred closure, context-in-struct's `struct`. Each rule with
// its requirement and a copy without it agree on its testdata with pieces inserted anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import type { AnyRule } from '../../src/engine/rule';
import contextInStruct from '../../src/rules/context-in-struct';
import deferInLoop from '../../src/rules/defer-in-loop';
import loopVarCapture from '../../src/rules/loop-var-capture';
import nilMapWrite from '../../src/rules/nil-map-write';
import { assertPrefilterKeepsFindings } from '../harness/prefilter-agreement';

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
  return { ...rule, meta: { ...rule.meta, requiresText: undefined } };
}

const CASES: { rule: AnyRule; without: AnyRule }[] = [
  // As before: a map type word and a nil hint, without the element write.
  { rule: nilMapWrite, without: { ...nilMapWrite, textRequirement: (file) => nilMapWrite.textRequirement!(file) && (nilMapWrite.textRequirement!(file) as RegExp[]).slice(0, 2) } as AnyRule },
  { rule: deferInLoop, without: withoutRequiredText(deferInLoop) },
  { rule: loopVarCapture, without: withoutRequiredText(loopVarCapture) },
  { rule: contextInStruct, without: withoutRequiredText(contextInStruct) },
];

describe('narrowed text requirements', () => {
  for (const { rule, without } of CASES) {
    it(`${rule.meta.id}: never changes the findings (with and without it, on testdata with pieces inserted anywhere)`, async () => {
      await assertPrefilterKeepsFindings(rule, without, testdata(rule.meta.id), PIECES);
    });
  }
});
