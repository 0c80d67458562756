// The build's fast paths in web-tree-sitter's glue (src/tools/web-tree-sitter-fast-paths.mjs)
// change no result: the patched library the bundles hold and the library as published
// (loaded from node_modules, outside any bundle) give the same tree, node for node,
// for text with every kind of character, chunks longer than the parser's input
// buffer, and ranges, and the same descendants of each type; and a patch that no longer matches the library fails the build.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as TreeSitter from 'web-tree-sitter';
import { findPackageRoot, nodeGrammarSource } from '../../src/engine/grammar-files';
import { createGoParser } from '../../src/engine/parser';
import { propertyParameters } from '../robustness/edit-model';

type Library = typeof TreeSitter;

async function publishedParser(): Promise<TreeSitter.Parser> {
  const root = findPackageRoot();
  // A path computed at run time: esbuild leaves this require alone, so it loads the file as published.
  const load = createRequire(path.join(root, 'package.json'));
  const library = load(path.join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs')) as Library;
  const source = nodeGrammarSource();
  await library.Parser.init({ locateFile: () => source.runtimeWasm as string });
  const parser = new library.Parser();
  parser.setLanguage(await library.Language.load(source.goWasm));
  return parser;
}

/** Every node's type, range and flags, in document order. */
function shape(tree: TreeSitter.Tree): string[] {
  const rows: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    const node = cursor.currentNode;
    rows.push(`${node.type} ${node.startIndex}-${node.endIndex} ${node.startPosition.row}:${node.startPosition.column} ${node.isMissing ? 'missing' : ''}${node.hasError ? 'error' : ''}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return rows;
    }
  }
}

/** Type lists asked of descendantsOfType, whose symbols the patched library remembers: each asked twice, in two orders. */
const DESCENDANT_TYPES = [['identifier'], ['call_expression', 'ERROR'], ['ERROR', 'call_expression'], ['identifier'], ['no_such_type'], []];

function sameTrees(patched: TreeSitter.Parser, published: TreeSitter.Parser, text: string, ranges?: TreeSitter.Range[]): void {
  const a = patched.parse(text, null, ranges ? { includedRanges: ranges } : undefined)!;
  const b = published.parse(text, null, ranges ? { includedRanges: ranges } : undefined)!;
  try {
    assert.deepEqual(shape(a), shape(b), JSON.stringify(text.slice(0, 200)));
    for (const types of DESCENDANT_TYPES) {
      const found = (tree: TreeSitter.Tree) => tree.rootNode.descendantsOfType(types).map((node) => `${node!.type} ${node!.startIndex}-${node!.endIndex}`);
      assert.deepEqual(found(a), found(b), `${types.join(', ')} in ${JSON.stringify(text.slice(0, 200))}`);
    }
  } finally {
    a.delete();
    b.delete();
  }
}

describe('web-tree-sitter fast paths', () => {
  it('the bundled library is the patched one', () => {
    const bundle = fs.readFileSync(__filename, 'utf8');
    assert.match(bundle, /type === "i32"\) return HEAP_DATA_VIEW\.getInt32/);
    assert.match(bundle, /chunk\.write\(.*"utf16le"\)/);
  });

  it(`parses like the published library (${propertyParameters(300).numRuns} random texts)`, async () => {
    const patched = await createGoParser(nodeGrammarSource());
    const published = await publishedParser();
    const longLine = `package p\n\nvar s = "${'é😀'.repeat(3000)}"\n\nfunc f() { x := 1 }\n`;
    sameTrees(patched, published, longLine);
    sameTrees(patched, published, `package p\r\n\r\nfunc f() {\r\n\tx := "\uD800"\r\n}\r\n`.repeat(400));
    const pieces = fc.constantFrom('package p\n', 'func f() {', '}', '\n', '\r\n', 'x := "é"', '😀', '\uD800', '\uDC00', '`raw', '/*', '// c\n', 'a'.repeat(6000), 'ü'.repeat(2600), '{', ')');
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, { maxLength: 30 }), fc.nat(), fc.nat(), async (parts, a, b) => {
        const text = parts.join('');
        sameTrees(patched, published, text);
        if (text.length > 1) {
          const [start, end] = [a % text.length, b % text.length].sort((x, y) => x - y) as [number, number];
          // A range's rows and columns matter little here; its indices are what the parser reads by.
          const range = { startIndex: start, endIndex: end + 1, startPosition: { row: 0, column: 0 }, endPosition: { row: 0, column: 0 } };
          sameTrees(patched, published, text, [range]);
        }
      }),
      propertyParameters(300),
    );
    patched.delete();
    published.delete();
  });

  it('fails the build when a patch no longer matches the library', async () => {
    // Loaded at run time: the plugin is the build's own .mjs, not part of the test bundle.
    const url = pathToFileURL(path.join(findPackageRoot(), 'src', 'tools', 'web-tree-sitter-fast-paths.mjs')).href;
    const { applyPatches } = (await import(url)) as {
      applyPatches: (source: string, patches: { name: string; find: string; replace: string }[], file: string) => string;
    };
    const patch = { name: 'example', find: 'a()', replace: 'b()' };
    assert.equal(applyPatches('x; a(); y', [patch], 'lib.js'), 'x; b(); y');
    assert.throws(() => applyPatches('x; y', [patch], 'lib.js'), /"example" does not match lib\.js exactly once/);
    assert.throws(() => applyPatches('a(); a()', [patch], 'lib.js'), /exactly once/);
  });
});
