// Multi-file cases: test/rules/<rule-id>/<name>.pkg/ holds the files of ONE Go package.
// Every file is parsed, their facts go into a PackageIndex, then each file is analysed
// with the package's facts and compared with its `// want` comments, as the CLI does
// one directory at a time. (Single files keep using analysistest.ts.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { extractFileFacts } from '../../src/engine/package-facts';
import { PackageIndex } from '../../src/engine/package-index';
import type { AnyRule } from '../../src/engine/rule';
import { LineIndex } from '../../src/engine/lines';
import { readDirectives, readExpectations } from './want';

export function packageDirectories(ruleDir: string): string[] {
  if (!fs.existsSync(ruleDir)) return [];
  return fs
    .readdirSync(ruleDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.endsWith('.pkg'))
    .map((entry) => path.join(ruleDir, entry.name))
    .sort();
}

export function checkPackageDirectory(engine: Engine, rule: AnyRule, dir: string): void {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.go')).sort().map((name) => path.join(dir, name));
  assert.ok(files.length > 1, `${dir} should hold several files`);
  const texts = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const index = new PackageIndex();
  for (const [file, text] of texts) {
    const tree = engine.parse(text);
    try {
      index.updateFile(file, extractFileFacts(tree.rootNode));
    } finally {
      tree.delete();
    }
  }
  const problems: string[] = [];
  for (const [file, text] of texts) {
    const directives = readDirectives(text);
    const settings: Record<string, unknown> = {};
    for (const other of engine.rules) settings[other.meta.id] = other === rule;
    if (directives.options) settings[rule.meta.id] = { enabled: true, options: directives.options };
    const { config } = resolveConfig(engine.rules, settings);
    const result = engine.analyzeText(text, { config, goVersion: directives.goVersion, packageFacts: index.factsForFile(file) });
    assert.deepEqual(result.ruleErrors, [], `rule ${rule.meta.id} threw on ${file}`);
    const lines = new LineIndex(text);
    const unmatched = readExpectations(text);
    for (const finding of result.findings) {
      const line = lines.positionAt(finding.start).line;
      const at = unmatched.findIndex((want) => want.line === line && want.pattern.test(finding.message));
      if (at >= 0) unmatched.splice(at, 1);
      else problems.push(`${file}:${line + 1}: unexpected finding: ${finding.message}`);
    }
    problems.push(...unmatched.map((want) => `${file}:${want.line + 1}: no finding matching /${want.source}/`));
  }
  assert.deepEqual(problems, [], 'findings differ from the // want comments');
}
