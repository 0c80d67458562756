// response-body-close: an *http.Response whose Body is never closed in the function
// that received it. An unclosed body keeps its connection out of the pool (and a
// goroutine and buffers with it) until the garbage collector happens to finalize it.
//
// Syntax only, and flow-insensitive: any close of the body after the call, before the
// variable is reassigned, counts, wherever it sits. What counts as closing:
//   resp.Body.Close() (also deferred, also inside a func literal that is called),
//   closing an alias (body := resp.Body; body.Close()),
//   passing resp or resp.Body to a function of this file (or a func literal) that closes it,
//   passing resp.Body to a deferred call or to a function whose name says "close".
// Responses handed elsewhere are someone else's job: returned, stored in a field, a
// package variable or a composite literal, sent on a channel, or passed to a function
// this file can't see (printing with fmt/log is not a hand-off).
import type { Node } from 'web-tree-sitter';
import { findDeclaration, type NameDeclaration } from '../engine/name-declarations';
import { localProducerNames, RESPONSE_MEMBERS, responseProducer, type ResponseProducer } from '../engine/response-producers';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, contains, enclosingFunction, FUNCTION_TYPES, identifiersNamed, namedChildren } from '../engine/syntax';
import doc from './response-body-close.md';

type Use = 'close' | 'handoff' | 'none';

/** Method names the query already captures. */
const SELECTOR_PRODUCERS = new Set(['Get', 'Head', 'Post', 'PostForm', 'Do', 'RoundTrip']);

/** Packages whose functions only look at a value: passing the response there hands nothing off. */
const LOOK_ONLY_PACKAGES = new Set(['fmt', 'log', 'log/slog']);

interface Binding {
  /** The variable holding the response, or null when the response is dropped. */
  variable: Node | null;
  statement: Node;
}

/** Where the call's *http.Response goes: a local variable, nowhere, or (null) somewhere else. */
function bindingOf(call: Node, producer: ResponseProducer): Binding | null {
  const parent = call.parent;
  if (parent?.type === 'expression_statement') return { variable: null, statement: parent };
  if (parent?.type !== 'expression_list') return null;
  const statement = parent.parent;
  if (!statement) return null;
  let targets: Node[];
  if (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') {
    if (statement.childForFieldName('right')?.id !== parent.id) return null;
    targets = namedChildren(statement.childForFieldName('left'));
  } else if (statement.type === 'var_spec') {
    targets = statement.childrenForFieldName('name').filter((n): n is Node => !!n);
  } else {
    return null;
  }
  if (namedChildren(parent).length !== 1) return null;
  const target = targets[producer.resultIndex];
  if (!target) return null;
  if (target.type === 'identifier' && target.text === '_') return { variable: null, statement };
  return target.type === 'identifier' ? { variable: target, statement } : null;
}

/** The function whose body the variable lives in. */
function ownerFunction(declaration: NameDeclaration): Node | null {
  const scope = declaration.scope;
  return FUNCTION_TYPES.has(scope.type) ? scope : enclosingFunction(scope);
}

/**
 * Where the variable's value from `producer` stops being the response: its next
 * assignment in the same block (one in another branch of an if/else doesn't count).
 */
function regionEnd(file: SourceFile, owner: Node, name: string, declaration: NameDeclaration, producer: Node): number {
  let end = owner.endIndex;
  const block = producer.parent ?? owner;
  for (const statement of owner.descendantsOfType(['assignment_statement', 'short_var_declaration'])) {
    if (!statement || statement.startIndex <= producer.startIndex || statement.startIndex >= end) continue;
    if (!contains(block, statement)) continue;
    const assigned = namedChildren(statement.childForFieldName('left')).some(
      (target) => target.type === 'identifier' && target.text === name && findDeclaration(file, target)?.identifier.id === declaration.identifier.id,
    );
    if (assigned) end = statement.startIndex;
  }
  return end;
}

/** Whether a func literal actually runs: called on the spot, deferred, started, passed on, or stored and called. */
function literalRuns(literal: Node): boolean {
  const parent = literal.parent;
  if (parent?.type === 'call_expression') return true; // func(){...}() or passed as an argument's callee
  if (parent?.type === 'argument_list') return true;
  if (parent?.type === 'expression_list') {
    const statement = parent.parent;
    const targets = namedChildren(statement?.childForFieldName('left') ?? null);
    const values = namedChildren(parent);
    const target = targets[values.findIndex((v) => v.id === literal.id)];
    if (!target || target.type !== 'identifier' || target.text === '_') return false;
    const owner = enclosingFunction(literal);
    if (!owner) return false;
    return identifiersNamed(owner, target.text).some(
      (use) => use.parent?.type === 'call_expression' && use.parent.childForFieldName('function')?.id === use.id,
    );
  }
  return parent?.type === 'return_statement' || parent?.type === 'keyed_element' || parent?.type === 'literal_element';
}

/** Every func literal between `use` and `owner` runs (so a close inside it happens). */
function reachable(use: Node, owner: Node): boolean {
  for (let current = use.parent; current && current.id !== owner.id; current = current.parent) {
    if (current.type === 'func_literal' && !literalRuns(current)) return false;
  }
  return true;
}

/** The function (declared in this file, or a local func literal) a call invokes. */
function calleeFunction(file: SourceFile, call: Node): Node | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  if (callee.type === 'func_literal') return callee;
  if (callee.type !== 'identifier') return null;
  const declaration = findDeclaration(file, callee);
  if (declaration?.value?.type === 'func_literal') return declaration.value;
  if (declaration) return null;
  return (
    namedChildren(file.root).find(
      (node) => node.type === 'function_declaration' && node.childForFieldName('name')?.text === callee.text,
    ) ?? null
  );
}

/** The name of parameter `index` of a function, if it has one. */
function parameterName(fn: Node, index: number): string | null {
  let position = 0;
  for (const declaration of namedChildren(fn.childForFieldName('parameters'))) {
    const names = declaration.childrenForFieldName('name').filter((n): n is Node => !!n);
    for (const name of names.length ? names : [null]) {
      if (position === index) return name?.text ?? null;
      position++;
    }
  }
  return null;
}

/** Whether `fn` closes `${param}${suffix}` (e.g. `res.Body.Close`) in its body. */
function closesParameter(fn: Node, index: number, suffix: string): boolean {
  const param = parameterName(fn, index);
  if (!param || param === '_') return false;
  const body = fn.childForFieldName('body')?.text ?? '';
  return new RegExp(`(^|[^\\w.])${param}${suffix.replace(/\./g, '\\.')}\\s*\\.\\s*Close\\b`).test(body);
}

function argumentIndex(argument: Node): number {
  return namedChildren(argument.parent).findIndex((arg) => arg.id === argument.id);
}

/** resp.Body (or an alias of it) passed as an argument: does that call close it? */
function bodyArgumentUse(file: SourceFile, argument: Node): Use {
  const call = argument.parent!.parent!;
  const fn = calleeFunction(file, call);
  if (fn) return closesParameter(fn, argumentIndex(argument), '') ? 'close' : 'none';
  const parts = callParts(call);
  if (parts && /close/i.test(parts.name)) return 'close';
  if (call.parent?.type === 'defer_statement') return 'close'; // a deferred helper of another file
  return 'none';
}

/** resp passed as an argument: closed by a visible function, or handed to one we can't see. */
function responseArgumentUse(file: SourceFile, argument: Node): Use {
  const call = argument.parent!.parent!;
  const fn = calleeFunction(file, call);
  if (fn) return closesParameter(fn, argumentIndex(argument), '.Body') ? 'close' : 'none';
  const parts = callParts(call);
  if (parts?.receiver && LOOK_ONLY_PACKAGES.has(file.imports.pathByName.get(parts.receiver.text) ?? '')) return 'none';
  return 'handoff';
}

/** A value written somewhere that outlives the function or belongs to someone else. */
function isStored(value: Node): boolean {
  const parent = value.parent;
  if (!parent) return false;
  if (parent.type === 'return_statement' || parent.type === 'send_statement' || parent.type === 'literal_element') return true;
  if (parent.type === 'expression_list') {
    const grand = parent.parent;
    if (grand?.type === 'return_statement') return true;
    if (grand?.type === 'assignment_statement' || grand?.type === 'short_var_declaration') {
      if (grand.childForFieldName('right')?.id !== parent.id) return false;
      // `_ = resp` only silences "declared and not used".
      const targets = namedChildren(grand.childForFieldName('left'));
      const values = namedChildren(parent);
      const target = targets.length === values.length ? targets[values.findIndex((v) => v.id === value.id)] : undefined;
      return !(target?.type === 'identifier' && target.text === '_');
    }
    if (grand?.type === 'var_spec') return grand.childForFieldName('value')?.id === parent.id;
  }
  return false;
}

/** How one mention of the body alias `name` is used. */
function aliasUse(file: SourceFile, use: Node): Use {
  const parent = use.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('field')?.text === 'Close') return 'close';
  if (parent?.type === 'argument_list') return bodyArgumentUse(file, use);
  return isStored(use) ? 'handoff' : 'none';
}

/** How one mention of the response variable is used. */
function responseUse(file: SourceFile, use: Node, aliases: Set<string>): Use {
  const parent = use.parent;
  if (!parent) return 'none';
  if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.id === use.id) {
    if (parent.childForFieldName('field')?.text !== 'Body') return 'none';
    const body = parent;
    const above = body.parent;
    if (above?.type === 'selector_expression' && above.childForFieldName('field')?.text === 'Close') return 'close';
    if (above?.type === 'argument_list') return bodyArgumentUse(file, body);
    if (above?.type === 'expression_list') {
      const statement = above.parent;
      const targets = namedChildren(statement?.childForFieldName('left') ?? null);
      const values = namedChildren(above);
      const target = targets.length === values.length ? targets[values.findIndex((v) => v.id === body.id)] : undefined;
      if (target?.type === 'identifier' && statement?.type === 'short_var_declaration') {
        aliases.add(target.text);
        return 'none';
      }
    }
    return isStored(body) ? 'handoff' : 'none';
  }
  if (parent.type === 'argument_list') return responseArgumentUse(file, use);
  return isStored(use) ? 'handoff' : 'none';
}

function describeFunction(owner: Node): string {
  return owner.type === 'func_literal' ? 'this func literal' : (owner.childForFieldName('name')?.text ?? 'this function');
}

export default defineRule({
  meta: {
    id: 'response-body-close',
    title: 'HTTP response body never closed',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['net/http'],
    // The library producers the query names ($end looks for the file's own producers anywhere).
    anchor: { text: /\b(?:Get|Head|Post|PostForm|Do|RoundTrip)\b/, depth: 2 },
    // A call's verdict reads the bodies of the file's functions it is passed to, and $end every call of the file.
    scope: 'file',
    tsAnalogy: 'a fetch() Response whose body is never read or cancelled, pinning the socket',
  },
  doc,
  defaultOptions: {},
  // Library producers by method name here; calls of this file's own producers are
  // looked up in $end, only in files that declare one.
  query: `
    (call_expression
      function: (selector_expression
        field: (field_identifier) @name (#match? @name "^(Get|Head|Post|PostForm|Do|RoundTrip)$"))) @call
  `,
  create(context) {
    const file = context.file;
    const check = (call: Node): void => {
      const producer = responseProducer(file, call);
      if (!producer) return;
      const binding = bindingOf(call, producer);
      if (!binding) return;
      if (!binding.variable) {
        context.report({
          node: call,
          message: `the *http.Response from ${producer.label} is discarded, so its Body is never closed: keep it and defer resp.Body.Close().`,
        });
        return;
      }
      const name = binding.variable.text;
      const declaration = findDeclaration(file, binding.variable);
      if (!declaration || declaration.scope.type === 'source_file' || declaration.kind === 'result') return;
      const owner = ownerFunction(declaration);
      if (!owner) return;
      const start = binding.statement.endIndex;
      const end = regionEnd(file, owner, name, declaration, binding.statement);

      const aliases = new Set<string>();
      const uses = identifiersNamed(owner, name).filter(
        (use) =>
          use.startIndex >= start &&
          use.startIndex < end &&
          findDeclaration(file, use)?.identifier.id === declaration.identifier.id,
      );
      // `v.Result()` or `v.Items`: the call returned something other than a response.
      const foreignMember = uses.some((use) => {
        const parent = use.parent;
        if (parent?.type !== 'selector_expression' || parent.childForFieldName('operand')?.id !== use.id) return false;
        return !RESPONSE_MEMBERS.has(parent.childForFieldName('field')?.text ?? '');
      });
      if (foreignMember) return;
      for (const use of uses) {
        const kind = responseUse(file, use, aliases);
        if (kind === 'handoff') return;
        if (kind === 'close' && reachable(use, owner)) return;
      }
      for (const alias of aliases) {
        for (const use of identifiersNamed(owner, alias)) {
          if (use.startIndex < start || use.startIndex >= end) continue;
          const kind = aliasUse(file, use);
          if (kind === 'handoff') return;
          if (kind === 'close' && reachable(use, owner)) return;
        }
      }
      context.report({
        node: call,
        message: `${name}.Body from ${producer.label} is never closed in ${describeFunction(owner)}: add defer ${name}.Body.Close() once the error is checked.`,
      });
    };
    return {
      call: check,
      $end() {
        const names = localProducerNames(file);
        if (names.size === 0) return;
        for (const call of file.root.descendantsOfType('call_expression')) {
          if (!call) continue;
          const parts = callParts(call);
          if (!parts || !names.has(parts.name)) continue;
          if (parts.receiver && SELECTOR_PRODUCERS.has(parts.name)) continue; // the query's captures saw it
          check(call);
        }
      },
    };
  },
});
