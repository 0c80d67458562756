// loop-var-capture: before Go 1.22 a `for` loop has ONE variable for all iterations,
// so a closure that outlives the iteration (a goroutine, a deferred call, an errgroup
// task, a parallel subtest) may see a later value. Only reported when the file's Go
// version is known and below 1.22; from 1.22 each iteration has its own variable.
// Like vet, a goroutine counts only when starting it is the last thing the iteration
// does (later code may wait for it); a deferred closure counts anywhere in the loop.
import type { Node } from 'web-tree-sitter';
import { goVersionBefore } from '../engine/go-mod';
import { loopRequirement } from '../engine/loop-text';
import { defineRule, followedBy, GAP } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, contains, enclosingFunction, FUNCTION_TYPES, identifiersNamed, namedChildren, statementsOf } from '../engine/syntax';
import doc from './loop-var-capture.md';

const ERRGROUP = 'golang.org/x/sync/errgroup';

type CaptureKind = 'goroutine' | 'deferred closure' | 'errgroup task' | 'parallel subtest';

interface Capture {
  literal: Node;
  kind: CaptureKind;
  /** The statement of the loop body's function that starts it (for the "waits afterwards" check). */
  statement: Node;
  /** Uses before this offset don't count (a parallel subtest reads freely until t.Parallel()). */
  from: number;
}

function ownerFunction(node: Node): Node | null {
  return enclosingFunction(node);
}

/** The variables a loop header declares or assigns: `for i, v := range`, `for A = range`, `for i := 0; ...`. */
function loopVariables(loop: Node): Node[] {
  const header = loop.namedChildren.find((child) => child?.type === 'range_clause' || child?.type === 'for_clause');
  if (!header) return [];
  const left =
    header.type === 'range_clause'
      ? header.childForFieldName('left')
      : header.childForFieldName('initializer')?.type === 'short_var_declaration'
        ? header.childForFieldName('initializer')!.childForFieldName('left')
        : null;
  return namedChildren(left).filter((node) => node.type === 'identifier' && node.text !== '_');
}

function isErrgroup(file: SourceFile, receiver: Node, scope: Node): boolean {
  const names = file.namesFor(ERRGROUP);
  if (names.length === 0) return false;
  const recv = receiver.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return names.some((pkg) =>
    new RegExp(`\\b${recv}\\b(\\s*,\\s*\\w+)?\\s*(:=|=)\\s*(new\\(\\s*${pkg}\\.Group|&?${pkg}\\.)|\\b${recv}\\s+\\*?${pkg}\\.Group\\b`).test(
      scope.text,
    ),
  );
}

function isParallelCall(statement: Node, t: string): boolean {
  if (statement.type !== 'expression_statement') return false;
  const parts = callParts(statement.namedChildren[0]!);
  return parts?.name === 'Parallel' && parts.receiver?.text === t && parts.args.length === 0;
}

/**
 * `t.Parallel()` as a top-level statement of a subtest literal whose first parameter is
 * `t *testing.T`, after the last label (a goto to a later label may skip it).
 */
function parallelCall(literal: Node): Node | null {
  const first = namedChildren(literal.childForFieldName('parameters'))[0];
  const t = first?.childForFieldName('name')?.text;
  if (!t || !/^\*\s*testing\.T$/.test(first!.childForFieldName('type')?.text ?? '')) return null;
  let parallel: Node | null = null;
  for (const statement of statementsOf(literal.childForFieldName('body'))) {
    if (statement.type === 'labeled_statement') {
      let inner: Node | null | undefined = statement;
      while (inner?.type === 'labeled_statement') inner = inner.namedChildren.find((child) => child && child.type !== 'label_name');
      parallel = inner && isParallelCall(inner, t) ? inner : null;
      continue;
    }
    if (!parallel && isParallelCall(statement, t)) parallel = statement;
  }
  return parallel;
}

/** Whether `t` in `t.Run` is a parameter of the enclosing function with a type other than testing's. */
function runsOnOtherType(receiver: Node, fn: Node | null): boolean {
  if (!fn) return false;
  for (const declaration of namedChildren(fn.childForFieldName('parameters'))) {
    const names = declaration.childrenForFieldName('name').map((n) => n?.text);
    if (names.includes(receiver.text)) return !(declaration.childForFieldName('type')?.text ?? '').includes('testing.');
  }
  return false;
}

/**
 * The nodes of the given types in `body` that start at a match of `word` (in document
 * order): found from the text, one node lookup per match, instead of listing every
 * node of the body. `word` must match the first token of each node wanted.
 */
function nodesAtWords(file: SourceFile, body: Node, word: RegExp, types: ReadonlySet<string>): Node[] {
  const nodes: Node[] = [];
  const end = body.endIndex;
  word.lastIndex = body.startIndex;
  for (let match = word.exec(file.text); match && match.index < end; match = word.exec(file.text)) {
    // The smallest named node holding the token: the statement a keyword starts, or the field identifier.
    const node = body.namedDescendantForIndex(match.index, match.index + match[0].length);
    if (node && node.startIndex === match.index && types.has(node.type)) nodes.push(node);
  }
  return nodes;
}

const GO_OR_DEFER = /\b(?:go|defer)\b/g;
const GO_OR_DEFER_STATEMENTS: ReadonlySet<string> = new Set(['go_statement', 'defer_statement']);
const GO_OR_RUN = /\b(?:Go|Run)\b/g;
const FIELD: ReadonlySet<string> = new Set(['field_identifier']);

/** The calls `x.Go(...)` and `x.Run(...)` in `body` (any spacing), from their method names. */
function goOrRunCalls(file: SourceFile, body: Node): Node[] {
  const calls: Node[] = [];
  for (const field of nodesAtWords(file, body, GO_OR_RUN, FIELD)) {
    const selector = field.parent;
    const call = selector?.type === 'selector_expression' ? selector.parent : null;
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.id === selector!.id) calls.push(call);
  }
  // In document order, outer calls first (`f(a.Run(x)).Run(y)` names the inner one first).
  return calls.length < 2 ? calls : calls.map((call) => ({ call, end: call.endIndex })).sort((a, b) => a.call.startIndex - b.call.startIndex || b.end - a.end).map(({ call }) => call);
}

function capturesIn(file: SourceFile, body: Node, fn: Node | null): Capture[] {
  const captures: Capture[] = [];
  const text = body.text;
  if (text.includes('go ') || text.includes('defer')) {
    for (const statement of nodesAtWords(file, body, GO_OR_DEFER, GO_OR_DEFER_STATEMENTS)) {
      if (ownerFunction(statement)?.id !== fn?.id) continue;
      const literal = statement.namedChildren[0]?.childForFieldName('function');
      if (literal?.type !== 'func_literal') continue;
      const kind = statement.type === 'go_statement' ? 'goroutine' : 'deferred closure';
      captures.push({ literal, kind, statement, from: literal.startIndex });
    }
  }
  if (text.includes('.Go(') || text.includes('.Run(')) {
    // Only calls named Go or Run can be captures: those are found from their names.
    for (const call of goOrRunCalls(file, body)) {
      if (ownerFunction(call)?.id !== fn?.id) continue;
      const parts = callParts(call);
      if (!parts?.receiver) continue;
      const literal = parts.args[parts.args.length - 1];
      if (literal?.type !== 'func_literal') continue;
      const statement = call.parent?.type === 'expression_statement' ? call.parent : call;
      if (parts.name === 'Go' && parts.args.length === 1 && isErrgroup(file, parts.receiver, fn ?? file.root)) {
        captures.push({ literal, kind: 'errgroup task', statement, from: literal.startIndex });
      } else if (parts.name === 'Run' && parts.args.length === 2 && !runsOnOtherType(parts.receiver, fn)) {
        const parallel = parallelCall(literal);
        if (parallel) captures.push({ literal, kind: 'parallel subtest', statement, from: parallel.endIndex });
      }
    }
  }
  return captures;
}

const LAST_STATEMENT_CONTAINERS = new Set([
  'block',
  'if_statement',
  'expression_switch_statement',
  'type_switch_statement',
  'select_statement',
  'expression_case',
  'default_case',
  'type_case',
  'communication_case',
  'labeled_statement',
  'for_statement',
]);

/**
 * Whether `statement` is the last thing the iteration does (recursively: the last
 * statement of an if branch, a case or an inner loop that is itself last), as vet's
 * loopclosure checks. Anything after it (a Wait, a read from a pipe the goroutine
 * writes) may be waiting for the goroutine, which a syntax check cannot tell.
 */
function isLastInIteration(statement: Node, loopBody: Node): boolean {
  for (let current: Node = statement; current.id !== loopBody.id; ) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === 'statement_list') {
      const siblings = namedChildren(parent);
      if (siblings[siblings.length - 1]?.id !== current.id) return false;
    } else if (!LAST_STATEMENT_CONTAINERS.has(parent.type)) {
      return false;
    }
    current = parent;
  }
  return true;
}

/** Whether something between `id` and `literal` declares its own `name` (an inner loop, a nested literal's parameter). */
function declaredInside(id: Node, literal: Node, name: string): boolean {
  for (let current = id.parent; current && current.id !== literal.id; current = current.parent) {
    if (current.type === 'for_statement' && loopVariables(current).some((variable) => variable.text === name)) {
      const header = current.namedChildren.find((child) => child?.type === 'range_clause' || child?.type === 'for_clause');
      if (header?.type === 'for_clause' || header?.text.includes(':=')) return true;
    }
    if (current.type === 'func_literal' && parameterNames(current).includes(name)) return true;
  }
  return false;
}

function parameterNames(literal: Node): string[] {
  return namedChildren(literal.childForFieldName('parameters')).flatMap((p) =>
    p.childrenForFieldName('name').filter((n): n is Node => !!n).map((n) => n.text),
  );
}

/** A `name := ...` / `var name` in `block` (the loop body or a block in it) before `before`, enclosing `target`. */
function redeclaredBefore(loopBody: Node, name: string, target: Node): boolean {
  for (const declaration of loopBody.descendantsOfType(['short_var_declaration', 'var_spec'])) {
    if (!declaration || declaration.startIndex >= target.startIndex) continue;
    const names =
      declaration.type === 'short_var_declaration'
        ? namedChildren(declaration.childForFieldName('left'))
        : declaration.childrenForFieldName('name').filter((n): n is Node => !!n);
    if (!names.some((n) => n.text === name)) continue;
    // It shadows the loop variable for `target` when its block also holds the target.
    const block = declaration.type === 'short_var_declaration' ? declaration.parent : declaration.parent?.parent;
    if (block && contains(block, target)) return true;
  }
  return false;
}

/** Identifier nodes of `literal` that read loop variable `name` (after `from`). */
function usesIn(literal: Node, name: string, from: number): Node[] {
  if (parameterNames(literal).includes(name)) return [];
  const body = literal.childForFieldName('body');
  if (!body || !body.text.includes(name)) return [];
  let shadowedFrom = Infinity;
  const uses: Node[] = [];
  for (const id of identifiersNamed(body, name)) {
    if (id.startIndex >= shadowedFrom) continue;
    const parent = id.parent;
    if (parent?.type === 'expression_list' && parent.parent?.type === 'short_var_declaration') {
      if (parent.parent.childForFieldName('left')?.id === parent.id) {
        shadowedFrom = Math.min(shadowedFrom, parent.parent.endIndex);
        continue;
      }
    }
    if (id.startIndex < from) continue;
    if (isStructKey(id) || declaredInside(id, literal, name)) continue;
    uses.push(id);
  }
  return uses;
}

/** `T{v: 1}`: v names a field, not the variable (unless the literal is a map). */
function isStructKey(id: Node): boolean {
  const element = id.parent;
  if (element?.type !== 'literal_element') return false;
  const keyed = element.parent;
  if (keyed?.type !== 'keyed_element' || keyed.namedChildren[0]?.id !== element.id) return false;
  const literalType = keyed.parent?.parent?.childForFieldName('type');
  return literalType?.type !== 'map_type';
}

const WHAT: Record<CaptureKind, string> = {
  goroutine: 'this goroutine may run after the loop has moved on',
  'deferred closure': 'this deferred call runs after the loop, when it holds the last value',
  'errgroup task': 'this errgroup task may run after the loop has moved on',
  'parallel subtest': 'this parallel subtest runs after the loop has moved on',
};

/** Where a closure that may outlive the iteration starts: `go func`, `defer func`, `.Go`, `.Run`. */
const CLOSURE_START = new RegExp(String.raw`\b(?:go|defer)${GAP}func\b|\.${GAP}(?:Go|Run)\b`);
const CLOSURE_AFTER_FOR = [/\b(?:go|defer|Go|Run)\b/, followedBy(String.raw`\bfor\b`, CLOSURE_START.source)];
const GO_OR_DEFER_FUNC = new RegExp(String.raw`\b(?:go|defer)${GAP}func\b`);
const GROUP_GO = new RegExp(String.raw`\.${GAP}Go\b`);
const PARALLEL_RUN = followedBy(String.raw`\.${GAP}Run\b`, String.raw`\bParallel\b`);

/**
 * What a for statement's text must hold for a capture, when only the text is known:
 * `go func` or `defer func`; a `.Run` with `Parallel` after it (a parallel subtest);
 * a `.Go` where errgroup is imported.
 */
function closuresInLoop(file: SourceFile): RegExp[] {
  return file.namesFor(ERRGROUP).length ? [GO_OR_DEFER_FUNC, PARALLEL_RUN, GROUP_GO] : [GO_OR_DEFER_FUNC, PARALLEL_RUN];
}

export default defineRule({
  meta: {
    id: 'loop-var-capture',
    title: 'Loop variable captured by a goroutine or deferred closure (Go before 1.22)',
    severity: 'warning',
    enabledByDefault: true,
    // The loops around each go or defer keyword and Go/Run method, up to their function.
    anchor: { text: /\b(?:go|defer|Go|Run)\b/, roots: ['for_statement'], stopAt: FUNCTION_TYPES },
    // The loop's own function's tree alone.
    treeScope: 'own',
    tsAnalogy: 'a `var` loop counter captured by setTimeout callbacks',
  },
  doc,
  defaultOptions: {},
  // A goroutine or deferred func literal, or x.Go(...) / t.Run(...), inside a loop, so
  // after its keyword. Their words (rarer than loops) are searched first.
  textRequirement: (file) => loopRequirement(file, CLOSURE_AFTER_FOR, closuresInLoop(file)),
  query: `(for_statement body: (block) @body)`,
  // Before Go 1.22 only, when the file's Go version is known.
  appliesTo: (file) => goVersionBefore(file.goVersion, 1, 22),
  create(context) {
    const { file } = context;
    const applies = goVersionBefore(file.goVersion, 1, 22);
    return {
      body(body) {
        if (!applies) return;
        const loop = body.parent!;
        const variables = loopVariables(loop);
        if (variables.length === 0) return;
        const fn = ownerFunction(loop);
        for (const capture of capturesIn(file, body, fn)) {
          if (capture.kind === 'goroutine' || capture.kind === 'errgroup task') {
            if (!isLastInIteration(capture.statement, body)) continue;
          }
          for (const variable of variables) {
            if (redeclaredBefore(body, variable.text, capture.literal)) continue;
            for (const use of usesIn(capture.literal, variable.text, capture.from)) {
              context.report({
                node: use,
                message: `Loop variable ${variable.text} is shared by all iterations before Go 1.22, and ${WHAT[capture.kind]}: pass ${variable.text} as an argument or copy it first (${variable.text} := ${variable.text}).`,
              });
            }
          }
        }
      },
    };
  },
});
