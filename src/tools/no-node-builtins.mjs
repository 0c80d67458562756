// An esbuild plugin for the browser bundles (the web extension's client and its
// worker server): any import of a Node built-in (node:fs, path, child_process…)
// fails the build, naming the importer, so Node-only code cannot slip into the
// code vscode.dev loads. An import that the importing package's own "browser" field
// maps to false (web-tree-sitter's Node-only branch: fs, fs/promises, module) is
// left to esbuild, which replaces it with an empty module as the package asks.
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function nearestPackageJson(dir, cache) {
  if (cache.has(dir)) return cache.get(dir);
  const file = path.join(dir, 'package.json');
  let found = null;
  if (fs.existsSync(file)) found = JSON.parse(fs.readFileSync(file, 'utf8'));
  else if (path.dirname(dir) !== dir) found = nearestPackageJson(path.dirname(dir), cache);
  cache.set(dir, found);
  return found;
}

export function noNodeBuiltins() {
  const packages = new Map();
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!BUILTINS.has(args.path)) return undefined;
        const browserField = args.importer ? nearestPackageJson(path.dirname(args.importer), packages)?.browser : undefined;
        if (browserField && typeof browserField === 'object' && browserField[args.path] === false) return undefined;
        return {
          errors: [
            {
              text: `Node built-in "${args.path}" imported by ${path.relative(process.cwd(), args.importer || '?')}: the browser bundles must not use Node modules (move the code behind src/server/platform-node.ts).`,
            },
          ],
        };
      });
    },
  };
}
