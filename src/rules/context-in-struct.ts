// context-in-struct: a struct field (named or embedded) of type context.Context. A
// context belongs to one call; stored in a struct it outlives that call and every
// method silently uses a stale deadline. A pointer to a context is a different (and
// rarer) shape, left alone like the peers do. A struct that is itself a Context
// (it overrides Deadline/Done/Err/Value, or embeds a Context and is named like one)
// is a context wrapper, the standard way to derive contexts: not reported.
import type { Node } from 'web-tree-sitter';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { isQualifiedType, namedChildren } from '../engine/syntax';
import doc from './context-in-struct.md';

const CONTEXT_METHODS = new Set(['Deadline', 'Done', 'Err', 'Value']);

/** Types of this file with a method of the Context interface. */
function typesWithContextMethods(file: SourceFile): Set<string> {
  return file.cached('context-in-struct:context-methods', () => {
    const names = new Set<string>();
    for (const declaration of namedChildren(file.root)) {
      if (declaration.type !== 'method_declaration') continue;
      if (!CONTEXT_METHODS.has(declaration.childForFieldName('name')?.text ?? '')) continue;
      const receiver = namedChildren(declaration.childForFieldName('receiver'))[0]?.childForFieldName('type');
      const base = receiver?.text.replace(/^\*/, '').replace(/\[.*$/, '').trim();
      if (base) names.add(base);
    }
    return names;
  });
}

function isContextWrapper(file: SourceFile, owner: string | null, field: Node): boolean {
  if (!owner) return false;
  if (typesWithContextMethods(file).has(owner)) return true;
  const embedded = field.childrenForFieldName('name').length === 0;
  return embedded && /ctx|context/i.test(owner);
}

/** `type Name struct {...}` -> "Name"; an anonymous struct -> null. */
function structName(field: Node): string | null {
  const structType = field.parent?.parent;
  const spec = structType?.parent;
  if (structType?.type !== 'struct_type' || spec?.type !== 'type_spec') return null;
  return spec.childForFieldName('name')?.text ?? null;
}

export default defineRule({
  meta: {
    id: 'context-in-struct',
    title: 'context.Context stored in a struct field',
    severity: 'info',
    enabledByDefault: true,
    requiresImport: ['context'],
    // A field is declared inside a struct type.
    requiresText: /\bstruct\b/,
    // The name of the qualified type, two levels below the field declaration.
    anchor: { text: /Context/, depth: 2 },
    // The struct's own declaration, and method names from the outline.
    treeScope: 'own',
    tsAnalogy: 'an AbortSignal kept on a class instance and reused by every method',
  },
  doc,
  defaultOptions: {},
  query: `(field_declaration type: (qualified_type) @type)`,
  create(context) {
    return {
      type(type) {
        if (!isQualifiedType(context.file, type, 'context', 'Context')) return;
        const field = type.parent!;
        // `*context.Context` embedded: the star is an anonymous child before the type.
        if (field.children.some((child) => child?.type === '*')) return;
        const names = field.childrenForFieldName('name').filter((n): n is Node => !!n);
        const owner = structName(field);
        if (isContextWrapper(context.file, owner, field)) return;
        const where = owner ? `struct ${owner}` : 'this struct';
        const message =
          names.length === 0
            ? `${where} embeds context.Context: pass a ctx parameter to each method that needs it instead of storing one.`
            : `${where} stores context.Context in field ${names.map((n) => n.text).join(', ')}: pass ctx as the first parameter of each method that needs it instead.`;
        context.report({ node: field, message });
      },
    };
  },
});
