// Property: whatever an editor sends, the server's incremental path (DocumentStore:
// content changes applied to the text and, as tree-sitter edits, to the old tree;
// one reparse when the tree is needed) never throws, keeps the editor's text, and
//   - gives the findings an analysis of the final text from scratch gives;
//   - wherever the text parses cleanly, gives exactly the tree a fresh parse gives (the
//     S-expression and every node's range, row and column). Half the sessions end by
//     undoing every edit, with positions in the broken text of that moment, so they
//     end on valid Go and check the edit bookkeeping through every broken step;
//   - where the text has syntax errors, may differ from a fresh parse only rarely:
//     tree-sitter's error recovery does not promise the same recovery incrementally
//     (e.g. "Variadic()t,s..." then "[" typed after "(": the fresh parse reads the
//     final "..." as one token, the incremental one as "."), so the rate is measured
//     and bounded, and every tree must still be well formed.
// GO_FOR_TS_PROPERTY_RUNS=10000 runs ten times more; GO_FOR_TS_PROPERTY_SEED replays.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import type { Node, Tree } from 'web-tree-sitter';
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { ALL_RULES } from '../../src/rules';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore, type OpenDocument } from '../../src/server/documents';
import { pointAt, treeEditFor } from '../../src/server/tree-edit';
import { testEngine } from '../harness/engine';
import {
  batchesArbitrary,
  changesOf,
  DEFAULT_RUNS,
  editArbitrary,
  firstDifference,
  loadCorpus,
  propertyParameters,
  toChange,
  treeDump,
} from './edit-model';

const NO_CONTEXT = () => ({});

/** Every rule on, the off-by-default ones too: more code runs on each random text. */
const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;

/** The most broken-text comparisons (as a share) where incremental and fresh trees may differ. */
const MAX_ERROR_RECOVERY_DIVERGENCE = 0.01;

interface Tally {
  cleanComparisons: number;
  brokenComparisons: number;
  brokenDivergences: string[];
  undoSessions: number;
}

/** Children inside their parent, in order, not overlapping; the root inside the text. */
function assertWellFormed(tree: Tree, text: string, where: string): void {
  assert.ok(tree.rootNode.endIndex <= text.length, `${where}: the root ends inside the text`);
  const cursor = tree.walk();
  try {
    const stack: Node[] = [];
    let previousEnd = 0;
    for (;;) {
      const node = cursor.currentNode;
      const parent = stack[stack.length - 1];
      if (parent) {
        assert.ok(node.startIndex >= parent.startIndex && node.endIndex <= parent.endIndex, `${where}: ${node.type} outside its parent`);
        assert.ok(node.startIndex >= previousEnd, `${where}: ${node.type} overlaps its previous sibling`);
      }
      assert.ok(node.startIndex <= node.endIndex, `${where}: ${node.type} ends before it starts`);
      if (cursor.gotoFirstChild()) {
        stack.push(node);
        previousEnd = node.startIndex;
        continue;
      }
      previousEnd = node.endIndex;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
        previousEnd = stack.pop()!.endIndex;
      }
    }
  } finally {
    cursor.delete();
  }
}

function compareTrees(engine: Engine, document: OpenDocument, where: string, tally: Tally): void {
  const incremental = document.sourceFile(engine, NO_CONTEXT).tree;
  const fresh = engine.parse(document.text);
  try {
    assertWellFormed(incremental, document.text, `${where} (incremental)`);
    const expected = `${fresh.rootNode.toString()}\n${treeDump(fresh)}`;
    const actual = `${incremental.rootNode.toString()}\n${treeDump(incremental)}`;
    if (!fresh.rootNode.hasError) {
      tally.cleanComparisons++;
      if (expected !== actual) assert.fail(`${where}: the text parses cleanly, yet the incremental tree differs\n${firstDifference(expected, actual)}`);
    } else {
      tally.brokenComparisons++;
      if (expected !== actual) tally.brokenDivergences.push(`${where}\n${firstDifference(expected, actual)}`);
    }
  } finally {
    fresh.delete();
  }
}

function assertSameFindings(engine: Engine, document: OpenDocument, where: string): void {
  const incremental = engine.analyzer.analyze(document.sourceFile(engine, NO_CONTEXT), ALL_ON);
  const fresh = engine.analyzeText(document.text, { config: ALL_ON });
  assert.deepEqual(incremental.ruleErrors, [], `${where}: a rule threw on the edited text`);
  assert.deepEqual(fresh.ruleErrors, [], `${where}: a rule threw on the text parsed from scratch`);
  assert.deepEqual(incremental.findings, fresh.findings, `${where}: findings differ from a fresh analysis`);
}

describe('incremental edits (property)', () => {
  it(`random edit sessions on real Go files: findings, and trees wherever the text is valid, equal a fresh parse's (${propertyParameters(DEFAULT_RUNS).numRuns} runs)`, async () => {
    const engine = await testEngine();
    const files = loadCorpus();
    const started = Date.now();
    const tally: Tally = { cleanComparisons: 0, brokenComparisons: 0, brokenDivergences: [], undoSessions: 0 };
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), batchesArbitrary(files), fc.boolean(), (fileIndex, batches, undo) => {
        const base = files[fileIndex]!;
        const store = new DocumentStore();
        const uri = 'file:///property/edited.go';
        try {
          const document = store.open(uri, 'go', 1, base.text);
          document.sourceFile(engine, NO_CONTEXT); // the server parses on open
          let step = 0;
          for (const { changes, version, text, check } of changesOf(uri, base.text, batches, undo)) {
            step++;
            document.applyChanges(changes, version);
            assert.equal(document.text, text, `${base.name}, step ${step}: the text differs from the editor's`);
            if (check) compareTrees(engine, document, `${base.name}, step ${step}`, tally);
          }
          if (undo) {
            assert.equal(document.text, base.text, `${base.name}: undoing every edit gives the text back`);
            tally.undoSessions++;
          }
          compareTrees(engine, document, `${base.name}, final`, tally);
          assertSameFindings(engine, document, `${base.name}, final`);
        } finally {
          store.disposeAll();
        }
      }),
      propertyParameters(DEFAULT_RUNS),
    );
    const { cleanComparisons, brokenComparisons, brokenDivergences, undoSessions } = tally;
    console.log(
      `incremental edits: ${cleanComparisons} comparisons on valid text (all equal, ${undoSessions} sessions undone), ` +
        `${brokenComparisons} on broken text (${brokenDivergences.length} where error recovery differed), ${Date.now() - started} ms`,
    );
    assert.ok(cleanComparisons >= (propertyParameters(DEFAULT_RUNS).numRuns ?? DEFAULT_RUNS) / 4, `only ${cleanComparisons} comparisons on valid text`);
    assert.ok(
      brokenDivergences.length <= MAX_ERROR_RECOVERY_DIVERGENCE * brokenComparisons,
      `error recovery differed in ${brokenDivergences.length} of ${brokenComparisons} broken texts:\n${brokenDivergences.slice(0, 3).join('\n')}`,
    );
  });

  it('a text that turns valid again after a syntax error gets the tree a fresh parse gives (found by the property above)', async () => {
    // Breaking a line of loop-var-capture/basic.go and joining it again: the incremental
    // parse reused the broken tree's subtrees and read `use(v)` as a type conversion.
    const engine = await testEngine();
    const base = loadCorpus().find((file) => file.name === 'test/rules/loop-var-capture/basic.go');
    assert.ok(base, 'the testdata file is there');
    const store = new DocumentStore();
    try {
      const document = store.open('file:///regression.go', 'go', 1, base.text);
      document.sourceFile(engine, NO_CONTEXT);
      const at = (line: number, character: number) => ({ line, character });
      document.applyChanges(
        [
          { range: { start: at(22, 27), end: at(22, 27) }, text: '\n' },
          { range: { start: at(0, 0), end: at(0, 0) }, text: '\n' },
        ],
        2,
      );
      assert.ok(document.sourceFile(engine, NO_CONTEXT).tree.rootNode.hasError, 'the edit breaks the file');
      document.applyChanges(
        [
          { range: { start: at(0, 0), end: at(1, 0) }, text: '' },
          { range: { start: at(22, 27), end: at(23, 0) }, text: '' },
        ],
        3,
      );
      assert.equal(document.text, base.text);
      const tally: Tally = { cleanComparisons: 0, brokenComparisons: 0, brokenDivergences: [], undoSessions: 0 };
      compareTrees(engine, document, 'after the undo', tally);
      assert.equal(tally.cleanComparisons, 1);
    } finally {
      store.disposeAll();
    }
  });

  it(`every edit keeps the old tree's rows and columns true to the new text, before any reparse (${propertyParameters(DEFAULT_RUNS).numRuns} runs)`, async () => {
    // What the reparse relies on: tree-sitter shifts the nodes outside an edit by the
    // edit's points, so wrong points (a CRLF, a lone CR, an astral character miscounted)
    // leave nodes at rows and columns that are not where their indices are.
    const engine = await testEngine();
    const files = loadCorpus();
    const lineBreak = fc.constantFrom('\n', '\r\n', '\r', 'as is');
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), lineBreak, batchesArbitrary(files, 2), editArbitrary(files), (fileIndex, eol, before, spec) => {
        // Any line break style, lone CRs (old Mac files) included: rows count only \n.
        let text = eol === 'as is' ? files[fileIndex]!.text : files[fileIndex]!.text.replace(/\r?\n/g, eol);
        for (const step of changesOf('file:///edit.go', text, before)) text = step.text; // often broken: any text will do
        const document = TextDocument.create('file:///edit.go', 'go', 1, text);
        const change = toChange(spec, document);
        if (!('range' in change)) return; // a full replacement drops the tree
        const start = document.offsetAt(change.range.start);
        const end = Math.max(start, document.offsetAt(change.range.end));
        const after = TextDocument.update(document, [change], 2).getText();
        const tree = engine.parse(text);
        try {
          tree.edit(treeEditFor(text, start, end, change.text));
          const cursor = tree.walk();
          try {
            for (let more = true; more; ) {
              const node = cursor.currentNode;
              const outside = node.endIndex <= start || node.startIndex >= start + change.text.length;
              if (outside && node.startIndex <= after.length && node.endIndex <= after.length) {
                assert.deepEqual(node.startPosition, pointAt(after, node.startIndex), `${node.type} at ${node.startIndex}: start point`);
                assert.deepEqual(node.endPosition, pointAt(after, node.endIndex), `${node.type} ending at ${node.endIndex}: end point`);
              }
              if (cursor.gotoFirstChild()) continue;
              while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) {
                  more = false;
                  break;
                }
              }
            }
          } finally {
            cursor.delete();
          }
        } finally {
          tree.delete();
        }
      }),
      propertyParameters(DEFAULT_RUNS),
    );
  });
});
