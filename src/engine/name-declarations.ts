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

/** Declaring nodes whose names are their own children (see declarationsOf). */
const NAME_HOLDERS: ReadonlySet<string> = new Set(['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'const_spec']);
/** Declaring nodes whose names are the children of one of theirs (`left`, `alias`: an expression list). */
const LIST_HOLDERS: ReadonlySet<string> = new Set(['short_var_declaration', 'range_clause', 'receive_statement', 'type_switch_statement']);

/**
 * Past this many occurrences of a name in one function, or this many names asked of
 * it, indexing the whole function once is cheaper than looking names up one by one.
 */
const MAX_OCCURRENCES_LOOKED_UP = 16;
export const MAX_NAMES_LOOKED_UP = 6;

interface FunctionNames {
  /** The declarations of each name asked so far. */
  byName: Map<string, NameDeclaration[]>;
  /** Every declaration of the function, once indexed. */
  all: Map<string, NameDeclaration[]> | null;
}

/**
 * The declarations of `name` inside one top-level function (each name computed once
 * per function). A keystroke re-analyses the function being typed in, where a rule
 * typically asks one or two names: those are looked up from the text (a node lookup
 * per occurrence), not by indexing every declaration of the function.
 */
function functionDeclarations(file: SourceFile, fn: Node, name: string): readonly NameDeclaration[] {
  const names = file.cached<FunctionNames>(`name-declarations:${fn.id}`, () => ({ byName: new Map(), all: null }));
  if (names.all) return names.all.get(name) ?? [];
  let found = names.byName.get(name);
  if (found) return found;
  const occurrences = names.byName.size < MAX_NAMES_LOOKED_UP ? occurrencesIn(file.text, fn, name) : null;
  if (!occurrences) {
    names.all = indexDeclarations(fn.descendantsOfType(DECLARING_TYPES));
    return names.all.get(name) ?? [];
  }
  found = declarationsNamed(fn, name, occurrences);
  names.byName.set(name, found);
  return found;
}

/** Where `name` occurs as a whole word in `fn`'s text; null when that is more than a lookup each is worth. */
function occurrencesIn(text: string, fn: Node, name: string): number[] | null {
  const found: number[] = [];
  if (name.length === 0) return found;
  const end = fn.endIndex;
  for (let at = text.indexOf(name, fn.startIndex); at >= 0 && at + name.length <= end; at = text.indexOf(name, at + name.length)) {
    // Part of a longer ASCII word: not this name (other letters are ruled out by the node lookup).
    if (isAsciiWordUnit(text.charCodeAt(at - 1)) || isAsciiWordUnit(text.charCodeAt(at + name.length))) continue;
    if (found.length === MAX_OCCURRENCES_LOOKED_UP) return null;
    found.push(at);
  }
  return found;
}

/**
 * What indexing the whole function gives for `name`: every declaration that names it
 * is made by a node that holds its identifier as a child (NAME_HOLDERS) or grandchild
 * (LIST_HOLDERS), so the declaring nodes above its occurrences make them all.
 */
function declarationsNamed(fn: Node, name: string, occurrences: readonly number[]): NameDeclaration[] {
  const declaring: Node[] = [];
  const seen = new Set<number>();
  for (const at of occurrences) {
    const identifier = fn.descendantForIndex(at, at + name.length);
    if (!identifier || identifier.type !== 'identifier' || identifier.startIndex !== at || identifier.endIndex !== at + name.length) continue;
    const parent = identifier.parent;
    let holder: Node | null = null;
    if (parent && NAME_HOLDERS.has(parent.type)) holder = parent;
    else {
      const grandparent = parent?.parent;
      if (grandparent && LIST_HOLDERS.has(grandparent.type)) holder = grandparent;
    }
    if (holder && !seen.has(holder.id)) {
      seen.add(holder.id);
      declaring.push(holder);
    }
  }
  const list: NameDeclaration[] = [];
  for (const node of declaring) declarationsOf(node, list);
  return list.filter((declaration) => declaration.name === name);
}

/** A-Z, a-z, 0-9 or _ (NaN, past either end of the text, is not). */
function isAsciiWordUnit(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57) || unit === 95;
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
    for (const declaration of functionDeclarations(file, fn, name)) {
      if (declaration.identifier.startIndex > use.startIndex) continue;
      if (declaration.scope.startIndex > use.startIndex || declaration.scope.endIndex < use.endIndex) continue;
      if (!best || declaration.identifier.startIndex > best.identifier.startIndex) best = declaration;
    }
    if (best) return best;
  }
  return null;
}

/**
 * Whether `declaration` (a local one, from findDeclaration) is the only declaration
 * of its name anywhere in its outermost function (closures, parameters and results
 * included): then every use of the name in its scope after its statement means it.
 */
export function isOnlyLocalDeclaration(file: SourceFile, declaration: NameDeclaration): boolean {
  const fn = outermostFunction(declaration.identifier);
  if (!fn) return false;
  const all = functionDeclarations(file, fn, declaration.name);
  return all.length === 1 && all[0]!.identifier.id === declaration.identifier.id;
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
