// A best-effort answer to "what type is this receiver?" from syntax alone, so that
// `rows.Next()` can be told from `it.Next()`. It follows the name to its declaration
// in the enclosing functions (parameters, `var`, `:=`) or the file's top level, and
// reads a type from the declared type, a composite literal or a known constructor
// (`sql.Open`, `time.NewTicker`, `errgroup.WithContext`, ...). Anything it cannot
// see returns null, and the card simply doesn't show.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../engine/source-file';
import { callParts, FUNCTION_TYPES, namedChildren } from '../engine/syntax';

/**
 * `importPath.Name` for package types ("database/sql.Rows"), `local:Name` for types
 * declared in this file, or a kind: "chan", "map", "slice", "array".
 */
export type TypeKey = string;

/** Results of package functions, by position in the returned tuple. */
const FUNCTION_RESULTS: ReadonlyMap<string, readonly (TypeKey | null)[]> = new Map([
  ['context.Background', ['context.Context']],
  ['context.TODO', ['context.Context']],
  ['context.WithCancel', ['context.Context', 'context.CancelFunc']],
  ['context.WithCancelCause', ['context.Context', 'context.CancelCauseFunc']],
  ['context.WithTimeout', ['context.Context', 'context.CancelFunc']],
  ['context.WithDeadline', ['context.Context', 'context.CancelFunc']],
  ['context.WithValue', ['context.Context']],
  ['context.WithoutCancel', ['context.Context']],
  ['database/sql.Open', ['database/sql.DB', null]],
  ['time.NewTicker', ['time.Ticker']],
  ['time.NewTimer', ['time.Timer']],
  ['golang.org/x/sync/errgroup.WithContext', ['golang.org/x/sync/errgroup.Group', 'context.Context']],
  ['net/http.NewServeMux', ['net/http.ServeMux']],
  ['net/http.NewRequest', ['net/http.Request', null]],
  ['net/http.NewRequestWithContext', ['net/http.Request', null]],
  ['google.golang.org/grpc.NewServer', ['google.golang.org/grpc.Server']],
]);

/** Methods whose name alone says what they return, in files importing the package. */
const METHOD_RESULTS: ReadonlyMap<string, { requires: string; result: TypeKey }> = new Map([
  ['QueryContext', { requires: 'database/sql', result: 'database/sql.Rows' }],
  ['Query', { requires: 'database/sql', result: 'database/sql.Rows' }],
  ['QueryRowContext', { requires: 'database/sql', result: 'database/sql.Row' }],
  ['QueryRow', { requires: 'database/sql', result: 'database/sql.Row' }],
  ['BeginTx', { requires: 'database/sql', result: 'database/sql.Tx' }],
  ['Begin', { requires: 'database/sql', result: 'database/sql.Tx' }],
  ['ExecContext', { requires: 'database/sql', result: 'database/sql.Result' }],
  ['Context', { requires: 'net/http', result: 'context.Context' }],
]);

const MAX_DEPTH = 4;

interface Declaration {
  type: Node | null;
  value: Node | null;
  /** Which result of a multi-value call the name receives. */
  index: number;
}

/** The type a type expression names. */
export function typeOfTypeNode(file: SourceFile, type: Node | null): TypeKey | null {
  if (!type) return null;
  switch (type.type) {
    case 'pointer_type':
    case 'parenthesized_type':
      return typeOfTypeNode(file, namedChildren(type)[0] ?? null);
    case 'generic_type':
      return typeOfTypeNode(file, type.childForFieldName('type'));
    case 'qualified_type': {
      const pkg = type.childForFieldName('package')?.text ?? '';
      const path = file.imports.pathByName.get(pkg);
      return path ? `${path}.${type.childForFieldName('name')?.text ?? ''}` : null;
    }
    case 'type_identifier':
      return `local:${type.text}`;
    case 'channel_type':
      return 'chan';
    case 'map_type':
      return 'map';
    case 'slice_type':
      return 'slice';
    case 'array_type':
      return 'array';
    default:
      return null;
  }
}

/** The type of an expression, when syntax shows it. */
export function typeOfExpression(file: SourceFile, expr: Node | null, depth = 0): TypeKey | null {
  if (!expr || depth > MAX_DEPTH) return null;
  switch (expr.type) {
    case 'identifier': {
      const declaration = findDeclaration(file, expr);
      if (!declaration) return null;
      if (declaration.type) return typeOfTypeNode(file, declaration.type);
      return typeOfValue(file, declaration.value, declaration.index, depth + 1);
    }
    case 'selector_expression':
      return typeOfField(file, expr, depth);
    default:
      return typeOfValue(file, expr, 0, depth);
  }
}

function typeOfValue(file: SourceFile, value: Node | null, index: number, depth: number): TypeKey | null {
  if (!value || depth > MAX_DEPTH) return null;
  switch (value.type) {
    case 'parenthesized_expression':
      return typeOfValue(file, namedChildren(value)[0] ?? null, index, depth);
    case 'unary_expression':
      return value.childForFieldName('operator')?.type === '&'
        ? typeOfValue(file, value.childForFieldName('operand'), index, depth)
        : null;
    case 'composite_literal':
      return typeOfTypeNode(file, value.childForFieldName('type'));
    case 'identifier':
    case 'selector_expression':
      return typeOfExpression(file, value, depth + 1);
    case 'call_expression':
      return typeOfCall(file, value, index);
    default:
      return null;
  }
}

function typeOfCall(file: SourceFile, call: Node, index: number): TypeKey | null {
  const parts = callParts(call);
  if (!parts) return null;
  if (!parts.receiver) {
    return parts.name === 'make' || parts.name === 'new' ? typeOfTypeNode(file, parts.args[0] ?? null) : null;
  }
  const path = parts.receiver.type === 'identifier' ? file.imports.pathByName.get(parts.receiver.text) : undefined;
  if (path) return FUNCTION_RESULTS.get(`${path}.${parts.name}`)?.[index] ?? null;
  const method = METHOD_RESULTS.get(parts.name);
  return method && index === 0 && file.importsPath(method.requires) ? method.result : null;
}

/** `x.field`: the field's declared type in this file's struct, when the struct is found. */
function typeOfField(file: SourceFile, selector: Node, depth: number): TypeKey | null {
  const field = selector.childForFieldName('field')?.text;
  const operand = selector.childForFieldName('operand');
  if (!field || !operand) return null;
  if (operand.type === 'identifier' && file.imports.pathByName.has(operand.text)) return null; // pkg.Var
  const owner = typeOfExpression(file, operand, depth + 1);
  const structs = owner?.startsWith('local:') ? [owner.slice('local:'.length)] : null;
  const fieldType = findStructField(file, field, structs);
  return fieldType ? typeOfTypeNode(file, fieldType) : null;
}

/** A field's type in the file's top-level struct types (any struct when `owners` is null). */
function findStructField(file: SourceFile, field: string, owners: string[] | null): Node | null {
  for (const declaration of file.root.namedChildren) {
    if (declaration?.type !== 'type_declaration') continue;
    for (const spec of namedChildren(declaration)) {
      if (spec.type !== 'type_spec') continue;
      if (owners && !owners.includes(spec.childForFieldName('name')?.text ?? '')) continue;
      const struct = spec.childForFieldName('type');
      if (struct?.type !== 'struct_type') continue;
      const list = namedChildren(struct).find((child) => child.type === 'field_declaration_list');
      for (const member of namedChildren(list ?? null)) {
        if (member.childrenForFieldName('name').some((name) => name?.text === field)) {
          return member.childForFieldName('type');
        }
      }
    }
  }
  return null;
}

function declarationIn(names: Node[], type: Node | null, values: Node | null, name: string): Declaration | null {
  const position = names.findIndex((node) => node.text === name);
  if (position < 0) return null;
  const list = namedChildren(values);
  if (list.length === names.length) return { type, value: list[position]!, index: 0 };
  return { type, value: list[0] ?? null, index: position };
}

function declarationOfSpec(spec: Node, name: string): Declaration | null {
  if (spec.type === 'var_spec') {
    const names = spec.childrenForFieldName('name').filter((node): node is Node => !!node);
    return declarationIn(names, spec.childForFieldName('type'), spec.childForFieldName('value'), name);
  }
  if (spec.type === 'short_var_declaration') {
    return declarationIn(namedChildren(spec.childForFieldName('left')), null, spec.childForFieldName('right'), name);
  }
  return null;
}

function parameterDeclaration(list: Node | null, name: string): Declaration | null {
  for (const parameter of namedChildren(list)) {
    if (parameter.childrenForFieldName('name').some((node) => node?.text === name)) {
      return { type: parameter.childForFieldName('type'), value: null, index: 0 };
    }
  }
  return null;
}

/** The closest declaration of the identifier before its use, innermost function first. */
function findDeclaration(file: SourceFile, use: Node): Declaration | null {
  const name = use.text;
  for (let scope = use.parent; scope; scope = scope.parent) {
    if (!FUNCTION_TYPES.has(scope.type)) continue;
    const parameter =
      parameterDeclaration(scope.childForFieldName('parameters'), name) ??
      parameterDeclaration(scope.childForFieldName('receiver'), name);
    if (parameter) return parameter;
    const body = scope.childForFieldName('body');
    if (!body || !body.text.includes(name)) continue;
    let closest: Declaration | null = null;
    for (const spec of body.descendantsOfType(['short_var_declaration', 'var_spec'])) {
      if (!spec || spec.startIndex >= use.startIndex) continue;
      closest = declarationOfSpec(spec, name) ?? closest;
    }
    if (closest) return closest;
  }
  for (const declaration of file.root.namedChildren) {
    if (declaration?.type !== 'var_declaration') continue;
    for (const spec of declaration.descendantsOfType('var_spec')) {
      const found = spec ? declarationOfSpec(spec, name) : null;
      if (found) return found;
    }
  }
  return null;
}
