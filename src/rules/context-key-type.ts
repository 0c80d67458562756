// context-key-type: context.WithValue(ctx, key, v) with a key of a built-in type
// (a string or number literal, a conversion like int8(1), or a constant/variable of a
// built-in type declared in this file). Values in a context are found by key
// equality, so two packages using the key "user" overwrite each other's values.
import type { Node } from 'web-tree-sitter';
import { constantSource, findDeclaration } from '../engine/name-declarations';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, namedChildren } from '../engine/syntax';
import doc from './context-key-type.md';

const BUILTIN_TYPES = new Set([
  'string', 'bool', 'byte', 'rune', 'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128',
]);

/** The default type of an untyped constant literal. */
const LITERAL_TYPES: Record<string, string> = {
  interpreted_string_literal: 'string',
  raw_string_literal: 'string',
  int_literal: 'int',
  float_literal: 'float64',
  imaginary_literal: 'complex128',
  rune_literal: 'rune',
  true: 'bool',
  false: 'bool',
  iota: 'int',
};

/** The built-in type of `expr` when syntax shows it has one; null when it doesn't or can't tell. */
function builtinTypeOf(file: SourceFile, expr: Node | null, depth = 0): string | null {
  if (!expr || depth > 4) return null;
  const literal = LITERAL_TYPES[expr.type];
  if (literal) return literal;
  switch (expr.type) {
    case 'parenthesized_expression':
      return builtinTypeOf(file, namedChildren(expr)[0] ?? null, depth);
    case 'call_expression': {
      // A conversion: int8(1), string(b).
      const parts = callParts(expr);
      return parts && !parts.receiver && parts.args.length === 1 && BUILTIN_TYPES.has(parts.name) ? parts.name : null;
    }
    case 'binary_expression': {
      // "app." + "user": both sides of one built-in type.
      const left = builtinTypeOf(file, expr.childForFieldName('left'), depth + 1);
      return left && left === builtinTypeOf(file, expr.childForFieldName('right'), depth + 1) ? left : null;
    }
    case 'identifier': {
      if (expr.text === 'true' || expr.text === 'false') return 'bool';
      const declaration = findDeclaration(file, expr);
      if (!declaration || declaration.identifier.id === expr.id) return null;
      if (!['const', 'var', 'short', 'parameter'].includes(declaration.kind)) return null;
      const source = constantSource(declaration);
      if (source.type) return source.type.type === 'type_identifier' && BUILTIN_TYPES.has(source.type.text) ? source.type.text : null;
      return builtinTypeOf(file, source.value, depth + 1);
    }
    default:
      return null;
  }
}

export default defineRule({
  meta: {
    id: 'context-key-type',
    title: 'context.WithValue key of a built-in type',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['context'],
    // The field of the selector the call pattern starts two levels above.
    anchor: { text: /WithValue/, depth: 2 },
    tsAnalogy: 'a string key on a shared global Map where a Symbol belongs',
  },
  doc,
  defaultOptions: {},
  query: `
    (call_expression
      function: (selector_expression operand: (identifier) field: (field_identifier) @name (#eq? @name "WithValue"))) @call
  `,
  create(context) {
    return {
      call(call) {
        const parts = callParts(call);
        if (!parts || !context.file.refersTo(parts.receiver, 'context') || parts.args.length !== 3) return;
        const key = parts.args[1]!;
        const type = builtinTypeOf(context.file, key);
        if (!type) return;
        const shown = key.text.length > 40 ? `${key.text.slice(0, 37)}...` : key.text;
        context.report({
          node: key,
          message: `context.WithValue key ${shown} is a plain ${type}, so any package can collide with it: use a value of an unexported key type (type ctxKey struct{}).`,
        });
      },
    };
  },
});
