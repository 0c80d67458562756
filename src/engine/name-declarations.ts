// Where a name used inside a function was declared, found from syntax alone: the
// parameter, `var`, `const`, `:=`, range or select clause that introduced it, with its
// written type and the expression it was given. Rules use it to guess what a value is
// (an error? a string constant?) without a type checker. Block scoping is respected
// (a declaration counts only inside the block that holds it); shadowing by a later
// declaration in the same block wins because the nearest preceding one is chosen.
import type { Node } from 'web-tree-sitter';
import { outermostFunctionAround } from './function-index';
import type { SourceFile } from './source-file';
import { FUNCTION_TYPES, namedChildren } from './syntax';

export type DeclarationKind = 'parameter' | 'result' | 'receiver' | 'var' | 'const' | 'short' | 'range' | 'other';

export interface NameDeclaration {
  name: string;
  kind: DeclarationKind;
  /** The identifier that declares the name. */
  identifier: Node;
  /** The written type, when the declaration has one. */
  type: Node | null;
  /** The expression lined up with this name (`a, b := x, y`), when one is. */
  value: Node | null;
  /** For `a, err := f()`: the single right-hand call and this name's position in the results. */
  call: Node | null;
  position: number;
  /** The node the declaration is visible in (a block, a function, an if/for/switch). */
  scope: Node;
}

const DECLARING_TYPES = [
  'parameter_declaration',
  'variadic_parameter_declaration',
  'var_spec',
  'const_spec',
  'short_var_declaration',
  'range_clause',
  'receive_statement',
  'type_switch_statement',
];

/** Nodes that open a scope for the declarations made directly inside them. */
const SCOPE_TYPES = new Set([
  'block',
  'if_statement',
  'for_statement',
  'expression_switch_statement',
  'type_switch_statement',
  'select_statement',
  'expression_case',
  'default_case',
  'type_case',
  'communication_case',
  'function_declaration',
  'method_declaration',
  'func_literal',
  'source_file',
]);

function scopeOf(node: Node): Node {
  for (let current = node.parent; current; current = current.parent) {
    if (SCOPE_TYPES.has(current.type)) return current;
  }
  return node.tree.rootNode;
}

function identifiersOf(list: Node | null): Node[] {
  return namedChildren(list).filter((child) => child.type === 'identifier');
}

/** Fills in the value lined up with each name of `names = values`. */
function lineUp(
  names: Node[],
  values: Node[],
  kind: DeclarationKind,
  type: Node | null,
  scope: Node,
  out: NameDeclaration[],
): void {
  const single = values.length === 1 && names.length > 1 ? values[0]! : null;
  names.forEach((identifier, position) => {
    if (identifier.text === '_') return;
    out.push({
      name: identifier.text,
      kind,
      identifier,
      type,
      value: values.length === names.length ? values[position]! : null,
      call: single && single.type === 'call_expression' ? single : null,
      position,
      scope,
    });
  });
}

function parameterKind(declaration: Node): DeclarationKind {
  const list = declaration.parent;
  const owner = list?.parent;
  if (!list || !owner) return 'parameter';
  if (owner.childForFieldName('receiver')?.id === list.id) return 'receiver';
  if (owner.childForFieldName('result')?.id === list.id) return 'result';
  return 'parameter';
}

function declarationsOf(node: Node, out: NameDeclaration[]): void {
  switch (node.type) {
    case 'parameter_declaration':
    case 'variadic_parameter_declaration': {
      const owner = node.parent?.parent;
      // Parameters of a function type (`func(x int)` as a type) declare nothing usable.
      if (!owner || !FUNCTION_TYPES.has(owner.type)) return;
      const names = node.childrenForFieldName('name').filter((n): n is Node => !!n);
      lineUp(names, [], parameterKind(node), node.childForFieldName('type'), owner, out);
      return;
    }
    case 'var_spec':
    case 'const_spec': {
      const names = node.childrenForFieldName('name').filter((n): n is Node => !!n);
      const values = namedChildren(node.childForFieldName('value'));
      const kind = node.type === 'var_spec' ? 'var' : 'const';
      lineUp(names, values, kind, node.childForFieldName('type'), scopeOf(node), out);
      return;
    }
    case 'short_var_declaration': {
      const names = identifiersOf(node.childForFieldName('left'));
      const values = namedChildren(node.childForFieldName('right'));
      lineUp(names, values, 'short', null, scopeOf(node), out);
      return;
    }
    case 'range_clause': {
      if (!node.text.includes(':=')) return; // `for k = range` assigns, declares nothing
      lineUp(identifiersOf(node.childForFieldName('left')), [], 'range', null, scopeOf(node), out);
      return;
    }
    case 'receive_statement': {
      if (!node.text.includes(':=')) return;
      lineUp(identifiersOf(node.childForFieldName('left')), [], 'other', null, scopeOf(node), out);
      return;
    }
    case 'type_switch_statement': {
      lineUp(identifiersOf(node.childForFieldName('alias')), [], 'other', null, node, out);
      return;
    }
  }
}

/** The outermost function around `node` (a declaration, or a package-level literal). */
export function outermostFunction(node: Node): Node | null {
  return outermostFunctionAround(node);
}

function indexDeclarations(nodes: Iterable<Node | null>): Map<string, NameDeclaration[]> {
  const list: NameDeclaration[] = [];
  for (const node of nodes) if (node) declarationsOf(node, list);
  const byName = new Map<string, NameDeclaration[]>();
  for (const declaration of list) {
    const entries = byName.get(declaration.name) ?? [];
    entries.push(declaration);
    byName.set(declaration.name, entries);
  }
  return byName;
}

/** Every declaration inside one top-level function, by name (computed once per function). */
function functionDeclarations(file: SourceFile, fn: Node): Map<string, NameDeclaration[]> {
  return file.cached(`name-declarations:${fn.id}`, () => indexDeclarations(fn.descendantsOfType(DECLARING_TYPES)));
}

/** Package-level `var` and `const` declarations of the file, by name. */
export function topLevelDeclarations(file: SourceFile): Map<string, NameDeclaration[]> {
  return file.cached('name-declarations:top', () => {
    const specs: Node[] = [];
    for (const declaration of namedChildren(file.root)) {
      if (declaration.type !== 'var_declaration' && declaration.type !== 'const_declaration') continue;
      for (const spec of declaration.descendantsOfType(['var_spec', 'const_spec'])) if (spec) specs.push(spec);
    }
    return indexDeclarations(specs);
  });
}

/**
 * The declaration of `name` that `use` refers to: the nearest one before it in a scope
 * that contains it, else a package-level one in this file; null when the name comes
 * from elsewhere (another file, another package, a builtin).
 */
export function findDeclaration(file: SourceFile, use: Node, name: string = use.text): NameDeclaration | null {
  const local = findLocalDeclaration(file, use, name);
  if (local) return local;
  const top = topLevelDeclarations(file).get(name);
  return top?.[0] ?? null;
}

/** findDeclaration without the package-level fallback: a declaration inside the use's function, or null. */
export function findLocalDeclaration(file: SourceFile, use: Node, name: string = use.text): NameDeclaration | null {
  const fn = outermostFunction(use);
  if (fn) {
    let best: NameDeclaration | null = null;
    for (const declaration of functionDeclarations(file, fn).get(name) ?? []) {
      if (declaration.identifier.startIndex > use.startIndex) continue;
      if (declaration.scope.startIndex > use.startIndex || declaration.scope.endIndex < use.endIndex) continue;
      if (!best || declaration.identifier.startIndex > best.identifier.startIndex) best = declaration;
    }
    if (best) return best;
  }
  return null;
}

/**
 * For a `const` declared without a value inside a group (`const ( A = iota; B )`),
 * the spec whose type and value it repeats.
 */
export function constantSource(declaration: NameDeclaration): { type: Node | null; value: Node | null } {
  if (declaration.kind !== 'const' || declaration.value || declaration.type) {
    return { type: declaration.type, value: declaration.value };
  }
  let spec = declaration.identifier.parent;
  while (spec && spec.type === 'const_spec') {
    const value = spec.childForFieldName('value');
    if (value) {
      const values = namedChildren(value);
      return { type: spec.childForFieldName('type'), value: values[declaration.position] ?? values[0] ?? null };
    }
    spec = spec.previousNamedSibling;
    while (spec && spec.type === 'comment') spec = spec.previousNamedSibling;
  }
  return { type: null, value: null };
}
