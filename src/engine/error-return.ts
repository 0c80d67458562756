// How a quick fix leaves a function with an error, in the function's own shape:
// `return err`, `return nil, 0, err` for unnamed results, a bare `return` after setting
// a named error result, or a bare `return` in a function without results.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from './source-file';
import { namedChildren } from './syntax';
import { zeroValue } from './zero-values';

export interface ErrorReturn {
  /**
   * True: the check declares a fresh `err` (`if err := ...`). False: it assigns the
   * named result `err` (`if err = ...`), since a bare return must not see it shadowed.
   */
  declare: boolean;
  /** The statements inside the check, one per line, without indentation. */
  body: string[];
}

interface Result {
  name: string | null;
  type: Node;
}

function flattenResults(result: Node): Result[] {
  if (result.type !== 'parameter_list') return [{ name: null, type: result }];
  const results: Result[] = [];
  for (const declaration of namedChildren(result)) {
    const type = declaration.childForFieldName('type');
    if (!type) return [];
    const names = declaration.childrenForFieldName('name').filter((n): n is Node => !!n);
    if (names.length === 0) results.push({ name: null, type });
    for (const name of names) results.push({ name: name.text, type });
  }
  return results;
}

/**
 * The way `fn` (a function declaration, method or literal) returns the error held in
 * `err`; null when it has results but none of them is a trailing `error`.
 */
export function errorReturn(file: SourceFile, fn: Node): ErrorReturn | null {
  const result = fn.childForFieldName('result');
  if (!result) return { declare: true, body: ['return'] };
  const results = flattenResults(result);
  const last = results[results.length - 1];
  if (!last || last.type.type !== 'type_identifier' || last.type.text !== 'error') return null;
  if (last.name === null) {
    const zeros = results.slice(0, -1).map((r) => zeroValue(file, r.type));
    return { declare: true, body: [`return ${[...zeros, 'err'].join(', ')}`] };
  }
  if (last.name === 'err') return { declare: false, body: ['return'] };
  // A fresh `err` would shadow a result of that name and break the bare return.
  if (last.name === '_' || results.some((r) => r.name === 'err')) return null;
  return { declare: true, body: [`${last.name} = err`, 'return'] };
}
