// Runs one rule over a testdata file and compares its findings with the file's
// `// want` comments: a missing finding and an unexpected one both fail. With a
// `.golden` file beside it, applies every finding's first fix and compares the
// result byte for byte, then re-parses it to prove the fix left valid Go.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import type { AnyRule } from '../../src/engine/rule';
import { LineIndex } from '../../src/engine/lines';
import type { Finding, TextEdit } from '../../src/engine/types';
import { applyEdits } from './apply-edits';
import { readDirectives, readExpectations } from './want';

export function countErrorNodes(engine: Engine, text: string): number {
  const tree = engine.parse(text);
  try {
    return tree.rootNode.descendantsOfType(['ERROR']).length + (tree.rootNode.hasError ? countMissing(tree.rootNode) : 0);
  } finally {
    tree.delete();
  }
}

function countMissing(node: import('web-tree-sitter').Node): number {
  let count = node.isMissing ? 1 : 0;
  if (!node.hasError) return count;
  for (const child of node.children) if (child) count += countMissing(child);
  return count;
}

export function analyzeWithRule(engine: Engine, rule: AnyRule, text: string, wantFixes = false): Finding[] {
  const directives = readDirectives(text);
  const settings: Record<string, unknown> = {};
  for (const other of engine.rules) settings[other.meta.id] = other === rule;
  if (directives.options) settings[rule.meta.id] = { enabled: true, options: directives.options };
  const { config, problems } = resolveConfig(engine.rules, settings);
  assert.deepEqual(problems, [], 'testdata options are invalid');
  const result = engine.analyzeText(text, { config, goVersion: directives.goVersion, wantFixes });
  assert.deepEqual(result.ruleErrors, [], `rule ${rule.meta.id} threw`);
  return result.findings;
}

export function checkTestdataFile(engine: Engine, rule: AnyRule, path: string): void {
  const text = fs.readFileSync(path, 'utf8');
  const lines = new LineIndex(text);
  const findings = analyzeWithRule(engine, rule, text, true);
  const expectations = readExpectations(text);
  const unexpected: string[] = [];
  const unmatched = [...expectations];
  for (const finding of findings) {
    const line = lines.positionAt(finding.start).line;
    const index = unmatched.findIndex((want) => want.line === line && want.pattern.test(finding.message));
    if (index >= 0) unmatched.splice(index, 1);
    else unexpected.push(`${path}:${line + 1}: unexpected finding: ${finding.message}`);
  }
  const missing = unmatched.map((want) => `${path}:${want.line + 1}: no finding matching /${want.source}/`);
  assert.deepEqual([...missing, ...unexpected], [], 'findings differ from the // want comments');

  const goldenPath = `${path}.golden`;
  if (!fs.existsSync(goldenPath)) return;
  const edits: TextEdit[] = findings.flatMap((finding) => finding.fixes?.[0]?.edits ?? []);
  const fixed = applyEdits(text, edits);
  assert.equal(fixed, fs.readFileSync(goldenPath, 'utf8'), `applying the fixes to ${path} differs from ${goldenPath}`);
  assert.ok(
    countErrorNodes(engine, fixed) <= countErrorNodes(engine, text),
    `the fixed text of ${path} has new syntax errors`,
  );
}
