// `node $OUT_DIR/scripts/bench/footprint/run.js [<corpus-dir>] [--runs N] [--files N] [--rounds N]`:
// only the language server's start-up and memory figures of `npm run bench`
// (server-footprint.ts), on the Go standard library or the directory given.
// A measurement, never a test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findPackageRoot } from '../../../src/engine/grammar-files';
import { DEFAULT_CORPUS, readCorpus } from '../corpus';
import { reportServerFootprint } from '../server-footprint';

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '5' },
      files: { type: 'string', default: '200' },
      rounds: { type: 'string', default: '5' },
    },
  });
  const packageRoot = findPackageRoot();
  const given = positionals[0];
  const corpusRoot = given
    ? path.resolve(given)
    : fs.existsSync(DEFAULT_CORPUS)
      ? DEFAULT_CORPUS
      : path.join(packageRoot, 'test', 'workspace');
  const out = (line = '') => process.stdout.write(line + '\n');
  const corpus = readCorpus(corpusRoot);
  out(`corpus: ${corpusRoot}: ${corpus.files.length} files`);
  await reportServerFootprint({
    files: corpus.files,
    packageRoot,
    out,
    startupRuns: Math.max(1, Number(values.runs) || 5),
    openFiles: Math.max(1, Number(values.files) || 200),
    editRounds: Math.max(1, Number(values.rounds) || 5),
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`footprint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
