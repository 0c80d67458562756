// Small questions about Go syntax trees that several rules ask. Everything here is
// syntax only: no types, so names are matched through the file's imports.
import type { Node } from 'web-tree-sitter';
import { functionAround } from './function-index';
import type { SourceFile } from './source-file';

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Node types that hold a list of statements. */
export const STATEMENT_LIST = 'statement_list';

/** The innermost function (declaration, method or literal) containing the node. */
export function enclosingFunction(node: Node): Node | null {
  return functionAround(node);
}

/** The statement that directly contains the node (its ancestor inside a statement list). */
export function enclosingStatement(node: Node): Node | null {
  let current: Node | null = node;
  while (current && current.parent && current.parent.type !== STATEMENT_LIST) current = current.parent;
  return current?.parent ? current : null;
}

export interface CallParts {
  /** `x` in `x.Name(...)`, null for a plain `Name(...)`. */
  receiver: Node | null;
  name: string;
  args: Node[];
}

/** Splits `recv.Name(args)` or `Name(args)`; null for other callees (e.g. `f()()`). */
export function callParts(call: Node): CallParts | null {
  if (call.type !== 'call_expression') return null;
  const fn = call.childForFieldName('function');
  const argList = call.childForFieldName('arguments');
  const args = argList ? (argList.namedChildren.filter((n) => n && n.type !== 'comment') as Node[]) : [];
  if (!fn) return null;
  if (fn.type === 'identifier') return { receiver: null, name: fn.text, args };
  if (fn.type === 'selector_expression') {
    const field = fn.childForFieldName('field');
    const operand = fn.childForFieldName('operand');
    if (!field || !operand) return null;
    return { receiver: operand, name: field.text, args };
  }
  return null;
}

/** Whether `call` is `pkg.Name(...)` for the package at importPath and one of names. */
export function isPackageCall(file: SourceFile, call: Node, importPath: string, names: ReadonlySet<string>): boolean {
  const parts = callParts(call);
  return !!parts && names.has(parts.name) && file.refersTo(parts.receiver, importPath);
}

/** Whether a type node spells `pkg.Name` for the package at importPath. */
export function isQualifiedType(file: SourceFile, type: Node | null, importPath: string, name: string): boolean {
  if (!type || type.type !== 'qualified_type') return false;
  return type.childForFieldName('name')?.text === name && file.refersTo(type.childForFieldName('package'), importPath);
}

/** Identifier nodes spelled `name` inside `node` (including closures). */
export function identifiersNamed(node: Node, name: string): Node[] {
  // Found from the text, one node lookup per occurrence, rather than by listing every
  // identifier below `node` (a crossing into WASM and an object each). An occurrence
  // counts when the smallest node around it is an identifier spanning exactly it:
  // that rules out comments, strings, longer names and fields.
  const found: Node[] = [];
  if (name.length === 0) return found;
  const text = node.text;
  const base = node.startIndex;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    // Part of a longer ASCII word (`x` in `max`): no lookup needed to rule it out.
    if (isAsciiWordUnit(text.charCodeAt(at - 1)) || isAsciiWordUnit(text.charCodeAt(at + name.length))) continue;
    const start = base + at;
    const id = node.descendantForIndex(start, start + name.length);
    if (id && id.type === 'identifier' && id.startIndex === start && id.endIndex === start + name.length) found.push(id);
  }
  return found;
}

/** A-Z, a-z, 0-9 or _ (NaN, past either end of the text, is not). */
function isAsciiWordUnit(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57) || unit === 95;
}

/** Whether `node` mentions the identifier `name` anywhere inside it. */
export function mentions(node: Node, name: string): boolean {
  if (!node.text.includes(name)) return false; // cheap text check before walking
  return identifiersNamed(node, name).length > 0;
}

export function namedChildren(node: Node | null): Node[] {
  if (!node) return [];
  return node.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
}

/** The statements of a block (or case body), in order. */
export function statementsOf(block: Node | null): Node[] {
  if (!block) return [];
  if (block.type === STATEMENT_LIST) return namedChildren(block);
  const list = block.namedChildren.find((child) => child?.type === STATEMENT_LIST);
  return list ? namedChildren(list) : [];
}

/** Whether `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
