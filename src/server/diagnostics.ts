// Findings -> LSP diagnostics. Offsets become positions through the TextDocument
// (UTF-16, any line breaks); the code is the rule id with a link to its doc.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../engine/types';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { ruleDocUrl } from '../shared/product';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** Messages are one line by contract; a stray newline must not break the Problems row. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(document, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: ruleDocUrl(finding.rule) },
    message: oneLine(finding.message),
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: document.uri, range: rangeOf(document, related.start, related.end) },
      message: oneLine(related.message),
    }));
  }
  return diagnostic;
}

/** Whether a diagnostic the client sent back is the one this finding produced. */
export function sameDiagnostic(diagnostic: Diagnostic, expected: Diagnostic): boolean {
  const a = diagnostic.range;
  const b = expected.range;
  return (
    diagnostic.source === expected.source &&
    diagnostic.code === expected.code &&
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
