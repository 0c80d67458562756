// Carrying a file's outline across an edit inside one function body
// (src/engine/body-edit.ts): when it is carried, it must be exactly what reading the
// new tree gives (declarations, imports, package facts), and every edit that can
// change the outline must not be carried.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '../../src/engine/config';
import { topLevelDeclarations } from '../../src/engine/declarations';
import { readImports } from '../../src/engine/imports';
import { extractFileFacts } from '../../src/engine/package-facts';
import { PackageIndex } from '../../src/engine/package-index';
import { SourceFile } from '../../src/engine/source-file';
import type { Finding } from '../../src/engine/types';
import { ALL_RULES } from '../../src/rules';
import { DocumentStore, type OpenDocument } from '../../src/server/documents';
import { PackageContext } from '../../src/server/package-context';
import { bodyKeystrokeRange } from '../harness/body-keystroke';
import { testEngine } from '../harness/engine';
import { loadCorpus, propertyParameters } from '../robustness/edit-model';

const ALL_ON = resolveConfig(ALL_RULES, Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]))).config;
const NO_CONTEXT = () => ({});

const SOURCE = `package shop

import (
	"context"
	"sync"
)

// Cart holds items.
type Cart struct {
	mu    sync.Mutex
	items map[string]int
}

func (c *Cart) Add(ctx context.Context, name string) {
	c.mu.Lock()
	c.items[name]++
	c.mu.Unlock()
}

func total(c Cart) int {
	n := 0 /* none yet */
	for _, count := range c.items {
		n += count
	}
	return n
}
`;

function edit(document: OpenDocument, start: number, end: number, text: string): void {
  const range = { start: document.document.positionAt(start), end: document.document.positionAt(end) };
  document.applyChanges([{ range, text }], document.version + 1);
}

/** What reading the tree afresh gives, to compare a carried outline with. */
function freshOutline(file: SourceFile): string {
  return JSON.stringify({
    declarations: topLevelDeclarations(file.root).map(({ type, start, end }) => ({ type, start, end })),
    imports: [...readImports(file.root).namesByPath],
  });
}

function carriedOutline(file: SourceFile): string {
  return JSON.stringify({
    declarations: file.declarations.map(({ type, start, end }) => ({ type, start, end })),
    imports: [...file.imports.namesByPath],
  });
}

describe('outline carried across an edit inside a function body', () => {
  const cases: { name: string; at: (text: string) => [number, number]; text: string; carried: boolean }[] = [
    { name: 'typing inside a body', at: (t) => at(t, 'n := 0', 0), text: 'x := 1\n\t', carried: true },
    { name: 'deleting inside a body', at: (t) => [t.indexOf('n += count'), t.indexOf('n += count') + 2], text: '', carried: true },
    { name: 'a half-typed statement', at: (t) => at(t, 'return n', 0), text: 'if n > 0 {', carried: false },
    { name: 'an edit of the closing brace', at: (t) => [t.lastIndexOf('}'), t.lastIndexOf('}') + 1], text: '', carried: false },
    { name: 'an edit of a signature', at: (t) => at(t, 'name string)', 4), text: 'd', carried: false },
    { name: 'an edit inside a type', at: (t) => at(t, 'items map', 0), text: 'all ', carried: false },
    { name: 'an edit of the imports', at: (t) => at(t, '"sync"', 1), text: 'x', carried: false },
    // Unclosed, it is no comment token to tree-sitter: an error inside the body.
    { name: 'an unclosed comment opened in a body', at: (t) => at(t, 'n += count', 0), text: '/*', carried: true },
    { name: 'a comment opened in a body, running into the next function', at: (t) => at(t, 'c.mu.Lock()', 0), text: '/*', carried: false },
    { name: 'a new function typed inside a body', at: (t) => at(t, 'n := 0', 0), text: '}\nfunc more() {\n\t', carried: false },
  ];
  for (const { name, at: where, text, carried } of cases) {
    it(`${name}: ${carried ? 'carried, and equal to a fresh reading' : 'not carried'}`, async () => {
      const engine = await testEngine();
      const store = new DocumentStore();
      const document = store.open('file:///carry/shop.go', 'go', 1, SOURCE);
      try {
        document.analyze(engine, document.sourceFile(engine, NO_CONTEXT), ALL_ON);
        const [start, end] = where(SOURCE);
        edit(document, start, end, text);
        const file = document.sourceFile(engine, NO_CONTEXT);
        assert.equal(file.outlineCarried, carried);
        assert.equal(carriedOutline(file), freshOutline(file));
        // The lazily fetched nodes are the new tree's.
        for (const declaration of file.declarations) {
          assert.equal(declaration.node.startIndex, declaration.start);
          assert.equal(declaration.node.endIndex, declaration.end);
          assert.equal(declaration.node.type, declaration.type);
        }
      } finally {
        store.disposeAll();
      }
    });
  }

  it('is not carried from a file whose declarations were never listed before the edit', async () => {
    const engine = await testEngine();
    const store = new DocumentStore();
    const document = store.open('file:///carry/unlisted.go', 'go', 1, SOURCE);
    try {
      document.sourceFile(engine, NO_CONTEXT); // parsed, never analysed
      const [start] = at(SOURCE, 'n := 0', 0);
      edit(document, start, start, 'y := 2\n\t');
      const file = document.sourceFile(engine, NO_CONTEXT);
      assert.equal(file.outlineCarried, false);
      assert.equal(carriedOutline(file), freshOutline(file));
    } finally {
      store.disposeAll();
    }
  });
});

describe('typing inside bodies with a package around the file', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-carry-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the findings and package facts of a fresh reading, and carries the outline on most keystrokes', async () => {
    const engine = await testEngine();
    const corpus = loadCorpus();
    let carried = 0;
    let keystrokes = 0;
    const typing = fc.record({
      fn: fc.nat(),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.integer({ min: 0, max: 2 }),
      text: fc.constantFrom('x', ' ', '\n', '(', ')', '{', '}', '"', '`', ':=', 'nil', 'err', 'return ', 'defer ', 'mu.Lock()', 'func() {', '.', '//', '/*', ''),
    });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), fc.array(typing, { minLength: 1, maxLength: 15 }), async (index, keys) => {
        const { name, text } = corpus[index]!;
        const filePath = path.join(dir, `case${index}`, 'main.go');
        fs.mkdirSync(path.dirname(filePath), { recursive: true });
        // A sibling whose type holds a lock: the package's facts are not the file's alone.
        fs.writeFileSync(path.join(path.dirname(filePath), 'guard.go'), `package ${packageName(text)}\n\nimport "sync"\n\ntype Guard struct{ mu sync.Mutex }\n`);
        const guardPath = path.join(path.dirname(filePath), 'guard.go');
        const guardTree = engine.parse(fs.readFileSync(guardPath, 'utf8'));
        const guardFacts = extractFileFacts(guardTree.rootNode);
        guardTree.delete();
        const packages = new PackageContext(engine, () => {});
        await packages.indexSiblingsOf(filePath);
        const context = packages.contextFor(filePath);
        const store = new DocumentStore();
        const document = store.open(pathToFileURL(filePath).href, 'go', 1, text);
        try {
          document.analyze(engine, document.sourceFile(engine, context), ALL_ON);
          for (const key of keys) {
            const before = document.sourceFile(engine, context);
            const range = bodyKeystrokeRange(before, key);
            if (!range) return;
            edit(document, range[0], range[1], key.text);
            const file = document.sourceFile(engine, context);
            keystrokes++;
            if (file.outlineCarried) {
              carried++;
              assert.equal(file.packageFacts, before.packageFacts, `${name}: a carried outline keeps the package's facts object`);
            }
            assert.equal(carriedOutline(file), freshOutline(file), `${name}: ${JSON.stringify(key)}`);
            const incremental = document.analyze(engine, file, ALL_ON);
            const index = new PackageIndex();
            index.updateFile(guardPath, guardFacts);
            index.updateFile(filePath, extractFileFacts(file.root));
            const fresh = engine.analyzer.analyze(new SourceFile(file.text, file.tree, file.goVersion, index.factsForFile(filePath)), ALL_ON);
            assert.deepEqual(comparable(incremental.findings), comparable(fresh.findings), `${name}: ${JSON.stringify(key)}`);
          }
        } finally {
          store.disposeAll();
        }
      }),
      propertyParameters(100),
    );
    assert.ok(carried > keystrokes / 4, `only ${carried} of ${keystrokes} keystrokes carried the outline`);
    console.log(`typing with a package: ${keystrokes} keystrokes, ${carried} carried the outline`);
  });
});

function at(text: string, anchor: string, offset: number): [number, number] {
  const found = text.indexOf(anchor);
  assert.ok(found >= 0, anchor);
  return [found + offset, found + offset];
}

function packageName(text: string): string {
  return /^package\s+(\w+)/m.exec(text)?.[1] ?? 'main';
}

function comparable(findings: readonly Finding[]): string[] {
  return findings.map((finding) => JSON.stringify(finding));
}
