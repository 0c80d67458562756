// Hover cards: the right card at every marked position of test/cards/fixture.go,
// nothing in comments, strings or unrelated code, packages resolved through imports,
// and every card's snippets valid Go and valid TypeScript.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { allCards, cardAt, cardMatchAt, renderCard } from '../src/cards';
import { SourceFile } from '../src/engine/source-file';
import { findPackageRoot } from '../src/engine/grammar-files';
import { parsesAs } from './cards/go-source';
import { typeCheck } from './cards/typecheck';
import { testEngine } from './harness/engine';

const root = findPackageRoot();
const fixturePath = path.join(root, 'test', 'cards', 'fixture.go');

async function sourceFile(text: string): Promise<SourceFile> {
  const engine = await testEngine();
  return new SourceFile(text, engine.parse(text));
}

interface Marker {
  line: number;
  needle: string;
  offset: number;
  expected: string | null;
}

/** `// hover: needle => id; needle@2 => none` comments: a hover mid-needle and the card it must show. */
function readMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  let lineStart = 0;
  text.split('\n').forEach((line, index) => {
    const at = line.lastIndexOf('// hover:');
    if (at >= 0) {
      const code = line.slice(0, at);
      for (const entry of line.slice(at + '// hover:'.length).split(';')) {
        const [rawNeedle, rawId] = entry.split('=>').map((part) => part.trim());
        assert.ok(rawNeedle && rawId, `line ${index + 1}: cannot read marker ${JSON.stringify(entry)}`);
        const [needle, nth] = rawNeedle.split(/@(?=\d+$)/) as [string, string | undefined];
        let position = -1;
        for (let count = Number(nth ?? '1'); count > 0; count--) position = code.indexOf(needle, position + 1);
        assert.ok(position >= 0, `line ${index + 1}: "${rawNeedle}" not found before the marker`);
        markers.push({
          line: index + 1,
          needle: rawNeedle,
          offset: lineStart + position + Math.floor(needle.length / 2),
          expected: rawId === 'none' ? null : rawId,
        });
      }
    }
    lineStart += line.length + 1;
  });
  return markers;
}

function nodesOfType(node: Node, types: ReadonlySet<string>, found: Node[] = []): Node[] {
  if (types.has(node.type)) found.push(node);
  else for (const child of node.children) if (child) nodesOfType(child, types, found);
  return found;
}

describe('hover cards', () => {
  it('has at least 40 well-formed cards, each in a file named after its id', () => {
    const cards = allCards();
    assert.ok(cards.length >= 40, `only ${cards.length} cards`);
    const files = fs.readdirSync(path.join(root, 'src', 'cards', 'catalog')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    assert.deepEqual(cards.map((card) => `${card.id}.md`).sort(), files.sort());
    for (const card of cards) {
      assert.ok(!card.title.includes('\n') && card.title.length <= 90, `${card.id}: title must be one short line`);
      assert.match(card.link, /^https:\/\/(go\.dev|pkg\.go\.dev)\//, `${card.id}: link`);
    }
  });

  it('shows the expected card at every marked position of the fixture', async () => {
    const text = fs.readFileSync(fixturePath, 'utf8');
    const file = await sourceFile(text);
    const wrong: string[] = [];
    for (const marker of readMarkers(text)) {
      const actual = cardMatchAt(file, marker.offset)?.card.id ?? null;
      if (actual !== marker.expected) {
        wrong.push(`fixture.go:${marker.line} "${marker.needle}": expected ${marker.expected ?? 'none'}, got ${actual ?? 'none'}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has a positive hover position in the fixture for every card', () => {
    const covered = new Set(readMarkers(fs.readFileSync(fixturePath, 'utf8')).map((marker) => marker.expected));
    const missing = allCards().filter((card) => !covered.has(card.id)).map((card) => card.id);
    assert.deepEqual(missing, []);
  });

  it('never shows a card anywhere inside a comment or a string literal', async () => {
    const text = fs.readFileSync(fixturePath, 'utf8');
    const file = await sourceFile(text);
    const quiet = nodesOfType(file.root, new Set(['comment', 'interpreted_string_literal', 'raw_string_literal', 'rune_literal']));
    assert.ok(quiet.length > 100, 'the fixture has comments and strings to probe');
    const leaks: string[] = [];
    for (const node of quiet) {
      for (let offset = node.startIndex; offset < node.endIndex; offset++) {
        const match = cardMatchAt(file, offset);
        if (match) leaks.push(`${node.type} at ${offset}: ${match.card.id}`);
      }
    }
    assert.deepEqual(leaks.slice(0, 5), []);
  });

  it('resolves package names through the imports: aliases yes, look-alike local packages no', async () => {
    const aliased = await sourceFile(
      'package p\n\nimport ctxpkg "context"\n\nfunc f(parent ctxpkg.Context) {\n\tctx, cancel := ctxpkg.WithTimeout(parent, 1)\n\t_, _ = ctx, cancel\n}\n',
    );
    const offset = aliased.text.indexOf('WithTimeout') + 2;
    assert.equal(cardMatchAt(aliased, offset)?.card.id, 'context-with-timeout');
    assert.match(cardAt(aliased, offset, 'full')!, /`ctxpkg` is the package `context`/);

    const impostor = await sourceFile(
      'package p\n\nimport "example.com/lib/context"\n\nfunc f() {\n\tctx, cancel := context.WithTimeout(nil, 1)\n\t_, _ = ctx, cancel\n}\n',
    );
    assert.equal(cardMatchAt(impostor, impostor.text.indexOf('WithTimeout') + 2), null);
    assert.equal(cardMatchAt(impostor, impostor.text.indexOf('context.With') + 2), null);

    const unimported = await sourceFile('package p\n\nfunc f() {\n\tsync.WaitGroup{}.Wait()\n}\n');
    assert.equal(cardMatchAt(unimported, unimported.text.indexOf('WaitGroup') + 2), null);
  });

  it('shows nothing on unrelated identifiers, literals and punctuation', async () => {
    const file = await sourceFile('package p\n\nfunc f(a, b int) int {\n\ttotal := a + b*2\n\treturn total\n}\n');
    for (const needle of ['a, b', 'b*2', '2\n', 'total\n', '+', 'return', '(a']) {
      const offset = file.text.indexOf(needle);
      assert.equal(cardMatchAt(file, offset)?.card.id ?? null, null, `"${needle}" should have no card`);
    }
  });

  it('explains method receivers whose type the declarations show, and only those', async () => {
    const file = await sourceFile(
      'package p\n\nimport "sync"\n\ntype cache struct{ mu sync.Mutex }\n\nfunc (c *cache) get(lock interface{ Lock() }) {\n\tc.mu.Lock()\n\tlock.Lock()\n}\n',
    );
    assert.equal(cardMatchAt(file, file.text.indexOf('Lock()\n\tlock') + 1)?.card.id, 'sync-mutex');
    assert.equal(cardMatchAt(file, file.text.lastIndexOf('Lock()') + 1), null, 'an unknown receiver gets no mutex card');
  });

  it('parses every Go snippet without ERROR nodes', async () => {
    const engine = await testEngine();
    const broken = allCards().filter((card) => !parsesAs(engine, card.goSnippet)).map((card) => card.id);
    assert.deepEqual(broken, []);
  });

  it('type-checks every TypeScript snippet', () => {
    const files = new Map(allCards().map((card) => [path.join(root, 'cards-ts', `${card.id}.ts`), card.tsSnippet]));
    const problems = typeCheck(files);
    const report = [...problems].map(([file, messages]) => `${path.basename(file)}${messages.join('\n  ')}`);
    assert.deepEqual(report, []);
  });

  it('renders short cards as title, idiom and snippets, full cards with everything', () => {
    for (const card of allCards()) {
      const short = renderCard(card, 'short');
      const full = renderCard(card, 'full');
      assert.notEqual(short, full, card.id);
      assert.ok(short.length < full.length, `${card.id}: short should be shorter`);
      for (const markdown of [short, full]) {
        assert.ok(markdown.startsWith(`**${card.title}**`), `${card.id}: starts with the title`);
        assert.ok(markdown.includes('```go\n') && markdown.includes('```ts\n'), `${card.id}: both snippets`);
        assert.ok(markdown.includes(card.link), `${card.id}: the link`);
      }
      assert.ok(full.includes(card.gotcha) && !short.includes(card.gotcha), `${card.id}: gotcha only in full`);
      assert.ok(full.includes(card.go), `${card.id}: the Go explanation in full`);
    }
  });

  it('escapes document text quoted in a card', async () => {
    const file = await sourceFile(
      'package p\n\nimport __ctx__ "context"\n\nvar root = __ctx__.Background()\n\ntype s struct{ a_b_ sync.Mutex }\n',
    );
    const markdown = cardAt(file, file.text.indexOf('Background') + 1, 'full')!;
    assert.match(markdown, /^\*\*context\.Context/);
    assert.ok(markdown.includes('`__ctx__.Background`: `__ctx__` is the package `context`'), markdown.split('\n')[2]);
    const withoutCode = markdown.replace(/`[^`]*`/g, '');
    assert.ok(!withoutCode.includes('__ctx__'), 'document text appears only inside code spans');
  });
});
