// Where a random keystroke inside a function body lands, for the typing properties
// (test/engine/incremental.test.ts, body-edit.test.ts): the `fn`-th function body of
// the file (modulo their count), at fraction `at` of its inside, replacing up to
// `remove` characters, never the braces themselves.
import type { SourceFile } from '../../src/engine/source-file';

export interface BodyKeystroke {
  fn: number;
  at: number;
  remove: number;
}

/** [start, end) of the text the keystroke replaces; null when the file has no body with an inside. */
export function bodyKeystrokeRange(file: SourceFile, key: BodyKeystroke): [number, number] | null {
  const bodies = file.declarations
    .filter((d) => d.type === 'function_declaration' || d.type === 'method_declaration')
    .map((d) => d.node.childForFieldName('body'))
    .filter((body) => !!body && body.endIndex - body.startIndex > 2);
  if (bodies.length === 0) return null;
  const body = bodies[key.fn % bodies.length]!;
  const start = body.startIndex + 1 + Math.floor(key.at * (body.endIndex - body.startIndex - 2));
  return [start, Math.min(body.endIndex - 1, start + key.remove)];
}
