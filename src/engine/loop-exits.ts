// Can a loop be left, can a function return? Syntax-level answers for rules that only
// care whether code after a loop (or the caller) ever runs again: a `for` with no
// condition is left only by break (aimed at it), return or goto.
import type { Node } from 'web-tree-sitter';
import { functionAround } from './function-index';
import { FUNCTION_TYPES, statementsOf } from './syntax';

const BREAKABLE = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

function labelOf(loop: Node): string | undefined {
  return loop.parent?.type === 'labeled_statement' ? loop.parent.childForFieldName('label')?.text : undefined;
}

/** The innermost function (declaration or literal) that owns `node`. */
function ownerFunction(node: Node): Node | null {
  return functionAround(node);
}

/** Whether a `break` statement leaves `loop` (unlabelled: the nearest breakable is the loop). */
function breaksOut(statement: Node, loop: Node, label: string | undefined): boolean {
  const target = statement.namedChildren.find((child) => child?.type === 'label_name')?.text;
  if (target) return target === label;
  for (let current = statement.parent; current; current = current.parent) {
    if (current.id === loop.id) return true;
    if (BREAKABLE.has(current.type) || FUNCTION_TYPES.has(current.type)) return false;
  }
  return false;
}

/** Whether control can leave `loop` other than by finishing its range or failing its condition. */
export function loopHasExit(loop: Node, fn: Node | null = ownerFunction(loop)): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  const text = body.text;
  if (!text.includes('break') && !text.includes('return') && !text.includes('goto')) return false;
  const label = labelOf(loop);
  for (const statement of body.descendantsOfType(['break_statement', 'return_statement', 'goto_statement'])) {
    if (!statement || ownerFunction(statement)?.id !== fn?.id) continue;
    if (statement.type === 'return_statement' || statement.type === 'goto_statement') return true;
    if (breaksOut(statement, loop, label)) return true;
  }
  return false;
}

/** A `for {}` / `for range ch` style loop with no condition: it ends only by an exit. */
export function isEndlessLoop(loop: Node): boolean {
  if (loop.type !== 'for_statement') return false;
  const header = loop.namedChildren.find((child) => child && child.type !== 'block' && child.type !== 'comment');
  if (!header) return true; // for { ... }
  if (header.type === 'for_clause') return !header.childForFieldName('condition');
  return false;
}

/** Whether the function can return to its caller: it has a return, or its body does not end in an endless loop. */
export function functionCanReturn(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  const statements = statementsOf(body);
  const last = statements[statements.length - 1];
  const ownReturn = (body.descendantsOfType('return_statement') as (Node | null)[]).some(
    (ret) => !!ret && ownerFunction(ret)?.id === fn.id,
  );
  if (ownReturn) return true;
  if (!last) return true;
  if (last.type === 'for_statement' && isEndlessLoop(last) && !loopHasExit(last, fn)) return false;
  return true;
}
