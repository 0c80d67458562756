// Comparisons with == that are right despite wrapping: some functions promise to
// return a sentinel error unwrapped (io.Reader.Read returns io.EOF itself, Row.Scan
// returns sql.ErrNoRows itself), and idiomatic Go compares those directly. The table
// follows errorlint's allow-list. Without types, a method is known by name only (any
// `x.Read(...)`), a package function by its import path and name.
import type { Node } from 'web-tree-sitter';
import { findDeclaration, outermostFunction } from './name-declarations';
import type { SourceFile } from './source-file';
import { callParts, namedChildren } from './syntax';

interface Allowance {
  /** Methods (by name, any receiver) that return the sentinel unwrapped. */
  methods?: readonly string[];
  /** Package functions, as "import/path.Name". */
  functions?: readonly string[];
}

const READ_METHODS = [
  'Read', 'ReadAt', 'ReadByte', 'ReadBytes', 'ReadLine', 'ReadRune', 'ReadSlice', 'ReadString',
  'Discard', 'Peek', 'Next', 'ReadDir', 'Readdir', 'Readdirnames', 'Decode', 'Token', 'NextPart', 'NextRawPart',
];
const SERVE_METHODS = ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'];

const ALLOWED = new Map<string, Allowance>([
  ['io.EOF', { methods: READ_METHODS, functions: ['io.ReadAtLeast', 'io.ReadFull', 'debug/elf.Open', 'debug/elf.NewFile'] }],
  ['io.ErrUnexpectedEOF', { functions: ['io.ReadAtLeast', 'io.ReadFull'] }],
  ['io.ErrShortBuffer', { functions: ['io.ReadAtLeast'] }],
  ['io.ErrClosedPipe', { methods: ['Write'] }],
  ['database/sql.ErrNoRows', { methods: ['Scan'] }],
  ['net/http.ErrServerClosed', { methods: SERVE_METHODS, functions: SERVE_METHODS.map((name) => `net/http.${name}`) }],
  ['context.Canceled', { methods: ['Err'] }],
  ['context.DeadlineExceeded', { methods: ['Err'] }],
  ['mime.ErrInvalidMediaParameter', { functions: ['mime.ParseMediaType'] }],
  ['mime/multipart.ErrMessageTooLarge', { methods: ['ReadForm'] }],
]);

/** Errno values come straight from the system call wrappers of their own package. */
const ERRNO_PACKAGES = ['syscall', 'golang.org/x/sys/unix'];

/** `pkg.Name` resolved through the imports: "io.EOF", "database/sql.ErrNoRows". */
function qualifiedName(file: SourceFile, expr: Node): string | null {
  if (expr.type !== 'selector_expression') return null;
  const operand = expr.childForFieldName('operand');
  const path = operand ? file.imports.pathByName.get(operand.text) : undefined;
  return path ? `${path}.${expr.childForFieldName('field')?.text ?? ''}` : null;
}

/** Assignments (`=` and `:=`) in one function, by assigned name: the target and the right-hand expression. */
function assignmentsIn(file: SourceFile, fn: Node): Map<string, { target: Node; value: Node }[]> {
  return file.cached(`allowed-error-comparisons:assignments:${fn.id}`, () => {
    const byName = new Map<string, { target: Node; value: Node }[]>();
    for (const statement of fn.descendantsOfType(['short_var_declaration', 'assignment_statement'])) {
      if (!statement) continue;
      const left = namedChildren(statement.childForFieldName('left'));
      const right = namedChildren(statement.childForFieldName('right'));
      left.forEach((target, index) => {
        if (target.type !== 'identifier') return;
        const value = right.length === left.length ? right[index] : right[0];
        if (!value) return;
        byName.set(target.text, [...(byName.get(target.text) ?? []), { target, value }]);
      });
    }
    return byName;
  });
}

/**
 * The calls whose results end up in the variable `use` refers to (following `a := b`
 * copies), like errorlint. Assignments count when their target resolves to the same
 * declaration as the use, so an `err :=` in another block is another variable.
 */
function assigningCalls(file: SourceFile, fn: Node, use: Node, visited: Set<number>): Node[] {
  const declaration = findDeclaration(file, use);
  const key = declaration ? declaration.identifier.id : -use.text.length - 1;
  if (visited.has(key)) return [];
  visited.add(key);
  const calls: Node[] = [];
  for (const { target, value } of assignmentsIn(file, fn).get(use.text) ?? []) {
    const targetDeclaration = findDeclaration(file, target);
    if (declaration && targetDeclaration?.identifier.id !== declaration.identifier.id) continue;
    if (value.type === 'call_expression') calls.push(value);
    else if (value.type === 'identifier') calls.push(...assigningCalls(file, fn, value, visited));
    // Other right-hand sides (a sentinel, a literal) say nothing about the callee.
  }
  return calls;
}

function isAllowedCall(file: SourceFile, sentinel: string, call: Node): boolean {
  const parts = callParts(call);
  if (!parts || !parts.receiver) return false; // plain f(): not a standard-library promise
  const path = file.imports.pathByName.get(parts.receiver.text);
  for (const pkg of ERRNO_PACKAGES) {
    if (path === pkg && sentinel.startsWith(`${pkg}.E`)) return true;
  }
  const allowance = ALLOWED.get(sentinel);
  if (!allowance) return false;
  if (path) return allowance.functions?.includes(`${path}.${parts.name}`) ?? false;
  return allowance.methods?.includes(parts.name) ?? false;
}

/**
 * Whether comparing `a` and `b` (either order) is one of the allowed direct
 * comparisons: a known sentinel on one side, and on the other a call, or a variable,
 * every assignment of which comes from a function that returns that sentinel unwrapped.
 */
export function isAllowedErrorComparison(file: SourceFile, a: Node, b: Node): boolean {
  for (const [sentinelSide, valueSide] of [
    [a, b],
    [b, a],
  ] as const) {
    const sentinel = qualifiedName(file, sentinelSide);
    if (!sentinel) continue;
    let calls: Node[] = [];
    if (valueSide.type === 'call_expression') calls = [valueSide];
    else if (valueSide.type === 'identifier') {
      const fn = outermostFunction(valueSide);
      if (fn) calls = assigningCalls(file, fn, valueSide, new Set());
    }
    if (calls.length > 0 && calls.every((call) => isAllowedCall(file, sentinel, call))) return true;
  }
  return false;
}
