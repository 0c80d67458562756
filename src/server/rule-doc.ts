// Reads the parts of a rule's documentation (src/rules/<id>.md) that cards quote:
// the lead sentence, the sections by heading, the TypeScript and Go examples.
// The docs follow one layout ("# id", a bold lead, "## …" sections), checked by
// test/rules.test.ts; anything missing just leaves that part out of the card.

export interface RuleDocParts {
  lead: string;
  /** Section heading (as written, without "## ") -> its markdown body, trimmed. */
  sections: Map<string, string>;
  typescript: string | null;
  go: string | null;
}

const cache = new Map<string, RuleDocParts>();

function firstFence(markdown: string, language: string): string | null {
  const match = new RegExp('^```' + language + '[^\\n]*\\n([\\s\\S]*?)^```', 'm').exec(markdown);
  return match ? match[1]!.replace(/\n$/, '') : null;
}

function firstParagraph(markdown: string): string {
  return (markdown.split(/\n\s*\n/).find((paragraph) => paragraph.trim() !== '') ?? '').trim();
}

export function parseRuleDoc(markdown: string): RuleDocParts {
  const cached = cache.get(markdown);
  if (cached) return cached;
  const text = markdown.replace(/\r\n?/g, '\n');
  const [head = '', ...rest] = text.split(/^## /m);
  const sections = new Map<string, string>();
  for (const chunk of rest) {
    const newline = chunk.indexOf('\n');
    const heading = (newline === -1 ? chunk : chunk.slice(0, newline)).trim();
    sections.set(heading, newline === -1 ? '' : chunk.slice(newline + 1).trim());
  }
  const parts: RuleDocParts = {
    lead: firstParagraph(head.replace(/^# .*\n/, '')),
    sections,
    typescript: firstFence(text, 'ts'),
    go: firstFence(text, 'go'),
  };
  cache.set(markdown, parts);
  return parts;
}

/** The first paragraph of the first section whose heading starts with one of the prefixes. */
export function sectionLead(parts: RuleDocParts, ...prefixes: string[]): string | null {
  for (const [heading, body] of parts.sections) {
    if (prefixes.some((prefix) => heading.toLowerCase().startsWith(prefix.toLowerCase()))) {
      const paragraph = firstParagraph(body);
      return paragraph === '' || paragraph.startsWith('```') ? null : paragraph;
    }
  }
  return null;
}
