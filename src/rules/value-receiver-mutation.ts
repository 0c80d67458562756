// value-receiver-mutation: `func (u User) SetName(n string) { u.Name = n }` assigns to
// a copy; the caller's User never changes. Flags assignments (=, op=, ++, --) to a
// field of a value receiver (`r.f`, one level: `r.p.f` may write through a pointer)
// that nothing reads afterwards, in a method that never uses the receiver as a whole
// value (returns it, passes it on, takes its address, reassigns it) nor returns
// something computed from it: the copy-and-return "wither" style is deliberate.
import type { Node } from 'web-tree-sitter';
import type { TextRequirement } from '../engine/declarations';
import { receiverBase } from '../engine/package-facts';
import { defineRule, GAP } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { identifiersNamed, namedChildren } from '../engine/syntax';
import doc from './value-receiver-mutation.md';

/** The receiver's name and type node when it is a value (not pointer) receiver. */
function valueReceiver(method: Node): { name: string; type: Node; typeName: string } | null {
  const declaration = namedChildren(method.childForFieldName('receiver'))[0];
  const type = declaration?.childForFieldName('type') ?? null;
  const name = declaration?.childForFieldName('name')?.text;
  const base = receiverBase(type);
  if (!name || name === '_' || !type || !base || base.pointer) return null;
  return { name, type, typeName: base.name };
}

/**
 * `func (r T`: a method whose receiver has a name (not `_`) and a type that does not
 * start with `*` (a `(` may hide one: kept). Matched at the declaration's start.
 */
const VALUE_RECEIVER = new RegExp(
  String.raw`func${GAP}\(${GAP}(?!_(?![\p{L}\p{Nd}_]))([\p{L}_][\p{L}\p{Nd}_]*)(?![\p{L}\p{Nd}_])${GAP}[\p{L}_(]`,
  'uy',
);
/** An assignment (=, op=; not ==, !=, <=, >=, :=) or ++ / --: the writes the rule looks for. */
const WRITE = /(?:^|[^=!<>:])=(?!=)|<<=|>>=|\+\+|--/;

/**
 * The methods the handler can report in: a named value receiver `r` (VALUE_RECEIVER)
 * whose text holds `r.` (the handler's own fast path) and a write; plus, as without a
 * requirement, any declaration holding a syntax error (a method may be inside).
 */
function valueReceiverMethods(file: SourceFile): TextRequirement {
  const { text, declarations } = file;
  const writesThroughValueReceiver = (index: number): boolean => {
    const { type, start, end } = declarations[index]!;
    if (type !== 'method_declaration') return false;
    VALUE_RECEIVER.lastIndex = start;
    const name = VALUE_RECEIVER.exec(text)?.[1];
    if (!name) return false;
    const own = text.slice(start, end);
    return own.includes(`${name}.`) && WRITE.test(own);
  };
  return {
    patterns: /\bfunc\b/,
    keep: (index) => writesThroughValueReceiver(index) || declarations[index]!.node.hasError,
    // The same test without the tree: an unparsed body is taken to be free of errors.
    textKeep: writesThroughValueReceiver,
  };
}

/** The `r.field` selector an identifier starts, if any (one level: `r.p.x` may go through a pointer). */
function fieldSelector(id: Node): Node | null {
  const parent = id.parent;
  if (parent?.type !== 'selector_expression' || parent.childForFieldName('operand')?.id !== id.id) return null;
  const outer = parent.parent;
  if (outer?.type === 'selector_expression' && outer.childForFieldName('operand')?.id === parent.id) return null;
  if (outer?.type === 'call_expression' && outer.childForFieldName('function')?.id === parent.id) return null;
  return parent;
}

/** `r.field` written by an assignment, ++ or --. */
function writtenField(id: Node): Node | null {
  const target = fieldSelector(id);
  if (!target) return null;
  const holder = target.parent;
  if (!holder) return null;
  if (holder.type === 'inc_statement' || holder.type === 'dec_statement') return target;
  if (holder.type === 'expression_list' && holder.parent?.type === 'assignment_statement') {
    return holder.parent.childForFieldName('left')?.id === holder.id ? target : null;
  }
  return null;
}

/** Whether the receiver is used as a whole value: `return r`, `f(r)`, `x := r`, `&r`, `r.Method()` is not. */
function usedAsValue(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.id === id.id) return false;
  // `r = r.Sub(x)` too: the method treats its receiver as a local variable.
  return true;
}

export default defineRule({
  meta: {
    id: 'value-receiver-mutation',
    title: 'Assignment to a field of a value receiver is lost',
    severity: 'warning',
    enabledByDefault: true,
    matchesDeclarations: ['method_declaration'],
    tsAnalogy: 'mutating a structuredClone of `this` instead of `this`',
  },
  doc,
  defaultOptions: {},
  query: `(method_declaration receiver: (parameter_list) body: (block) @body)`,
  textRequirement: valueReceiverMethods,
  create(context) {
    return {
      body(body) {
        const method = body.parent!;
        const receiver = valueReceiver(method);
        if (!receiver) return;
        const { name } = receiver;
        if (!body.text.includes(`${name}.`)) return; // fast path
        const ids = identifiersNamed(body, name);
        if (ids.some(usedAsValue)) return;
        // `return p.Add(r.Min)`: the result is computed from the changed copy.
        const returns = body.descendantsOfType('return_statement');
        if (returns.some((ret) => !!ret && identifiersNamed(ret, name).length > 0)) return;
        const methodName = method.childForFieldName('name')?.text ?? 'method';
        const fields = ids.map(fieldSelector);
        const writes = ids.map(writtenField);
        // A field read again later in the method is scratch space, used on purpose;
        // a write nobody reads is the setter that silently does nothing.
        const isReadAfter = (target: Node) =>
          fields.some(
            (field, index) => !!field && !writes[index] && field.text === target.text && field.startIndex > target.endIndex,
          );
        const lost = writes.filter((target): target is Node => !!target && !isReadAfter(target));
        lost.forEach((target, index) => {
          context.report({
            node: target,
            message: `${methodName} has a value receiver, so ${target.text} changes a copy that is dropped on return: use a pointer receiver (${name} *${receiver.typeName}).`,
            // One fix per method (on its first write): the same edit twice would add two stars.
            fixes: () =>
              index > 0
                ? []
                : [
                    {
                      title: `Make ${methodName}'s receiver a pointer (*${receiver.typeName})`,
                      edits: [{ start: receiver.type.startIndex, end: receiver.type.startIndex, newText: '*' }],
                    },
                  ],
          });
        });
      },
    };
  },
});
