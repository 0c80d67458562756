// In-source silencing, with the conventions Go developers already use:
//   //nolint                       every rule
//   //nolint:rule-a,rule-b          named rules (golangci-lint)
//   //lint:ignore rule-a reason     named rules (staticcheck)
//   //lint:file-ignore rule-a reason   named rules, whole file (staticcheck)
// A comment at the end of a line covers that line; a comment alone on its line
// covers the line below it. A directive counts where Go's lexer starts a `//`
// comment (not inside a string, a raw string or a block comment, nor in the middle
// of another comment), decided from the text alone (go-comments.ts): a tree-sitter
// tree that recovered from a syntax error may read a comment as part of an error or
// a string, and the "Suppress for this line" edit, placed by the lexer, must be
// honoured on broken text too. A comment the tree sees counts as well (see scan).
import type { Tree } from 'web-tree-sitter';
import { GoCommentCursor } from './go-comments';
import type { LineIndex } from './lines';

const DIRECTIVE = /\/\/\s?(nolint\b(?::[\w,\- ]+)?|lint:(?:file-)?ignore\s+[\w,\-]+)/g;

export class Suppressions {
  private readonly byLine = new Map<number, Set<string> | 'all'>();
  private readonly fileWide = new Set<string>();

  static none(): Suppressions {
    return new Suppressions();
  }

  static scan(text: string, tree: Tree, lines: LineIndex): Suppressions {
    const result = new Suppressions();
    if (!text.includes('lint')) return result; // fast path: most files have no directive
    // One forward pass: the matches come in order, so the cursor never goes back.
    const comments = new GoCommentCursor(text);
    DIRECTIVE.lastIndex = 0;
    for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
      comments.seek(match.index);
      // Only a comment that starts here counts: a "//nolint" inside a string literal is
      // text. While a raw string or block comment is left open (half-typed), Go reads
      // the rest of the file as inside it, but tree-sitter reads on as code and the
      // findings come from its tree: a comment it sees counts too, so the directives
      // below do not stop working until the literal is closed.
      const lexerComment = comments.kind === 'line-comment' && comments.start === match.index;
      if (!lexerComment && !isTreeComment(tree, match.index)) continue;
      result.add(match[1]!, match.index, text, lines);
    }
    return result;
  }

  private add(directive: string, offset: number, text: string, lines: LineIndex): void {
    let rules: Set<string> | 'all';
    if (directive.startsWith('nolint')) {
      const list = directive.slice('nolint'.length).replace(/^:/, '');
      rules = list ? new Set(splitRuleList(list)) : 'all';
    } else {
      const [, list = ''] = directive.split(/\s+/);
      rules = new Set(splitRuleList(list));
      if (directive.startsWith('lint:file-ignore')) {
        for (const rule of rules) this.fileWide.add(rule);
        return;
      }
    }
    const { line, character } = lines.positionAt(offset);
    const before = text.slice(lines.lineStart(line), lines.lineStart(line) + character);
    const target = before.trim() === '' ? line + 1 : line;
    const existing = this.byLine.get(target);
    if (existing === 'all' || rules === 'all') this.byLine.set(target, 'all');
    else this.byLine.set(target, new Set([...(existing ?? []), ...rules]));
  }

  /** No directive at all (most files): nothing to look up. */
  get isEmpty(): boolean {
    return this.byLine.size === 0 && this.fileWide.size === 0;
  }

  isSuppressed(rule: string, line: number): boolean {
    if (this.fileWide.has(rule)) return true;
    const rules = this.byLine.get(line);
    return rules === 'all' || (rules !== undefined && rules.has(rule));
  }
}

function isTreeComment(tree: Tree, offset: number): boolean {
  const node = tree.rootNode.descendantForIndex(offset, offset + 2);
  return node?.type === 'comment' && node.startIndex === offset;
}

function splitRuleList(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}
