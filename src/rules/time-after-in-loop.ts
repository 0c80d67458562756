// time-after-in-loop: `case <-time.After(d):` in a select inside a loop. Every pass
// creates a new timer; when another case wins, that timer stays in memory until it
// fires (until Go 1.23, whose garbage collector reclaims unreferenced timers). With a
// long timeout and a busy channel this is a steady leak. Modules known to target Go
// 1.23 or later are not reported.
import type { Node } from 'web-tree-sitter';
import { goVersionBefore } from '../engine/go-mod';
import { defineRule } from '../engine/rule';
import { FUNCTION_TYPES, isPackageCall } from '../engine/syntax';
import doc from './time-after-in-loop.md';

const AFTER = new Set(['After']);

/** The loop around the select, with no function boundary in between. */
function enclosingLoop(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return null;
    if (current.type === 'for_statement') return current;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'time-after-in-loop',
    title: 'time.After in a select inside a loop allocates a timer per iteration',
    severity: 'warning',
    enabledByDefault: true,
    requiresImport: ['time'],
    // time.After in a select, in a loop.
    requiresText: [/After/, /select/, /for/],
    // After, five levels below the communication case: call, unary <-, receive.
    anchor: { text: /After/, depth: 5 },
    // The loop's own function's tree alone.
    treeScope: 'own',
    tsAnalogy: 'a setTimeout started on every loop pass and never cleared',
  },
  doc,
  defaultOptions: {},
  query: `
    (communication_case
      communication: (receive_statement
        right: (unary_expression operand: (call_expression) @call)))
  `,
  // Unknown versions count as older than 1.23 here (the finding says so).
  appliesTo: (file) => !file.goVersion || goVersionBefore(file.goVersion, 1, 23),
  create(context) {
    const version = context.file.goVersion;
    return {
      call(call) {
        if (version && !goVersionBefore(version, 1, 23)) return;
        if (!isPackageCall(context.file, call, 'time', AFTER)) return;
        const select = call.parent?.parent?.parent?.parent;
        if (select?.type !== 'select_statement' || !enclosingLoop(select)) return;
        const consequence = version
          ? `this module targets Go ${version}, where each one stays in memory until it fires`
          : 'before Go 1.23 each one stays in memory until it fires';
        context.report({
          node: call,
          message: `${call.text} in a select inside a loop creates a new timer on every iteration, and ${consequence}: create one time.NewTimer before the loop and Reset it.`,
        });
      },
    };
  },
});
