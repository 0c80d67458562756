// Go snippets are fragments: a few declarations, or statements from a function body.
// These wrap one into the smallest file that can hold it, so it can be parsed.
import type { Engine } from '../../src/engine/engine';
import { countErrorNodes } from '../harness/analysistest';

export type SnippetShape = 'file' | 'declarations' | 'statements';

export function wrapGo(snippet: string, shape: SnippetShape): string {
  switch (shape) {
    case 'file':
      return `${snippet}\n`;
    case 'declarations':
      return `package p\n\n${snippet}\n`;
    case 'statements':
      return `package p\n\nfunc _() {\n${snippet}\n}\n`;
  }
}

/** The shape a snippet parses cleanly as (a file, top-level declarations, statements), or null. */
export function parsesAs(engine: Engine, snippet: string): { shape: SnippetShape; text: string } | null {
  const shapes: SnippetShape[] = /^package\s/m.test(snippet) ? ['file'] : ['declarations', 'statements'];
  for (const shape of shapes) {
    const text = wrapGo(snippet, shape);
    if (countErrorNodes(engine, text) === 0) return { shape, text };
  }
  return null;
}
