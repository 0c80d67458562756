// The hover card on a finding: what the rule is about, the finding's own message,
// the TypeScript habit beside the Go way (both from the rule's doc, our own text),
// and how to silence it. The finding message can quote names from the document,
// so it is escaped; nothing here builds links from document text.
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';
import { codeBlock, escapeMarkdown, inlineCode } from '../shared/markdown';
import type { HoverCardsMode } from '../shared/protocol';
import { ruleDocUrl } from '../shared/product';
import { parseRuleDoc, sectionLead } from './rule-doc';

export function ruleCard(rule: AnyRule, finding: Finding, mode: HoverCardsMode): string {
  const doc = parseRuleDoc(rule.doc);
  const id = rule.meta.id;
  const parts: string[] = [
    `**${escapeMarkdown(rule.meta.title)}** (${inlineCode(id)})`,
    escapeMarkdown(finding.message),
  ];
  if (mode === 'full') {
    const why = sectionLead(doc, 'why');
    if (why) parts.push(why);
  }
  if (doc.typescript) parts.push(`The TypeScript habit (${escapeMarkdown(rule.meta.tsAnalogy)}):`, codeBlock(doc.typescript, 'ts'));
  if (doc.go) parts.push('The Go way:', codeBlock(doc.go, 'go'));
  const fix = sectionLead(doc, 'how to fix', 'fix');
  if (fix && mode === 'full') parts.push(`**Fix:** ${fix}`);
  parts.push(
    `**Silence:** add ${inlineCode(`//nolint:${id}`)} at the end of the line (or use the "Suppress" quick fix).`,
    `[Rule documentation](${ruleDocUrl(id)})`,
  );
  return parts.join('\n\n');
}
