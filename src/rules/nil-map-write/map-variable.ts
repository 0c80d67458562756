// What the declaration of a local tells us about it as a map: is it a map at all
// (as far as the file shows), does it start out nil, what is its type's spelling
// (for `make(...)` in messages and fixes), and which statements make up its scope.
import type { Node } from 'web-tree-sitter';
import type { NameDeclaration } from '../../engine/name-declarations';
import type { SourceFile } from '../../engine/source-file';
import { enclosingFunction, namedChildren, statementsOf } from '../../engine/syntax';
import { isNilValue } from './conditions';
import type { NilSource } from './nil-map-flow';

export interface MapVariable {
  /** The map type as written (`map[string]int`, or a named map type of this file). */
  typeText: string | null;
  /** Where the variable starts out nil, if it does. */
  seed: NilSource | null;
  /** The statements of its scope that follow the declaration. */
  statements: Node[];
  scope: Node;
  /** The function the variable belongs to: writes from closures are not followed. */
  fn: Node | null;
}

/** Top-level `type Name map[...]...` declarations of the file, by name. */
export function fileMapTypes(file: SourceFile): ReadonlySet<string> {
  // Outline only (type declarations), and plain names: carried across edits inside a body.
  return file.outlineCached('nil-map-write:map-types', () => {
    const specs = new Map<string, Node>();
    for (const declaration of file.declarations) {
      if (declaration.type !== 'type_declaration') continue;
      for (const spec of declaration.node.namedChildren) {
        const name = spec?.childForFieldName('name')?.text;
        const type = spec?.childForFieldName('type');
        if (name && type && !spec?.childForFieldName('type_parameters')) specs.set(name, type);
      }
    }
    const maps = new Set<string>();
    const isMap = (type: Node, depth: number): boolean => {
      const inner = unwrapType(type);
      if (inner.type === 'map_type') return true;
      const next = inner.type === 'type_identifier' ? specs.get(inner.text) : undefined;
      return !!next && depth < 8 && isMap(next, depth + 1);
    };
    for (const [name, type] of specs) if (isMap(type, 0)) maps.add(name);
    return maps;
  });
}

function unwrapType(type: Node): Node {
  let current = type;
  while (current.type === 'parenthesized_type') current = namedChildren(current)[0] ?? current;
  return current;
}

/** The spelling of `type` when it is certainly a map type, else null. */
function mapTypeText(file: SourceFile, type: Node | null | undefined): string | null {
  if (!type) return null;
  const inner = unwrapType(type);
  if (inner.type === 'map_type') return inner.text;
  if (inner.type === 'type_identifier' && fileMapTypes(file).has(inner.text)) return inner.text;
  return null;
}

/** The map type a value expression certainly has: `make(T)`, `T{...}`, `T(x)`. */
function valueMapType(file: SourceFile, value: Node | undefined): string | null {
  if (!value) return null;
  if (value.type === 'parenthesized_expression') return valueMapType(file, namedChildren(value)[0]);
  if (value.type === 'composite_literal' || value.type === 'type_conversion_expression') {
    return mapTypeText(file, value.childForFieldName('type'));
  }
  if (value.type === 'call_expression') {
    const callee = value.childForFieldName('function');
    const args = namedChildren(value.childForFieldName('arguments'));
    if (callee?.type === 'identifier' && callee.text === 'make') return mapTypeText(file, args[0]);
    // `Counts(nil)` parses as a call; it is a conversion when Counts is a map type here.
    if (callee?.type === 'identifier' && fileMapTypes(file).has(callee.text)) return callee.text;
  }
  return null;
}

/** Whether a value leaves the variable nil, including `Counts(nil)` for a map type of this file. */
function isNilMapValue(file: SourceFile, value: Node): boolean {
  if (isNilValue(value)) return true;
  if (value.type !== 'call_expression') return false;
  const args = namedChildren(value.childForFieldName('arguments'));
  return valueMapType(file, value) !== null && args.length === 1 && args[0]!.type === 'nil' &&
    value.childForFieldName('function')?.text !== 'make';
}

/** Scopes whose statements the walk can follow from a declaration to their end. */
const STATEMENT_SCOPES = new Set(['block', 'expression_case', 'type_case', 'default_case', 'communication_case']);

/** The statement that declares the name: a var_declaration or a short declaration. */
function declaringStatement(identifier: Node): Node | null {
  for (let current = identifier.parent; current; current = current.parent) {
    if (current.type === 'var_declaration' || current.type === 'short_var_declaration') return current;
  }
  return null;
}

/**
 * Reads the declaration of a local as a map variable; null when the file does not
 * show it to be a map, or it is bound somewhere the walk does not follow (an
 * if/for/switch initializer, a range clause, a package-level variable).
 */
export function mapVariable(file: SourceFile, declaration: NameDeclaration): MapVariable | null {
  const { identifier, kind, scope } = declaration;
  if (kind === 'var' || kind === 'short') {
    if (!STATEMENT_SCOPES.has(scope.type)) return null;
    const statement = declaringStatement(identifier);
    const declarator = kind === 'var' ? identifier.parent : statement;
    if (!statement || !declarator) return null;
    const value = declaration.value ?? undefined;
    if (declaration.call) return null; // `m, err := load()`: the type is not in this file
    const typeText = mapTypeText(file, declaration.type) ?? valueMapType(file, value);
    if (!typeText) return null;
    const startsNil = !value || isNilMapValue(file, value);
    return {
      typeText,
      seed: startsNil ? { kind: 'declaration', node: declarator } : null,
      statements: statementsOf(scope).filter((s) => s.startIndex > statement.startIndex),
      scope,
      fn: enclosingFunction(statement),
    };
  }
  if (kind === 'parameter' || kind === 'result') {
    const typeText = mapTypeText(file, declaration.type);
    const body = scope.childForFieldName('body');
    if (!typeText || !body) return null;
    return {
      typeText,
      // Named results start as their zero value: a map result is nil until assigned.
      seed: kind === 'result' ? { kind: 'result', node: identifier.parent ?? identifier } : null,
      statements: statementsOf(body),
      scope: body,
      fn: scope,
    };
  }
  return null;
}
