// `node <SERVER_NODE_OPTIONS> $OUT_DIR/scripts/bench/keystroke-process/run.js <edits> [<pace ms>]`:
// the in-process keystroke measurement of `npm run bench` (keystroke.ts), run in a
// process with the Node options the language server runs with, so the figures are
// those of the server's own V8 settings (young generation size, optimisation mode),
// not the bench's. Prints one JSON KeystrokeResult per line (keystrokes back to back,
// or one every <pace ms>, see keystrokesInProcess). With `hovers` in place of
// <edits>, the hover measurement (hover.ts) instead, one JSON HoverResult per line.
// A measurement, never a test.
import { Engine } from '../../../src/engine/engine';
import { nodeGrammarSource } from '../../../src/engine/grammar-files';
import { ALL_RULES } from '../../../src/rules';
import { hoversInProcess } from '../hover';
import { keystrokeFiles, keystrokesInProcess } from '../keystroke';

async function main(argv: string[]): Promise<void> {
  const engine = await Engine.create(nodeGrammarSource(), ALL_RULES);
  if (argv[0] === 'hovers') {
    for (const file of keystrokeFiles()) process.stdout.write(`${JSON.stringify(hoversInProcess(engine, file))}\n`);
    return;
  }
  const edits = Math.max(1, Number(argv[0]) || 400);
  const paceMs = Math.max(0, Number(argv[1]) || 0);
  for (const file of keystrokeFiles()) {
    process.stdout.write(`${JSON.stringify(await keystrokesInProcess(engine, file, edits, paceMs))}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`keystroke bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
