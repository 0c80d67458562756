// Node-side location of the grammar files: grammars/ at the package root, found by
// walking up from the running bundle so out/cli.js, out/server.js and the test
// bundles under out/test/ all resolve the same files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GrammarSource } from './parser';

const GO_WASM = 'tree-sitter-go.wasm';
const RUNTIME_WASM = 'web-tree-sitter.wasm';

export function findPackageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'grammars', GO_WASM))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Go for TS: grammars/${GO_WASM} not found above ${start}; run "npm run build" first.`);
    }
    dir = parent;
  }
}

export function nodeGrammarSource(): GrammarSource {
  const grammars = path.join(findPackageRoot(), 'grammars');
  return {
    runtimeWasm: path.join(grammars, RUNTIME_WASM),
    goWasm: fs.readFileSync(path.join(grammars, GO_WASM)),
  };
}
