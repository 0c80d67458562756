// The Go lexer's view of comments and literals (src/engine/go-comments.ts): where
// each starts and ends as Go's scanner reads it, on any text. Checked by examples,
// against a plain one-character-at-a-time reference lexer on random text, and
// against tree-sitter's comments and literals on every corpus file that parses.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { GoCommentCursor, type GoTokenKind } from '../../src/engine/go-comments';
import { countErrorNodes } from '../harness/analysistest';
import { testEngine } from '../harness/engine';
import { loadCorpus, propertyParameters } from '../robustness/edit-model';

type Token = [kind: GoTokenKind, text: string, closed: boolean];

function tokens(text: string): Token[] {
  const cursor = new GoCommentCursor(text);
  const result: Token[] = [];
  while (cursor.next()) result.push([cursor.kind!, text.slice(cursor.start, cursor.end), cursor.closed]);
  return result;
}

function spans(text: string): [GoTokenKind, number, number, boolean][] {
  const cursor = new GoCommentCursor(text);
  const result: [GoTokenKind, number, number, boolean][] = [];
  while (cursor.next()) result.push([cursor.kind!, cursor.start, cursor.end, cursor.closed]);
  return result;
}

/**
 * The reference: Go's scanner rules written as plainly as possible, one character
 * at a time, for the random comparison.
 */
function referenceSpans(text: string): [GoTokenKind, number, number, boolean][] {
  const result: [GoTokenKind, number, number, boolean][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (c === '/' && text[i + 1] === '/') {
      i += 2;
      while (i < text.length && text[i] !== '\n') i++;
      result.push(['line-comment', start, i, false]);
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      const closed = i < text.length;
      i = closed ? i + 2 : text.length;
      result.push(['block-comment', start, i, closed]);
    } else if (c === '`') {
      i++;
      while (i < text.length && text[i] !== '`') i++;
      const closed = i < text.length;
      if (closed) i++;
      result.push(['raw-string', start, i, closed]);
    } else if (c === '"' || c === "'") {
      i++;
      let closed = false;
      while (i < text.length) {
        if (text[i] === '\n') break;
        if (text[i] === c) {
          i++;
          closed = true;
          break;
        }
        if (text[i] === '\\' && i + 1 < text.length && text[i + 1] !== '\n') i++;
        i++;
      }
      result.push([c === '"' ? 'string' : 'rune', start, i, closed]);
    } else i++;
  }
  return result;
}

describe('Go comment lexer', () => {
  it('reads a "//" inside a string as text, and the comment after it as a comment', () => {
    assert.deepEqual(tokens('x := "http://a" // c\n'), [
      ['string', '"http://a"', true],
      ['line-comment', '// c', false],
    ]);
    assert.deepEqual(tokens("r := '/' / 2 // c"), [
      ['rune', "'/'", true],
      ['line-comment', '// c', false],
    ]);
  });

  it('runs a raw string over lines, comment markers included', () => {
    assert.deepEqual(tokens('s := `one\n// two /* three\n` // four\n'), [
      ['raw-string', '`one\n// two /* three\n`', true],
      ['line-comment', '// four', false],
    ]);
  });

  it('ends an unterminated string or rune before the line break, as Go does', () => {
    assert.deepEqual(tokens('x := "abc\n// c\n'), [
      ['string', '"abc', false],
      ['line-comment', '// c', false],
    ]);
    assert.deepEqual(tokens("r := 'a\n/* c */"), [
      ['rune', "'a", false],
      ['block-comment', '/* c */', true],
    ]);
    // A backslash does not carry a literal over the line break either.
    assert.deepEqual(tokens('x := "abc\\\n// c'), [
      ['string', '"abc\\', false],
      ['line-comment', '// c', false],
    ]);
  });

  it('runs an unterminated raw string or block comment to the end of the text', () => {
    assert.deepEqual(tokens('s := `abc\n// c\n'), [['raw-string', '`abc\n// c\n', false]]);
    assert.deepEqual(tokens('/* abc\n// c "d'), [['block-comment', '/* abc\n// c "d', false]]);
    assert.deepEqual(tokens('x /*/ y'), [['block-comment', '/*/ y', false]]);
    assert.deepEqual(tokens('x := "abc'), [['string', '"abc', false]]);
  });

  it('takes a double quote in a rune, and escaped quotes, as part of the literal', () => {
    assert.deepEqual(tokens(`q := '"' // c`), [
      ['rune', `'"'`, true],
      ['line-comment', '// c', false],
    ]);
    assert.deepEqual(tokens(`q := '\\'' + "a\\"b" + "c\\\\" // d`), [
      ['rune', `'\\''`, true],
      ['string', '"a\\"b"', true],
      ['string', '"c\\\\"', true],
      ['line-comment', '// d', false],
    ]);
  });

  it('tells division from comments', () => {
    assert.deepEqual(tokens('a := b / c /* d */ / e'), [['block-comment', '/* d */', true]]);
    assert.deepEqual(tokens('a := b/c/d'), []);
  });

  it('ends a line comment at \\n only: a CRLF\'s \\r is in it, a lone \\r does not end it', () => {
    assert.deepEqual(tokens('// a\r\nx := 1'), [['line-comment', '// a\r', false]]);
    assert.deepEqual(tokens('// a\rx := "b"\n"c"'), [
      ['line-comment', '// a\rx := "b"', false],
      ['string', '"c"', true],
    ]);
    assert.deepEqual(tokens('x := "abc\r\n// c'), [
      ['string', '"abc\r', false],
      ['line-comment', '// c', false],
    ]);
  });

  it('takes any character: NUL, lone surrogates, astral characters, a BOM', () => {
    assert.deepEqual(tokens('// a\u0000b\nx := "\u0000" /* \uD800 */ `\uDC00` // 😀\uD83D'), [
      ['line-comment', '// a\u0000b', false],
      ['string', '"\u0000"', true],
      ['block-comment', '/* \uD800 */', true],
      ['raw-string', '`\uDC00`', true],
      ['line-comment', '// 😀\uD83D', false],
    ]);
    assert.deepEqual(spans('\uFEFF// c'), [['line-comment', 1, 5, false]]);
    assert.deepEqual(tokens(''), []);
    assert.deepEqual(tokens('"\\'), [['string', '"\\', false]]);
  });

  it('seeks forward to the token that text inserted at an offset would join or precede', () => {
    const text = 'a := "bc" // d\ne := `f\ng`';
    const cursor = new GoCommentCursor(text);
    assert.ok(cursor.seek(0));
    assert.equal(cursor.kind, 'string');
    assert.equal(cursor.contains(0), false);
    assert.equal(cursor.contains(5), false, 'before the opening quote');
    assert.ok(cursor.seek(6));
    assert.equal(cursor.contains(6), true);
    // Just past a closed string: outside it, so the cursor moves on to the comment.
    assert.ok(cursor.seek(9));
    assert.equal(cursor.kind, 'line-comment');
    assert.equal(cursor.contains(9), false);
    // At the end of a line comment (before its \n): inserted text would extend it.
    assert.ok(cursor.seek(14));
    assert.equal(cursor.kind, 'line-comment');
    assert.equal(cursor.contains(14), true);
    assert.ok(cursor.seek(15));
    assert.equal(cursor.kind, 'raw-string');
    assert.equal(cursor.contains(15), false);
    assert.ok(cursor.seek(23));
    assert.equal(cursor.contains(23), true, 'inside the raw string, on its second line');
    assert.equal(cursor.seek(text.length), false, 'nothing after the closed raw string');
    assert.equal(cursor.kind, null);
    // An unclosed token at the end of the text takes what is inserted at its end.
    const open = new GoCommentCursor('x := `abc');
    assert.ok(open.seek(9));
    assert.equal(open.contains(9), true);
  });

  it(`agrees with a one-character-at-a-time reference on random text (${propertyParameters(2000).numRuns} runs)`, () => {
    const pieces = fc.constantFrom('/', '*', '//', '/*', '*/', '"', "'", '`', '\\', '\n', '\r', '\r\n', 'a', ' ', '\u0000', '\uD800', '😀', '\uFEFF');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(spans(text), referenceSpans(text));
      }),
      propertyParameters(2000),
    );
  });

  it('tells, offset by offset going forward, whether a character belongs to a comment or literal', () => {
    const pieces = fc.constantFrom('/', '*', '//', '/*', '*/', '"', "'", '`', '\\', '\n', 'a', ' ', '{', '}');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.nat({ max: 3 }), (parts, stride) => {
        const text = parts.join('');
        const inside = new Set(spans(text).flatMap(([, start, end]) => Array.from({ length: end - start }, (_, i) => start + i)));
        const cursor = new GoCommentCursor(text);
        for (let at = 0; at < text.length; at += stride + 1) assert.equal(cursor.holds(at), inside.has(at), `${JSON.stringify(text)} at ${at}`);
      }),
      propertyParameters(500),
    );
  });

  it('finds exactly the comments and literals tree-sitter finds in every corpus file that parses', async () => {
    const engine = await testEngine();
    const kinds: Record<string, GoTokenKind> = {
      interpreted_string_literal: 'string',
      raw_string_literal: 'raw-string',
      rune_literal: 'rune',
    };
    let files = 0;
    for (const { name, text } of loadCorpus()) {
      if (countErrorNodes(engine, text) > 0) continue;
      const tree = engine.parse(text);
      try {
        const expected = tree.rootNode
          .descendantsOfType(['comment', ...Object.keys(kinds)])
          .map((node) => [node!.type === 'comment' ? (node!.text.startsWith('//') ? 'line-comment' : 'block-comment') : kinds[node!.type]!, node!.startIndex, node!.endIndex]);
        assert.deepEqual(
          spans(text).map(([kind, start, end]) => [kind, start, end]),
          expected,
          name,
        );
        files++;
      } finally {
        tree.delete();
      }
    }
    assert.ok(files > 20, `only ${files} clean corpus files`);
  });
});
