// `npm run conformance [-- --verbose] [--rule <id>]...`: how our rules fare on the
// established linters' test data in ../shared/peer-suites. A report, not a gate: it
// exits 0 whatever the numbers, non-zero only when it could not run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../../src/engine/engine';
import { findPackageRoot, nodeGrammarSource } from '../../src/engine/grammar-files';
import { ALL_RULES } from '../../src/rules';
import { formatReport } from './format';
import { measureConformance } from './measure';

function peerSuitesRoot(packageRoot: string = findPackageRoot()): string {
  return path.resolve(packageRoot, '..', 'shared', 'peer-suites');
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      verbose: { type: 'boolean', default: false },
      rule: { type: 'string', multiple: true, default: [] },
      'peer-suites': { type: 'string' },
    },
  });
  const peerRoot = values['peer-suites'] ? path.resolve(values['peer-suites']) : peerSuitesRoot();
  if (!fs.existsSync(peerRoot)) {
    process.stdout.write(`conformance: skipped, no peer suites at ${peerRoot}\n`);
    return;
  }
  const engine = await Engine.create(nodeGrammarSource(), ALL_RULES);
  const report = measureConformance({
    peerRoot,
    engine,
    rules: ALL_RULES,
    ...(values.rule!.length ? { only: values.rule! } : {}),
  });
  process.stdout.write(formatReport(report, { verbose: values.verbose! }));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`conformance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
