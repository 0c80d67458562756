// tx-rollback: a transaction from Begin/BeginTx must be rolled back on every way out
// that does not commit. Flags a Begin whose function returns early (after the error
// check) with no deferred Rollback in place yet and no Rollback/Commit on that branch,
// and a transaction neither committed nor rolled back. A transaction handed on
// (returned, stored) is the receiver's job; passing it to helpers is ordinary use.
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
import doc from './tx-rollback.md';

const BEGIN_METHODS = ['Begin', 'BeginTx', 'Beginx', 'BeginTxx'];
const ROLLBACK = new Set(['Rollback']);
const FINISH = new Set(['Rollback', 'Commit']);

export default defineRule({
  meta: {
    id: 'tx-rollback',
    title: 'Defer Rollback right after Begin',
    severity: 'warning',
    enabledByDefault: true,
    anchor: { text: /Begin/, depth: 2 },
    tsAnalogy: 'a transaction rolled back in catch/finally',
  },
  doc,
  defaultOptions: {},
  query: `
    (call_expression
      function: (selector_expression field: (field_identifier) @_method)
      (#match? @_method "^(${BEGIN_METHODS.join('|')})$")) @call
  `,
  appliesTo: packageUsesSql,
  create(context) {
    const { file } = context;
    return {
      call(call) {
        if (!packageUsesSql(file)) return;
        const parts = callParts(call);
        if (!parts) return;
        const assigned = assignedNames(call);
        if (!assigned || assigned.names.length !== 2) return;
        const [name, errName] = assigned.names as [string, string];
        if (name === '_') return;
        const fn = owningFunction(call);
        const body = fn?.childForFieldName('body');
        if (!fn || !body) return;
        const callee = `${parts.receiver?.text ?? ''}.${parts.name}`;
        const errorCheck = errorCheckAfter(assigned.statement, errName, name);
        const after = errorCheck ?? assigned.statement;

        const handedOn = resourceUses(body, name, call.endIndex, FINISH, { passingEscapes: false });
        if (handedOn.escapes.length > 0) return;
        const rollbacks = resourceUses(body, name, call.endIndex, ROLLBACK, { passingEscapes: false });
        // `defer tx.Rollback()` or `defer func() { ... tx.Rollback() ... }()`, whichever comes first.
        const firstDefer = [...rollbacks.deferred].sort((a, b) => a.startIndex - b.startIndex)[0];
        const plainFinishes = handedOn.calls;
        const until = firstDefer?.startIndex ?? body.endIndex;
        const leaks = ownReturns(fn, body, after.endIndex, until).filter(
          (ret) => !coveredBy(ret, plainFinishes) && !mentions(ret, name) && !returnsCreationError(ret, call, fn, errName),
        );
        const addDefer = () => {
          const edit = insertLineAfterStatement(file, after, `defer ${name}.Rollback()`);
          return edit ? [{ title: `Add defer ${name}.Rollback()`, edits: [edit], preferred: true }] : [];
        };
        if (leaks.length > 0) {
          const line = file.lines.positionAt(leaks[0]!.startIndex).line + 1;
          context.report({
            node: call,
            message: firstDefer
              ? `The return on line ${line} runs before \`defer ${name}.Rollback()\` is in place and leaves ${name} open: move the defer up to just after the error check.`
              : `The return on line ${line} leaves ${name} open (no Rollback): add \`defer ${name}.Rollback()\` after the error check; it is a no-op after Commit.`,
            related: leaks.map((ret) => ({ node: ret, message: `returns without rolling back ${name}` })),
            ...(firstDefer ? {} : { fixes: addDefer }),
          });
          return;
        }
        if (!firstDefer && plainFinishes.length === 0 && handedOn.deferred.length === 0) {
          context.report({
            node: call,
            message: `${name} from ${callee} is never committed or rolled back, which holds its connection: add \`defer ${name}.Rollback()\` after the error check.`,
            fixes: addDefer,
          });
        }
      },
    };
  },
});
