// Picks the pitfall the end-to-end test drives: the first finding of a chosen rule in
// the sample workspace, found by the same engine the server runs, so the test's
// expectations (message, quick fix result, TypeScript side of the card) come from
// the project itself rather than from strings copied into the test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnyRule } from '../../src/engine/rule';
import type { Finding, Fix } from '../../src/engine/types';
import { ALL_RULES } from '../../src/rules';
import { applyEdits } from '../harness/apply-edits';
import { testEngine } from '../harness/engine';

export interface PitfallTarget {
  /** Path relative to the workspace, with forward slashes. */
  relativePath: string;
  text: string;
  finding: Finding;
  rule: AnyRule;
  /** 1-based line and column (UTF-16 units, as VS Code counts) of the finding's start. */
  line: number;
  column: number;
  fix: Fix;
  /** The file's text once the preferred fix is applied. */
  fixedText: string;
  /** A line of the rule doc's ```ts block, which the hover card must show. */
  typescriptPhrase: string;
}

function goFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...goFiles(full));
    else if (entry.name.endsWith('.go')) found.push(full);
  }
  return found;
}

/** The longest line of the doc's first ```ts block: the most distinctive one to look for. */
export function typescriptPhrase(doc: string): string | undefined {
  const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) return undefined;
  const lines = block.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  return lines.sort((a, b) => b.length - a.length)[0];
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The first finding of the first rule in `ruleIds` that has a preferred fix. */
export async function findPitfall(workspace: string, ruleIds: readonly string[]): Promise<PitfallTarget> {
  const engine = await testEngine();
  const files = goFiles(workspace).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  for (const ruleId of ruleIds) {
    const rule = ALL_RULES.find((candidate) => candidate.meta.id === ruleId);
    const phrase = rule && typescriptPhrase(rule.doc);
    if (!rule || !phrase) continue;
    for (const { file, text } of files) {
      const { findings } = engine.analyzeText(text, { wantFixes: true });
      for (const finding of findings) {
        const fix = finding.fixes?.find((candidate) => candidate.preferred);
        if (finding.rule !== ruleId || !fix) continue;
        return {
          relativePath: path.relative(workspace, file).split(path.sep).join('/'),
          text,
          finding,
          rule,
          ...position(text, finding.start),
          fix,
          fixedText: applyEdits(text, fix.edits),
          typescriptPhrase: phrase,
        };
      }
    }
  }
  throw new Error(`no ${ruleIds.join(' or ')} finding with a preferred quick fix in ${workspace}`);
}
