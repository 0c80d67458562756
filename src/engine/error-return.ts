// How a quick fix leaves a function with an error, in the function's own shape:
// `return err`, `return nil, 0, err` for unnamed results, a bare `return` after setting
// a named error result, or a bare `return` in a function without results.
import type { Node } from 'web-tree-sitter';
import { declaredIdentifiers } from './scope';
import type { SourceFile } from './source-file';
import { namedChildren, STATEMENT_LIST } from './syntax';
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
 * Whether one of `names` is declared again in a block around `at` (below the
 * function's own top level, where `:=` reuses a result instead). A bare return
 * does not compile where a named result is shadowed.
 */
function shadowedAt(fn: Node, at: Node, names: ReadonlySet<string>): boolean {
  const body = fn.childForFieldName('body');
  const declares = (statement: Node | null) =>
    !!statement && declaredIdentifiers(statement).some((id) => names.has(id.text));
  let child = at;
  for (let node = at.parent; node && node.id !== fn.id; child = node, node = node.parent) {
    if (node.type === STATEMENT_LIST && node.parent?.id !== body?.id) {
      if (namedChildren(node).some((s) => s.startIndex <= child.startIndex && declares(s))) return true;
    }
    const initializer = node.childForFieldName('initializer');
    if (initializer && initializer.id !== child.id && declares(initializer)) return true;
    if (node.type === 'for_statement') {
      const clause = namedChildren(node).find((c) => c.type === 'for_clause' || c.type === 'range_clause');
      if (clause?.type === 'for_clause' && declares(clause.childForFieldName('initializer'))) return true;
      if (clause?.type === 'range_clause' && clause.text.includes(':=')) {
        if (namedChildren(clause.childForFieldName('left')).some((id) => names.has(id.text))) return true;
      }
    }
  }
  return false;
}

/**
 * The way `fn` (a function declaration, method or literal) returns the error held in
 * `err` from a check inserted after `at`; null when it has results but none of them
 * is a trailing `error`, or a bare return would not compile there.
 */
export function errorReturn(file: SourceFile, fn: Node, at: Node): ErrorReturn | null {
  const result = fn.childForFieldName('result');
  if (!result) return { declare: true, body: ['return'] };
  const results = flattenResults(result);
  const last = results[results.length - 1];
  if (!last || last.type.type !== 'type_identifier' || last.type.text !== 'error') return null;
  if (last.name === null) {
    const zeros = results.slice(0, -1).map((r) => zeroValue(file, r.type));
    return { declare: true, body: [`return ${[...zeros, 'err'].join(', ')}`] };
  }
  const names = new Set(results.map((r) => r.name).filter((name): name is string => !!name && name !== '_'));
  if (shadowedAt(fn, at, names)) return null;
  if (last.name === 'err') return { declare: false, body: ['return'] };
  // A fresh `err` would shadow a result of that name and break the bare return.
  if (last.name === '_' || names.has('err')) return null;
  return { declare: true, body: [`${last.name} = err`, 'return'] };
}
