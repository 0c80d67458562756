// Reads one card file: a small front matter (`key: value` lines and a `match:` list)
// followed by markdown with the Go explanation, a `## TypeScript` section, one ```go
// and one ```ts block, and a `## Gotcha` section. Malformed cards throw with the
// file name, so a broken card fails the tests instead of silently vanishing.
import type { Card, MatcherSpec } from './card';

const FENCE = /^```(go|ts)\n([\s\S]*?)\n```[ \t]*$/gm;

interface FrontMatter {
  fields: Map<string, string>;
  match: MatcherSpec[];
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed[0] === trimmed[trimmed.length - 1] && (trimmed[0] === '"' || trimmed[0] === "'")) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}

function parseFrontMatter(lines: string[], file: string): FrontMatter {
  const fields = new Map<string, string>();
  const match: MatcherSpec[] = [];
  let inMatch = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const item = /^\s+-\s*([a-z-]+):\s*(.*)$/.exec(line);
    if (inMatch && item) {
      match.push({ kind: item[1]!, args: item[2]!.trim().split(/\s+/).filter(Boolean) });
      continue;
    }
    const field = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (!field) throw new Error(`${file}: cannot read front matter line ${JSON.stringify(line)}`);
    inMatch = field[1] === 'match';
    if (!inMatch) fields.set(field[1]!, unquote(field[2]!));
  }
  return { fields, match };
}

function required(fields: Map<string, string>, key: string, file: string): string {
  const value = fields.get(key);
  if (!value) throw new Error(`${file}: front matter needs "${key}"`);
  return value;
}

/** Splits the body at `## Heading` lines; the text before the first heading is ''. */
function sections(body: string): Map<string, string> {
  const result = new Map<string, string>();
  let name = '';
  let buffer: string[] = [];
  for (const line of body.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      result.set(name, buffer.join('\n'));
      name = heading[1]!.trim().toLowerCase();
      buffer = [];
    } else buffer.push(line);
  }
  result.set(name, buffer.join('\n'));
  return result;
}

function prose(text: string | undefined): string {
  return (text ?? '').replace(FENCE, '').replace(/\n{3,}/g, '\n\n').trim();
}

export function parseCard(file: string, source: string): Card {
  const text = source.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0] !== '---') throw new Error(`${file}: must start with a --- front matter line`);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new Error(`${file}: front matter is not closed with ---`);
  const { fields, match } = parseFrontMatter(lines.slice(1, end), file);
  const body = lines.slice(end + 1).join('\n');

  const blocks = { go: [] as string[], ts: [] as string[] };
  for (const block of body.matchAll(FENCE)) blocks[block[1] as 'go' | 'ts'].push(block[2]!);
  if (blocks.go.length !== 1 || blocks.ts.length !== 1) {
    throw new Error(`${file}: needs exactly one \`\`\`go and one \`\`\`ts block`);
  }
  const parts = sections(body);
  const card: Card = {
    id: required(fields, 'id', file),
    title: required(fields, 'title', file),
    tsIdiom: required(fields, 'ts', file),
    link: required(fields, 'link', file),
    priority: Number(fields.get('priority') ?? '0'),
    go: prose(parts.get('')),
    typescript: prose(parts.get('typescript')),
    goSnippet: blocks.go[0]!,
    tsSnippet: blocks.ts[0]!,
    gotcha: prose(parts.get('gotcha')),
    match,
  };
  if (!Number.isFinite(card.priority)) throw new Error(`${file}: priority must be a number`);
  for (const key of ['go', 'typescript', 'gotcha'] as const) {
    if (!card[key]) throw new Error(`${file}: the ${key === 'go' ? 'Go explanation' : `## ${key}`} section is empty`);
  }
  if (!/^https:\/\/(go\.dev\/ref\/spec#|pkg\.go\.dev\/|go\.dev\/)/.test(card.link)) {
    throw new Error(`${file}: link must point at the Go spec or pkg.go.dev`);
  }
  if (match.length === 0) throw new Error(`${file}: needs at least one match: line`);
  return card;
}
