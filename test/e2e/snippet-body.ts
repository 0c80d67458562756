// Reads the extension's Go snippets and works out the text VS Code inserts for one,
// with every placeholder left at its default, as when a user accepts and moves on.
import * as fs from 'node:fs';

export interface GoSnippet {
  name: string;
  prefix: string;
  /** Inserted lines, placeholders resolved, each trimmed (the editor re-indents them). */
  expectedLines: string[];
}

interface SnippetJson {
  prefix: string | string[];
  body: string | string[];
}

/** Resolves TextMate snippet syntax to the text inserted with defaults kept. */
export function resolveSnippet(body: string): string {
  let text = body;
  // Innermost first, so nested placeholders ${1:a ${2:b}} resolve from the inside out.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{\d+:((?:[^${}\\]|\\.)*)\}/g, '$1') // ${1:default}
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1') // ${1|first,second|}
      .replace(/\$\{\d+\}/g, '') // ${1}
      .replace(/\$\d+/g, ''); // $0
  }
  return text.replace(/\\([$}\\])/g, '$1');
}

export function loadGoSnippets(file: string): GoSnippet[] {
  if (!fs.existsSync(file)) return [];
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, SnippetJson>;
  return Object.entries(json).map(([name, snippet]) => {
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    return {
      name,
      prefix: Array.isArray(snippet.prefix) ? snippet.prefix[0]! : snippet.prefix,
      expectedLines: resolveSnippet(body)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
    };
  });
}

/** The snippet the test expands: `preferred` when the file has it, else the first one. */
export function pickSnippet(snippets: readonly GoSnippet[], preferred: string): GoSnippet | undefined {
  return snippets.find((snippet) => snippet.prefix === preferred) ?? snippets[0];
}
