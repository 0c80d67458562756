// Every rule, every testdata file: test/rules/<rule-id>/*.go hold the cases, with
// `// want` comments for the findings and `.golden` files for the fixed text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../src/engine/grammar-files';
import { ALL_RULES } from '../src/rules';
import { checkTestdataFile } from './harness/analysistest';
import { testEngine } from './harness/engine';
import { readExpectations } from './harness/want';

const root = findPackageRoot();

for (const rule of ALL_RULES) {
  const id = rule.meta.id;
  const dir = path.join(root, 'test', 'rules', id);
  describe(`rule ${id}`, () => {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.go')).sort() : [];

    it('has testdata with at least one expected finding and one clean file', () => {
      assert.ok(files.length > 0, `no testdata in test/rules/${id}/`);
      const wants = files.map((name) => readExpectations(fs.readFileSync(path.join(dir, name), 'utf8')).length);
      assert.ok(wants.some((count) => count > 0), 'no // want comment in any testdata file');
    });

    it('has its doc beside it, titled by its id', () => {
      assert.ok(fs.existsSync(path.join(root, 'src', 'rules', `${id}.md`)));
      assert.match(rule.doc, new RegExp(`^# ${id}\\n`));
      assert.match(rule.doc, /```ts/, 'the doc shows the TypeScript side');
      assert.match(rule.doc, /```go/, 'the doc shows the Go side');
    });

    for (const name of files) {
      it(`agrees with ${name}`, async () => {
        checkTestdataFile(await testEngine(), rule, path.join(dir, name));
      });
    }
  });
}
