// Every quick fix (each finding's fixes, and the server's "Suppress <rule> for this
// line" edit) on every rule's testdata, on findings in random variations of valid Go
// files, and on findings made after random (breaking) edits: its edits stay inside
// the text, do not overlap, never split a surrogate pair or a CRLF; applied through
// LSP positions they give the same text as applied by offsets, and leave every
// character outside their ranges where it was. In a text that parses cleanly, the
// result re-parses with no new syntax error (in a text already broken, tree-sitter's
// error recovery can move errors around, so only the rest is checked). A suppression
// also silences what it names; on broken text a line Go's lexer reads as starting
// inside a raw string or block comment may get none (counted), in valid Go every
// finding gets one.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { GoCommentCursor } from '../../src/engine/go-comments';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { SourceFile } from '../../src/engine/source-file';
import type { Finding, TextEdit } from '../../src/engine/types';
import { ALL_RULES } from '../../src/rules';
import { rangeOf } from '../../src/server/diagnostics';
import { lineSuppressionEdit } from '../../src/server/suppress-edit';
import { analyzeWithRule, countErrorNodes } from '../harness/analysistest';
import { applyEdits } from '../harness/apply-edits';
import { testEngine } from '../harness/engine';
import { batchesArbitrary, changesOf, loadCorpus, propertyParameters } from './edit-model';

const VALID_RUNS = 500;
const BROKEN_RUNS = 400;

const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** An offset between the halves of a surrogate pair or between the \r and \n of a CRLF. */
function splitsACharacter(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (isHighSurrogate(before) && isLowSurrogate(after)) || (before === 13 && after === 10);
}

/**
 * Checks one fix's edits against `text`; returns the fixed text. `what` names the
 * fix in failure messages.
 */
function checkEdits(engine: Engine, text: string, edits: readonly TextEdit[], what: string, errorsBefore: number): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = 0;
  for (const edit of sorted) {
    assert.ok(Number.isInteger(edit.start) && Number.isInteger(edit.end), `${what}: offsets must be integers`);
    assert.ok(0 <= edit.start && edit.start <= edit.end && edit.end <= text.length, `${what}: edit ${edit.start}-${edit.end} is outside the text (0-${text.length})`);
    assert.ok(edit.start >= previousEnd, `${what}: edits overlap at ${edit.start}`);
    assert.ok(!splitsACharacter(text, edit.start) && !splitsACharacter(text, edit.end), `${what}: an edit boundary splits a character at ${edit.start}-${edit.end}`);
    previousEnd = edit.end;
  }
  const byOffsets = applyEdits(text, sorted);
  // What a client does with the code action: LSP positions, applied by the editor.
  const document = TextDocument.create('file:///fix.go', 'go', 1, text);
  const byPositions = TextDocument.applyEdits(
    document,
    sorted.map((edit) => ({ range: rangeOf(document, edit.start, edit.end), newText: edit.newText })),
  );
  assert.equal(byPositions, byOffsets, `${what}: applying through LSP positions gives another text`);
  // Everything outside the edited ranges is where it was, shifted by what the edits inserted.
  let shift = 0;
  let from = 0;
  for (const edit of [...sorted, { start: text.length, end: text.length, newText: '' }]) {
    const untouched = text.slice(from, edit.start);
    assert.equal(byPositions.slice(from + shift, from + shift + untouched.length), untouched, `${what}: text between ${from} and ${edit.start} changed`);
    shift += edit.newText.length - (edit.end - edit.start);
    from = edit.end;
  }
  assert.equal(byPositions.length, text.length + shift, `${what}: the fixed text has an unexpected length`);
  if (errorsBefore > 0) return byPositions;
  const errorsAfter = countErrorNodes(engine, byPositions);
  assert.ok(errorsAfter <= errorsBefore, `${what}: the fixed text has new syntax errors (${errorsBefore} -> ${errorsAfter}):\n${byPositions}`);
  return byPositions;
}

/** The line of `offset` once `edit` is applied (a suppression inserts at most one line, before or at it). */
function lineAfterEdit(text: string, offset: number, edit: TextEdit): number {
  const shifted = edit.start <= offset ? offset + edit.newText.length - (edit.end - edit.start) : offset;
  const fixed = applyEdits(text, [edit]);
  return TextDocument.create('file:///fix.go', 'go', 1, fixed).positionAt(shifted).line;
}

/** Every rule on, with fixes; a rule (or fix) that throws fails the test. */
function analyzer(engine: Engine): (text: string) => Finding[] {
  return (text) => {
    const result = engine.analyzeText(text, { config: ALL_ON, wantFixes: true });
    assert.deepEqual(result.ruleErrors, [], 'a rule (or its fix) threw');
    return result.findings;
  };
}

/** Top-level declarations of a file (functions, methods, types, vars, consts), as text. */
function declarationsOf(engine: Engine, text: string): string[] {
  const tree = engine.parse(text);
  try {
    return tree.rootNode.namedChildren
      .filter((node) => !!node && /_declaration$/.test(node.type) && node.type !== 'import_declaration')
      .map((node) => node!.text);
  } finally {
    tree.delete();
  }
}

/**
 * A clean corpus file varied without breaking it: declarations of other clean files
 * inserted between its own, comment lines (non-ASCII, astral) and blank lines at line
 * starts, and sometimes CRLF line endings throughout.
 */
function variationArbitrary(engine: Engine, clean: readonly { name: string; text: string }[]): fc.Arbitrary<{ name: string; text: string }> {
  const donors = clean.map((file) => declarationsOf(engine, file.text)).filter((list) => list.length > 0);
  const lineInsert = fc.constantFrom('\n', '// 日本語 😀 𝑥\n', '/* é */\n', '//nolint\n', '\t\n');
  return fc
    .record({
      file: fc.nat({ max: clean.length - 1 }),
      declarations: fc.array(fc.record({ donor: fc.nat(), which: fc.nat(), at: fc.nat() }), { maxLength: 3 }),
      lines: fc.array(fc.record({ at: fc.nat(), text: lineInsert }), { maxLength: 6 }),
      crlf: fc.boolean(),
    })
    .map(({ file, declarations, lines, crlf }) => {
      const base = clean[file]!;
      let text = base.text.replace(/\r\n/g, '\n');
      // Between top-level declarations: after a line that closes one at column 0.
      for (const { donor, which, at } of declarations) {
        const list = donors[donor % donors.length]!;
        const boundaries = [...text.matchAll(/^[})][^\n]*\n/gm)].map((match) => match.index! + match[0].length);
        if (boundaries.length === 0) break;
        const offset = boundaries[at % boundaries.length]!;
        text = `${text.slice(0, offset)}\n${list[which % list.length]!.replace(/\r\n/g, '\n')}\n${text.slice(offset)}`;
      }
      for (const { at, text: inserted } of lines) {
        const starts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index! + 1)].filter((start) => !insideRawString(text, start));
        const offset = starts[at % starts.length]!;
        text = text.slice(0, offset) + inserted + text.slice(offset);
      }
      if (crlf) text = text.replace(/\n/g, '\r\n');
      return { name: base.name, text };
    });
}

/** Whether a line start falls inside a raw string (where a comment line would change the string, not add a comment). */
function insideRawString(text: string, offset: number): boolean {
  let inside = false;
  let inLineComment = false;
  let inString = false;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (inLineComment) {
      if (c === '\n') inLineComment = false;
    } else if (inside) {
      if (c === '`') inside = false;
    } else if (inString) {
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') inString = false;
    } else if (c === '/' && text[i + 1] === '/') inLineComment = true;
    else if (c === '`') inside = true;
    else if (c === '"') inString = true;
  }
  return inside;
}

interface Checked {
  fixes: number;
  suppressions: number;
  /** Findings on a line no //nolint comment can cover without changing the code. */
  unsuppressible: number;
}

/** Whether the line of `offset` starts inside a comment or literal that began on an earlier line (Go's lexer view). */
function lineStartsInsideToken(text: string, offset: number): boolean {
  const document = TextDocument.create('file:///fix.go', 'go', 1, text);
  const lineStart = document.offsetAt({ line: document.positionAt(offset).line, character: 0 });
  const comments = new GoCommentCursor(text);
  comments.seek(lineStart);
  return comments.contains(lineStart);
}

/**
 * Every fix, and the suppression of the findings `suppress` picks (each costs an
 * analysis); `analyze` re-runs the analysis on a suppressed text.
 */
function checkFindings(
  engine: Engine,
  text: string,
  findings: readonly Finding[],
  where: string,
  analyze: (text: string) => Finding[],
  counts: Checked,
  suppress: (finding: Finding, index: number) => boolean = () => true,
): void {
  const errorsBefore = countErrorNodes(engine, text);
  const tree = engine.parse(text);
  try {
    const file = new SourceFile(text, tree);
    for (const [index, finding] of findings.entries()) {
      for (const fix of finding.fixes ?? []) {
        checkEdits(engine, text, fix.edits, `${where}: ${finding.rule} fix "${fix.title}"`, errorsBefore);
        counts.fixes++;
      }
      if (!suppress(finding, index)) continue;
      const edit = lineSuppressionEdit(file, finding.rule, finding.start);
      const what = `${where}: suppressing ${finding.rule} at ${finding.start}`;
      if (!edit) {
        // Only a line that starts inside a raw string or block comment from above can
        // lack a place for the directive (a line that starts in code can take one above).
        assert.ok(lineStartsInsideToken(text, finding.start), `${what}: no suppression edit for a line that starts in code:\n${text}`);
        counts.unsuppressible++;
        continue;
      }
      const suppressed = checkEdits(engine, text, [edit], what, errorsBefore);
      const line = lineAfterEdit(text, finding.start, edit);
      const lines = TextDocument.create('file:///fix.go', 'go', 1, suppressed);
      const still = analyze(suppressed).filter((f) => f.rule === finding.rule && lines.positionAt(f.start).line === line);
      assert.deepEqual(still.map((f) => f.message), [], `${what}: the suppression left the finding:\n${suppressed}`);
      counts.suppressions++;
    }
  } finally {
    tree.delete();
  }
}

describe('quick fixes (property)', () => {
  it('on every rule testdata case: stay in range, change nothing else, add no syntax error; suppressions silence', async () => {
    const engine = await testEngine();
    const root = findPackageRoot();
    const counts: Checked = { fixes: 0, suppressions: 0, unsuppressible: 0 };
    for (const rule of ALL_RULES) {
      const dir = path.join(root, 'test', 'rules', rule.meta.id);
      if (!fs.existsSync(dir)) continue;
      for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.go')).sort()) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        const findings = analyzeWithRule(engine, rule, text, true);
        checkFindings(engine, text, findings, `${rule.meta.id}/${name}`, (fixed) => analyzeWithRule(engine, rule, fixed), counts);
      }
    }
    assert.ok(counts.fixes > 20, `only ${counts.fixes} fixes were checked`);
    assert.equal(counts.unsuppressible, 0, 'a finding in valid testdata that no directive can cover');
    console.log(`quick fixes on testdata: ${counts.fixes} fixes and ${counts.suppressions} suppressions checked`);
  });

  it(`on findings in random variations of valid Go files (${propertyParameters(VALID_RUNS).numRuns} runs)`, async () => {
    const engine = await testEngine();
    const clean = loadCorpus().filter((file) => countErrorNodes(engine, file.text) === 0);
    const counts: Checked = { fixes: 0, suppressions: 0, unsuppressible: 0 };
    const analyze = analyzer(engine);
    fc.assert(
      fc.property(variationArbitrary(engine, clean), fc.nat(), ({ name, text }, pick) => {
        assert.equal(countErrorNodes(engine, text), 0, `${name}: the variation itself should parse cleanly:\n${text}`);
        const findings = analyze(text);
        checkFindings(engine, text, findings, `${name} (varied)`, analyze, counts, (_, index) => index === pick % Math.max(1, findings.length));
      }),
      propertyParameters(VALID_RUNS),
    );
    assert.ok(counts.fixes > 0, 'no fix was checked');
    assert.equal(counts.unsuppressible, 0, 'a finding in valid Go that no directive can cover');
    console.log(`quick fixes in valid variations: ${counts.fixes} fixes and ${counts.suppressions} suppressions checked`);
  });

  it(`on findings after random edits, with every rule on (${propertyParameters(BROKEN_RUNS).numRuns} runs)`, async () => {
    const engine = await testEngine();
    const files = loadCorpus();
    const counts: Checked = { fixes: 0, suppressions: 0, unsuppressible: 0 };
    const analyze = analyzer(engine);
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), batchesArbitrary(files, 3), fc.nat(), (fileIndex, batches, pick) => {
        const base = files[fileIndex]!;
        let text = base.text;
        for (const step of changesOf('file:///fix.go', base.text, batches)) text = step.text;
        const findings = analyze(text);
        checkFindings(engine, text, findings, `${base.name} after edits`, analyze, counts, (_, index) => index === pick % Math.max(1, findings.length));
      }),
      propertyParameters(BROKEN_RUNS),
    );
    console.log(
      `quick fixes after random edits: ${counts.fixes} fixes and ${counts.suppressions} suppressions checked, ${counts.unsuppressible} findings on lines no directive can cover`,
    );
  });
});
