// The CLI's rule catalog (src/cli/rule-catalog.json, written by the build) says of each
// rule what the rule itself says, and the CLI's main bundle stays free of rule and
// engine code, which it loads only to analyse (cli-engine.js, cli-worker.js).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CATALOG } from '../src/cli/rule-catalog';
import { catalogEntry } from '../src/cli/rule-catalog-entry';
import { resolveConfig } from '../src/engine/config';
import { ALL_RULES } from '../src/rules';
import { outDir } from './lsp/session';

describe('the CLI rule catalog', () => {
  it('holds every rule, in order, with its title, analogy, defaults and doc', () => {
    assert.deepEqual(RULE_CATALOG, ALL_RULES.map(catalogEntry));
  });

  it('configures the rules as the rules themselves do', () => {
    for (const settings of [{}, { 'error-wrap': true, 'context-first': false }]) {
      assert.deepEqual(resolveConfig(RULE_CATALOG, settings), resolveConfig(ALL_RULES, settings));
    }
  });

  it('keeps rule and engine code out of the main bundle', () => {
    const main = fs.readFileSync(path.join(outDir(), 'cli.js'), 'utf8');
    for (const module of ['src/rules/', 'src/engine/engine.ts', 'node_modules/web-tree-sitter/']) {
      assert.ok(!main.includes(`// ${module}`), `${module} is bundled into cli.js`);
    }
    for (const bundle of ['cli-engine.js', 'cli-worker.js']) {
      assert.match(fs.readFileSync(path.join(outDir(), bundle), 'utf8'), /\/\/ src\/engine\/engine\.ts/, `${bundle} holds the engine`);
    }
  });
});
