// Which local variable an identifier refers to, from syntax alone. Go's scoping is
// lexical and simple enough to follow without types: blocks, the implicit blocks of
// if/for/switch/select clauses, and function parameter lists. Rules use it to tell
// "the same variable" from "another variable with the same name" (a shadow in an
// inner block, a closure parameter), which matching names alone gets wrong.
//
// Approximations: declarations are matched by name only among variables (a local
// type or constant of the same name is also seen as a declaration, which is what
// Go does too); `var ( a = 1; b = a )` inside one declaration is not followed.
import type { Node, Tree } from 'web-tree-sitter';
import { namedChildren } from './syntax';

/**
 * What a block or function declares, per tree, by node id: every identifier lookup
 * climbs the same blocks, and reading a block's statements crosses into WASM for each
 * node, so a function with a dozen uses of a name would read its blocks a dozen times.
 * Keyed by the Tree object: an analysed tree is never edited afterwards (an edit
 * means a reparse into a new Tree), so its entries never go stale.
 */
const declaredIn = new WeakMap<Tree, Map<string, unknown>>();

function remembered<T>(node: Node, kind: string, compute: () => T): T {
  let table = declaredIn.get(node.tree);
  if (!table) {
    table = new Map();
    declaredIn.set(node.tree, table);
  }
  const key = `${kind}${node.id}`;
  if (table.has(key)) return table.get(key) as T;
  const value = compute();
  table.set(key, value);
  return value;
}

/** Identifier nodes a simple statement declares (`:=`, `var`, `const`), in order. */
export function declaredIdentifiers(labeled: Node): Node[] {
  // `a: b: c: x := 1` declares what its innermost statement does (a loop, not recursion:
  // generated code can chain thousands of labels).
  let statement = labeled;
  while (statement.type === 'labeled_statement') {
    const inner = namedChildren(statement).find((child) => child.type !== 'label_name');
    if (!inner) return [];
    statement = inner;
  }
  switch (statement.type) {
    case 'short_var_declaration':
      return identifiersOf(statement.childForFieldName('left'));
    case 'var_declaration':
    case 'const_declaration':
      return specsOf(statement).flatMap((spec) => spec.childrenForFieldName('name').filter(isIdentifier));
    default:
      return [];
  }
}

/** The parameter, result and receiver names of a function or method (or literal). */
export function parameterIdentifiers(fn: Node): Node[] {
  return remembered(fn, 'parameters:', () => readParameterIdentifiers(fn));
}

function readParameterIdentifiers(fn: Node): Node[] {
  const lists = ['receiver', 'parameters', 'result'].map((field) => fn.childForFieldName(field));
  return lists.flatMap((list) =>
    list?.type === 'parameter_list'
      ? namedChildren(list).flatMap((declaration) => declaration.childrenForFieldName('name').filter(isIdentifier))
      : [],
  );
}

/**
 * The identifier that declares the local variable `ref` refers to: a `:=`/`var`
 * name, a parameter, a range or select variable. For a `:=` that redeclares a
 * variable of the same block this is the first declaration, as in Go. `ref` itself
 * when it is the declaration. Null when the name is declared outside every function
 * (package level, imports, builtins).
 */
export function resolveLocal(ref: Node): Node | null {
  const name = ref.text;
  let child: Node = ref;
  for (let node = ref.parent; node; child = node, node = node.parent) {
    const found = declarationIn(node, child, ref, name);
    if (found) return found;
    if (node.type === 'function_declaration' || node.type === 'method_declaration') return null;
  }
  return null;
}

/** Looks for `name` in the scope `node` opens, as seen from its child `child`. */
function declarationIn(node: Node, child: Node, ref: Node, name: string): Node | null {
  switch (node.type) {
    case 'statement_list':
      return declarationInList(node, child, ref, name);
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement':
    case 'for_clause': {
      const init = node.childForFieldName('initializer');
      const fromInit = init ? ownOrEarlier(init, child, ref, name) : null;
      if (fromInit) return fromInit;
      if (node.type === 'type_switch_statement') {
        const alias = node.childForFieldName('alias');
        if (alias && alias.id === child.id) return isAmong(ref, identifiersOf(alias));
        if (alias && isCaseClause(child)) return named(identifiersOf(alias), name);
      }
      return null;
    }
    case 'for_statement': {
      // The clause's variables are visible in the body; for_clause handles its own parts.
      const clause = namedChildren(node).find((c) => c.type === 'for_clause' || c.type === 'range_clause');
      if (!clause || clause.id === child.id) return null;
      if (clause.type === 'range_clause') return isDefining(clause) ? named(identifiersOf(clause.childForFieldName('left')), name) : null;
      const init = clause.childForFieldName('initializer');
      return init ? named(declaredIdentifiers(init), name) : null;
    }
    case 'range_clause': {
      const left = node.childForFieldName('left');
      return left && left.id === child.id && isDefining(node) ? isAmong(ref, identifiersOf(left)) : null;
    }
    case 'communication_case': {
      const comm = node.childForFieldName('communication');
      if (!comm || comm.type !== 'receive_statement' || !isDefining(comm)) return null;
      const left = identifiersOf(comm.childForFieldName('left'));
      return comm.id === child.id ? isAmong(ref, left) : named(left, name);
    }
    case 'func_literal':
    case 'function_declaration':
    case 'method_declaration':
      return named(parameterIdentifiers(node), name);
    default:
      return null;
  }
}

/** In a block: the earliest earlier declaration of `name`, else `ref` if the statement holding it declares it. */
function declarationInList(list: Node, child: Node, ref: Node, name: string): Node | null {
  // The body's top level shares the parameters' block: `a, err := f()` there reuses a
  // parameter named err rather than declaring a new one (and `var err` would not compile).
  const fn = list.parent?.type === 'block' ? list.parent.parent : null;
  if (fn && fn.childForFieldName('body')?.id === list.parent!.id && isFunction(fn)) {
    const parameter = named(parameterIdentifiers(fn), name);
    if (parameter) return parameter;
  }
  for (const { id, declared } of statementsDeclaring(list)) {
    if (id === child.id) return isAmong(ref, declared);
    const found = named(declared, name);
    if (found) return found;
  }
  return null;
}

/** A block's statements in order: each one's id and the identifiers it declares. */
function statementsDeclaring(list: Node): { id: number; declared: Node[] }[] {
  return remembered(list, 'statements:', () =>
    namedChildren(list).map((statement) => ({ id: statement.id, declared: declaredIdentifiers(statement) })),
  );
}

/** For an initializer: `ref` when it is one of the names it declares; its declaration when seen from later parts. */
function ownOrEarlier(init: Node, child: Node, ref: Node, name: string): Node | null {
  if (init.id === child.id) return isAmong(ref, declaredIdentifiers(init));
  return named(declaredIdentifiers(init), name);
}

function specsOf(declaration: Node): Node[] {
  return namedChildren(declaration).flatMap((child) =>
    child.type === 'var_spec_list' || child.type === 'const_spec_list' ? namedChildren(child) : [child],
  ).filter((spec) => spec.type === 'var_spec' || spec.type === 'const_spec');
}

function identifiersOf(list: Node | null): Node[] {
  return namedChildren(list).filter(isIdentifier);
}

function isIdentifier(node: Node | null): node is Node {
  return !!node && node.type === 'identifier';
}

function named(candidates: Node[], name: string): Node | null {
  return candidates.find((candidate) => candidate.text === name) ?? null;
}

function isAmong(ref: Node, candidates: Node[]): Node | null {
  return candidates.some((candidate) => candidate.id === ref.id) ? ref : null;
}

function isFunction(node: Node): boolean {
  return node.type === 'func_literal' || node.type === 'function_declaration' || node.type === 'method_declaration';
}

function isCaseClause(node: Node): boolean {
  return node.type === 'type_case' || node.type === 'default_case';
}

/** Whether a range clause or receive statement declares with `:=` (rather than assigning with `=`). */
function isDefining(node: Node): boolean {
  return node.children.some((c) => c?.type === ':=');
}
