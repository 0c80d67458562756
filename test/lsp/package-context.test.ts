// The server's package index keeps the facts of every sibling file it reads from
// disk for as long as it runs. Those facts must be plain data: never the file's text.
// (A tree node's .text is a slice of the whole source, and V8 keeps the whole parent
// string alive for any slice of 13 or more characters, so facts holding such slices
// kept every indexed file's full text: 33 MB for 124 standard-library packages.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { PackageContext, SIBLING_FACTS_MAX_BYTES } from '../../src/server/package-context';
import { testEngine } from '../harness/engine';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const FILES = 100;
/** Each file's long comment: what the index must not keep (100 x 200 KB = 20 MB of one-byte text; under SIBLING_FACTS_MAX_BYTES). */
const COMMENT_LENGTH = 200_000;

/** A file whose facts have strings of 13+ characters (an import path, a type name, a field's lock type). */
function siblingSource(i: number): string {
  return (
    'package store\n\nimport (\n\t"encoding/binary"\n\t"sync"\n)\n\n' +
    `// ${'x'.repeat(COMMENT_LENGTH)}\n\n` +
    `type GuardedRecordHolder${i} struct {\n\tguardMutex sync.Mutex\n\torder binary.ByteOrder\n}\n\n` +
    `func (h *GuardedRecordHolder${i}) LockEverything() { h.guardMutex.Lock() }\n`
  );
}

function heapUsedAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('PackageContext memory', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-package-context-'));
    for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(dir, `holder${i}.go`), siblingSource(i));
    fs.writeFileSync(path.join(dir, 'main.go'), 'package store\n\nfunc use(h GuardedRecordHolder0) {}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes sibling files without keeping their text alive', async () => {
    const engine = await testEngine();
    const packages = new PackageContext(engine, () => {});
    const mainFile = path.join(dir, 'main.go');
    const heapBefore = heapUsedAfterGc();
    assert.equal(await packages.indexSiblingsOf(mainFile), true);
    const grownBytes = heapUsedAfterGc() - heapBefore;

    // The facts are there (the measurement above is not of an empty index)...
    const tree = engine.parse(fs.readFileSync(mainFile, 'utf8'));
    try {
      const facts = packages.updateOpenFile(mainFile, tree);
      assert.ok(facts?.hasType(`GuardedRecordHolder${FILES - 1}`), 'the last sibling is indexed');
      assert.deepEqual(facts?.lockPath('GuardedRecordHolder0'), ['sync.Mutex']);
      assert.ok(facts?.importsPath('encoding/binary'));
    } finally {
      tree.delete();
    }
    // ...and hold a few KB per file, not the 500 KB of its text (20 MB in all when kept).
    const textBytes = FILES * COMMENT_LENGTH;
    assert.ok(
      grownBytes < textBytes / 4,
      `indexing ${FILES} files grew the heap by ${(grownBytes / 1e6).toFixed(1)} MB (their text: ${(textBytes / 1e6).toFixed(1)} MB)`,
    );
  });

  it(`reads no facts from a sibling over ${SIBLING_FACTS_MAX_BYTES / 1024} KB (a generated table), and says so in the log`, async () => {
    const engine = await testEngine();
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-package-context-big-'));
    try {
      fs.writeFileSync(path.join(big, 'tables.go'), `package store\n\ntype HugeTable struct{ mu sync.Mutex }\n\nvar table = []int{${'1, '.repeat(SIBLING_FACTS_MAX_BYTES / 3 + 10)}}\n`);
      fs.writeFileSync(path.join(big, 'small.go'), 'package store\n\ntype SmallHolder struct{ n int }\n');
      const mainFile = path.join(big, 'main.go');
      fs.writeFileSync(mainFile, 'package store\n');
      const log: string[] = [];
      const packages = new PackageContext(engine, (line) => log.push(line));
      await packages.indexSiblingsOf(mainFile);
      const tree = engine.parse('package store\n');
      try {
        const facts = packages.updateOpenFile(mainFile, tree);
        assert.ok(facts?.hasType('SmallHolder'), 'the small sibling is read');
        assert.equal(facts?.hasType('HugeTable'), false, 'the big one is not');
      } finally {
        tree.delete();
      }
      assert.ok(log.some((line) => line.includes('tables.go') && line.includes('not read')), log.join('\n'));
    } finally {
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  it('keeps no text of a closed file either (it is indexed again from disk)', async () => {
    const engine = await testEngine();
    const packages = new PackageContext(engine, () => {});
    const files = Array.from({ length: FILES }, (_, i) => path.join(dir, `holder${i}.go`));
    const heapBefore = heapUsedAfterGc();
    for (const file of files) packages.closeFile(file);
    const grownBytes = heapUsedAfterGc() - heapBefore;
    const textBytes = FILES * COMMENT_LENGTH;
    assert.ok(
      grownBytes < textBytes / 4,
      `closing ${FILES} files grew the heap by ${(grownBytes / 1e6).toFixed(1)} MB (their text: ${(textBytes / 1e6).toFixed(1)} MB)`,
    );
  });
});
