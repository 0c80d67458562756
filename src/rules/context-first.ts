// context-first: a context.Context parameter must come first (after allowed test
// helpers such as *testing.T). Declarations only: function types, func literals and
// interface methods describe shapes other code chose.
import type { Node } from 'web-tree-sitter';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, isQualifiedType, namedChildren } from '../engine/syntax';
import type { TextEdit } from '../engine/types';
import doc from './context-first.md';

interface Options {
  /** Parameter types allowed before the context, written as in source: "*testing.T". */
  allowTypesBefore: string[];
}

interface Parameter {
  /** The parameter_declaration that declares it (several names may share one). */
  declaration: Node;
  name: string;
  isContext: boolean;
  typeText: string;
}

function flattenParameters(file: SourceFile, list: Node): Parameter[] {
  const parameters: Parameter[] = [];
  for (const declaration of namedChildren(list)) {
    const type = declaration.childForFieldName('type');
    const isContext = isQualifiedType(file, type, 'context', 'Context');
    const typeText = (type?.text ?? '').replace(/\s+/g, '');
    const names = declaration.childrenForFieldName('name').filter((n): n is Node => !!n);
    if (names.length === 0) parameters.push({ declaration, name: '', isContext, typeText });
    for (const name of names) parameters.push({ declaration, name: name.text, isContext, typeText });
  }
  return parameters;
}

/**
 * Reorders a comma-separated list so the items at `moveIndexes` come first, keeping
 * each item's own text untouched. Returns null when comments sit between items.
 */
function reorderList(file: SourceFile, items: Node[], moveFirst: Set<number>): string | null {
  const list = items[0]!.parent!;
  if (list.namedChildren.some((child) => child?.type === 'comment')) return null;
  const texts = items.map((item) => item.text);
  const ordered = [...texts.filter((_, i) => moveFirst.has(i)), ...texts.filter((_, i) => !moveFirst.has(i))];
  const separator = file.text.slice(items[0]!.endIndex, items[1]!.startIndex).includes('\n') ? null : ', ';
  return separator === null ? null : ordered.join(separator);
}

function moveContextFirst(file: SourceFile, fn: Node, list: Node): TextEdit[] {
  const declarations = namedChildren(list);
  const contextIndexes = new Set<number>();
  declarations.forEach((declaration, index) => {
    if (isQualifiedType(file, declaration.childForFieldName('type'), 'context', 'Context')) contextIndexes.add(index);
  });
  // Only the simple, common shape: each context declared on its own, one name.
  const movable = [...contextIndexes].every(
    (index) => declarations[index]!.childrenForFieldName('name').length <= 1,
  );
  if (!movable || declarations.length < 2) return [];
  const newParams = reorderList(file, declarations, contextIndexes);
  if (newParams === null) return [];
  const edits: TextEdit[] = [
    { start: declarations[0]!.startIndex, end: declarations[declarations.length - 1]!.endIndex, newText: newParams },
  ];

  // Map declaration positions to argument positions (a declaration may name several).
  const argumentSlots: number[][] = [];
  let slot = 0;
  for (const declaration of declarations) {
    const count = Math.max(1, declaration.childrenForFieldName('name').length);
    argumentSlots.push(Array.from({ length: count }, () => slot++));
  }
  if (declarations.some((d) => d.type === 'variadic_parameter_declaration')) return edits.length ? edits : [];
  const moveSlots = new Set([...contextIndexes].flatMap((index) => argumentSlots[index]!));

  const isMethod = fn.type === 'method_declaration';
  const name = fn.childForFieldName('name')?.text;
  if (!name) return edits;
  for (const call of file.root.descendantsOfType('call_expression')) {
    if (!call) continue;
    const parts = callParts(call);
    if (!parts || parts.name !== name) continue;
    // Plain calls for functions, selector calls for methods: a best effort without types.
    if (isMethod ? parts.receiver === null : parts.receiver !== null) continue;
    if (parts.args.length !== slot) continue;
    if (call.text.includes('...')) continue;
    const reordered = reorderList(file, parts.args, moveSlots);
    if (reordered === null) continue;
    edits.push({ start: parts.args[0]!.startIndex, end: parts.args[parts.args.length - 1]!.endIndex, newText: reordered });
  }
  return edits;
}

export default defineRule<Options>({
  meta: {
    id: 'context-first',
    title: 'context.Context should be the first parameter',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['context'],
    // The handler's own fast path: the parameter list names Context.
    requiresText: /Context/,
    matchesDeclarations: ['function_declaration', 'method_declaration'],
    // Only the parameter list is read (the fix, built for editors, reads the calls).
    treeScope: 'signature',
    tsAnalogy: 'an AbortSignal passed last in an options bag',
  },
  doc,
  defaultOptions: { allowTypesBefore: ['*testing.T', '*testing.B', 'testing.TB'] },
  validateOptions(raw) {
    const value = raw.allowTypesBefore;
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      return ['"allowTypesBefore" must be a list of type names such as "*testing.T".'];
    }
    return [];
  },
  query: `
    (function_declaration parameters: (parameter_list) @params)
    (method_declaration parameters: (parameter_list) @params)
  `,
  create(context) {
    const allowed = new Set(context.options.allowTypesBefore.map((type) => type.replace(/\s+/g, '')));
    return {
      params(list) {
        if (!list.text.includes('Context')) return; // fast path
        const fn = list.parent!;
        if (fn.childForFieldName('parameters')?.id !== list.id) return; // a receiver list
        const parameters = flattenParameters(context.file, list);
        let seenOther = false;
        for (const parameter of parameters) {
          if (parameter.isContext) {
            if (!seenOther) continue;
            const label = parameter.name && parameter.name !== '_' ? parameter.name : 'the context';
            const fnName = fn.childForFieldName('name')?.text ?? 'function';
            // Squiggle the parameter when it sits on the func line, else the name,
            // so the finding is always on the declaration line.
            const nameNode = fn.childForFieldName('name');
            const onDeclarationLine =
              !nameNode || parameter.declaration.startPosition.row === nameNode.startPosition.row;
            context.report({
              node: onDeclarationLine ? parameter.declaration : nameNode,
              message: `context.Context should be the first parameter of ${fnName}: move ${label} to the front.`,
              fixes: () => {
                const edits = moveContextFirst(context.file, fn, list);
                return edits.length
                  ? [{ title: `Move ${label} to the front of ${fnName}'s parameters`, edits, preferred: true }]
                  : [];
              },
            });
            return;
          }
          if (!allowed.has(parameter.typeText)) seenOther = true;
        }
      },
    };
  },
});
