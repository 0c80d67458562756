// Markdown built from document text (identifiers, string literals, messages that
// quote code) goes through here, so a Go file cannot put links, images, HTML or
// `command:` URIs into a hover card or a diagnostic.

/** Escapes text for use in markdown prose: every markdown and HTML metacharacter. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}\[\]()#+\-.!|<>&~:"'=]/g, (char) => {
    if (char === '<') return '&lt;';
    if (char === '>') return '&gt;';
    if (char === '&') return '&amp;';
    return `\\${char}`;
  });
}

/** Inline code with a fence longer than any backtick run inside the text. */
export function inlineCode(text: string): string {
  const singleLine = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(singleLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = singleLine.startsWith('`') || singleLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${singleLine}${pad}${fence}`;
}

/** A fenced code block that the text cannot close early. */
export function codeBlock(text: string, language: string): string {
  const longestRun = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
