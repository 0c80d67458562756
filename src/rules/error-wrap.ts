// error-wrap: fmt.Errorf formatting an error with %v or %s. The new error keeps only
// the old one's text, so errors.Is / errors.As up the stack can no longer find the
// cause. %w keeps the chain.
//
// Which arguments are errors is guessed from syntax (see engine/error-values.ts):
// declarations in the function, constructors like errors.New, and naming conventions.
// `err.Error()` is a string, not reported (like errorlint). Verbs with flags (%+v, %#v)
// are left alone: they usually ask for a specific rendering (stack traces, Go syntax).
// Before Go 1.20 a format may hold only one %w, so calls that already wrap are left
// alone there and the fix converts just the first verb.
import type { Node } from 'web-tree-sitter';
import { errorKind } from '../engine/error-values';
import { goVersionBefore } from '../engine/go-mod';
import { formatVerbs, type FormatVerb } from '../engine/printf-verbs';
import { defineRule } from '../engine/rule';
import { callParts } from '../engine/syntax';
import doc from './error-wrap.md';

const FLATTENING_VERBS = new Set(['v', 's']);

export default defineRule({
  meta: {
    id: 'error-wrap',
    title: 'fmt.Errorf formats an error with %v instead of wrapping it with %w',
    severity: 'info',
    enabledByDefault: false,
    requiresImport: ['fmt'],
    // Error-ness is guessed from declarations across the file (see error-values.ts).
    scope: 'file',
    anchor: { text: /Errorf/, depth: 2 },
    tsAnalogy: 'new Error(`failed: ${err}`) instead of new Error("failed", { cause: err })',
  },
  doc,
  defaultOptions: {},
  query: `
    (call_expression
      function: (selector_expression operand: (identifier) field: (field_identifier) @name (#eq? @name "Errorf"))
      arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)])) @call
  `,
  create(context) {
    const file = context.file;
    const singleWrapOnly = goVersionBefore(file.goVersion, 1, 20);
    return {
      call(call) {
        const parts = callParts(call);
        if (!parts || !file.refersTo(parts.receiver, 'fmt') || parts.args.length < 2) return;
        const format = parts.args[0]!;
        if (format.type !== 'interpreted_string_literal' && format.type !== 'raw_string_literal') return;
        if (!format.text.includes('%')) return;
        const verbs = formatVerbs(format.text, format.startIndex);
        if (!verbs) return;
        const args = parts.args.slice(1);
        const wrapped = new Set(verbs.filter((v) => v.verb === 'w').map((v) => v.argument));
        if (singleWrapOnly && wrapped.size > 0) return;

        const kinds = new Map<number, boolean>();
        const isError = (index: number): boolean => {
          if (!kinds.has(index)) kinds.set(index, !!args[index] && errorKind(file, args[index]!) === 'error');
          return kinds.get(index)!;
        };
        const flattening: FormatVerb[] = verbs.filter(
          (v) => FLATTENING_VERBS.has(v.verb) && v.flags === '' && !wrapped.has(v.argument) && isError(v.argument),
        );
        if (flattening.length === 0) return;

        const first = flattening[0]!;
        const arg: Node = args[first.argument]!;
        const toFix = singleWrapOnly ? flattening.filter((v) => v.argument === first.argument).slice(0, 1) : flattening;
        context.report({
          start: first.start,
          end: first.offset + 1,
          message: `fmt.Errorf formats ${arg.text} with %${first.verb}, which keeps only its text: use %w so callers can still match it with errors.Is/errors.As.`,
          fixes: () => [
            {
              title: toFix.length > 1 ? 'Wrap the errors with %w' : `Wrap ${arg.text} with %w`,
              edits: toFix.map((v) => ({ start: v.offset, end: v.offset + 1, newText: 'w' })),
              preferred: true,
            },
          ],
        });
      },
    };
  },
});
