// How a local variable holding a resource (rows, a statement, a transaction, a ticker)
// is used after the line that created it: is its cleanup method deferred, called
// plainly, or does the value leave the function (returned, passed on, stored), making
// cleanup someone else's job? Syntax only, within one function; shadowing is ignored.
import type { Node } from 'web-tree-sitter';
import { functionAround } from './function-index';
import { enclosingStatement, identifiersNamed, namedChildren } from './syntax';

export interface ResourceUses {
  /** `defer v.M()`, a deferred closure calling v.M(), or `defer f(v)`. */
  deferred: Node[];
  /** Plain (not deferred) calls of a cleanup method `v.M()`. */
  calls: Node[];
  /** Uses that hand the value on: returned, passed to a function, stored, sent, captured by `go`. */
  escapes: Node[];
}

export interface ResourceUseOptions {
  /** Passing the value to a function hands cleanup over (true for rows; false for a tx, often passed to helpers). */
  passingEscapes: boolean;
}

/** Whether `node` sits inside a node of one of `types` before reaching `limit`. */
function ancestorOfType(node: Node, limit: Node, types: ReadonlySet<string>): Node | null {
  for (let current = node.parent; current && current.id !== limit.id; current = current.parent) {
    if (types.has(current.type)) return current;
  }
  return null;
}

const DEFER_OR_GO = new Set(['defer_statement', 'go_statement']);
const RETURN = new Set(['return_statement']);

/** The function (declaration, method or literal) whose body a node runs in. */
export function owningFunction(node: Node): Node | null {
  return functionAround(node);
}

function isValueUse(id: Node, limit: Node, passingEscapes: boolean): boolean {
  // Returned anywhere in a return statement: `return rows, nil`, `return &x{rows}`.
  if (ancestorOfType(id, limit, RETURN)) return true;
  for (let parent = id.parent; parent && parent.id !== limit.id; parent = parent.parent) {
    switch (parent.type) {
      case 'unary_expression': // &v
      case 'parenthesized_expression':
        continue;
      case 'argument_list':
        return passingEscapes;
      case 'literal_value':
      case 'literal_element':
      case 'keyed_element':
      case 'send_statement':
        return true;
      case 'expression_list': {
        const holder = parent.parent;
        if (!holder) return false;
        // Right-hand side of `x.f = v`, `w := v`, `var w = v`; `_ = v` only silences the compiler.
        const right = holder.childForFieldName('right') ?? holder.childForFieldName('value');
        if (right?.id !== parent.id) return false;
        const left = namedChildren(holder.childForFieldName('left'));
        return !(left.length > 0 && left.every((target) => target.text === '_'));
      }
      default:
        return false;
    }
  }
  return false;
}

/**
 * Uses of `name` in `scope` (a function body) that start at or after `from`, sorted
 * into deferred cleanups, plain cleanup calls and escapes. `methods` are the cleanup
 * method names (Close, Stop, Rollback).
 */
export function resourceUses(
  scope: Node,
  name: string,
  from: number,
  methods: ReadonlySet<string>,
  options: ResourceUseOptions,
): ResourceUses {
  const uses: ResourceUses = { deferred: [], calls: [], escapes: [] };
  if (!scope.text.includes(name)) return uses;
  for (const id of identifiersNamed(scope, name)) {
    if (id.startIndex < from) continue;
    const parent = id.parent;
    if (!parent) continue;
    const deferOrGo = ancestorOfType(id, scope, DEFER_OR_GO);
    if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.id === id.id) {
      const method = parent.childForFieldName('field')?.text ?? '';
      const call = parent.parent;
      if (!methods.has(method) || call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== parent.id) {
        continue;
      }
      if (deferOrGo?.type === 'defer_statement') uses.deferred.push(call);
      else if (deferOrGo?.type === 'go_statement') uses.escapes.push(call);
      else uses.calls.push(call);
      continue;
    }
    if (parent.type === 'selector_expression') continue; // x.name: a field that shares the name
    if (deferOrGo?.type === 'defer_statement' && ancestorOfType(id, deferOrGo, new Set(['argument_list']))) {
      uses.deferred.push(id); // defer closeAll(v): the helper cleans up
      continue;
    }
    if (deferOrGo?.type === 'go_statement') {
      uses.escapes.push(id);
      continue;
    }
    if (isValueUse(id, scope, options.passingEscapes)) uses.escapes.push(id);
  }
  return uses;
}

/**
 * The `if err != nil {...}` that checks the error of `statement`: the first following
 * `if` whose condition mentions errName, with nothing in between that touches the
 * resource or the error (a log line or a counter may sit between them).
 */
export function errorCheckAfter(statement: Node, errName: string | undefined, resourceName?: string): Node | null {
  if (!errName || errName === '_') return null;
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type === 'comment') continue;
    if (next.type === 'if_statement') {
      // `if err != nil`, or `if _, ok := err.(*MySQLError); ok`.
      const condition = next.childForFieldName('condition');
      const initializer = next.childForFieldName('initializer');
      if ((condition && mentionsName(condition, errName)) || (initializer && mentionsName(initializer, errName))) return next;
    }
    if (mentionsName(next, errName) || (resourceName && mentionsName(next, resourceName))) return null;
  }
  return null;
}

function mentionsName(node: Node, name: string): boolean {
  return node.text.includes(name) && identifiersNamed(node, name).length > 0;
}

/**
 * Whether `ret` is the creating call's failure path: it returns the call's error
 * variable, and nothing assigned that variable since the call (`switch err { ...
 * return err }`, `if err == nil { ... }; return nil, err`).
 */
export function returnsCreationError(ret: Node, call: Node, fn: Node, errName: string | undefined): boolean {
  if (!errName || errName === '_' || !mentionsName(ret, errName)) return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  for (const id of identifiersNamed(body, errName)) {
    if (id.startIndex <= call.endIndex || id.startIndex >= ret.startIndex) continue;
    const list = id.parent;
    const holder = list?.type === 'expression_list' ? list.parent : null;
    if (!holder || (holder.type !== 'assignment_statement' && holder.type !== 'short_var_declaration')) continue;
    if (holder.childForFieldName('left')?.id === list!.id) return false;
  }
  return true;
}

/** Return statements of `fn`'s own body (not of closures inside it) within [from, to). */
export function ownReturns(fn: Node, body: Node, from: number, to: number): Node[] {
  return (body.descendantsOfType('return_statement') as (Node | null)[]).filter(
    (ret): ret is Node => !!ret && ret.startIndex >= from && ret.startIndex < to && owningFunction(ret)?.id === fn.id,
  );
}

/**
 * Whether a call among `calls` runs before `ret` on its way out: it sits earlier in a
 * statement list that also contains `ret` (the same block or an enclosing one).
 */
export function coveredBy(ret: Node, calls: readonly Node[]): boolean {
  return calls.some((call) => {
    if (call.startIndex >= ret.startIndex) return false;
    const statement = enclosingStatement(call);
    const list = statement?.parent;
    return !!list && list.startIndex <= ret.startIndex && ret.endIndex <= list.endIndex;
  });
}

/** The identifier names on the left of `a, b := call` / `a, b = call` / `var a, b = call`. */
export function assignedNames(call: Node): { statement: Node; names: string[]; declares: boolean } | null {
  const list = call.parent;
  if (list?.type !== 'expression_list' || namedChildren(list).length !== 1) return null;
  const holder = list.parent;
  if (!holder) return null;
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    if (holder.childForFieldName('right')?.id !== list.id) return null;
    const left = namedChildren(holder.childForFieldName('left'));
    if (left.some((node) => node.type !== 'identifier')) return null;
    return { statement: holder, names: left.map((node) => node.text), declares: holder.type === 'short_var_declaration' };
  }
  if (holder.type === 'var_spec') {
    const names = holder.childrenForFieldName('name').filter((n): n is Node => !!n).map((n) => n.text);
    const statement = holder.parent?.type === 'var_declaration' ? holder.parent : holder;
    return { statement, names, declares: true };
  }
  return null;
}
