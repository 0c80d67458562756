// waitgroup-add-in-goroutine: `go func() { wg.Add(1); ... }()` races with wg.Wait():
// the goroutine may not have started, so not counted, when Wait checks the counter.
// Like staticcheck SA2000 and vet's waitgroup pass, only an Add that is the first
// statement of the goroutine's function literal is flagged: a later Add may count
// goroutines this one starts, which is correct.
import type { Node } from 'web-tree-sitter';
import { defineRule, GAP } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { callParts, enclosingFunction, identifiersNamed, mentions, namedChildren, statementsOf } from '../engine/syntax';
import type { TextEdit } from '../engine/types';
import doc from './waitgroup-add-in-goroutine.md';

/** Whether `receiver` looks like a sync.WaitGroup: its Wait or Done is called, or the file names WaitGroup. */
function looksLikeWaitGroup(file: SourceFile, receiver: string, goStatement: Node, literal: Node): boolean {
  const outer = enclosingFunction(goStatement) ?? goStatement;
  if (outer.text.includes(`${receiver}.Wait(`) || literal.text.includes(`${receiver}.Done(`)) return true;
  return file.text.includes('WaitGroup');
}

function parameterNames(literal: Node): Set<string> {
  const names = new Set<string>();
  for (const declaration of namedChildren(literal.childForFieldName('parameters'))) {
    for (const name of declaration.childrenForFieldName('name')) if (name) names.add(name.text);
  }
  return names;
}

/** Moves the Add statement to the line before the go statement, when that is plainly safe. */
function moveAddBeforeGo(file: SourceFile, addStatement: Node, goStatement: Node, literal: Node): TextEdit[] {
  if (goStatement.parent?.type !== 'statement_list') return [];
  const params = parameterNames(literal);
  // The Add must not use the literal's parameters (`go func(wg *sync.WaitGroup){ wg.Add(1) }(&w)`).
  if ([...params].some((name) => mentions(addStatement, name))) return [];
  const addLine = file.lines.positionAt(addStatement.startIndex).line;
  const lineStart = file.lines.lineStart(addLine);
  const lineEnd = file.lines.lineEnd(addLine);
  // On one line (a lone \r inside it ends a line for the editor, and the line alone would move).
  if (addStatement.endIndex > lineEnd) return [];
  // Alone on its line (a trailing comment may follow, and moves with it): the whole line moves.
  if (file.text.slice(lineStart, addStatement.startIndex).trim() !== '') return [];
  const after = file.text.slice(addStatement.endIndex, lineEnd).trim();
  if (after !== '' && !after.startsWith('//')) return [];
  const nextLineStart = addLine + 1 < file.lines.lineCount ? file.lines.lineStart(addLine + 1) : lineEnd;
  const goLine = file.lines.positionAt(goStatement.startIndex).line;
  const goLineStart = file.lines.lineStart(goLine);
  if (file.text.slice(goLineStart, goStatement.startIndex).trim() !== '') return [];
  const indent = file.lineAt(goStatement.startIndex).indent;
  const eol = file.text.slice(lineEnd, nextLineStart) || file.lines.eol;
  return [
    { start: goLineStart, end: goLineStart, newText: `${indent}${file.text.slice(addStatement.startIndex, lineEnd)}${eol}` },
    { start: lineStart, end: nextLineStart, newText: '' },
  ];
}

export default defineRule({
  meta: {
    id: 'waitgroup-add-in-goroutine',
    title: 'Call WaitGroup.Add before starting the goroutine',
    severity: 'warning',
    enabledByDefault: true,
    // `go func...` whose body calls .Add(. The rarer, plain `.Add(` is searched first
    // (in the whole text); `go func` then only in the declarations holding it.
    requiresText: [/\.Add\(/, new RegExp(`\\bgo${GAP}func\\b`)],
    anchor: { text: /\bgo\b/, depth: 1 },
    // Whether the file names WaitGroup anywhere decides a finding: its text, not its tree.
    scope: 'file',
    // Of trees, only its own declaration's.
    treeScope: 'own',
    tsAnalogy: 'pushing a promise into the Promise.all array from inside that promise',
  },
  doc,
  defaultOptions: {},
  query: `(go_statement (call_expression function: (func_literal) @literal))`,
  create(context) {
    const { file } = context;
    return {
      literal(literal) {
        if (!literal.text.includes('.Add(')) return; // fast path
        const first = statementsOf(literal.childForFieldName('body'))[0];
        if (first?.type !== 'expression_statement') return;
        const call = first.namedChildren[0];
        if (!call || call.type !== 'call_expression') return;
        const parts = callParts(call);
        if (!parts || parts.name !== 'Add' || !parts.receiver || parts.args.length !== 1) return;
        const receiver = parts.receiver.text;
        const goStatement = literal.parent!.parent!;
        if (!looksLikeWaitGroup(file, receiver, goStatement, literal)) return;
        if (identifiersNamed(parts.args[0]!, receiver).length) return;
        context.report({
          node: call,
          message: `${receiver}.Add runs inside the goroutine it counts, so ${receiver}.Wait can return before it: call ${receiver}.Add before the go statement.`,
          fixes: () => {
            const edits = moveAddBeforeGo(file, first, goStatement, literal);
            return edits.length ? [{ title: `Move ${receiver}.Add before the go statement`, edits, preferred: true }] : [];
          },
        });
      },
    };
  },
});
