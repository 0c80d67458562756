// rows-close: *sql.Rows and *sql.Stmt hold a pooled connection until closed. Flags a
// Query/Prepare result that is never closed (and not handed on: returned, passed to a
// function, stored), and a Close that is not deferred while a return before it leaves
// the rows open. Syntax only: a `x.Query(...)` call counts when the package imports
// database/sql, sqlx or pgx, its result is `v, err`, and it has arguments.
import type { Node } from 'web-tree-sitter';
import { insertLineAfterStatement } from '../engine/defer-insert';
import { defineRule } from '../engine/rule';
import {
  assignedNames,
  coveredBy,
  errorCheckAfter,
  owningFunction,
  ownReturns,
  resourceUses,
  returnsCreationError,
} from '../engine/resource-uses';
import { packageUsesSql } from '../engine/sql-packages';
import { callParts, mentions } from '../engine/syntax';
import doc from './rows-close.md';

interface Options {
  /** Flag every Close that is not deferred, even when no return can skip it (sqlclosecheck's behaviour). */
  requireDefer: boolean;
}

const ROWS_METHODS = ['Query', 'QueryContext', 'Queryx', 'QueryxContext', 'NamedQuery', 'NamedQueryContext'];
const STMT_METHODS = ['Prepare', 'PrepareContext', 'Preparex', 'PreparexContext', 'PrepareNamed', 'PrepareNamedContext'];
const ROWS = new Set(ROWS_METHODS);
const CLOSE = new Set(['Close']);

function kindOf(method: string): 'rows' | 'statement' {
  return ROWS.has(method) ? 'rows' : 'statement';
}

export default defineRule<Options>({
  meta: {
    id: 'rows-close',
    title: 'sql.Rows and sql.Stmt must be closed, with defer',
    severity: 'warning',
    enabledByDefault: true,
    anchor: { text: /Query|Prepare/, depth: 2 },
    tsAnalogy: 'a database cursor or pool client released in finally',
  },
  doc,
  defaultOptions: { requireDefer: false },
  validateOptions(raw) {
    return raw.requireDefer === undefined || typeof raw.requireDefer === 'boolean' ? [] : ['"requireDefer" must be true or false.'];
  },
  query: `
    (call_expression
      function: (selector_expression field: (field_identifier) @_method)
      (#match? @_method "^(${[...ROWS_METHODS, ...STMT_METHODS].join('|')})$")) @call
  `,
  appliesTo: packageUsesSql,
  create(context) {
    const { file } = context;
    return {
      call(call) {
        if (!packageUsesSql(file)) return;
        const parts = callParts(call);
        if (!parts || parts.args.length === 0) return;
        const callee = `${parts.receiver?.text ?? ''}.${parts.name}`;
        const kind = kindOf(parts.name);
        if (call.parent?.type === 'expression_statement') {
          context.report({
            node: call,
            message:
              kind === 'rows'
                ? `The rows returned by ${callee} are dropped, so they are never closed and hold a connection: use Exec, or keep the rows and defer Close.`
                : `The statement returned by ${callee} is dropped, so it is never closed: keep it and defer its Close.`,
          });
          return;
        }
        const assigned = assignedNames(call);
        if (!assigned || assigned.names.length !== 2) return;
        const [name, errName] = assigned.names as [string, string];
        if (name === '_') {
          context.report({
            node: call,
            message: `The ${kind === 'rows' ? 'rows' : 'statement'} returned by ${callee} ${kind === 'rows' ? 'are' : 'is'} assigned to _, so never closed: name ${kind === 'rows' ? 'them' : 'it'} and defer Close.`,
          });
          return;
        }
        const fn = owningFunction(call);
        const body = fn?.childForFieldName('body');
        if (!fn || !body) return;
        const uses = resourceUses(body, name, call.endIndex, CLOSE, { passingEscapes: true });
        if (uses.deferred.length > 0 || uses.escapes.length > 0) return;
        const errorCheck = errorCheckAfter(assigned.statement, errName, name);
        const after = errorCheck ?? assigned.statement;
        if (uses.calls.length === 0) {
          context.report({
            node: call,
            message: `${name} from ${callee} is never closed, which leaks its connection: add \`defer ${name}.Close()\` after the error check.`,
            fixes: () => {
              const edit = insertLineAfterStatement(file, after, `defer ${name}.Close()`);
              return edit ? [{ title: `Add defer ${name}.Close()`, edits: [edit], preferred: true }] : [];
            },
          });
          return;
        }
        reportUndeferredClose(uses.calls, after);

        function reportUndeferredClose(closes: Node[], afterNode: Node) {
          const firstClose = closes[0]!;
          const leaks = ownReturns(fn!, body!, afterNode.endIndex, closes[closes.length - 1]!.startIndex).filter(
            (ret) => !coveredBy(ret, closes) && !mentions(ret, name) && !returnsCreationError(ret, call, fn!, errName),
          );
          if (leaks.length === 0 && !context.options.requireDefer) return;
          const where = leaks.length
            ? `the return on line ${file.lines.positionAt(leaks[0]!.startIndex).line + 1} leaves ${name} open`
            : 'a panic or a later early return would leave it open';
          context.report({
            node: firstClose,
            message: `${name}.Close() is not deferred: ${where}; use \`defer ${name}.Close()\` after the error check.`,
            ...(leaks.length ? { related: leaks.map((ret) => ({ node: ret, message: `returns without closing ${name}` })) } : {}),
          });
        }
      },
    };
  },
});
