// rows-err: the *sql.Rows from Query/QueryContext (or sqlx's Queryx/NamedQuery, or
// pgx's Query) whose Err() the function never consults. rows.Next() returns false both
// at the end of the results and when reading fails, so without rows.Err() a broken
// connection looks like a short result. Rows that leave the function (returned,
// passed on, stored) are the receiver's business.
import type { Node } from 'web-tree-sitter';
import { errorReturn } from '../engine/error-return';
import { indentUnit, insertLinesAfter } from '../engine/insert-lines';
import { findDeclaration, isOnlyLocalDeclaration } from '../engine/name-declarations';
import { defineRule } from '../engine/rule';
import { resolveLocal } from '../engine/scope';
import type { SourceFile } from '../engine/source-file';
import { packageUsesSql } from '../engine/sql-packages';
import { callParts, enclosingFunction, mentions, namedChildren } from '../engine/syntax';
import type { Fix } from '../engine/types';
import doc from './rows-err.md';
import { followRows, type RowsFate } from './rows-err/rows-fate';

const QUERY_METHODS = ['Query', 'QueryContext', 'Queryx', 'QueryxContext', 'NamedQuery', 'NamedQueryContext'];
const QUERY_CALL = '(call_expression function: (selector_expression field: (field_identifier) @method))';
const METHOD_PREDICATE = `(#any-of? @method ${QUERY_METHODS.map((name) => `"${name}"`).join(' ')})`;

/** Statements after which control does not reach the next statement. */
const JUMPS = new Set(['return_statement', 'break_statement', 'continue_statement', 'goto_statement']);

interface QueryAssignment {
  /** The statement (or var declaration) that receives the query's results. */
  statement: Node;
  /** The identifier receiving the rows; `_` when they are thrown away. */
  rows: Node;
  /** The name receiving the error, when it is a plain identifier. */
  errName: string | null;
}

/**
 * `rows, err := q(...)`, `rows, err = q(...)` or `var rows, err = q(...)`. A SQL query
 * yields two values; url.Values-style `Query()` look-alikes yield one, so they never
 * appear here.
 */
function queryAssignment(call: Node): QueryAssignment | null {
  const right = call.parent;
  const holder = right?.parent;
  if (right?.type !== 'expression_list' || !holder || namedChildren(right).length !== 1) return null;
  let targets: Node[];
  let statement: Node = holder;
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    if (holder.childForFieldName('right')?.id !== right.id) return null;
    targets = namedChildren(holder.childForFieldName('left'));
  } else if (holder.type === 'var_spec') {
    targets = holder.childrenForFieldName('name').filter((n): n is Node => !!n);
    while (statement.parent && statement.type !== 'var_declaration') statement = statement.parent;
  } else {
    return null;
  }
  const [rows, err] = targets;
  if (targets.length !== 2 || rows?.type !== 'identifier') return null;
  return { statement, rows, errName: err?.type === 'identifier' && err.text !== '_' ? err.text : null };
}

/**
 * The scope to search for the variable's uses, and how to tell it from a same-named
 * shadow. `statement` holds the query and assigns `rows`.
 */
function regionFor(file: SourceFile, rows: Node, statement: Node): { region: Node; sameVariable: (id: Node) => boolean } | null {
  const declaration = findDeclaration(file, rows);
  // A package-level variable is storage other code reads: like a field, its owner's job.
  if (!declaration || declaration.scope.type === 'source_file') return null;
  // A named result goes back to the caller with every bare return.
  if (declaration.kind === 'result') return null;
  const declaredAt = resolveLocal(rows);
  // When this statement declares the function's only variable of that name, a use in
  // its scope (the region) after the statement can mean no other: the scope climb of
  // resolveLocal (a crossing into WASM per level, each .parent a walk from the root)
  // is then not needed to say so.
  const onlyHere = declaredAt?.id === rows.id && declaration.identifier.id === rows.id && isOnlyLocalDeclaration(file, declaration);
  return {
    region: declaration.scope,
    sameVariable: (id) => (onlyHere && id.startIndex >= statement.endIndex) || resolveLocal(id)?.id === declaredAt?.id,
  };
}

/** Where the check goes when there is no `for rows.Next()` loop: after the last statement using the rows. */
function anchorWithoutLoop(assignment: QueryAssignment, fate: RowsFate): Node | null {
  const list = assignment.statement.parent;
  if (list?.type !== 'statement_list') return null; // an if/switch initializer: nowhere to put it
  let anchor = assignment.statement;
  let first = true;
  for (const sibling of namedChildren(list)) {
    if (sibling.startIndex <= assignment.statement.startIndex) continue;
    if (sibling.startIndex >= fate.until || JUMPS.has(sibling.type)) break;
    const errorCheck =
      first && sibling.type === 'if_statement' && !!assignment.errName &&
      mentions(sibling.childForFieldName('condition') ?? sibling, assignment.errName);
    first = false;
    if (errorCheck || fate.names.some((name) => mentions(sibling, name))) anchor = sibling;
  }
  return anchor;
}

function buildFix(file: SourceFile, call: Node, assignment: QueryAssignment, fate: RowsFate): Fix[] {
  const fn = enclosingFunction(call);
  if (!fn) return [];
  const loops = fate.loops.filter(
    (loop) =>
      enclosingFunction(loop)?.id === fn.id &&
      loop.startIndex > assignment.statement.endIndex &&
      loop.startIndex < fate.until,
  );
  const loop = loops[loops.length - 1];
  const anchor = loop ? (loop.parent?.type === 'labeled_statement' ? loop.parent : loop) : anchorWithoutLoop(assignment, fate);
  if (!anchor) return [];
  const shape = errorReturn(file, fn, anchor);
  if (!shape) return [];
  const name = assignment.rows.text;
  const indentLike = loop ?? anchor;
  const unit = indentUnit(file, indentLike);
  const lines = [
    `if err ${shape.declare ? ':=' : '='} ${name}.Err(); err != nil {`,
    ...shape.body.map((line) => unit + line),
    '}',
  ];
  return [{ title: `Check ${name}.Err() after reading the rows`, edits: [insertLinesAfter(file, anchor, lines, indentLike)], preferred: true }];
}

function describeCallee(call: Node): string {
  return (call.childForFieldName('function')?.text ?? 'the query').replace(/\s+/g, '');
}

export default defineRule({
  meta: {
    id: 'rows-err',
    title: 'rows.Err() is never checked after reading query results',
    severity: 'warning',
    enabledByDefault: true,
    // The method name: three levels below a call statement, four below an assignment.
    anchor: { text: /Query/, depth: 4 },
    tsAnalogy: 'an async iterator whose failure you never look at',
  },
  doc,
  defaultOptions: {},
  // Only the shapes the rule judges: one call on the right of `:=`, `=` or `var`, or a
  // bare call statement. Matching these rather than every call keeps the query cheap.
  query: `
    (short_var_declaration right: (expression_list . ${QUERY_CALL} @call .) ${METHOD_PREDICATE})
    (assignment_statement right: (expression_list . ${QUERY_CALL} @call .) ${METHOD_PREDICATE})
    (var_spec value: (expression_list . ${QUERY_CALL} @call .) ${METHOD_PREDICATE})
    (expression_statement ${QUERY_CALL} @call ${METHOD_PREDICATE})
  `,
  appliesTo: packageUsesSql,
  create(context) {
    return {
      call(call) {
        const parts = callParts(call);
        if (!parts || !QUERY_METHODS.includes(parts.name)) return;
        // Any file of the package importing database/sql, sqlx or pgx: `db` is often declared in a sibling.
        if (!packageUsesSql(context.file)) return;
        if (call.parent?.type === 'expression_statement') {
          // `x.Query()` with no arguments as a statement is no SQL query anyone writes.
          if (parts.args.length === 0) return;
          context.report({
            node: call,
            message: `The rows from ${describeCallee(call)} are thrown away, so their Err() can never be checked: keep them in a variable and check Err() after reading them (or use Exec when no rows are wanted).`,
          });
          return;
        }
        const assignment = queryAssignment(call);
        if (!assignment) return; // returned, passed on or stored: someone else's job
        const name = assignment.rows.text;
        if (name === '_') {
          context.report({
            node: call,
            message: `The rows from ${describeCallee(call)} are assigned to _, so their Err() can never be checked: keep them in a variable and check Err() after reading them (or use Exec when no rows are wanted).`,
          });
          return;
        }
        const scope = regionFor(context.file, assignment.rows, assignment.statement);
        if (!scope) return;
        const fate = followRows(assignment.statement, name, scope.region, scope.sameVariable);
        if (fate.checked || fate.escapes) return;
        // Used only through methods rows lack: another client's Query (InfluxDB, a search API...).
        if (fate.foreignMethods && !fate.rowsMethods) return;
        context.report({
          node: call,
          message: `${name}.Err() is never checked: a read that fails ends ${name}.Next() just like the last row does; check ${name}.Err() after the loop.`,
          fixes: () => buildFix(context.file, call, assignment, fate),
        });
      },
    };
  },
});
