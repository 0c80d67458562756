// mutex-copy: a sync.Mutex, RWMutex, WaitGroup, Once, Cond, Map, Pool or sync/atomic
// value must not be copied after first use: the copy has its own state, so a lock
// taken through one is not held by the other. Flags by-value receivers and parameters,
// assignments and `*p` dereferences, composite-literal elements, call arguments,
// returns and range variables whose type holds such a value, directly or through
// struct fields and arrays (types from any file of the package, via the package index).
import type { Node } from 'web-tree-sitter';
import { goVersionBefore } from '../engine/go-mod';
import { describeLock, LockValues } from '../engine/lock-values';
import { packageFactsOf } from '../engine/package-index';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, namedChildren } from '../engine/syntax';
import doc from './mutex-copy.md';

const UNSAFE_FUNCTIONS = new Set(['Sizeof', 'Alignof', 'Offsetof']);
const BUILTINS_WITHOUT_COPY = new Set(['len', 'cap', 'new']);

/** Whether the file can hold lock values at all: it imports sync, or names a lock-holding type of its package. */
function relevant(file: SourceFile): boolean {
  return file.cached('mutex-copy:relevant', () => {
    if (file.importsPath('sync') || file.importsPath('sync/atomic')) return true;
    const facts = packageFactsOf(file);
    const names = new Set(file.root.descendantsOfType('type_identifier').map((node) => node?.text ?? ''));
    return [...names].some((name) => facts.lockPath(name) !== undefined);
  });
}

function functionName(fn: Node): string {
  return fn.childForFieldName('name')?.text ?? 'func';
}

export default defineRule({
  meta: {
    id: 'mutex-copy',
    title: 'A value holding a sync.Mutex (or other lock) is copied',
    severity: 'warning',
    enabledByDefault: true,
    tsAnalogy: 'cloning an object that owns a lock, so each copy guards nothing',
  },
  doc,
  defaultOptions: {},
  query: `
    (function_declaration) @function
    (method_declaration) @function
    (func_literal) @function
    (assignment_statement) @assignment
    (short_var_declaration) @assignment
    (var_spec) @assignment
    (return_statement (expression_list) @returned)
    (call_expression arguments: (argument_list) @arguments)
    (literal_value) @literal
    (range_clause) @range
  `,
  create(context) {
    const { file } = context;
    let values: LockValues | undefined;
    const locks = () => (values ??= new LockValues(file));
    const report = (node: Node, message: string) => context.report({ node, message });

    return {
      function(fn) {
        if (!relevant(file)) return;
        const name = functionName(fn);
        const receiver = namedChildren(fn.childForFieldName('receiver'))[0];
        const receiverType = receiver?.childForFieldName('type');
        if (receiverType) {
          const path = locks().typeLock(receiverType, fn);
          if (path) {
            report(
              receiver!,
              `${name} has a value receiver, so each call copies the ${describeLock(path)}: use a pointer receiver (*${receiverType.text}).`,
            );
          }
        }
        for (const parameter of namedChildren(fn.childForFieldName('parameters'))) {
          if (parameter.type === 'variadic_parameter_declaration') continue;
          const path = locks().typeLock(parameter.childForFieldName('type'), fn);
          if (!path) continue;
          const label = parameter.childForFieldName('name')?.text ?? 'a parameter';
          report(
            parameter,
            `${name} takes ${label} by value, copying the ${describeLock(path)}: take a pointer (*${parameter.childForFieldName('type')!.text}).`,
          );
        }
      },

      assignment(statement) {
        if (!relevant(file)) return;
        const isSpec = statement.type === 'var_spec';
        const left = isSpec
          ? statement.childrenForFieldName('name').filter((n): n is Node => !!n)
          : namedChildren(statement.childForFieldName('left'));
        const right = namedChildren(statement.childForFieldName(isSpec ? 'value' : 'right'));
        if (right.length === 0) return;
        if (
          statement.type === 'short_var_declaration' &&
          statement.parent?.type === 'for_clause' &&
          right.length === left.length &&
          !goVersionBefore(file.goVersion, 1, 22)
        ) {
          // `for i, mu := 0, (sync.Mutex{}); ...`: since Go 1.22 each iteration's variables are copies of the last.
          left.forEach((target, index) => {
            const initial = locks().variable(target.text, right[index]!);
            const path = initial && !initial.pointer ? locks().typeLock(initial.type, statement) : undefined;
            if (path && target.text !== '_') {
              report(target, `Loop variable ${target.text} is copied into each iteration with its ${describeLock(path)}: declare it before the loop or use a pointer.`);
            }
          });
        }
        // `v, ok := m[k]` copies m[k] into v too.
        const pairs: [Node, Node][] =
          right.length === left.length ? left.map((target, i) => [target, right[i]!]) : right.length === 1 ? [[left[0]!, right[0]!]] : [];
        for (const [target, value] of pairs) {
          if (target.text === '_') continue; // `_ = v` only silences "declared and not used"
          const path = locks().expressionLock(value);
          if (!path) continue;
          report(value, `Assigning ${value.text} to ${target.text} copies its ${describeLock(path)}: keep one value and share a pointer (&${value.text}).`);
        }
      },

      returned(list) {
        if (!relevant(file)) return;
        for (const value of namedChildren(list)) {
          const path = locks().expressionLock(value);
          if (path) report(value, `Returning ${value.text} copies its ${describeLock(path)}: return a pointer instead.`);
        }
      },

      arguments(list) {
        if (!relevant(file)) return;
        const call = list.parent!;
        const parts = callParts(call);
        const callee = call.childForFieldName('function');
        if (parts && !parts.receiver && BUILTINS_WITHOUT_COPY.has(parts.name) && !locks().variable(parts.name, call)) return;
        if (parts && UNSAFE_FUNCTIONS.has(parts.name)) {
          if (parts.receiver && file.refersTo(parts.receiver, 'unsafe')) return;
          if (!parts.receiver && file.namesFor('unsafe').includes('.') && !locks().variable(parts.name, call)) return;
        }
        for (const value of namedChildren(list)) {
          const path = locks().expressionLock(value);
          if (path) {
            report(value, `Passing ${value.text} to ${callee?.text ?? 'the call'} copies its ${describeLock(path)}: pass a pointer (&${value.text}).`);
          }
        }
      },

      literal(literal) {
        if (!relevant(file)) return;
        for (const element of namedChildren(literal)) {
          const value =
            element.type === 'keyed_element'
              ? namedChildren(element)[1]?.namedChildren[0]
              : element.type === 'literal_element'
                ? element.namedChildren[0]
                : null;
          if (!value) continue;
          const path = locks().expressionLock(value);
          if (path) report(value, `This literal copies the ${describeLock(path)} of ${value.text}: store a pointer (&${value.text}).`);
        }
      },

      range(clause) {
        if (!relevant(file)) return;
        const targets = namedChildren(clause.childForFieldName('left'));
        const source = clause.childForFieldName('right');
        if (targets.length === 0 || source?.type !== 'identifier') return;
        const variable = locks().variable(source.text, clause);
        if (!variable || variable.pointer) return;
        const isChannel = variable.type.type === 'channel_type';
        targets.forEach((target, index) => {
          if (target.text === '_') return;
          const which = index === 0 && (variable.type.type === 'map_type' || isChannel) ? 'key' : 'value';
          if (index === 0 && !(variable.type.type === 'map_type' || isChannel)) return; // an index
          const path = locks().typeLock(locks().elementType(variable.type, which), clause);
          if (path) {
            report(target, `Range variable ${target.text} copies each element's ${describeLock(path)}: range over indexes and use &${source.text}[i].`);
          }
        });
      },
    };
  },
});
