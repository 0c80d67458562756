// Code actions for the findings under the requested range: each finding's own
// quick fixes (built only now, on request) and "Suppress <rule> for this line".
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../engine/analyzer';
import type { EngineConfig } from '../engine/config';
import type { SourceFile } from '../engine/source-file';
import { ANALYSIS_BUDGET_MS } from './limit-notice';
import type { Finding, TextEdit } from '../engine/types';
import { rangeOf, sameDiagnostic, toDiagnostic } from './diagnostics';
import { lineSuppressionEdit } from './suppress-edit';

export interface CodeActionInput {
  params: CodeActionParams;
  document: TextDocument;
  file: SourceFile;
  /** The findings of the current version (without fixes). */
  findings: readonly Finding[];
  analyzer: Analyzer;
  config: EngineConfig;
  /** The client applies versioned `documentChanges` (else plain `changes`). */
  documentChanges: boolean;
}

function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return !only || only.some((kind) => kind === '' || CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`));
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { params, document, file } = input;
  if (!wantsQuickFixes(params.context.only)) return [];
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const touched = input.findings.filter((finding) => finding.start <= end && start <= finding.end);
  // Cursor moves ask for code actions all the time: analyse with fixes only when needed.
  if (touched.length === 0) return [];
  const withFixes = input.analyzer.analyze(file, input.config, { wantFixes: true, timeBudgetMs: ANALYSIS_BUDGET_MS }).findings;

  const toWorkspaceEdit = (edits: readonly TextEdit[]): WorkspaceEdit => {
    const lspEdits: LspTextEdit[] = edits.map((edit) => ({ range: rangeOf(document, edit.start, edit.end), newText: edit.newText }));
    return input.documentChanges
      ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] }
      : { changes: { [document.uri]: lspEdits } };
  };

  const actions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const suppressed = new Set<string>();
  for (const finding of touched) {
    const fresh = toDiagnostic(document, finding);
    const diagnostic: Diagnostic = params.context.diagnostics.find((d) => sameDiagnostic(d, fresh)) ?? fresh;
    const fixed = withFixes.find(
      (f) => f.rule === finding.rule && f.start === finding.start && f.end === finding.end && f.message === finding.message,
    );
    for (const fix of fixed?.fixes ?? []) {
      if (fix.edits.length === 0) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred === true,
        edit: toWorkspaceEdit(fix.edits),
      });
    }
    const line = document.positionAt(finding.start).line;
    const key = `${finding.rule}:${line}`;
    if (suppressed.has(key)) continue;
    suppressed.add(key);
    // None on a line Go reads as inside a raw string or comment that spans it (half-typed code).
    const suppression = lineSuppressionEdit(file, finding.rule, finding.start);
    if (!suppression) continue;
    suppressions.push({
      title: `Suppress ${finding.rule} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: toWorkspaceEdit([suppression]),
    });
  }
  return [...actions, ...suppressions];
}
