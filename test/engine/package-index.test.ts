// The package index: facts read from top-level declarations, merged per directory and
// package name, replaced when a file changes, dropped when it is deleted.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFileFacts, type FileFacts } from '../../src/engine/package-facts';
import { directoryOf, MergedPackageFacts, PackageIndex } from '../../src/engine/package-index';
import { testEngine } from '../harness/engine';

async function factsOf(text: string): Promise<FileFacts> {
  const engine = await testEngine();
  const tree = engine.parse(text);
  try {
    return extractFileFacts(tree.rootNode);
  } finally {
    tree.delete();
  }
}

const LOCKS = `package shop

import (
	"context"
	s "sync"
	"sync/atomic"
)

type Direct struct {
	mu s.Mutex
	n  int
}

type Embedded struct{ s.RWMutex }

type ViaPointer struct{ mu *s.Mutex }

type ViaInterface struct{ s.Locker }

type Counter struct{ hits atomic.Int64 }

type Nested struct {
	state struct {
		once s.Once
	}
}

type Array struct{ guards [4]s.Mutex }

type Defined s.WaitGroup

type Outer struct {
	Middle
	name string
}

type Holder struct {
	ctx   context.Context
	other string
	context.Context
}
`;

describe('extractFileFacts', () => {
  it('reads the package name, types and methods without keeping a tree', async () => {
    const facts = await factsOf(`package shop

type Cart struct{ items []string }

func (c *Cart) Add(item string) { c.items = append(c.items, item) }
func (c Cart) Len() int { return len(c.items) }
func (Box[T]) Get() {}
func (b *Box[T]) Set() {}
func plain() {}
`);
    assert.equal(facts.packageName, 'shop');
    assert.deepEqual(facts.types.map((t) => t.name), ['Cart']);
    assert.deepEqual(facts.methods, [
      { receiverType: 'Cart', name: 'Add', pointerReceiver: true },
      { receiverType: 'Cart', name: 'Len', pointerReceiver: false },
      { receiverType: 'Box', name: 'Get', pointerReceiver: false },
      { receiverType: 'Box', name: 'Set', pointerReceiver: true },
    ]);
    assert.doesNotThrow(() => JSON.stringify(facts), 'facts are plain data');
  });

  it('finds locks held by value, through aliases of the sync packages', async () => {
    const merged = new MergedPackageFacts([await factsOf(LOCKS)]);
    assert.deepEqual(merged.lockPath('Direct'), ['sync.Mutex']);
    assert.deepEqual(merged.lockPath('Embedded'), ['sync.RWMutex']);
    assert.equal(merged.lockPath('ViaPointer'), undefined);
    assert.equal(merged.lockPath('ViaInterface'), undefined);
    assert.deepEqual(merged.lockPath('Counter'), ['atomic.Int64']);
    assert.deepEqual(merged.lockPath('Nested'), ['sync.Once']);
    assert.deepEqual(merged.lockPath('Array'), ['sync.Mutex']);
    assert.deepEqual(merged.lockPath('Defined'), ['sync.WaitGroup']);
    assert.equal(merged.lockPath('Outer'), undefined, 'Middle is declared in another file');
    assert.equal(merged.lockPath('Unknown'), undefined);
  });

  it('lists context.Context fields, embedded ones by their type name', async () => {
    const merged = new MergedPackageFacts([await factsOf(LOCKS)]);
    assert.deepEqual(merged.contextFields('Holder'), ['ctx', 'Context']);
    assert.deepEqual(merged.contextFields('Direct'), []);
  });

  it('treats a type with pointer Lock and Unlock methods as a lock', async () => {
    const merged = new MergedPackageFacts([
      await factsOf(`package shop
type Spin struct{ state int32 }
func (s *Spin) Lock()   {}
func (s *Spin) Unlock() {}
type Guarded struct{ spin Spin }
type ValueLock struct{}
func (ValueLock) Lock()   {}
func (ValueLock) Unlock() {}
`),
    ]);
    assert.deepEqual(merged.lockPath('Spin'), []);
    assert.deepEqual(merged.lockPath('Guarded'), ['Spin']);
    assert.equal(merged.lockPath('ValueLock'), undefined);
  });

  it('does not loop on self-referencing types', async () => {
    const merged = new MergedPackageFacts([await factsOf('package shop\ntype A struct{ b B }\ntype B struct{ a A }\n')]);
    assert.equal(merged.lockPath('A'), undefined);
  });
});

describe('PackageIndex', () => {
  const dir = '/work/shop';

  it('merges the files of one directory and package', async () => {
    const index = new PackageIndex({ goVersionFor: (d) => (d === dir ? '1.21' : undefined) });
    index.updateFile(`${dir}/outer.go`, await factsOf('package shop\ntype Outer struct{ Middle }\n'));
    index.updateFile(`${dir}/middle.go`, await factsOf('package shop\ntype Middle struct{ inner inner }\n'));
    index.updateFile(`${dir}/inner.go`, await factsOf('package shop\nimport "sync"\ntype inner struct{ mu sync.Mutex }\n'));
    const facts = index.factsForFile(`${dir}/outer.go`)!;
    assert.deepEqual(facts.lockPath('Outer'), ['Middle', 'inner', 'sync.Mutex']);
    assert.equal(facts.goVersion, '1.21');
    assert.equal(facts.importsPath('sync'), true, 'imports of sibling files count');
    assert.equal(facts.importsPath('database/sql'), false);
    assert.equal(index.size, 3);
  });

  it('keeps other directories and external test packages apart', async () => {
    const index = new PackageIndex();
    index.updateFile(`${dir}/a.go`, await factsOf('package shop\nimport "sync"\ntype L struct{ mu sync.Mutex }\n'));
    index.updateFile(`${dir}/a_test.go`, await factsOf('package shop_test\ntype T struct{ l L }\n'));
    index.updateFile(`/work/other/b.go`, await factsOf('package shop\nfunc (l *L) Lock() {}\n'));
    assert.equal(index.factsForFile(`${dir}/a_test.go`)!.hasType('L'), false);
    assert.equal(index.factsForFile(`/work/other/b.go`)!.hasType('L'), false);
    assert.equal(index.factsForFile(`${dir}/a.go`)!.methodsOf('L').length, 0);
  });

  it('replaces a changed file and forgets a deleted one', async () => {
    const index = new PackageIndex();
    index.updateFile(`${dir}/type.go`, await factsOf('package shop\ntype Cart struct{ n int }\n'));
    index.updateFile(`${dir}/methods.go`, await factsOf('package shop\nfunc (c *Cart) Add() {}\n'));
    const before = index.factsForFile(`${dir}/type.go`)!;
    assert.deepEqual(before.methodsOf('Cart').map((m) => m.name), ['Add']);

    index.updateFile(`${dir}/methods.go`, await factsOf('package shop\nfunc (c Cart) Len() int { return 0 }\n'));
    const changed = index.factsForFile(`${dir}/type.go`)!;
    assert.deepEqual(changed.methodsOf('Cart').map((m) => [m.name, m.pointerReceiver]), [['Len', false]]);

    index.removeFile(`${dir}/methods.go`);
    assert.deepEqual(index.factsForFile(`${dir}/type.go`)!.methodsOf('Cart'), []);
    assert.equal(index.factsForFile(`${dir}/methods.go`), undefined);
    assert.equal(index.has(`${dir}/methods.go`), false);
  });

  it('moves a file whose package clause changed', async () => {
    const index = new PackageIndex();
    index.updateFile(`${dir}/a.go`, await factsOf('package shop\ntype Cart struct{}\n'));
    index.updateFile(`${dir}/b.go`, await factsOf('package shop\n'));
    assert.equal(index.factsForFile(`${dir}/b.go`)!.hasType('Cart'), true);
    index.updateFile(`${dir}/a.go`, await factsOf('package shop_test\ntype Cart struct{}\n'));
    assert.equal(index.factsForFile(`${dir}/b.go`)!.hasType('Cart'), false);
  });

  it('splits directories of paths and URIs', () => {
    assert.equal(directoryOf('/a/b/c.go'), '/a/b');
    assert.equal(directoryOf('C:\\a\\b.go'), 'C:\\a');
    assert.equal(directoryOf('file:///a/b.go'), 'file:///a');
    assert.equal(directoryOf('c.go'), '');
  });
});

describe('build-tagged twins', () => {
  it('holds a lock only when every declaration of the type does', async () => {
    const index = new PackageIndex();
    index.updateFile('/p/pool_on.go', await factsOf('package p\nimport "sync"\ntype pool struct{ mu sync.Mutex }\n'));
    index.updateFile('/p/pool_off.go', await factsOf('package p\ntype pool struct{}\n'));
    index.updateFile('/p/locked.go', await factsOf('package p\nimport "sync"\ntype locked struct{ mu sync.Mutex }\n'));
    const facts = index.factsForFile('/p/locked.go')!;
    assert.equal(facts.lockPath('pool'), undefined);
    assert.deepEqual(facts.lockPath('locked'), ['sync.Mutex']);
  });
});
