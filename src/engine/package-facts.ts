// Facts about one Go file that rules in OTHER files of the same package need:
// which types hold a lock by value, which methods each type has (pointer or value
// receiver), which struct fields are a context.Context. Only plain data is kept, never
// a tree, so a whole workspace's facts cost little memory and survive tree.delete().
// Read from top-level declarations only: no walk into function bodies.
import type { Node } from 'web-tree-sitter';
import { topLevelDeclarations } from './declarations';
import { readImports, type ImportTable } from './imports';

/** A by-value field (or the underlying type) that may carry a lock. */
export interface HeldType {
  /** Field name as written ('' for the underlying type of `type M sync.Mutex`). */
  field: string;
  /** "sync.Mutex" for a known lock, or the name of a type declared in this package. */
  type: string;
  /** True when `type` is a known lock (sync / sync/atomic), false for a local type name. */
  isLock: boolean;
}

export interface TypeFacts {
  name: string;
  isStruct: boolean;
  /** Types held by value directly (fields, embedded fields, array elements, nested anonymous structs). */
  held: HeldType[];
  /** Fields whose type is context.Context (embedded: "Context"). */
  contextFields: string[];
}

export interface MethodFacts {
  /** The receiver's base type name: `T` for `(t *T)`, `(t T)` and `(t *T[K])`. */
  receiverType: string;
  name: string;
  pointerReceiver: boolean;
}

export interface FileFacts {
  packageName: string;
  /** Import paths of the file (rules ask whether any file of the package imports database/sql). */
  imports: string[];
  types: TypeFacts[];
  methods: MethodFacts[];
}

/** Types that must not be copied once used (vet's copylocks list, by package path). */
export const LOCK_TYPES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sync', new Set(['Mutex', 'RWMutex', 'WaitGroup', 'Once', 'Cond', 'Map', 'Pool'])],
  // atomic.Value is left out, as vet does: it has no noCopy marker and copying an unused one is fine.
  ['sync/atomic', new Set(['Bool', 'Int32', 'Int64', 'Uint32', 'Uint64', 'Uintptr', 'Pointer'])],
]);

// Each node's type is read once (every read crosses into WASM): callers that know it pass it on.

/** "sync.Mutex" when the type node names a known lock type through the file's imports. */
export function lockTypeName(type: Node | null, imports: ImportTable, kind: string | undefined = type?.type): string | undefined {
  if (!type) return undefined;
  if (kind === 'generic_type') return lockTypeName(type.childForFieldName('type'), imports);
  if (kind !== 'qualified_type') return undefined;
  const pkg = type.childForFieldName('package')?.text;
  const name = type.childForFieldName('name')?.text;
  if (!pkg || !name) return undefined;
  const importPath = imports.pathByName.get(pkg);
  if (!importPath || !LOCK_TYPES.get(importPath)?.has(name)) return undefined;
  return `${importPath === 'sync/atomic' ? 'atomic' : 'sync'}.${name}`;
}

/**
 * Struct types nested deeper than this inside one field are not looked into: real
 * code nests a few levels; generated or hostile text can nest thousands, and each
 * level is a frame of the struct walk below.
 */
const MAX_STRUCT_NESTING = 64;

/** What a type expression holds by value: a known lock, a local type name, or nothing. */
function heldBy(
  outer: Node | null,
  field: string,
  imports: ImportTable,
  out: HeldType[],
  depth = 0,
  outerKind: string | undefined = outer?.type,
): void {
  let type = outer;
  let kind = outerKind;
  // `(T)` and `[N]T` hold what T holds: unwrapped in a loop, however long the chain.
  while (type && (kind === 'parenthesized_type' || kind === 'array_type')) {
    type = kind === 'array_type' ? type.childForFieldName('element') : (type.namedChildren[0] ?? null);
    kind = type?.type;
  }
  if (!type) return;
  switch (kind) {
    case 'type_identifier':
      out.push({ field, type: type.text, isLock: false });
      return;
    case 'generic_type': {
      const base = type.childForFieldName('type');
      const lock = lockTypeName(type, imports, kind);
      if (lock) out.push({ field, type: lock, isLock: true });
      else if (base?.type === 'type_identifier') out.push({ field, type: base.text, isLock: false });
      return;
    }
    case 'qualified_type': {
      const lock = lockTypeName(type, imports, kind);
      if (lock) out.push({ field, type: lock, isLock: true });
      return;
    }
    case 'struct_type':
      if (depth >= MAX_STRUCT_NESTING) return;
      for (const nested of structFields(type, imports, depth + 1)) {
        out.push(...nested.held.map((held) => ({ ...held, field: field ? `${field}.${held.field}` : held.field })));
      }
      return;
    default:
      return; // pointers, slices, maps, channels, funcs, interfaces: copying them copies no lock
  }
}

interface FieldFacts {
  name: string;
  held: HeldType[];
  isContext: boolean;
}

function isEmbeddedPointer(declaration: Node): boolean {
  return declaration.children.some((child) => child?.type === '*');
}

function structFields(struct: Node, imports: ImportTable, depth = 0): FieldFacts[] {
  const list = struct.namedChildren.find((child) => child?.type === 'field_declaration_list');
  const fields: FieldFacts[] = [];
  for (const declaration of list?.namedChildren ?? []) {
    if (!declaration || declaration.type !== 'field_declaration') continue;
    const type = declaration.childForFieldName('type');
    const kind = type?.type;
    const names = declaration.childrenForFieldName('name').filter((n): n is Node => !!n);
    const isContext = isContextType(type, imports, kind);
    if (names.length === 0) {
      // Embedded field: named after its type; `*T` embeds a pointer (no copy of T).
      const embeddedName = embeddedFieldName(type, kind);
      const held: HeldType[] = [];
      if (!isEmbeddedPointer(declaration)) heldBy(type, embeddedName, imports, held, depth, kind);
      fields.push({ name: embeddedName, held, isContext });
      continue;
    }
    for (const name of names) {
      const held: HeldType[] = [];
      heldBy(type, name.text, imports, held, depth, kind);
      fields.push({ name: name.text, held, isContext });
    }
  }
  return fields;
}

function embeddedFieldName(type: Node | null, kind: string | undefined = type?.type): string {
  if (!type) return '';
  if (kind === 'qualified_type') return type.childForFieldName('name')?.text ?? '';
  if (kind === 'generic_type') return embeddedFieldName(type.childForFieldName('type'));
  return type.text;
}

function isContextType(type: Node | null, imports: ImportTable, kind: string | undefined = type?.type): boolean {
  if (!type || kind !== 'qualified_type') return false;
  const pkg = type.childForFieldName('package')?.text;
  return type.childForFieldName('name')?.text === 'Context' && !!pkg && imports.pathByName.get(pkg) === 'context';
}

/** The base type name of a receiver type: T, *T, T[K], *T[K], (*T). */
export function receiverBase(type: Node | null): { name: string; pointer: boolean } | undefined {
  let pointer = false;
  let current = type;
  let kind = current?.type;
  while (current && (kind === 'pointer_type' || kind === 'parenthesized_type')) {
    if (kind === 'pointer_type') pointer = true;
    current = current.namedChildren[0] ?? null;
    kind = current?.type;
  }
  if (kind === 'generic_type') {
    current = current!.childForFieldName('type');
    kind = current?.type;
  }
  if (!current || kind !== 'type_identifier') return undefined;
  return { name: current.text, pointer };
}

/** Facts of one `type X ...` spec (also used for types declared inside functions). */
export function typeFacts(spec: Node, imports: ImportTable): TypeFacts | undefined {
  const name = spec.childForFieldName('name')?.text;
  const type = spec.childForFieldName('type');
  if (!name || !type) return undefined;
  const kind = type.type;
  if (kind !== 'struct_type') {
    // `type M sync.Mutex`, `type Locks [4]Guarded`, `type A = B`: the underlying type holds it.
    const held: HeldType[] = [];
    heldBy(type, '', imports, held, 0, kind);
    return { name, isStruct: false, held, contextFields: [] };
  }
  const fields = structFields(type, imports);
  return {
    name,
    isStruct: true,
    held: fields.flatMap((field) => field.held),
    contextFields: fields.filter((field) => field.isContext).map((field) => field.name),
  };
}

function methodFacts(method: Node): MethodFacts | undefined {
  const receiver = method.childForFieldName('receiver');
  const declaration = receiver?.namedChildren.find((child) => child?.type === 'parameter_declaration');
  const base = receiverBase(declaration?.childForFieldName('type') ?? null);
  const name = method.childForFieldName('name')?.text;
  if (!base || !name) return undefined;
  return { receiverType: base.name, name, pointerReceiver: base.pointer };
}

/**
 * The facts of one parsed file (top-level declarations only). The declaration list is
 * read with topLevelDeclarations, which keeps it for the tree: the analysis of the same
 * tree (SourceFile) then need not list the root's children again.
 */
export function extractFileFacts(root: Node, imports?: ImportTable): FileFacts {
  const declarations = topLevelDeclarations(root);
  const table = imports ?? readImports(root, declarations.map((declaration) => declaration.node));
  const facts: FileFacts = { packageName: '', imports: [...table.namesByPath.keys()], types: [], methods: [] };
  for (const { type: kind, node: declaration } of declarations) {
    switch (kind) {
      case 'package_clause':
        facts.packageName = declaration.namedChildren[0]?.text ?? '';
        break;
      case 'type_declaration':
        for (const spec of declaration.namedChildren) {
          if (!spec || (spec.type !== 'type_spec' && spec.type !== 'type_alias')) continue;
          const type = typeFacts(spec, table);
          if (type) facts.types.push(type);
        }
        break;
      case 'method_declaration': {
        const method = methodFacts(declaration);
        if (method) facts.methods.push(method);
        break;
      }
      default:
        break;
    }
  }
  return facts;
}
