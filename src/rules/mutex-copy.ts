// mutex-copy: a sync.Mutex, RWMutex, WaitGroup, Once, Cond, Map, Pool or sync/atomic
// value must not be copied after first use: the copy has its own state, so a lock
// taken through one is not held by the other. Flags by-value receivers and parameters,
// assignments and `*p` dereferences, composite-literal elements, call arguments,
// returns and range variables whose type holds such a value, directly or through
// struct fields and arrays (types from any file of the package, via the package index).
import type { Node } from 'web-tree-sitter';
import { goVersionBefore } from '../engine/go-mod';
import { describeLock, LockValues, packageVarSpecs } from '../engine/lock-values';
import type { TextRequirement } from '../engine/declarations';
import { LockCopyScreen, variableDeclarationWords, type LockWords } from '../engine/lock-copies';
import { declarationAt } from '../engine/declarations';
import { declarationFilter, lockHoldingTypes, type DeclarationFilter } from '../engine/lock-vocabulary';
import { packageFactsOf } from '../engine/package-index';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, namedChildren } from '../engine/syntax';
import doc from './mutex-copy.md';

const UNSAFE_FUNCTIONS = new Set(['Sizeof', 'Alignof', 'Offsetof']);
const BUILTINS_WITHOUT_COPY = new Set(['len', 'cap', 'new']);

/** The file's lock vocabulary and the filter it makes (see lock-vocabulary.ts). */
interface LockFilter {
  filter: DeclarationFilter;
  words: LockWords;
}

/**
 * Which declarations may touch lock values: those naming a sync/atomic package, a type
 * of the package that holds a lock, or a package-level variable of this file that does
 * (see lock-vocabulary.ts). Null when the file cannot hold lock values at all.
 */
function lockFilter(file: SourceFile): LockFilter | null {
  return file.cached('mutex-copy:vocabulary', () => {
    const types = lockHoldingTypes(packageFactsOf(file));
    const packages = [...file.namesFor('sync'), ...file.namesFor('sync/atomic')].filter((name) => name !== '.');
    const known = declarationFilter(file.text, file.declarations, { words: types, packages });
    if (!known) return null;
    // A package-level variable holds a lock through its type or its initial value,
    // which name a lock-holding type or package, or through another variable declared
    // before it: a chain that starts at a declaration naming one. Nothing before the
    // first such declaration holds a lock, and a file without one has none at all.
    const declarations = file.declarations;
    const first = known.indexes
      ? (known.indexes.find((index) => declarations[index]!.type === 'var_declaration') ?? -1)
      : declarations.findIndex(
          (declaration) => declaration.type === 'var_declaration' && known.pattern.test(file.text.slice(declaration.start, declaration.end)),
        );
    const lockVariables: string[] = [];
    for (const declaration of first < 0 ? [] : declarations.slice(first)) {
      if (declaration.type !== 'var_declaration') continue;
      for (const spec of packageVarSpecs(file.text, declaration)) {
        for (const name of spec?.childrenForFieldName('name') ?? []) {
          if (name && lockValues(file).expressionLock(name)) lockVariables.push(name.text);
        }
      }
    }
    const words: LockWords = { types, variables: new Set(lockVariables), packages };
    if (lockVariables.length === 0) return { filter: known, words };
    const filter = declarationFilter(file.text, declarations, { words: new Set([...types, ...lockVariables]), packages });
    return filter && { filter, words };
  });
}

/**
 * The analyzer's text requirement: the filter's pattern, then a closer look at how
 * each declaration it leaves uses the words (lock-copies.ts), unless the pattern had
 * to be the loose one (the rule keeps to its exact set then).
 */
function lockRequirement(file: SourceFile): TextRequirement | null {
  const lock = lockFilter(file);
  if (!lock) return null;
  if (lock.filter.only) return lock.filter.pattern;
  const screen = new LockCopyScreen(
    {
      text: file.text,
      declarations: file.declarations,
      facts: packageFactsOf(file),
      variableWords: () => file.outlineCached('mutex-copy:variable-words', () => variableDeclarationWords(file.text, file.declarations)),
    },
    lock.words,
  );
  return { patterns: lock.filter.pattern, keep: (index) => screen.mayCopy(index), textKeep: (index) => screen.mayCopy(index, true) };
}

/**
 * The handlers, kept to the declarations that name the vocabulary when the analyzer's
 * pattern had to be looser (a vocabulary of thousands of words): what the prefilter
 * would have left out stays out.
 */
function keptTo(file: SourceFile, handlers: Record<string, (node: Node) => void>): Record<string, (node: Node) => void> {
  const only = lockFilter(file)?.filter.only;
  if (!only) return handlers;
  const declarations = file.declarations;
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (node: Node) => {
        if (only.has(declarationAt(declarations, node.startIndex))) handler(node);
      },
    ]),
  );
}

/** The file's lock analysis, shared by the vocabulary and the handlers. */
function lockValues(file: SourceFile): LockValues {
  return file.cached('mutex-copy:lock-values', () => new LockValues(file));
}

/** Expressions that may read an existing value (as opposed to building a fresh one). */
const COPY_SOURCES = `[(identifier) (unary_expression operand: (identifier)) (selector_expression operand: (identifier)) (index_expression operand: (identifier)) (parenthesized_expression)]`;

const DETAIL_QUERY = `
  (function_declaration) @function
  (method_declaration) @function
  (func_literal) @function
  (short_var_declaration right: (expression_list ${COPY_SOURCES} @value))
  (assignment_statement right: (expression_list ${COPY_SOURCES} @value))
  (var_spec value: (expression_list ${COPY_SOURCES} @value))
  (for_clause initializer: (short_var_declaration) @forInit)
  (return_statement (expression_list ${COPY_SOURCES} @returned))
  (argument_list ${COPY_SOURCES} @argument)
  (literal_element ${COPY_SOURCES} @element)
  (range_clause right: (identifier)) @range
`;

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
  // Only declarations that can touch a lock (their text names sync, atomic or a
  // lock-holding type) are queried; most code never does.
  query: DETAIL_QUERY,
  textRequirement: lockRequirement,
  create(context) {
    const { file } = context;
    const locks = () => lockValues(file);
    const report = (node: Node, message: string) => context.report({ node, message });
    const handlers: Record<string, (node: Node) => void> = {
      function(fn) {
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

      value(value) {
        const path = locks().expressionLock(value);
        if (!path) return;
        const statement = value.parent!.parent!;
        const isSpec = statement.type === 'var_spec';
        const left = isSpec
          ? statement.childrenForFieldName('name').filter((n): n is Node => !!n)
          : namedChildren(statement.childForFieldName('left'));
        const right = namedChildren(value.parent);
        const index = right.findIndex((node) => node.id === value.id);
        // `v, ok := m[k]` copies m[k] into v too.
        const target = right.length === left.length ? left[index] : right.length === 1 ? left[0] : undefined;
        if (!target || target.text === '_') return; // `_ = v` only silences "declared and not used"
        report(value, `Assigning ${value.text} to ${target.text} copies its ${describeLock(path)}: keep one value and share a pointer (&${value.text}).`);
      },

      forInit(statement) {
        // `for i, mu := 0, (sync.Mutex{}); ...`: since Go 1.22 each iteration's variables are copies of the last.
        if (goVersionBefore(file.goVersion, 1, 22)) return;
        const left = namedChildren(statement.childForFieldName('left'));
        const right = namedChildren(statement.childForFieldName('right'));
        if (right.length !== left.length) return;
        left.forEach((target, index) => {
          if (target.text === '_') return;
          const initial = locks().variable(target.text, right[index]!);
          const path = initial && !initial.pointer ? locks().typeLock(initial.type, statement) : undefined;
          if (path) {
            report(target, `Loop variable ${target.text} is copied into each iteration with its ${describeLock(path)}: declare it before the loop or use a pointer.`);
          }
        });
      },

      returned(value) {
        const path = locks().expressionLock(value);
        if (path) report(value, `Returning ${value.text} copies its ${describeLock(path)}: return a pointer instead.`);
      },

      argument(value) {
        const path = locks().expressionLock(value);
        if (!path) return;
        const call = value.parent!.parent!;
        const parts = callParts(call);
        if (parts && !parts.receiver && BUILTINS_WITHOUT_COPY.has(parts.name) && !locks().variable(parts.name, call)) return;
        if (parts && UNSAFE_FUNCTIONS.has(parts.name)) {
          if (parts.receiver && file.refersTo(parts.receiver, 'unsafe')) return;
          if (!parts.receiver && file.namesFor('unsafe').includes('.') && !locks().variable(parts.name, call)) return;
        }
        const callee = call.childForFieldName('function');
        report(value, `Passing ${value.text} to ${callee?.text ?? 'the call'} copies its ${describeLock(path)}: pass a pointer (&${value.text}).`);
      },

      element(value) {
        // The key of `T{f: v}` names a field; only values (and map keys) are copied.
        const element = value.parent!;
        const keyed = element.parent;
        if (keyed?.type === 'keyed_element' && keyed.childForFieldName('key')?.id === element.id) {
          const literalType = keyed.parent?.parent?.childForFieldName('type');
          if (literalType?.type !== 'map_type') return;
        }
        const path = locks().expressionLock(value);
        if (path) report(value, `This literal copies the ${describeLock(path)} of ${value.text}: store a pointer (&${value.text}).`);
      },

      range(clause) {
        const targets = namedChildren(clause.childForFieldName('left'));
        const source = clause.childForFieldName('right')!;
        if (targets.length === 0) return;
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

    return keptTo(file, handlers);
  },
});
