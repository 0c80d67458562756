// The "Suppress <rule> for this line" edit, in the form golangci-lint and our own
// engine both honour: a `//nolint:<id>` comment that STARTS a comment on the
// finding's line (a directive in the middle of a comment is just text to both).
//   f(x)                      -> f(x) //nolint:id
//   f(x) // why               -> f(x) //nolint:id // why        (golangci's "reason" form)
//   f(x) //nolint:other       -> f(x) //nolint:other,id
//   f(x) //nolint:other // why -> f(x) //nolint:other,id // why
// When the line cannot take a trailing comment (its end is inside a raw string or
// a block comment that goes on, inside a syntax error such as an unclosed string
// that would swallow the comment, or it ends with another tool's directive such as
// //go:embed or //lint:ignore, or a nolint list followed by other words, which
// neither golangci-lint nor we would read as a list), the directive goes alone on
// the line above, which covers the line below it.
import type { SourceFile } from '../engine/source-file';
import type { TextEdit } from '../engine/types';

/** A nolint list that ends the comment or is followed by a `// reason`: the only kind a rule can be added to. */
const NOLINT_LIST = /^\/\/\s?nolint:([\w-]+(?:\s*,\s*[\w-]+)*)(?=\s*(?:\/\/|$))/;
const OTHER_DIRECTIVE = /^\/\/(?:\s?nolint\b|[a-z]+:\S|line |export )/;

export function suppressionEdit(file: SourceFile, ruleId: string, findingStart: number): TextEdit {
  const { line } = file.lines.positionAt(findingStart);
  const lineStart = file.lines.lineStart(line);
  const lineText = file.text.slice(lineStart, file.lines.lineEnd(line));
  const contentEnd = lineStart + lineText.trimEnd().length;
  const directive = `//nolint:${ruleId}`;
  const above: TextEdit = {
    start: lineStart,
    end: lineStart,
    newText: `${/^[\t ]*/.exec(lineText)![0]}${directive}${file.lines.eol}`,
  };
  if (contentEnd === lineStart) return above;

  const last = file.root.descendantForIndex(contentEnd - 1, contentEnd);
  // A token that runs past the end of this line (raw string, /* … */ going on), or a
  // syntax error the line ends in (what follows may be read as part of it).
  const trailingUnsafe = (node: typeof last | null): boolean => {
    for (; node; node = node.parent) {
      if (node.startIndex < contentEnd && node.endIndex > contentEnd && isToken(node.type)) return true;
      if (node.type === 'ERROR' || node.isMissing) return true;
    }
    return false;
  };
  if (trailingUnsafe(last) && !startsInsideToken(file, lineStart)) return above;
  if (last?.type === 'comment' && last.endIndex === contentEnd && last.text.startsWith('//')) {
    // A comment alone on the line: a directive there would cover the next line.
    if (lineText.trimStart().startsWith(last.text)) return above;
    const comment = last.text;
    const list = NOLINT_LIST.exec(comment);
    if (list) {
      const at = last.startIndex + list[0].length;
      return { start: at, end: at, newText: `,${ruleId}` };
    }
    if (OTHER_DIRECTIVE.test(comment)) return above;
    // `// reason` becomes the reason of the directive: `//nolint:id // reason`.
    return { start: last.startIndex, end: last.startIndex, newText: `${directive} ` };
  }
  return { start: contentEnd, end: contentEnd, newText: ` ${directive}` };
}

/** The line starts inside a multi-line token, where a directive above would be part of it. */
function startsInsideToken(file: SourceFile, lineStart: number): boolean {
  if (lineStart === 0) return false;
  for (let node: ReturnType<typeof file.root.descendantForIndex> | null = file.root.descendantForIndex(lineStart - 1, lineStart); node; node = node.parent) {
    if (node.startIndex < lineStart && node.endIndex > lineStart && isToken(node.type)) return true;
  }
  return false;
}

function isToken(type: string): boolean {
  return type === 'comment' || type === 'raw_string_literal' || type === 'interpreted_string_literal';
}
