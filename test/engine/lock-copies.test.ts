// mutex-copy's closer look (src/engine/lock-copies.ts): which declarations naming the
// lock vocabulary it lets the query run over. What it keeps is checked against the
// rule's findings by test/rules/mutex-copy (screen.go, twins.pkg); here, that it keeps
// each way a lock is copied and drops the declarations that only name locks safely,
// since dropping them is its whole point.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TextRequirement } from '../../src/engine/declarations';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { LockCopyScreen, variableDeclarationWords } from '../../src/engine/lock-copies';
import { lockHoldingTypes } from '../../src/engine/lock-vocabulary';
import { extractFileFacts } from '../../src/engine/package-facts';
import { MergedPackageFacts } from '../../src/engine/package-index';
import { SourceFile } from '../../src/engine/source-file';
import type { AnyRule } from '../../src/engine/rule';
import mutexCopy from '../../src/rules/mutex-copy';
import { testEngine } from '../harness/engine';
import { assertPrefilterKeepsFindings } from '../harness/prefilter-agreement';

const HEADER = `package p

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

var global Cache

var shared = &Cache{}
`;

/** mayCopy for each function of `body` (after HEADER), by function name. */
async function screened(body: string): Promise<Map<string, boolean>> {
  const engine = await testEngine();
  const text = HEADER + body;
  const tree = engine.parse(text);
  try {
    const file = new SourceFile(text, tree);
    const facts = new MergedPackageFacts([extractFileFacts(tree.rootNode)]);
    const screen = new LockCopyScreen(
      { text, declarations: file.declarations, facts, variableWords: () => variableDeclarationWords(text, file.declarations) },
      { types: lockHoldingTypes(facts), variables: new Set(['global']), packages: ['sync', 'atomic'] },
    );
    const verdicts = new Map<string, boolean>();
    file.declarations.forEach((declaration, index) => {
      const name = /^func\s*(?:\([^)]*\)\s*)?(\w+)/.exec(text.slice(declaration.start, declaration.end))?.[1];
      if (name) verdicts.set(name, screen.mayCopy(index));
    });
    return verdicts;
  } finally {
    tree.delete();
  }
}

describe('LockCopyScreen', () => {
  it('drops declarations that name locks only behind pointers, in calls, comments and strings', async () => {
    const verdicts = await screened(`
func (c *Cache) get(key string) string {
	// Cache holds sync.Mutex: a comment line.
	c.mu.Lock()
	defer c.mu.Unlock()
	global.mu.Lock()
	fmt.Println("a Cache, a sync.Mutex", &global, new(Cache), []*Cache{}, c.items)
	atomic.AddInt32(nil, 1)
	return c.items[key] /* Cache */
}

func build() *Cache { return &Cache{items: map[string]string{}} }

func conversions(x interface{}) *Cache {
	if c, ok := x.(*Cache); ok {
		return c
	}
	return (*Cache)(nil)
}

func product(a, b int, c *Cache) int { return a * b }

func otherFilesFlag(c *Cache) { fmt.Println(*verbose) }

func localLocks(names []string) {
	var mu sync.Mutex // guards n
	var a, b Cache
	n := 0
	for range names {
		mu.Lock()
		n++
		defer mu.Unlock()
	}
	fmt.Println(&a, b.items["x"], a.mu.TryLock(), n)
	// mu and a are never copied here
}

func addresses(c *Cache, cs []*Cache) {
	fmt.Println(&c.mu, c.items, cs[0].items, build().mu, c.self().mu)
	var keyed = map[string]*Cache{"a": {items: nil}}
	method := Cache.get
	_, _ = keyed, method
}
`);
    assert.deepEqual(Object.fromEntries(verdicts), {
      get: false,
      build: false,
      conversions: false,
      product: false,
      otherFilesFlag: false,
      addresses: false,
      localLocks: false,
    });
  });

  it('keeps each way a lock is copied or held by value', async () => {
    const verdicts = await screened(`
func valueParameter(c Cache) {}

func valueLock() { var m sync.Mutex; _ = m }

func gapLock() { var m sync . Mutex; _ = m }

func literal() { c := Cache{}; _ = c }

func variable() { g := global; _ = g }

func slice(cs []Cache) {}

func dereference(p *Cache) { c := *p; _ = c }

func returned(p *Cache) interface{} { return *p }

func argument(p *Cache) { fmt.Println(*p) }

func field(c *Cache) { m := c.mu; _ = m }

func packageField() { m := shared.mu; _ = m }

func packageDereference() { c := *shared; _ = c }

func fieldOfValue(c Cache) { m := c.mu; _ = m }

func localCopied() {
	var mu sync.Mutex
	mu.Lock()
	other := mu
	_ = other
}

func localPassed() {
	var a, b Cache
	a.get("x")
	fmt.Println(b)
}

func localField() {
	var c Cache
	m := c.mu
	_ = m
}

func localInitialised() {
	var mu = sync.Mutex{}
	mu.Lock()
}

func localArray() {
	var locks [2]sync.Mutex
	locks[0].Lock()
}
`);
    assert.deepEqual([...verdicts].filter(([, keep]) => !keep), []);
    assert.equal(verdicts.size, 18);
  });
});

/** mutex-copy as it was before the screen: the vocabulary's pattern alone. */
const unscreened: AnyRule = {
  ...mutexCopy,
  textRequirement(file): TextRequirement | null {
    const requirement = mutexCopy.textRequirement!(file);
    return requirement !== null && 'keep' in requirement ? requirement.patterns : requirement;
  },
} as AnyRule;

/** Text that turns tokens into other ones, or puts blanks, comments and line breaks between them. */
const PIECES = [' ', '\n', '\t', '/* c */', '// c\n', '*', '&', '.', '(', ')', '{', '}', ',', ':', '=', ':=', 'var ', 'new(', 'return ', 'sync.', 'Mutex', 'Cache', 'mu', 'wg', '"', '`', ';', 'f(mu)', 'x := mu\n'];

describe('LockCopyScreen never changes what mutex-copy finds', () => {
  it('on its testdata with pieces inserted anywhere (the rule with the screen and without agree)', async () => {
    const dir = path.join(findPackageRoot(), 'test', 'rules', 'mutex-copy');
    const corpus = ['basic.go', 'screen.go', 'local-locks.go'].map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
    await assertPrefilterKeepsFindings(mutexCopy, unscreened, corpus, PIECES);
  });
});
