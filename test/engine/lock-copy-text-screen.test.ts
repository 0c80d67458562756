// mutex-copy's screen read from the text alone (LockCopyScreen.mayCopy(index, true),
// the rule's textKeep): the CLI decides from it which function bodies to parse before
// they are, so it must keep every declaration the screen with the tree keeps. Checked
// on the rule's testdata with pieces inserted anywhere.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { SourceFile } from '../../src/engine/source-file';
import mutexCopy from '../../src/rules/mutex-copy';
import { testEngine } from '../harness/engine';
import { propertyParameters } from '../robustness/edit-model';

const PIECES = [' ', '\n', '*', '&', '.', '(', ')', '{', '}', '/* c */', '// c\n', '"', '`', 'sync.Mutex', 'mu', ':', '=', ':=', 'new(', 'return '];

function goFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return goFilesUnder(full);
    return entry.name.endsWith('.go') ? [full] : [];
  });
}

describe('mutex-copy screen from the text alone', () => {
  it('keeps every declaration the screen with the tree keeps', async () => {
    const engine = await testEngine();
    const corpus = goFilesUnder(path.join(findPackageRoot(), 'test', 'rules', 'mutex-copy')).map((file) => fs.readFileSync(file, 'utf8'));
    const insertion = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), piece: fc.constantFrom(...PIECES) });
    let screened = 0;
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(insertion, { maxLength: 8 }), (index, insertions) => {
        let text = corpus[index]!;
        for (const { at, piece } of insertions) {
          const offset = Math.floor(at * text.length);
          text = text.slice(0, offset) + piece + text.slice(offset);
        }
        const tree = engine.parse(text);
        try {
          const file = new SourceFile(text, tree);
          const requirement = mutexCopy.textRequirement!(file);
          if (!requirement || !('keep' in requirement)) return;
          assert.ok(requirement.textKeep, 'the screened requirement has a text-only test');
          file.declarations.forEach((declaration, at) => {
            screened++;
            if (requirement.keep(at)) assert.ok(requirement.textKeep!(at), `${declaration.type} at ${declaration.start} kept only with the tree`);
          });
        } finally {
          tree.delete();
        }
      }),
      propertyParameters(200),
    );
    assert.ok(screened > 100, `only ${screened} declarations screened`);
  });
});
