// The zero value of a Go type, spelled as source text, for quick fixes that write
// `return <zeros>, err`. Syntax only: a named type is looked up among the file's own
// type declarations; a type we cannot see into gets `*new(T)`, which is the zero
// value of any T and always compiles.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from './source-file';

const NUMERIC = new Set([
  'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128', 'byte', 'rune',
]);

const UNTYPED_ZEROS = new Set(['0', '""', 'false', 'nil']);

const NIL_KINDS = new Set(['pointer_type', 'slice_type', 'map_type', 'channel_type', 'function_type', 'interface_type']);

/** Top-level `type Name ...` specs of the file, by name (computed once per file). */
function fileTypeSpecs(file: SourceFile): ReadonlyMap<string, Node> {
  return file.cached('zero-values:type-specs', () => {
    const specs = new Map<string, Node>();
    for (const declaration of file.root.namedChildren) {
      if (declaration?.type !== 'type_declaration') continue;
      for (const spec of declaration.namedChildren) {
        if (spec?.type !== 'type_spec' && spec?.type !== 'type_alias') continue;
        const name = spec.childForFieldName('name')?.text;
        if (name) specs.set(name, spec);
      }
    }
    return specs;
  });
}

/** Zero value of `type` as Go source; `depth` guards against type cycles. */
export function zeroValue(file: SourceFile, type: Node, depth = 0): string {
  if (NIL_KINDS.has(type.type)) return 'nil';
  switch (type.type) {
    case 'parenthesized_type': {
      const inner = type.namedChildren.find((child) => child && child.type !== 'comment');
      return inner ? zeroValue(file, inner, depth) : `*new(${type.text})`;
    }
    case 'array_type':
    case 'struct_type':
      return `${type.text}{}`;
    case 'type_identifier':
      return namedZero(file, type.text, type.text, depth);
    case 'generic_type': {
      const base = type.childForFieldName('type');
      const spec = base?.type === 'type_identifier' ? fileTypeSpecs(file).get(base.text) : undefined;
      const underlying = spec?.childForFieldName('type');
      if (underlying?.type === 'struct_type') return `${type.text}{}`;
      return `*new(${type.text})`;
    }
    default:
      return `*new(${type.text})`;
  }
}

function namedZero(file: SourceFile, name: string, spelled: string, depth: number): string {
  if (NUMERIC.has(name)) return '0';
  if (name === 'string') return '""';
  if (name === 'bool') return 'false';
  if (name === 'error' || name === 'any') return 'nil';
  const spec = fileTypeSpecs(file).get(name);
  const underlying = spec?.childForFieldName('type');
  // A generic declaration needs type arguments to be written; don't guess them.
  if (!spec || !underlying || depth > 8 || spec.childForFieldName('type_parameters')) return `*new(${spelled})`;
  // An alias is the same type as what it names: that type's zero value fits.
  if (spec.type === 'type_alias') return zeroValue(file, underlying, depth + 1);
  if (underlying.type === 'struct_type') return `${spelled}{}`;
  if (underlying.type === 'array_type') return `${spelled}{}`;
  // Untyped constants and nil are assignable to the named type (`type ID int` -> 0);
  // a composite zero of the underlying type would be another type, so spell it generically.
  const inner = zeroValue(file, underlying, depth + 1);
  return UNTYPED_ZEROS.has(inner) ? inner : `*new(${spelled})`;
}
