// Is this expression an error? Without a type checker, the answer is a guess built
// from what the file itself says: declarations (`var err error`, `err := f()` where f
// is declared here returning error), well-known constructors (errors.New, fmt.Errorf),
// the conventions every Go codebase follows (`err`, `fooErr`, `ErrFoo`, io.EOF), and
// what plainly is not an error (literals, arithmetic, `err.Error()`).
import type { Node } from 'web-tree-sitter';
import { constantSource, findDeclaration } from './name-declarations';
import type { SourceFile } from './source-file';
import { callParts, namedChildren } from './syntax';

/** 'error' covers both the error interface and concrete types with an Error() string method. */
export type ValueKind = 'nil' | 'error' | 'not-error' | 'unknown';

/** Names Go code gives error values by convention. */
const ERROR_NAME = /^(err\d*|[a-z][A-Za-z0-9]*Err\d*|[eE]rr[A-Z0-9_]\w*)$/;
/** Names that start like an error but are conventionally something else. */
const NOT_ERROR_NAME = /^err(s|Count|Ch|Chan|C|No|no|Msg|Str|String|Text|Code|Codes|Type|Kind|Func|Fn|Handler|Log|Out|Buf|Writer|W)(\d*)$/;

const BUILTIN_NON_ERROR_TYPES = new Set([
  'string', 'bool', 'byte', 'rune', 'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128', 'any',
]);

const NON_ERROR_TYPE_NODES = new Set([
  'slice_type', 'array_type', 'map_type', 'channel_type', 'function_type', 'struct_type',
]);

const LITERALS = new Set([
  'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal',
  'imaginary_literal', 'rune_literal', 'true', 'false', 'iota', 'func_literal',
]);

/** Well-known package-level errors that don't follow the ErrX naming. */
const WELL_KNOWN_ERRORS = new Map<string, ReadonlySet<string>>([
  ['io', new Set(['EOF'])],
  ['context', new Set(['Canceled', 'DeadlineExceeded'])],
]);

/** Facts about the file's own declarations: which types have Error(), what functions return. */
interface FileErrorFacts {
  errorTypes: Set<string>;
  declaredTypes: Set<string>;
  /** Interfaces declared here that are not errors (`type timeout interface{ Timeout() bool }`). */
  plainInterfaces: Set<string>;
  /** Function name -> its result type nodes (functions first, then methods by name). */
  functionResults: Map<string, Node[]>;
  methodResults: Map<string, Node[][]>;
}

function receiverTypeName(method: Node): string | null {
  const receiver = namedChildren(method.childForFieldName('receiver'))[0];
  let type = receiver?.childForFieldName('type') ?? null;
  while (type && (type.type === 'pointer_type' || type.type === 'generic_type' || type.type === 'parenthesized_type')) {
    type = type.type === 'generic_type' ? type.childForFieldName('type') : namedChildren(type)[0] ?? null;
  }
  return type?.type === 'type_identifier' ? type.text : null;
}

function resultTypes(fn: Node): Node[] {
  const result = fn.childForFieldName('result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result];
  const types: Node[] = [];
  for (const declaration of namedChildren(result)) {
    const type = declaration.childForFieldName('type');
    if (!type) continue;
    const count = Math.max(1, declaration.childrenForFieldName('name').length);
    for (let i = 0; i < count; i++) types.push(type);
  }
  return types;
}

/** An interface that embeds `error` or declares `Error() string`. */
function interfaceIsError(type: Node): boolean {
  return namedChildren(type).some((element) => {
    if (element.type === 'type_elem') return namedChildren(element).some((t) => t.type === 'type_identifier' && t.text === 'error');
    if (element.type !== 'method_elem') return false;
    return (
      element.childForFieldName('name')?.text === 'Error' &&
      namedChildren(element.childForFieldName('parameters')).length === 0 &&
      element.childForFieldName('result')?.text === 'string'
    );
  });
}

function fileFacts(file: SourceFile): FileErrorFacts {
  return file.cached('error-values:facts', () => {
    const facts: FileErrorFacts = {
      errorTypes: new Set(),
      declaredTypes: new Set(),
      plainInterfaces: new Set(),
      functionResults: new Map(),
      methodResults: new Map(),
    };
    for (const declaration of namedChildren(file.root)) {
      if (declaration.type === 'function_declaration') {
        const name = declaration.childForFieldName('name')?.text;
        if (name) facts.functionResults.set(name, resultTypes(declaration));
      } else if (declaration.type === 'method_declaration') {
        const name = declaration.childForFieldName('name')?.text;
        if (!name) continue;
        const results = resultTypes(declaration);
        facts.methodResults.set(name, [...(facts.methodResults.get(name) ?? []), results]);
        const parameters = namedChildren(declaration.childForFieldName('parameters'));
        if (name === 'Error' && parameters.length === 0 && results.length === 1 && results[0]!.text === 'string') {
          const receiver = receiverTypeName(declaration);
          if (receiver) facts.errorTypes.add(receiver);
        }
      } else if (declaration.type === 'type_declaration') {
        for (const spec of namedChildren(declaration)) {
          const name = spec.childForFieldName('name')?.text;
          if (name) facts.declaredTypes.add(name);
          // `type Err interface { error; ... }` and interfaces declaring Error() are errors.
          const type = spec.childForFieldName('type');
          if (name && type?.type === 'interface_type') {
            if (interfaceIsError(type)) facts.errorTypes.add(name);
            else facts.plainInterfaces.add(name);
          }
        }
      }
    }
    return facts;
  });
}

/** What a written type says about error-ness. */
export function typeKind(file: SourceFile, type: Node | null): ValueKind {
  if (!type) return 'unknown';
  if (type.type === 'parenthesized_type') return typeKind(file, namedChildren(type)[0] ?? null);
  if (NON_ERROR_TYPE_NODES.has(type.type)) return 'not-error';
  if (type.type === 'interface_type') return interfaceIsError(type) ? 'error' : 'not-error';
  if (type.type === 'pointer_type') return typeKind(file, namedChildren(type)[0] ?? null);
  if (type.type === 'type_identifier') {
    if (type.text === 'error') return 'error';
    if (BUILTIN_NON_ERROR_TYPES.has(type.text)) return 'not-error';
    const facts = fileFacts(file);
    if (facts.errorTypes.has(type.text)) return 'error';
    if (facts.declaredTypes.has(type.text)) return 'not-error';
    return /Error$/.test(type.text) ? 'error' : 'unknown';
  }
  if (type.type === 'qualified_type') {
    // url.Error, *os.PathError, net.Error, *json.SyntaxError ...
    return /Error$/.test(type.childForFieldName('name')?.text ?? '') ? 'error' : 'unknown';
  }
  return 'unknown';
}

function kindOfName(name: string): ValueKind {
  if (NOT_ERROR_NAME.test(name)) return 'unknown';
  return ERROR_NAME.test(name) ? 'error' : 'unknown';
}

function resultKind(file: SourceFile, call: Node, position: number, count: number): ValueKind {
  const parts = callParts(call);
  if (!parts) return 'unknown';
  const facts = fileFacts(file);
  let candidates: Node[][] = [];
  if (parts.receiver === null) {
    const results = facts.functionResults.get(parts.name);
    if (results) candidates = [results];
  } else if (!file.imports.pathByName.has(parts.receiver.text)) {
    candidates = facts.methodResults.get(parts.name) ?? [];
  }
  const kinds = new Set(
    candidates.filter((results) => results.length === count).map((results) => typeKind(file, results[position] ?? null)),
  );
  return kinds.size === 1 ? [...kinds][0]! : 'unknown';
}

function callKind(file: SourceFile, call: Node): ValueKind {
  const parts = callParts(call);
  if (!parts) return 'unknown';
  if (parts.receiver) {
    const pkg = file.imports.pathByName.get(parts.receiver.text);
    if (pkg === 'errors' && ['New', 'Join', 'Unwrap'].includes(parts.name)) return 'error';
    if (pkg === 'fmt' && parts.name === 'Errorf') return 'error';
    if (pkg === 'fmt' && /^S?print/.test(parts.name)) return 'not-error';
    if (!pkg && parts.args.length === 0 && parts.name === 'Err') return 'error';
    if (!pkg && parts.args.length === 0 && (parts.name === 'Error' || parts.name === 'String')) return 'not-error';
  } else {
    if (BUILTIN_NON_ERROR_TYPES.has(parts.name) || ['len', 'cap', 'make', 'new', 'append', 'copy'].includes(parts.name)) {
      return 'not-error';
    }
  }
  return resultKind(file, call, 0, 1);
}

/** How sure we are that `expr` holds an error (depth bounds chains like `a := b; b := c`). */
export function errorKind(file: SourceFile, expr: Node | null, depth = 0): ValueKind {
  if (!expr || depth > 4) return 'unknown';
  switch (expr.type) {
    case 'nil':
      return 'nil';
    case 'parenthesized_expression':
      return errorKind(file, namedChildren(expr)[0] ?? null, depth);
    case 'binary_expression':
      return 'not-error';
    case 'composite_literal':
      return typeKind(file, expr.childForFieldName('type'));
    case 'unary_expression': {
      const operator = expr.childForFieldName('operator')?.text ?? expr.text.slice(0, 2);
      if (operator.startsWith('&')) return errorKind(file, expr.childForFieldName('operand'), depth);
      // `<-errc` and `*p` may well be errors; `!ok` and `-n` never are.
      return operator.startsWith('<-') || operator.startsWith('*') ? 'unknown' : 'not-error';
    }
    case 'call_expression':
      return callKind(file, expr);
    case 'type_assertion_expression':
      return typeKind(file, expr.childForFieldName('type'));
    case 'index_expression':
    case 'slice_expression':
      return 'unknown';
    case 'selector_expression': {
      const operand = expr.childForFieldName('operand');
      const field = expr.childForFieldName('field')?.text ?? '';
      const pkg = operand ? file.imports.pathByName.get(operand.text) : undefined;
      if (pkg) {
        if (WELL_KNOWN_ERRORS.get(pkg)?.has(field)) return 'error';
        // syscall.ENOENT and friends are Errno numbers: comparing two of them is no
        // error comparison, so they don't count as errors on their own (the other side must).
        return /^Err[A-Z0-9_]/.test(field) ? 'error' : 'unknown';
      }
      return kindOfName(field);
    }
    case 'identifier': {
      if (expr.text === 'nil') return 'nil';
      const declaration = findDeclaration(file, expr);
      if (!declaration) return kindOfName(expr.text);
      const source = constantSource(declaration);
      if (source.type) {
        const kind = typeKind(file, source.type);
        if (kind !== 'unknown') return kind;
      }
      if (source.value && source.value.id !== expr.id) {
        if (LITERALS.has(source.value.type)) return 'not-error';
        const kind = errorKind(file, source.value, depth + 1);
        if (kind !== 'unknown') return kind;
      }
      if (declaration.call) {
        const count = namedChildren(declaration.identifier.parent).length;
        const kind = resultKind(file, declaration.call, declaration.position, count);
        if (kind !== 'unknown') return kind;
      }
      if (declaration.kind === 'range') return 'unknown';
      return kindOfName(expr.text);
    }
    default:
      if (LITERALS.has(expr.type)) return 'not-error';
      return 'unknown';
  }
}

/**
 * A package-level error value being compared against: `ErrFoo`, `pkg.ErrFoo`, `io.EOF`,
 * `syscall.ENOENT`. Used to tell the sentinel from the error being tested.
 */
export function looksLikeSentinel(file: SourceFile, expr: Node): boolean {
  if (expr.type === 'identifier') return /^[eE]rr[A-Z0-9_]/.test(expr.text) && !findLocalShortDeclaration(file, expr);
  if (expr.type !== 'selector_expression') return false;
  const operand = expr.childForFieldName('operand');
  const field = expr.childForFieldName('field')?.text ?? '';
  const pkg = operand ? file.imports.pathByName.get(operand.text) : undefined;
  if (!pkg) return false;
  return /^Err[A-Z0-9_]/.test(field) || /^E[A-Z0-9]+$/.test(field) || !!WELL_KNOWN_ERRORS.get(pkg)?.has(field);
}

function findLocalShortDeclaration(file: SourceFile, identifier: Node): boolean {
  const declaration = findDeclaration(file, identifier);
  return !!declaration && declaration.scope.type !== 'source_file';
}

/**
 * Whether asserting an error to `type` asks for a behaviour rather than an error type:
 * an interface literal or a same-file interface without Error(). (Asserting an error to
 * a concrete type only compiles when that type implements error.)
 */
export function isBehaviourInterface(file: SourceFile, type: Node): boolean {
  if (type.type === 'interface_type') return !interfaceIsError(type);
  return type.type === 'type_identifier' && fileFacts(file).plainInterfaces.has(type.text);
}
