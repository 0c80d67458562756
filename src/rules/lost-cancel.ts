// lost-cancel: the cancel function from context.WithCancel/WithTimeout/WithDeadline
// (and their *Cause forms) is thrown away, or some path leaves the function without
// using it. Follows go vet's lostcancel: the call must be the right-hand side of
// `:=`, `=` or `var`; the cancel variable must belong to the function (a struct field,
// a package variable or a variable of an enclosing function is someone else's job);
// any reference counts as a use; returning from main.main needs no cancel.
import type { Node } from 'web-tree-sitter';
import { findLeakingExit } from '../engine/flow';
import { neverReturnsIn } from '../engine/no-return';
import { defineRule } from '../engine/rule';
import { parameterIdentifiers, resolveLocal } from '../engine/scope';
import type { SourceFile } from '../engine/source-file';
import { contains, enclosingFunction, namedChildren } from '../engine/syntax';
import type { Fix, TextEdit } from '../engine/types';
import doc from './lost-cancel.md';

const WITH_FUNCTIONS: ReadonlySet<string> = new Set([
  'WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause',
]);

/** Where a With* call hands its cancel function to. */
interface CancelSite {
  call: Node;
  /** `WithTimeout`, as written. */
  withName: string;
  /** The short_var_declaration, assignment_statement or var_spec holding the call. */
  assignment: Node;
  /** The statement to start the path search from (the var_declaration for a var_spec). */
  statement: Node;
  /** The second left-hand item: the cancel variable or `_`. */
  target: Node;
  /** The innermost function (declaration, method or literal) holding the call. */
  fn: Node;
}

interface UseFacts {
  /** Offsets of the identifiers that refer to the cancel variable (its declaration excluded). */
  offsets: number[];
  /** Whether every reference outside the call's own statement calls it (nothing returns, stores or passes it). */
  onlyCalled: boolean;
  isNamedResult: boolean;
}

function cancelSite(call: Node, withName: string): CancelSite | null {
  const list = call.parent;
  const assignment = list?.parent;
  if (!list || list.type !== 'expression_list' || !assignment) return null;
  let targets: Node[];
  let statement: Node | null = assignment;
  switch (assignment.type) {
    case 'short_var_declaration':
    case 'assignment_statement':
      if (assignment.childForFieldName('right')?.id !== list.id) return null;
      if (assignment.type === 'assignment_statement' && assignment.childForFieldName('operator')?.type !== '=') return null;
      targets = namedChildren(assignment.childForFieldName('left'));
      break;
    case 'var_spec':
      if (assignment.childForFieldName('value')?.id !== list.id) return null;
      targets = assignment.childrenForFieldName('name').filter((n): n is Node => !!n);
      statement = assignment.parent?.type === 'var_spec_list' ? assignment.parent.parent : assignment.parent;
      break;
    default:
      return null;
  }
  const fn = enclosingFunction(call);
  const target = targets[1];
  if (!fn || !statement || !target) return null; // package-level vars run no code paths to check
  return { call, withName, assignment, statement, target, fn };
}

function isMainMain(file: SourceFile, fn: Node): boolean {
  if (fn.type !== 'function_declaration' || fn.childForFieldName('name')?.text !== 'main') return false;
  const packageName = file.cached('package-name', () =>
    file.root.namedChildren.find((child) => child?.type === 'package_clause')?.namedChildren[0]?.text ?? '',
  );
  return packageName === 'main';
}

/** References to the variable declared at `declaration`, resolved through scopes (shadows are other variables). */
function collectUses(file: SourceFile, site: CancelSite, declaration: Node): UseFacts {
  const name = declaration.text;
  const offsets: number[] = [];
  let onlyCalled = true;
  for (const identifier of identifiersIn(file, site.fn, name)) {
    if (identifier.id === declaration.id) continue;
    if (isCompositeKey(identifier)) continue; // `T{cancel: x}` names a field
    if (resolveLocal(identifier)?.id !== declaration.id) continue;
    offsets.push(identifier.startIndex);
    if (contains(site.statement, identifier)) continue;
    const parent = identifier.parent;
    const isCallee = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === identifier.id;
    if (!isCallee) onlyCalled = false;
  }
  const result = site.fn.childForFieldName('result');
  const isNamedResult = !!result && contains(result, declaration);
  return { offsets, onlyCalled, isNamedResult };
}

/**
 * The identifiers spelled `name` in `fn` (closures included), found once per function
 * and name. Found through the text, not by listing every identifier node of the
 * function: the name is rare and each node handed out of the tree has a cost.
 */
function identifiersIn(file: SourceFile, fn: Node, name: string): Node[] {
  return file.cached(`lost-cancel:identifiers:${fn.id}:${name}`, () => {
    const found: Node[] = [];
    // Go names are letters, digits and underscores: nothing to escape.
    const word = new RegExp(`(?<![\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}_])`, 'gu');
    const text = file.text.slice(fn.startIndex, fn.endIndex);
    for (const match of text.matchAll(word)) {
      const start = fn.startIndex + match.index;
      const node = fn.descendantForIndex(start, start + name.length);
      if (node?.type === 'identifier' && node.startIndex === start && node.endIndex === start + name.length) found.push(node);
    }
    return found;
  });
}

function isCompositeKey(identifier: Node): boolean {
  const element = identifier.parent;
  return element?.type === 'literal_element' && element.parent?.type === 'keyed_element' &&
    element.parent.childForFieldName('key')?.id === element.id;
}

/** `cancel()`, or `cancel(nil)` for the CancelCauseFunc of WithCancelCause. */
function callText(name: string, withName: string): string {
  return withName === 'WithCancelCause' ? `${name}(nil)` : `${name}()`;
}

/**
 * The edit that puts `defer <call>` on its own line after the statement, indented like
 * it, with the line break the line already ends in. Null when a defer cannot follow:
 * an if/switch/for initializer, a labeled statement, or more code on the same line.
 */
function insertDeferAfter(file: SourceFile, statement: Node, deferred: string): TextEdit | null {
  if (statement.parent?.type !== 'statement_list') return null;
  const firstLine = file.lineAt(statement.startIndex);
  if (statement.startIndex !== firstLine.start + firstLine.indent.length) return null;
  const lastLine = file.lines.positionAt(statement.endIndex).line;
  const lineEnd = file.lines.lineEnd(lastLine);
  if (!/^[\t ]*(\/\/.*)?$/.test(file.text.slice(statement.endIndex, lineEnd))) return null;
  const eol = file.text.startsWith('\r\n', lineEnd) ? '\r\n' : file.text[lineEnd] === '\n' || file.text[lineEnd] === '\r' ? file.text[lineEnd]! : file.lines.eol;
  return { start: lineEnd, end: lineEnd, newText: `${eol}${firstLine.indent}defer ${deferred}` };
}

/** `cancel`, or `cancel2`, `cancel3`... when the function already mentions that name. */
function freshCancelName(file: SourceFile, fn: Node): string {
  const isTaken = (name: string) => identifiersIn(file, fn, name).length > 0;
  if (!isTaken('cancel')) return 'cancel';
  for (let n = 2; ; n++) if (!isTaken(`cancel${n}`)) return `cancel${n}`;
}

/**
 * Whether `ctx, _ = f()` may become `ctx, cancel := f()` without changing what it
 * assigns: each other target must be `_` or a variable of this very block (or a
 * parameter, at the top of the function body), which `:=` reuses instead of shadowing.
 */
function canBecomeShortDeclaration(site: CancelSite): boolean {
  const block = site.statement.parent;
  if (!block) return false;
  const isBodyTop = site.fn.childForFieldName('body')?.id === block.parent?.id;
  return namedChildren(site.assignment.childForFieldName('left')).every((item, index) => {
    if (index === 1 || (item.type === 'identifier' && item.text === '_')) return true;
    if (item.type !== 'identifier') return false;
    const declaration = resolveLocal(item);
    if (!declaration) return false;
    if (isBodyTop && parameterIdentifiers(site.fn).some((parameter) => parameter.id === declaration.id)) return true;
    let statement: Node | null = declaration;
    while (statement && statement.parent?.type !== 'statement_list') statement = statement.parent;
    return !!statement && statement.parent!.id === block.id;
  });
}

function nameDiscardedCancel(file: SourceFile, site: CancelSite): Fix[] {
  if (insideLoop(site.statement, site.fn)) return []; // defers in a loop pile up until the function returns
  const name = freshCancelName(file, site.fn);
  const deferLine = insertDeferAfter(file, site.statement, callText(name, site.withName));
  if (!deferLine) return [];
  const edits: TextEdit[] = [{ start: site.target.startIndex, end: site.target.endIndex, newText: name }];
  if (site.assignment.type === 'assignment_statement') {
    if (!canBecomeShortDeclaration(site)) return [];
    const operator = site.assignment.childForFieldName('operator')!;
    edits.push({ start: operator.startIndex, end: operator.endIndex, newText: ':=' });
  }
  edits.push(deferLine);
  return [{ title: `Name the cancel function ${name} and defer ${callText(name, site.withName)}`, edits, preferred: true }];
}

function insideLoop(statement: Node, fn: Node): boolean {
  for (let node = statement.parent; node && node.id !== fn.id; node = node.parent) {
    if (node.type === 'for_statement') return true;
  }
  return false;
}

/**
 * Squiggle `node` when it shares the call's line (the usual case), else the callee.
 * Two offsets share a line when no line break (\n, \r) lies between them: read from
 * the text between, not from the file's line index, which costs a pass over the whole
 * text the first time it is asked (on the keystroke path, for every new text).
 */
function anchorOnCallLine(file: SourceFile, site: CancelSite, node: Node): Node {
  const callee = site.call.childForFieldName('function') ?? site.call;
  const from = Math.min(node.startIndex, callee.startIndex);
  const to = Math.max(node.startIndex, callee.startIndex);
  const between = file.text.slice(from, to);
  return between.includes('\n') || between.includes('\r') ? callee : node;
}

export default defineRule({
  meta: {
    id: 'lost-cancel',
    title: 'The cancel function of a derived context must be called on every path',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['context'],
    // The With... field, four levels below the statement the patterns start at.
    anchor: { text: /With(?:Cancel|Timeout|Deadline)/, depth: 4 },
    tsAnalogy: 'an AbortController or setTimeout handle nobody ever clears',
  },
  doc,
  defaultOptions: {},
  // Only calls that are the right-hand side of :=, = or var: the shapes vet checks.
  // Anchoring on the assignment keeps the match count (and the query's cost) low.
  query: `
    (short_var_declaration
      right: (expression_list
        (call_expression function: (selector_expression operand: (identifier) field: (field_identifier) @with)) @call)
      (#match? @with "^With(Cancel|Timeout|Deadline)(Cause)?$"))
    (assignment_statement
      right: (expression_list
        (call_expression function: (selector_expression operand: (identifier) field: (field_identifier) @with)) @call)
      (#match? @with "^With(Cancel|Timeout|Deadline)(Cause)?$"))
    (var_spec
      value: (expression_list
        (call_expression function: (selector_expression operand: (identifier) field: (field_identifier) @with)) @call)
      (#match? @with "^With(Cancel|Timeout|Deadline)(Cause)?$"))
  `,
  create(context) {
    const file = context.file;
    return {
      call(call) {
        const callee = call.childForFieldName('function');
        const withName = callee?.childForFieldName('field')?.text ?? '';
        if (!WITH_FUNCTIONS.has(withName)) return;
        if (!file.refersTo(callee?.childForFieldName('operand') ?? null, 'context')) return;
        const site = cancelSite(call, withName);
        if (!site || site.target.type !== 'identifier') return; // a field or index target: stored elsewhere
        const from = `context.${withName}`;

        if (site.target.text === '_') {
          const name = freshCancelName(file, site.fn);
          context.report({
            node: anchorOnCallLine(file, site, site.target),
            message: `the cancel function returned by ${from} is discarded: assign it to ${name} and add defer ${callText(name, withName)}`,
            fixes: () => nameDiscardedCancel(file, site),
          });
          return;
        }

        const declaration = resolveLocal(site.target);
        // Package variables and variables of an enclosing function outlive this one: vet skips them too.
        if (!declaration || !contains(site.fn, declaration)) return;
        if (isMainMain(file, site.fn)) return; // the process ends with main
        // A syntax error can reshape the tree around it (a lost brace, a half-typed
        // statement); paths through such a function would be guesses, so wait for it.
        if (site.fn.hasError) return;

        const uses = collectUses(file, site, declaration);
        const isUse = (node: Node): boolean =>
          uses.offsets.some((offset) => offset >= node.startIndex && offset < node.endIndex) ||
          (uses.isNamedResult && node.type === 'return_statement' && namedChildren(node).length === 0);
        const exit = findLeakingExit(site.fn, site.statement, isUse, { neverReturns: neverReturnsIn(file) });
        if (!exit) return;

        const name = site.target.text;
        const deferred = callText(name, withName);
        // defer fits when the function only ever calls it, and not inside a loop (the
        // defers would pile up until the function returns).
        const fixable = uses.onlyCalled && !uses.isNamedResult &&
          site.statement.parent?.type === 'statement_list' && !insideLoop(site.statement, site.fn);
        const advice = fixable
          ? `is not called on every path: add defer ${deferred} after this line`
          : `is not used on every path: call ${deferred} or hand it off before each return`;
        context.report({
          node: anchorOnCallLine(file, site, site.target),
          message: `the ${name} function from ${from} ${advice}`,
          related: [
            {
              node: exit,
              message: exit.type === 'return_statement'
                ? `this return is reached without using ${name}`
                : `the function ends here without using ${name}`,
            },
          ],
          fixes: () => {
            const edit = fixable ? insertDeferAfter(file, site.statement, deferred) : null;
            return edit ? [{ title: `Add defer ${deferred} after the call`, edits: [edit], preferred: true }] : [];
          },
        });
      },
    };
  },
});
