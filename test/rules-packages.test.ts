// Multi-file package cases (test/rules/<rule-id>/<name>.pkg/): rules that read facts
// from sibling files (locks held by types declared elsewhere, methods in other files).
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../src/engine/grammar-files';
import { ALL_RULES } from '../src/rules';
import { testEngine } from './harness/engine';
import { checkPackageDirectory, packageDirectories } from './harness/package-testdata';

const root = findPackageRoot();

for (const rule of ALL_RULES) {
  const dirs = packageDirectories(path.join(root, 'test', 'rules', rule.meta.id));
  if (dirs.length === 0) continue;
  describe(`rule ${rule.meta.id} (packages)`, () => {
    for (const dir of dirs) {
      it(`agrees with ${path.basename(dir)}`, async () => {
        checkPackageDirectory(await testEngine(), rule, dir);
      });
    }
  });
}
