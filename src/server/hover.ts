// Hover: on a finding, the rule's card (explanation, TypeScript beside Go, how to
// silence); elsewhere, the construct card for the Go syntax under the cursor.
// Cards are plain (untrusted) markdown: no command links, document text escaped.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { AnyRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import type { Finding } from '../engine/types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { constructCardAt } from './construct-cards';
import { rangeOf } from './diagnostics';
import { ruleCard } from './rule-card';
import type { ServerSettings } from './settings';

/** Findings whose range holds the offset (an empty range holds its own offset). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => (f.start === f.end ? offset === f.start : f.start <= offset && offset < f.end));
}

export function hoverAt(
  document: TextDocument,
  file: SourceFile,
  findings: readonly Finding[],
  offset: number,
  rulesById: ReadonlyMap<string, AnyRule>,
  settings: ServerSettings,
): Hover | null {
  if (!settings.hoverEnabled) return null;
  const here = findingsAt(findings, offset).filter((finding) => rulesById.has(finding.rule));
  if (here.length > 0) {
    const value = here.map((finding) => ruleCard(rulesById.get(finding.rule)!, finding, settings.hoverCards)).join('\n\n---\n\n');
    const first = here[0]!;
    return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(document, first.start, first.end) };
  }
  if (settings.hoverCards === 'off' || !constructCardAt) return null;
  const card = constructCardAt(file, offset, settings.hoverCards);
  return card ? { contents: { kind: MarkupKind.Markdown, value: card } } : null;
}
