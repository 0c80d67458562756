// What happens to the *sql.Rows a query stored in a variable: is Err() ever asked,
// does the value leave the function (returned, passed, stored), or is it only read
// and dropped? Syntax only: we follow the variable's name and the names it is copied
// to, inside the scope where the variable lives.
import type { Node } from 'web-tree-sitter';
import { enclosingFunction, FUNCTION_TYPES, identifiersNamed, namedChildren } from '../../engine/syntax';

export interface RowsFate {
  /** Some `x.Err` on the rows or a copy of them. */
  checked: boolean;
  /** The rows are returned, passed to a call, stored or have their address taken. */
  escapes: boolean;
  /** `for x.Next() { ... }` loops over the rows or a copy, in source order. */
  loops: Node[];
  /** Names that hold the rows: the variable and its copies. */
  names: string[];
  /** Where the rows stop being this value (the next assignment to the variable), if anywhere. */
  until: number;
  /**
   * Methods called on the value that rows do not have (`resp.Results`, `resp.Error()`):
   * a two-result `Query` of some other client, not SQL rows.
   */
  foreignMethods: boolean;
  /** Methods only rows have (Next, Scan, Close, Columns, ...). */
  rowsMethods: boolean;
}

/** What *sql.Rows, *sqlx.Rows and pgx.Rows offer besides Err. */
const ROWS_METHODS = new Set([
  'Next', 'NextResultSet', 'Scan', 'Close', 'Columns', 'ColumnTypes',
  'MapScan', 'SliceScan', 'StructScan', 'Values', 'RawValues', 'FieldDescriptions', 'CommandTag', 'Conn',
]);

const BRANCH_FIELDS = new Set(['consequence', 'alternative']);
const CASE_TYPES = new Set(['expression_case', 'type_case', 'communication_case', 'default_case']);

/** Whether `a` and `b` sit in different arms of one if/else or switch/select. */
export function inExclusiveBranches(a: Node, b: Node): boolean {
  const chain: Node[] = [];
  for (let n: Node | null = a; n; n = n.parent) chain.push(n);
  let belowB: Node = b;
  for (let n: Node | null = b.parent; n; belowB = n, n = n.parent) {
    const index = chain.findIndex((c) => c.id === n!.id);
    if (index < 1) continue;
    const belowA = chain[index - 1]!;
    if (belowA.id === belowB.id) return false;
    if (n.type === 'if_statement') {
      const fieldOf = (child: Node) =>
        n!.childForFieldName('consequence')?.id === child.id ? 'consequence'
        : n!.childForFieldName('alternative')?.id === child.id ? 'alternative'
        : 'other';
      const fa = fieldOf(belowA);
      const fb = fieldOf(belowB);
      return BRANCH_FIELDS.has(fa) && BRANCH_FIELDS.has(fb) && fa !== fb;
    }
    return CASE_TYPES.has(belowA.type) && CASE_TYPES.has(belowB.type);
  }
  return false;
}

/** Whether the identifier is a target on the left of an assignment or `:=`. */
function isAssignmentTarget(id: Node): boolean {
  const list = id.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || !statement) return false;
  if (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration') return false;
  return statement.childForFieldName('left')?.id === list.id;
}

function insideFunctionLiteral(node: Node, stop: Node): boolean {
  for (let n = node.parent; n && n.id !== stop.id; n = n.parent) if (FUNCTION_TYPES.has(n.type)) return true;
  return false;
}

/** The loop (within `region`) that `node` sits in, if any. */
function enclosingLoop(node: Node, region: Node): Node | null {
  for (let n = node.parent; n && n.id !== region.id; n = n.parent) {
    if (n.type === 'for_statement') return n;
    if (FUNCTION_TYPES.has(n.type)) return null;
  }
  return null;
}

type UseKind = 'checked' | 'escapes' | 'neutral' | { copyTo: string };

/** How the rows are used at `id` (whose parent is `parent`: each .parent climbs from the root, so it is read once). */
function classifyUse(id: Node, parent: Node | null): UseKind {
  if (!parent) return 'neutral';
  if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.id === id.id) {
    return parent.childForFieldName('field')?.text === 'Err' ? 'checked' : 'neutral';
  }
  if (parent.type === 'binary_expression') {
    const operator = parent.childForFieldName('operator')?.type;
    return operator === '==' || operator === '!=' ? 'neutral' : 'escapes';
  }
  if (parent.type === 'expression_list') {
    const holder = parent.parent;
    if (!holder) return 'escapes';
    if (holder.type === 'assignment_statement' || holder.type === 'short_var_declaration') {
      if (holder.childForFieldName('left')?.id === parent.id) return 'neutral';
      const left = namedChildren(holder.childForFieldName('left'));
      const right = namedChildren(parent);
      if (left.length !== right.length) return 'escapes';
      const target = left[right.findIndex((n) => n.id === id.id)];
      if (target?.type !== 'identifier') return 'escapes'; // stored in a field, element or map entry
      return target.text === '_' ? 'neutral' : { copyTo: target.text };
    }
    if (holder.type === 'var_spec') {
      const names = holder.childrenForFieldName('name').filter((n): n is Node => !!n);
      const right = namedChildren(parent);
      const target = names[right.findIndex((n) => n.id === id.id)];
      if (!target || names.length !== right.length) return 'escapes';
      return target.text === '_' ? 'neutral' : { copyTo: target.text };
    }
  }
  return 'escapes';
}

/** The `for x.Next()` loop whose condition holds the identifier whose parent is `selector`. */
function nextLoopOf(selector: Node | null): Node | null {
  if (selector?.type !== 'selector_expression' || selector.childForFieldName('field')?.text !== 'Next') return null;
  const call = selector.parent;
  const loop = call?.parent;
  if (call?.type !== 'call_expression' || loop?.type !== 'for_statement') return null;
  return loop.childForFieldName('body')?.id === call.id ? null : loop;
}

/**
 * Follows the rows assigned to `name` by `assignment` (the statement holding the
 * query) through `region`, the scope where the variable lives; `sameVariable` tells
 * whether a `name :=` further down still assigns this variable.
 */
export function followRows(assignment: Node, name: string, region: Node, sameVariable: (id: Node) => boolean): RowsFate {
  const fn = enclosingFunction(assignment);
  // The value lives until the next assignment to the name that can follow this one.
  let until = region.endIndex;
  for (const id of identifiersNamed(region, name)) {
    if (id.startIndex < assignment.endIndex || id.startIndex >= until) continue;
    if (!isAssignmentTarget(id) || enclosingFunction(id)?.id !== fn?.id) continue;
    if (inExclusiveBranches(assignment, id)) continue;
    // `name :=` in a nested block declares another variable; this one lives on.
    const statement = id.parent!.parent!;
    if (statement.type === 'short_var_declaration' && !sameVariable(id)) continue;
    until = statement.startIndex;
  }
  const loopAroundQuery = enclosingLoop(assignment, region);

  const fate: RowsFate = {
    checked: false, escapes: false, loops: [], names: [name], until, foreignMethods: false, rowsMethods: false,
  };
  const pending: { name: string; from: number }[] = [{ name, from: assignment.endIndex }];
  const seen = new Set<string>([name]);
  while (pending.length > 0 && !fate.checked && !fate.escapes) {
    const current = pending.shift()!;
    for (const id of identifiersNamed(region, current.name)) {
      const inWindow = id.startIndex >= current.from && id.startIndex < until;
      // A closure sees the variable's latest value whenever it runs, and a loop
      // around the query comes back to code written above it. (The closure check
      // climbs the tree, a crossing into WASM per level: asked last.)
      const inLoop = !!loopAroundQuery && loopAroundQuery.startIndex <= id.startIndex && id.endIndex <= loopAroundQuery.endIndex;
      if (!inWindow && !inLoop && !(insideFunctionLiteral(id, region) && enclosingFunction(id)?.id !== fn?.id)) continue;
      if (id.startIndex >= assignment.startIndex && id.endIndex <= assignment.endIndex) continue;
      // A same-named variable of an inner block or a closure parameter is not these rows.
      if (current.name === name && !sameVariable(id)) continue;
      const parent = id.parent;
      const kind = classifyUse(id, parent);
      if (kind === 'checked') fate.checked = true;
      else if (kind === 'escapes') fate.escapes = true;
      else if (kind !== 'neutral' && !seen.has(kind.copyTo)) {
        seen.add(kind.copyTo);
        fate.names.push(kind.copyTo);
        pending.push({ name: kind.copyTo, from: id.endIndex });
      }
      const method = parent?.type === 'selector_expression' ? parent.childForFieldName('field')?.text : undefined;
      if (method && method !== 'Err') {
        if (ROWS_METHODS.has(method)) fate.rowsMethods = true;
        else fate.foreignMethods = true;
      }
      const loop = nextLoopOf(parent);
      if (loop && !fate.loops.some((l) => l.id === loop.id)) fate.loops.push(loop);
    }
  }
  fate.loops.sort((a, b) => a.startIndex - b.startIndex);
  return fate;
}
