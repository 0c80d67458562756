// Random editing sessions for the property tests: a real Go file to start from and
// batches of LSP content changes (insertions, deletions, pasted Go, unbalanced
// brackets, truncations, full replacements, CRLF, NUL, BOM, astral and lone-surrogate
// text, positions past the end). A change's positions are computed against the text
// as the earlier changes left it, as an editor computes them.
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import { findPackageRoot } from '../../src/engine/grammar-files';

export interface CorpusFile {
  /** Relative to the package root, for failure messages. */
  name: string;
  text: string;
}

function goFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return goFilesUnder(full);
    return entry.name.endsWith('.go') ? [full] : [];
  });
}

let corpus: CorpusFile[] | undefined;

/** test/workspace, every rule's testdata and test/robustness/corpus: real Go to start from. */
export function loadCorpus(): CorpusFile[] {
  if (corpus) return corpus;
  const root = findPackageRoot();
  const files = ['test/workspace', 'test/rules', 'test/robustness/corpus'].flatMap((dir) => goFilesUnder(path.join(root, dir)));
  corpus = files.sort().map((file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));
  if (corpus.length < 20) throw new Error(`the property corpus has only ${corpus.length} files`);
  return corpus;
}

// ---------------------------------------------------------------- how many runs

/** The in-process incremental property's default run count; GO_FOR_TS_PROPERTY_RUNS replaces it. */
export const DEFAULT_RUNS = 1000;

/**
 * Runs for a property whose default is `defaultRuns`, scaled by GO_FOR_TS_PROPERTY_RUNS
 * (the run count of the main property: 10000 makes every property ten times longer).
 */
export function scaledRuns(defaultRuns: number): number {
  const raw = process.env.GO_FOR_TS_PROPERTY_RUNS;
  const wanted = raw === undefined ? DEFAULT_RUNS : Number(raw);
  if (!Number.isFinite(wanted) || wanted < 1) throw new Error(`GO_FOR_TS_PROPERTY_RUNS must be a positive number, not "${raw}"`);
  return Math.max(1, Math.round((defaultRuns * wanted) / DEFAULT_RUNS));
}

/** fast-check parameters: the run count, and GO_FOR_TS_PROPERTY_SEED to replay a failure. */
export function propertyParameters(defaultRuns: number): fc.Parameters<unknown> {
  const seed = process.env.GO_FOR_TS_PROPERTY_SEED;
  return { numRuns: scaledRuns(defaultRuns), includeErrorInReport: true, ...(seed !== undefined ? { seed: Number(seed) } : {}) };
}

// ---------------------------------------------------------------- edits

/** Pieces that stress the lexer, the parser and position bookkeeping. */
const PIECES = [
  '\n', '\r\n', '\r', '\n\n\n', '\t', ' ', '{', '}', '(', ')', '[', ']', '"', '`', "'", '/*', '*/', '//', ';', ':=', ',',
  '\\', 'é', 'ß', '日本', '😀', '𝑥', '\u0000', '\uFEFF', '\u2028', '\u00A0', '\uD800', '\uDC00', '\uFFFD',
  'func ', 'package ', 'import "context"\n', 'if err != nil {', '} else {', 'go func() {', 'defer ', 'for {', 'select {',
  'ctx context.Context', 'return nil\n', '//nolint:context-first', 'x', '0x', '1e', '...',
];

const SCALE = 1_000_000;

export type EditKind = 'insert' | 'delete' | 'replace' | 'truncate' | 'full' | 'pastEnd';

export interface EditSpec {
  kind: EditKind;
  /** Where, as a fraction of the text (0..SCALE), so it fits whatever the text has become. */
  at: number;
  length: number;
  text: string;
}

export interface Batch {
  /** Changes of one didChange notification, applied in order. */
  edits: EditSpec[];
  /** Reparse and compare after this batch (else the next batch edits the stale tree again). */
  check: boolean;
}

/** A fragment of real Go: part of a corpus file, as a paste brings in. */
function pastedGo(files: readonly CorpusFile[]): fc.Arbitrary<string> {
  return fc.record({ file: fc.nat({ max: files.length - 1 }), at: fc.nat({ max: SCALE }), length: fc.integer({ min: 1, max: 300 }) }).map(
    ({ file, at, length }) => {
      const text = files[file]!.text;
      const start = Math.floor((at / SCALE) * text.length);
      return text.slice(start, start + length);
    },
  );
}

function insertedText(files: readonly CorpusFile[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((pieces) => pieces.join('')) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
    { weight: 3, arbitrary: pastedGo(files) },
  );
}

export function editArbitrary(files: readonly CorpusFile[]): fc.Arbitrary<EditSpec> {
  const kind = fc.constantFrom<EditKind>('insert', 'insert', 'insert', 'delete', 'delete', 'replace', 'replace', 'truncate', 'full', 'pastEnd');
  return fc.record({ kind, at: fc.nat({ max: SCALE }), length: fc.integer({ min: 0, max: 40 }), text: insertedText(files) });
}

export function batchesArbitrary(files: readonly CorpusFile[], maxBatches = 6): fc.Arbitrary<Batch[]> {
  return fc.array(fc.record({ edits: fc.array(editArbitrary(files), { minLength: 1, maxLength: 3 }), check: fc.boolean() }), {
    minLength: 1,
    maxLength: maxBatches,
  });
}

/** The LSP change `spec` makes to `document` (positions as the editor computes them). */
export function toChange(spec: EditSpec, document: TextDocument): TextDocumentContentChangeEvent {
  const text = document.getText();
  const start = Math.min(text.length, Math.floor((spec.at / SCALE) * (text.length + 1)));
  const end = Math.min(text.length, start + spec.length);
  const range = (from: number, to: number) => ({ start: document.positionAt(from), end: document.positionAt(to) });
  switch (spec.kind) {
    case 'insert':
      return { range: range(start, start), text: spec.text };
    case 'delete':
      return { range: range(start, end), text: '' };
    case 'replace':
      return { range: range(start, end), text: spec.text };
    case 'truncate':
      return { range: range(start, text.length), text: '' };
    case 'full':
      return { text: text.slice(0, start) + spec.text + text.slice(end) };
    case 'pastEnd':
      // A client whose idea of the document ends later than ours: LSP says clamp.
      return { range: { start: document.positionAt(start), end: { line: document.lineCount + 3, character: 9999 } }, text: spec.text };
  }
}

export interface Step {
  changes: TextDocumentContentChangeEvent[];
  version: number;
  /** The text after this step's changes. */
  text: string;
  check: boolean;
  /** This step takes back one of the session's earlier steps. */
  undo: boolean;
}

/** Where a change landed in the text before it, and what it replaced: enough to take it back. */
interface Applied {
  start: number;
  removed: string;
  inserted: string;
  full: boolean;
}

/**
 * Applies the batches to a shadow document, yielding each batch's changes and the text
 * after it. With `undo`, then takes every batch back, last first (as an editor's undo
 * does, with positions in the text of that moment), so the session ends on the text
 * it started from.
 */
export function* changesOf(uri: string, initial: string, batches: readonly Batch[], undo = false): Generator<Step> {
  let shadow = TextDocument.create(uri, 'go', 1, initial);
  const history: Applied[][] = [];
  const apply = (change: TextDocumentContentChangeEvent): Applied => {
    const before = shadow.getText();
    let applied: Applied;
    if ('range' in change) {
      const start = shadow.offsetAt(change.range.start);
      const end = Math.max(start, shadow.offsetAt(change.range.end));
      applied = { start, removed: before.slice(start, end), inserted: change.text, full: false };
    } else {
      applied = { start: 0, removed: before, inserted: change.text, full: true };
    }
    shadow = TextDocument.update(shadow, [change], shadow.version);
    return applied;
  };
  const step = (changes: TextDocumentContentChangeEvent[], check: boolean, isUndo: boolean): Step => {
    const version = shadow.version + 1;
    shadow = TextDocument.update(shadow, [], version);
    return { changes, version, text: shadow.getText(), check, undo: isUndo };
  };
  for (const batch of batches) {
    const changes: TextDocumentContentChangeEvent[] = [];
    const applied: Applied[] = [];
    for (const spec of batch.edits) {
      const change = toChange(spec, shadow);
      changes.push(change);
      applied.push(apply(change));
    }
    history.push(applied);
    yield step(changes, batch.check, false);
  }
  if (!undo) return;
  for (const applied of history.reverse()) {
    const changes: TextDocumentContentChangeEvent[] = [];
    for (const { start, removed, inserted, full } of [...applied].reverse()) {
      let change: TextDocumentContentChangeEvent;
      if (full) change = { text: removed };
      else {
        // LSP positions cannot point between the \r and \n of a CRLF: take the whole
        // line break into the range (and back into the replacement), as an editor would.
        const current = shadow.getText();
        let from = start;
        let to = start + inserted.length;
        let replacement = removed;
        while (splitsCharacter(current, from)) replacement = current[--from]! + replacement;
        while (splitsCharacter(current, to)) replacement += current[to++]!;
        change = { range: { start: shadow.positionAt(from), end: shadow.positionAt(to) }, text: replacement };
      }
      changes.push(change);
      apply(change);
    }
    yield step(changes, false, true);
  }
}

/** An offset between the \r and \n of a CRLF, or between the halves of a surrogate pair. */
function splitsCharacter(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

// ---------------------------------------------------------------- trees

/** Every node: type, missing/error flags, UTF-16 range and rows/columns, indented by depth. */
export function treeDump(tree: Tree): string {
  const lines: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  try {
    for (;;) {
      const node = cursor.currentNode;
      const { startPosition: s, endPosition: e } = node;
      const field = cursor.currentFieldName ? `${cursor.currentFieldName}: ` : '';
      const flags = `${node.isMissing ? ' MISSING' : ''}${node.hasError ? ' has-error' : ''}`;
      lines.push(`${' '.repeat(depth)}${field}${node.type}${flags} ${node.startIndex}-${node.endIndex} ${s.row}:${s.column}-${e.row}:${e.column}`);
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return lines.join('\n');
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The first line where two dumps differ, with a little context, for a readable failure. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  fresh:       ${a[i] ?? '(end)'}\n  incremental: ${b[i] ?? '(end)'}`;
  }
  return 'no difference';
}
