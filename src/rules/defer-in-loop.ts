// defer-in-loop: a defer statement in a loop body. Deferred calls run when the
// function returns, not at the end of the iteration, so files, locks and rows opened
// per iteration pile up until the loop (and the function) is done.
//
// A defer inside a func literal inside the loop runs when that literal returns: fine.
// A defer followed, in its own block, by an unconditional return (or a break out of
// that loop, or a panic) runs at most once, so it is not reported either.
import type { Node } from 'web-tree-sitter';
import { loopRequirement } from '../engine/loop-text';
import { defineRule, followedBy } from '../engine/rule';
import { FUNCTION_TYPES, namedChildren } from '../engine/syntax';
import doc from './defer-in-loop.md';

const DEFER = /\bdefer\b/;
const DEFER_AFTER_FOR = [DEFER, followedBy(String.raw`\bfor\b`, DEFER.source)];

/** The loop the defer belongs to, or null when a function boundary comes first. */
function enclosingLoop(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return null;
    if (current.type === 'for_statement') return current;
  }
  return null;
}

/** Whether a `break` at `statement` leaves `loop` (no switch/select in between captures it). */
function breaksLoop(statement: Node, loop: Node): boolean {
  const label = namedChildren(statement)[0];
  if (label) {
    const labeled = loop.parent;
    return labeled?.type === 'labeled_statement' && labeled.childForFieldName('label')?.text === label.text;
  }
  for (let current = statement.parent; current && current.id !== loop.id; current = current.parent) {
    if (['expression_switch_statement', 'type_switch_statement', 'select_statement', 'for_statement'].includes(current.type)) {
      return false;
    }
  }
  return true;
}

function leavesLoop(statement: Node, loop: Node): boolean {
  switch (statement.type) {
    case 'return_statement':
    case 'goto_statement':
      return true;
    case 'break_statement':
      return breaksLoop(statement, loop);
    case 'expression_statement': {
      const call = namedChildren(statement)[0];
      const callee = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : undefined;
      return callee === 'panic' || callee === 'os.Exit' || callee === 'log.Fatal' || callee === 'log.Fatalf';
    }
    default:
      return false;
  }
}

/** The statements after `statement` in its own list end the iteration for good. */
function runsAtMostOnce(statement: Node, loop: Node): boolean {
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (leavesLoop(next, loop)) return true;
  }
  return false;
}

function deferredCall(statement: Node): string {
  const expression = namedChildren(statement)[0];
  if (!expression) return 'the deferred call';
  if (expression.type === 'call_expression' && expression.childForFieldName('function')?.type === 'func_literal') {
    return 'the deferred func literal';
  }
  const text = expression.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function functionLabel(node: Node): string {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'func_literal') return 'the enclosing func literal';
    if (FUNCTION_TYPES.has(current.type)) return current.childForFieldName('name')?.text ?? 'the function';
  }
  return 'the function';
}

export default defineRule({
  meta: {
    id: 'defer-in-loop',
    title: 'defer inside a loop runs at function exit, not per iteration',
    severity: 'warning',
    enabledByDefault: true,
    // The keyword that starts each defer statement.
    anchor: { text: DEFER, depth: 1 },
    // The defer's own function's tree alone.
    treeScope: 'own',
    tsAnalogy: 'a finally block that waits for the whole function instead of each iteration',
  },
  doc,
  defaultOptions: {},
  // A defer, and a for loop around it: the loop's keyword comes first (from the text
  // alone: the defer inside a for statement).
  textRequirement: (file) => loopRequirement(file, DEFER_AFTER_FOR, [DEFER]),
  query: `(defer_statement) @defer`,
  create(context) {
    return {
      defer(statement) {
        const loop = enclosingLoop(statement);
        if (!loop || runsAtMostOnce(statement, loop)) return;
        const call = deferredCall(statement);
        const oneLine = statement.startPosition.row === statement.endPosition.row;
        context.report({
          node: oneLine ? statement : (statement.firstChild ?? statement),
          message: `defer in a loop: ${call} runs when ${functionLabel(statement)} returns, not after each iteration; move the loop body into a function or release the resource explicitly.`,
        });
      },
    };
  },
});
