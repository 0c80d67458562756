// What the CLI's main thread needs of each rule: its id, title, TypeScript analogy,
// default state and options, and doc (for the configuration, `go-for-ts rules` and
// SARIF). The build writes them to rule-catalog.json from the rules themselves
// (src/tools/rule-catalog-source.ts), so the main bundle carries no rule or engine
// code: a warm run, which analyses nothing, loads ~10 ms sooner. What analyses (the
// worker threads, or this process for small runs and --jobs 1, through
// cli-engine.js) loads the rules. test/cli-rule-catalog.test.ts holds the file to them.
import type { CatalogRule } from './rule-catalog-entry';
import catalog from './rule-catalog.json';

export type { CatalogRule } from './rule-catalog-entry';

export const RULE_CATALOG: readonly CatalogRule[] = catalog as CatalogRule[];
