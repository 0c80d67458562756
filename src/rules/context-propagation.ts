// context-propagation: context.Background() or context.TODO() inside a function that
// was handed a context already (a context.Context parameter, or an *http.Request whose
// Context() is the request's). The fresh root context drops the caller's deadline and
// cancellation, so work keeps running after the client has gone.
//
// Deliberate detachment is left alone: a nil guard (`if ctx == nil { ctx =
// context.Background() }`) and a goroutine started with `go func() {...}()`, whose work
// is meant to outlive the call.
import type { Node } from 'web-tree-sitter';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { FUNCTION_TYPES, isQualifiedType, namedChildren } from '../engine/syntax';
import doc from './context-propagation.md';

interface Available {
  /** What to write instead: `ctx` or `r.Context()`. */
  replacement: string;
  /** How to name it in the message. */
  label: string;
  /** The function that provides it. */
  fn: Node;
}

function isRequestPointer(file: SourceFile, type: Node | null): boolean {
  if (type?.type !== 'pointer_type') return false;
  return isQualifiedType(file, namedChildren(type)[0] ?? null, 'net/http', 'Request');
}

/** A usable context in this function's own parameters. */
function contextParameter(file: SourceFile, fn: Node): Available | null {
  let request: Available | null = null;
  for (const declaration of namedChildren(fn.childForFieldName('parameters'))) {
    const type = declaration.childForFieldName('type');
    const names = declaration.childrenForFieldName('name').filter((n): n is Node => !!n && n.text !== '_');
    if (names.length === 0) continue;
    if (isQualifiedType(file, type, 'context', 'Context')) {
      return { replacement: names[0]!.text, label: names[0]!.text, fn };
    }
    if (!request && isRequestPointer(file, type)) {
      request = { replacement: `${names[0]!.text}.Context()`, label: `${names[0]!.text}.Context()`, fn };
    }
  }
  return request;
}

/** Whether a func literal is started as a goroutine: `go func() {...}()`. */
function isGoroutineBody(literal: Node): boolean {
  const call = literal.parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.id === literal.id && call.parent?.type === 'go_statement';
}

/** The nearest context the code at `node` could use instead of a new root. */
function availableContext(file: SourceFile, node: Node): Available | null {
  for (let current = node.parent; current; current = current.parent) {
    if (!FUNCTION_TYPES.has(current.type)) continue;
    const found = contextParameter(file, current);
    if (found) return found;
    if (current.type !== 'func_literal' || isGoroutineBody(current)) return null;
  }
  return null;
}

/** `ctx = context.Background()` assigning the parameter itself: a nil guard or a reset. */
function assignsToParameter(call: Node, name: string): boolean {
  const list = call.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || statement?.type !== 'assignment_statement') return false;
  return namedChildren(statement.childForFieldName('left')).some((left) => left.text === name);
}

function functionName(fn: Node): string {
  return fn.type === 'func_literal' ? 'this func literal' : (fn.childForFieldName('name')?.text ?? 'this function');
}

export default defineRule({
  meta: {
    id: 'context-propagation',
    title: 'New root context where a context was passed in',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['context'],
    anchor: { text: /Background|TODO/, depth: 2 },
    // The call's own function's tree alone.
    treeScope: 'own',
    tsAnalogy: 'calling fetch() without the AbortSignal your caller gave you',
  },
  doc,
  defaultOptions: {},
  query: `
    (call_expression
      function: (selector_expression
        operand: (identifier) @pkg
        field: (field_identifier) @name (#match? @name "^(Background|TODO)$"))
      arguments: (argument_list) @args) @call
  `,
  create(context) {
    return {
      call(call) {
        const fnNode = call.childForFieldName('function');
        if (!context.file.refersTo(fnNode?.childForFieldName('operand') ?? null, 'context')) return;
        const available = availableContext(context.file, call);
        if (!available) return;
        const parameterName = available.replacement.replace(/\.Context\(\)$/, '');
        if (assignsToParameter(call, parameterName)) return;
        if (call.parent?.type === 'binary_expression') return; // `ctx != context.Background()` compares, creates nothing
        context.report({
          node: call,
          message: `${call.text} in ${functionName(available.fn)} drops the caller's cancellation and deadline: use ${available.label} instead.`,
          fixes: () => [
            {
              title: `Use ${available.label}`,
              edits: [{ start: call.startIndex, end: call.endIndex, newText: available.replacement }],
              preferred: true,
            },
          ],
        });
      },
    };
  },
});
