// Every rule's quick fixes, through the protocol: for each testdata file that has a
// .golden (test/rules/<id>/), the server offers the fix as a code action on the
// finding, and applying it gives the golden text (one finding) or at least removes
// that finding and keeps the file parsing (several findings).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { ALL_RULES } from '../../src/rules';
import { testEngine } from '../harness/engine';
import { LspSession } from './session';
import { applyEdits } from './text';

const root = findPackageRoot();

interface Case {
  rule: string;
  name: string;
  source: string;
  golden: string;
}

function cases(): Case[] {
  const found: Case[] = [];
  for (const rule of ALL_RULES) {
    const dir = path.join(root, 'test', 'rules', rule.meta.id);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.go')).sort()) {
      const goldenPath = path.join(dir, `${name}.golden`);
      if (!fs.existsSync(goldenPath)) continue;
      const source = fs.readFileSync(path.join(dir, name), 'utf8');
      // Options and Go-version directives are the test harness's, not the server's.
      if (source.includes('go-for-ts:')) continue;
      found.push({ rule: rule.meta.id, name, source, golden: fs.readFileSync(goldenPath, 'utf8') });
    }
  }
  return found;
}

function fixActions(actions: CodeAction[]): CodeAction[] {
  return actions.filter((action) => action.kind === 'quickfix' && !action.title.startsWith('Suppress '));
}

function editsOf(action: CodeAction): TextEdit[] {
  return (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
}

describe('rule quick fixes through code actions', () => {
  let session: LspSession;
  before(async () => {
    // Rules that are off by default are tested too, as the rules' own harness does.
    const everyRuleOn = Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]));
    session = await LspSession.start({ initializationOptions: { settings: { rules: everyRuleOn } } });
  });
  after(async () => {
    await session.stop();
  });

  for (const testCase of cases()) {
    it(`${testCase.rule}: ${testCase.name}`, async () => {
      const uri = `untitled:fix-${testCase.rule}-${testCase.name}`;
      const all = await session.open(uri, testCase.source);
      const findings = all.filter((d: Diagnostic) => d.code === testCase.rule);
      try {
        if (testCase.golden === testCase.source) return; // a file whose findings have no fix
        assert.ok(findings.length > 0, 'the rule fires');
        let applied: string | undefined;
        for (const finding of findings) {
          const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri },
            range: finding.range,
            context: { diagnostics: [finding] },
          });
          assert.ok(actions.some((a) => a.title === `Suppress ${testCase.rule} for this line`), 'a suppression is offered');
          const fixes = fixActions(actions).filter((a) => a.diagnostics?.some((d) => d.code === testCase.rule));
          if (fixes.length === 0) continue;
          applied = applyEdits(testCase.source, editsOf(fixes.find((f) => f.isPreferred) ?? fixes[0]!));
          break;
        }
        assert.ok(applied !== undefined, 'a quick fix is offered');
        if (findings.length === 1) {
          assert.equal(applied, testCase.golden);
          return;
        }
        const engine = await testEngine();
        const before = engine.parse(testCase.source);
        const after = engine.parse(applied);
        try {
          assert.ok(!after.rootNode.hasError || before.rootNode.hasError, 'the fix keeps the file parsing');
        } finally {
          before.delete();
          after.delete();
        }
        const fixedUri = `${uri}-fixed`;
        const remaining = (await session.open(fixedUri, applied)).filter((d) => d.code === testCase.rule);
        await session.close(fixedUri);
        assert.ok(remaining.length < findings.length, `${remaining.length} of ${findings.length} findings left`);
      } finally {
        await session.close(uri);
      }
    });
  }
});
