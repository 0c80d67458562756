// http-server-timeouts: an HTTP server with no read timeout. http.ListenAndServe and
// friends (package functions) build a Server with every timeout at zero; an
// http.Server{} literal without ReadTimeout or ReadHeaderTimeout does the same. A
// client that sends headers one byte a minute holds a connection (and a goroutine)
// forever: the Slowloris attack.
//
// A literal whose variable gets `srv.ReadHeaderTimeout = ...` (or ReadTimeout) later
// in the same function is fine, and so is the Config of an httptest.Server (a loopback
// test server). The fix adds `ReadHeaderTimeout: 10 * time.Second`.
import type { Node } from 'web-tree-sitter';
import { referencePackage } from '../engine/add-import';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, enclosingFunction, isQualifiedType, namedChildren } from '../engine/syntax';
import type { Fix, TextEdit } from '../engine/types';
import doc from './http-server-timeouts.md';

const READ_TIMEOUTS = new Set(['ReadTimeout', 'ReadHeaderTimeout']);
const SERVE_FUNCTIONS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS']);

function keysOf(body: Node): string[] {
  return namedChildren(body)
    .filter((element) => element.type === 'keyed_element')
    .map((element) => element.childForFieldName('key')?.text.trim() ?? '');
}

/** `srv := &http.Server{...}` / `s.srv = http.Server{...}` -> "srv" / "s.srv"; null otherwise. */
function assignedTo(literal: Node): Node | null {
  let value: Node = literal;
  if (value.parent?.type === 'unary_expression') value = value.parent;
  const list = value.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || !statement) return null;
  if (!['short_var_declaration', 'assignment_statement', 'var_spec'].includes(statement.type)) return null;
  const values = namedChildren(list);
  const index = values.findIndex((v) => v.id === value.id);
  const targets =
    statement.type === 'var_spec'
      ? statement.childrenForFieldName('name').filter((n): n is Node => !!n)
      : namedChildren(statement.childForFieldName('left'));
  return targets.length === values.length ? (targets[index] ?? null) : null;
}

/** `Config: &http.Server{...}` inside an httptest.Server: a loopback test server. */
function isTestServerConfig(literal: Node): boolean {
  let value: Node = literal;
  if (value.parent?.type === 'unary_expression') value = value.parent;
  const element = value.parent?.type === 'literal_element' ? value.parent.parent : null;
  return element?.type === 'keyed_element' && element.childForFieldName('key')?.text.trim() === 'Config';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A later `target.ReadHeaderTimeout = ...` in the same function (or file, at top level). */
function timeoutSetLater(file: SourceFile, literal: Node, target: Node): boolean {
  const scope = enclosingFunction(literal) ?? file.root;
  const after = file.text.slice(literal.endIndex, scope.endIndex);
  const pattern = new RegExp(`(^|[^\\w.])${escapeRegExp(target.text)}\\s*\\.\\s*(ReadTimeout|ReadHeaderTimeout)\\s*=[^=]`);
  return pattern.test(after);
}

function addTimeoutFix(file: SourceFile, body: Node): Fix[] {
  const elements = namedChildren(body);
  if (elements.some((element) => element.type !== 'keyed_element')) return [];
  const time = referencePackage(file, 'time', 'time');
  if (!time) return [];
  const field = `ReadHeaderTimeout: 10 * ${time.name}.Second`;
  const edits: TextEdit[] = [];
  const last = elements[elements.length - 1];
  const close = body.lastChild;
  if (!close || close.type !== '}') return [];
  const closeLine = file.lineAt(close.startIndex);
  const closeOnOwnLine = file.text.slice(closeLine.start, close.startIndex).trim() === '';
  if (!last) {
    edits.push({ start: close.startIndex, end: close.startIndex, newText: field });
  } else if (closeOnOwnLine && last.startPosition.row !== body.startPosition.row) {
    // One field per line: a new line before the closing brace, indented like the last field.
    const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
    const indent = file.lineAt(last.startIndex).indent;
    // The last field ends with a comma in gofmt'd code; where it does not (half-typed,
    // or the comma swallowed by a comment), the new field needs one before it.
    let next = last.nextSibling;
    while (next?.type === 'comment') next = next.nextSibling;
    if (next?.type !== ',') edits.push({ start: last.endIndex, end: last.endIndex, newText: ',' });
    edits.push({ start: closeLine.start, end: closeLine.start, newText: `${indent}${field},${eol}` });
  } else {
    edits.push({ start: last.endIndex, end: last.endIndex, newText: `, ${field}` });
  }
  if (time.edit) edits.push(time.edit);
  return [{ title: 'Add ReadHeaderTimeout: 10 * time.Second', edits, preferred: true }];
}

export default defineRule({
  meta: {
    id: 'http-server-timeouts',
    title: 'HTTP server without a read timeout',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['net/http'],
    // ListenAndServe, Serve..., http.Server.
    anchor: { text: /Serve/, depth: 2 },
    // A literal at package level looks for `srv.ReadHeaderTimeout = ` in the rest of the file (its text).
    scope: 'file',
    // Of trees, only its own declaration's.
    treeScope: 'own',
    tsAnalogy: 'a Node http.createServer with headersTimeout and requestTimeout set to 0',
  },
  doc,
  defaultOptions: {},
  query: `
    (call_expression
      function: (selector_expression
        operand: (identifier)
        field: (field_identifier) @name (#match? @name "^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$"))) @call
    (composite_literal type: (qualified_type) body: (literal_value)) @literal
  `,
  create(context) {
    const file = context.file;
    return {
      call(call) {
        const parts = callParts(call);
        if (!parts || !SERVE_FUNCTIONS.has(parts.name) || !file.refersTo(parts.receiver, 'net/http')) return;
        context.report({
          node: call.childForFieldName('function') ?? call,
          message: `http.${parts.name} runs a server with no timeouts, so a slow client can hold a connection forever: create an http.Server with ReadHeaderTimeout set and call its ${parts.name} method.`,
        });
      },
      literal(literal) {
        if (!isQualifiedType(file, literal.childForFieldName('type'), 'net/http', 'Server')) return;
        const body = literal.childForFieldName('body')!;
        if (keysOf(body).some((key) => READ_TIMEOUTS.has(key))) return;
        if (isTestServerConfig(literal)) return;
        const target = assignedTo(literal);
        if (target && timeoutSetLater(file, literal, target)) return;
        const name = target ? target.text : 'this http.Server';
        context.report({
          node: literal.childForFieldName('type') ?? literal,
          message: `${name} has no ReadHeaderTimeout or ReadTimeout, so a slow client can hold a connection forever: set ReadHeaderTimeout.`,
          fixes: () => addTimeoutFix(file, body),
        });
      },
    };
  },
});
