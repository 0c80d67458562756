// Matchers for constructs no declarative kind describes: a shape of several nodes
// (`if err != nil`, a `go` inside a counted loop, a middleware signature) or a naming
// convention Go itself relies on (TestXxx, Error() string, Unimplemented...Server).
// Each looks only at the hovered node and a few of its relatives.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../engine/source-file';
import { callParts, isQualifiedType, namedChildren } from '../engine/syntax';
import { typeOfExpression } from './local-types';
import type { Matcher } from './matcher';

function fieldIs(parent: Node | null, field: string, node: Node): boolean {
  return !!parent?.childForFieldName(field)?.equals(node);
}

/** Whether the node is the declared name of a top-level func, method, type, var or const. */
function isDeclaredName(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'function_declaration':
    case 'method_declaration':
      return fieldIs(parent, 'name', node);
    case 'type_spec':
    case 'var_spec':
    case 'const_spec':
    case 'field_declaration':
      return parent.childrenForFieldName('name').some((name) => name?.equals(node));
    default:
      return false;
  }
}

function isTopLevel(spec: Node): boolean {
  let declaration = spec.parent;
  if (declaration?.type === 'var_spec_list' || declaration?.type === 'const_spec_list') declaration = declaration.parent;
  return declaration?.parent?.type === 'source_file';
}

/** err, rowsErr, parseError, werr: names Go code gives error values. */
const ERROR_NAME = /(err|Err|Error)$/;

/** `err != nil` (or `nil == err`): the comparison an error check is made of. */
function isErrorComparison(node: Node | null): boolean {
  if (node?.type !== 'binary_expression') return false;
  const operator = node.childForFieldName('operator')?.type;
  if (operator !== '!=' && operator !== '==') return false;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const other = left?.type === 'nil' ? right : right?.type === 'nil' ? left : null;
  if (!other) return false;
  const name = other.type === 'selector_expression' ? other.childForFieldName('field')?.text : other.text;
  return (other.type === 'identifier' || other.type === 'selector_expression') && ERROR_NAME.test(name ?? '');
}

const errCheck: Matcher = {
  anchors: ['binary_expression', 'if'],
  test(_site, node) {
    if (node.type === 'if') {
      const statement = node.parent;
      return statement?.type === 'if_statement' && isErrorComparison(statement.childForFieldName('condition'))
        ? { subject: statement.childForFieldName('condition')! }
        : null;
    }
    return fieldIs(node.parent, 'condition', node) && node.parent?.type === 'if_statement' && isErrorComparison(node)
      ? { subject: node }
      : null;
  },
};

/** `nil` anywhere except in an error check, which has its own card. */
const nilValue: Matcher = {
  anchors: ['nil'],
  test(_site, node) {
    return isErrorComparison(node.parent) ? null : { subject: node };
  },
};

/** The `for` statement a `go` statement sits directly in, if any. */
function loopAroundGo(token: Node): Node | null {
  const statement = token.parent;
  if (token.type !== 'go' || statement?.type !== 'go_statement') return null;
  const loop = statement.parent?.parent?.parent; // statement_list -> block -> for_statement
  return loop?.type === 'for_statement' ? loop : null;
}

function rangeClause(loop: Node): Node | null {
  return namedChildren(loop).find((child) => child.type === 'range_clause') ?? null;
}

/** Whether a loop counts (`for i := 0; i < n; i++`, `for range n`, `for i := range 8`) rather than walks items. */
function isCountedLoop(loop: Node): boolean {
  const range = rangeClause(loop);
  if (!range) return namedChildren(loop).some((child) => child.type === 'for_clause');
  return !range.childForFieldName('left') || range.childForFieldName('right')?.type === 'int_literal';
}

/** `go` directly inside a counted loop: starting N workers. */
const goInCountedLoop: Matcher = {
  anchors: ['go'],
  test(_site, node) {
    const loop = loopAroundGo(node);
    return loop && isCountedLoop(loop) ? { subject: node.parent! } : null;
  },
};

/** `go` directly inside `for _, x := range xs`: one goroutine per item. */
const goPerItem: Matcher = {
  anchors: ['go'],
  test(_site, node) {
    const loop = loopAroundGo(node);
    return loop && rangeClause(loop) && !isCountedLoop(loop) ? { subject: node.parent! } : null;
  },
};

/** `for v := range ch` when `ch` is a channel (declared `chan T` or made by `make(chan T)`). */
const rangeOverChannel: Matcher = {
  anchors: ['range', 'for'],
  test({ file }, node) {
    const clause = node.type === 'range' ? node.parent : node.parent && rangeClause(node.parent);
    if (clause?.type !== 'range_clause') return null;
    const right = clause.childForFieldName('right');
    return typeOfExpression(file, right) === 'chan' ? { subject: clause } : null;
  },
};

/** The name of a struct field that carries a tag (`json:"id"`): the tag itself is a string. */
const taggedField: Matcher = {
  anchors: ['field_identifier'],
  test(_site, node) {
    const field = node.parent;
    if (field?.type !== 'field_declaration' || !field.childForFieldName('tag')) return null;
    return field.childrenForFieldName('name').some((name) => name?.equals(node)) ? { subject: field } : null;
  },
};

function isEmbeddedField(node: Node): boolean {
  return node.type === 'field_declaration' && node.childrenForFieldName('name').length === 0;
}

/** A struct field with no name (embedding), or an interface listing another interface. */
const embeddedType: Matcher = {
  anchors: ['field_declaration', 'type_elem'],
  test(_site, node) {
    if (node.type === 'type_elem') {
      return node.parent?.type === 'interface_type' && node.namedChildCount === 1 ? { subject: node } : null;
    }
    return isEmbeddedField(node) ? { subject: node } : null;
  },
};

/** Embedding the generated `pb.UnimplementedFooServer` in a gRPC service struct. */
const grpcUnimplementedEmbed: Matcher = {
  anchors: ['field_declaration'],
  test(_site, node) {
    const type = node.childForFieldName('type');
    const name = type?.type === 'qualified_type' ? type.childForFieldName('name')?.text : type?.text;
    return isEmbeddedField(node) && /^Unimplemented\w*Server$/.test(name ?? '') ? { subject: node } : null;
  },
};

/** `pb.RegisterFooServer(server, impl)`: the generated registration call. */
const grpcRegisterCall: Matcher = {
  anchors: ['identifier', 'field_identifier'],
  test(_site, node) {
    if (!/^Register\w+Server$/.test(node.text)) return null;
    const callee = node.parent?.type === 'selector_expression' ? node.parent : node;
    const call = callee.parent;
    if (!fieldIs(callee, 'field', node) && !callee.equals(node)) return null;
    return call?.type === 'call_expression' && fieldIs(call, 'function', callee) ? { subject: call } : null;
  },
};

/** The receiver list of a method declaration: `(s *Server)` vs `(s Server)`. */
const methodReceiver: Matcher = {
  anchors: ['parameter_list'],
  test(_site, node) {
    return node.parent?.type === 'method_declaration' && fieldIs(node.parent, 'receiver', node) ? { subject: node } : null;
  },
};

function specsOf(declaration: Node): Node[] {
  return declaration.descendantsOfType('var_spec').filter((spec): spec is Node => !!spec);
}

function hasValue(spec: Node): boolean {
  return !!spec.childForFieldName('value');
}

/** `var x T` with no value: the variable starts at its zero value. */
const zeroValueVar: Matcher = {
  anchors: ['var', 'identifier'],
  test(_site, node) {
    if (node.type === 'var') {
      const declaration = node.parent;
      if (declaration?.type !== 'var_declaration') return null;
      const specs = specsOf(declaration);
      return specs.length > 0 && specs.every((spec) => !hasValue(spec) && spec.childForFieldName('type'))
        ? { subject: declaration }
        : null;
    }
    const spec = node.parent;
    if (spec?.type !== 'var_spec' || hasValue(spec) || node.text === '_') return null;
    return spec.childrenForFieldName('name').some((name) => name?.equals(node)) ? { subject: spec } : null;
  },
};

/** `var x = value`: a declaration with an initial value, the long form of `:=`. */
const varWithValue: Matcher = {
  anchors: ['var'],
  test(_site, node) {
    const declaration = node.parent;
    if (declaration?.type !== 'var_declaration') return null;
    const specs = specsOf(declaration);
    return specs.length > 0 && specs.every(hasValue) ? { subject: declaration } : null;
  },
};

/** The declared name of a top-level func, type, var or const, or a struct field. */
const declaredName: Matcher = {
  anchors: ['identifier', 'type_identifier', 'field_identifier'],
  test(_site, node) {
    if (!isDeclaredName(node) || node.text === '_' || node.text === 'main' || node.text === 'init') return null;
    const parent = node.parent!;
    if (parent.type === 'field_declaration') return { subject: node };
    if (parent.type === 'function_declaration' || parent.type === 'method_declaration') return { subject: node };
    return isTopLevel(parent) ? { subject: node } : null;
  },
};

function hasParameterOfType(file: SourceFile, fn: Node, path: string, type: string): boolean {
  return namedChildren(fn.childForFieldName('parameters')).some((parameter) =>
    isQualifiedType(file, unwrapPointer(parameter.childForFieldName('type')), path, type),
  );
}

function unwrapPointer(type: Node | null): Node | null {
  return type?.type === 'pointer_type' ? (namedChildren(type)[0] ?? null) : type;
}

/** `func TestXxx(t *testing.T)`: a test function, where table-driven tests live. */
const testFunction: Matcher = {
  anchors: ['identifier'],
  test({ file }, node) {
    const fn = node.parent;
    if (fn?.type !== 'function_declaration' || !fieldIs(fn, 'name', node)) return null;
    if (!/^Test([^a-z]|$)/.test(node.text)) return null;
    return hasParameterOfType(file, fn, 'testing', 'T') ? { subject: node } : null;
  },
};

/** `type mockStore struct{...}` (also fake/stub): a hand-written test double. */
const mockType: Matcher = {
  anchors: ['type_identifier'],
  test(_site, node) {
    const spec = node.parent;
    if (spec?.type !== 'type_spec' || !fieldIs(spec, 'name', node)) return null;
    if (!/^(mock|fake|stub)([A-Z_]|$)|^(Mock|Fake|Stub)[A-Z_]/.test(node.text)) return null;
    return spec.childForFieldName('type')?.type === 'struct_type' ? { subject: node } : null;
  },
};

/** `var _ Store = (*mockStore)(nil)`: a compile-time "implements" check. */
const implementsAssertion: Matcher = {
  anchors: ['identifier'],
  test(_site, node) {
    const spec = node.parent;
    if (node.text !== '_' || spec?.type !== 'var_spec') return null;
    return spec.childForFieldName('type') && hasValue(spec) ? { subject: spec } : null;
  },
};

/** `func (e *MyError) Error() string`: a type that satisfies the error interface. */
const errorMethod: Matcher = {
  anchors: ['field_identifier'],
  test(_site, node) {
    const method = node.parent;
    if (method?.type !== 'method_declaration' || node.text !== 'Error' || !fieldIs(method, 'name', node)) return null;
    const noParameters = namedChildren(method.childForFieldName('parameters')).length === 0;
    return noParameters && method.childForFieldName('result')?.text === 'string' ? { subject: node } : null;
  },
};

/** `var ErrNotFound = errors.New(...)`: a sentinel error, on its name. */
const sentinelVar: Matcher = {
  anchors: ['identifier'],
  test({ file }, node) {
    const spec = node.parent;
    if (spec?.type !== 'var_spec' || !/^(Err|err)[A-Z0-9_]/.test(node.text) || !isTopLevel(spec)) return null;
    const position = spec.childrenForFieldName('name').findIndex((name) => name?.equals(node));
    const value = namedChildren(spec.childForFieldName('value'))[position];
    const parts = value ? callParts(value) : null;
    const makesError =
      !!parts &&
      ((parts.name === 'New' && file.refersTo(parts.receiver, 'errors')) ||
        (parts.name === 'Errorf' && file.refersTo(parts.receiver, 'fmt')));
    return makesError ? { subject: node } : null;
  },
};

/** `func logging(next http.Handler) http.Handler`: middleware, on the function's name. */
const middlewareFunction: Matcher = {
  anchors: ['identifier'],
  test({ file }, node) {
    const fn = node.parent;
    if (fn?.type !== 'function_declaration' || !fieldIs(fn, 'name', node)) return null;
    const result = fn.childForFieldName('result');
    const returnsHandler = isQualifiedType(file, result, 'net/http', 'Handler') || isQualifiedType(file, result, 'net/http', 'HandlerFunc');
    const takesHandler =
      hasParameterOfType(file, fn, 'net/http', 'Handler') || hasParameterOfType(file, fn, 'net/http', 'HandlerFunc');
    return returnsHandler && takesHandler ? { subject: node } : null;
  },
};

const SERVER_LIMITS = new Set([
  'ReadTimeout',
  'ReadHeaderTimeout',
  'WriteTimeout',
  'IdleTimeout',
  'MaxHeaderBytes',
]);

/** `ReadTimeout:` and friends inside an `http.Server{...}` literal. */
const httpServerField: Matcher = {
  anchors: ['identifier', 'field_identifier'],
  test({ file }, node) {
    if (!SERVER_LIMITS.has(node.text)) return null;
    const keyed = node.parent?.parent;
    if (node.parent?.type !== 'literal_element' || keyed?.type !== 'keyed_element') return null;
    if (!fieldIs(keyed, 'key', node.parent)) return null;
    const literal = keyed.parent?.parent;
    if (literal?.type !== 'composite_literal') return null;
    return isQualifiedType(file, literal.childForFieldName('type'), 'net/http', 'Server') ? { subject: keyed } : null;
  },
};

/** sqlc's generated names: `type Queries struct`, `type DBTX interface`, `*db.Queries`, `q.WithTx(tx)`. */
const sqlcGenerated: Matcher = {
  anchors: ['type_identifier', 'field_identifier'],
  test({ file }, node) {
    const parent = node.parent;
    if (!parent) return null;
    if (node.type === 'field_identifier') {
      const call = parent.parent;
      return node.text === 'WithTx' && parent.type === 'selector_expression' && call?.type === 'call_expression'
        ? { subject: parent }
        : null;
    }
    if (parent.type === 'type_spec' && fieldIs(parent, 'name', node)) {
      const kind = parent.childForFieldName('type')?.type;
      const generatedShape =
        (node.text === 'Queries' && kind === 'struct_type') || (node.text === 'DBTX' && kind === 'interface_type');
      return generatedShape && file.importsPath('database/sql') ? { subject: node } : null;
    }
    if (parent.type === 'qualified_type' && fieldIs(parent, 'name', node) && node.text === 'Queries') {
      return { subject: parent };
    }
    return null;
  },
};

function isEmptyInterface(node: Node | null): boolean {
  return node?.type === 'interface_type' && namedChildren(node).length === 0;
}

/** The `interface` keyword of an interface with methods or embedded types. */
const interfaceKeyword: Matcher = {
  anchors: ['interface'],
  test(_site, node) {
    const type = node.parent;
    return type?.type === 'interface_type' && !isEmptyInterface(type) ? { subject: type } : null;
  },
};

/** `any`, or `interface{}`, its older spelling. */
const anyType: Matcher = {
  anchors: ['type_identifier', 'interface'],
  test(_site, node) {
    if (node.type === 'interface') return isEmptyInterface(node.parent) ? { subject: node.parent! } : null;
    if (node.text !== 'any') return null;
    return node.parent?.type === 'type_spec' && fieldIs(node.parent, 'name', node) ? null : { subject: node };
  },
};

/** `func init()`: runs when the package loads. */
const initFunction: Matcher = {
  anchors: ['identifier'],
  test(_site, node) {
    const fn = node.parent;
    return node.text === 'init' && fn?.type === 'function_declaration' && fieldIs(fn, 'name', node)
      ? { subject: node }
      : null;
  },
};

export const CUSTOM_MATCHERS: ReadonlyMap<string, Matcher> = new Map([
  ['err-check', errCheck],
  ['nil-value', nilValue],
  ['go-in-counted-loop', goInCountedLoop],
  ['go-per-item', goPerItem],
  ['range-over-channel', rangeOverChannel],
  ['tagged-field', taggedField],
  ['embedded-type', embeddedType],
  ['grpc-unimplemented-embed', grpcUnimplementedEmbed],
  ['grpc-register-call', grpcRegisterCall],
  ['method-receiver', methodReceiver],
  ['zero-value-var', zeroValueVar],
  ['var-with-value', varWithValue],
  ['declared-name', declaredName],
  ['test-function', testFunction],
  ['mock-type', mockType],
  ['implements-assertion', implementsAssertion],
  ['error-method', errorMethod],
  ['sentinel-var', sentinelVar],
  ['middleware-function', middlewareFunction],
  ['http-server-field', httpServerField],
  ['sqlc-generated', sqlcGenerated],
  ['interface-keyword', interfaceKeyword],
  ['any-type', anyType],
  ['init-function', initFunction],
]);
