// ticker-stop: a time.Ticker (or Timer) that is never stopped keeps its runtime timer
// alive; before Go 1.23 an unstopped ticker is never garbage collected at all.
// - time.NewTicker / time.NewTimer assigned to a local whose Stop is never referenced
//   and that is not handed on (returned, passed, stored): flagged.
// - time.Tick, whose ticker cannot be stopped: flagged (for modules before Go 1.23,
//   like staticcheck SA1015) when the code can move on past it: a `for range
//   time.Tick` loop that can break or return, a Tick inside another loop (a new
//   ticker per iteration), or a Tick in a function that can return. Package main,
//   which lives as long as the process, is exempt.
import type { Node } from 'web-tree-sitter';
import { insertLineAfterStatement } from '../engine/defer-insert';
import { goVersionBefore } from '../engine/go-mod';
import { functionCanReturn, loopHasExit } from '../engine/loop-exits';
import { defineRule } from '../engine/rule';
import { assignedNames, owningFunction, resourceUses } from '../engine/resource-uses';
import type { SourceFile } from '../engine/source-file';
import { callParts, identifiersNamed, statementsOf } from '../engine/syntax';
import doc from './ticker-stop.md';

const STOP = new Set(['Stop']);

function packageName(file: SourceFile): string {
  return file.cached('ticker-stop:package', () => {
    const clause = file.root.namedChildren.find((child) => child?.type === 'package_clause');
    return clause?.namedChildren[0]?.text ?? '';
  });
}

/** The `for` loop whose range expression is `call` (`for range time.Tick(d)`). */
function rangedLoop(call: Node): Node | null {
  const clause = call.parent;
  if (clause?.type !== 'range_clause' || clause.childForFieldName('right')?.id !== call.id) return null;
  return clause.parent?.type === 'for_statement' ? clause.parent : null;
}

/** The nearest loop around `node` inside its own function, if any. */
function enclosingLoop(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'func_literal' || current.type === 'function_declaration' || current.type === 'method_declaration') {
      return null;
    }
    if (current.type === 'for_statement') return current;
  }
  return null;
}

/** Whether the function ends in `for ... range tick` over the Tick's variable, a loop with no way out. */
function endsRangingOver(fn: Node, names: readonly string[] | undefined): boolean {
  if (!names || names.length !== 1) return false;
  const statements = statementsOf(fn.childForFieldName('body'));
  const last = statements[statements.length - 1];
  const clause = last?.type === 'for_statement' ? last.namedChildren.find((child) => child?.type === 'range_clause') : null;
  return clause?.childForFieldName('right')?.text === names[0] && !loopHasExit(last!, fn);
}

export default defineRule({
  meta: {
    id: 'ticker-stop',
    title: 'Stop tickers and timers you create',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['time'],
    // Tick, NewTicker, NewTimer.
    anchor: { text: /Tick|NewTimer/, depth: 2 },
    tsAnalogy: 'a setInterval whose handle is never passed to clearInterval',
  },
  doc,
  defaultOptions: {},
  query: `
    (call_expression
      function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_name)
      (#match? @_name "^(Tick|NewTicker|NewTimer)$")) @call
  `,
  create(context) {
    const { file } = context;

    function checkTick(call: Node) {
      if (!goVersionBefore(file.goVersion, 1, 23)) return; // collected by the GC since Go 1.23; unknown counts as new
      if (packageName(file) === 'main') return;
      const fn = owningFunction(call);
      const loop = rangedLoop(call);
      let why: string | undefined;
      if (loop) {
        if (loopHasExit(loop, fn)) why = 'the loop can be left';
      } else if (enclosingLoop(call)) {
        why = 'a new ticker starts on every iteration';
      } else if (!fn || (functionCanReturn(fn) && !endsRangingOver(fn, assignedNames(call)?.names))) {
        why = 'the function can return';
      }
      if (!why) return;
      context.report({
        node: call,
        message: `time.Tick leaks its ticker once unused (${why}): use time.NewTicker and defer ticker.Stop().`,
      });
    }

    function checkNew(call: Node, kind: 'NewTicker' | 'NewTimer') {
      const assigned = assignedNames(call);
      if (!assigned) {
        // `for range time.NewTicker(d).C`: nothing can ever stop it.
        if (kind === 'NewTicker' && call.parent?.type === 'selector_expression') {
          context.report({ node: call, message: 'This ticker is never stored, so it can never be stopped: keep it in a variable and defer its Stop().' });
        }
        return;
      }
      if (assigned.names.length !== 1) return;
      const name = assigned.names[0]!;
      const fn = owningFunction(call);
      const body = fn?.childForFieldName('body');
      if (!fn || !body || name === '_') return;
      const uses = resourceUses(body, name, call.endIndex, STOP, { passingEscapes: true });
      if (uses.deferred.length || uses.calls.length || uses.escapes.length) return;
      // A Stop used as a value (`time.AfterFunc(d, t.Stop)`, `cleanup = t.Stop`) stops it too.
      const stopValue = identifiersNamed(body, name).some(
        (id) => id.parent?.type === 'selector_expression' && id.parent.childForFieldName('field')?.text === 'Stop',
      );
      if (stopValue) return;
      // A defer directly in the function body (not in a loop) is the safe place for the fix.
      const atTopLevel = assigned.statement.parent?.parent?.id === body.id;
      const what = kind === 'NewTicker' ? 'ticker' : 'timer';
      context.report({
        node: call,
        message: `${what} ${name} is never stopped, so its runtime timer outlives its use: add \`defer ${name}.Stop()\`.`,
        fixes: () => {
          const edit = atTopLevel ? insertLineAfterStatement(file, assigned.statement, `defer ${name}.Stop()`) : null;
          return edit ? [{ title: `Add defer ${name}.Stop()`, edits: [edit], preferred: true }] : [];
        },
      });
    }

    return {
      call(call) {
        const parts = callParts(call);
        if (!parts || !file.refersTo(parts.receiver, 'time')) return;
        if (parts.name === 'Tick') checkTick(call);
        else checkNew(call, parts.name as 'NewTicker' | 'NewTimer');
      },
    };
  },
});
