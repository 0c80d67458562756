// `npm run package`: the .vsix, from a staging folder holding only what the
// extension loads at run time (package.json, the desktop bundles out/client.js,
// out/server.js, out/cli.js and the engine it loads to analyse, out/cli-engine.js, the web extension's out/web/client.js and its worker
// out/web/server.js, the grammars, snippets, media, README and LICENSE). Staging keeps vsce away from the working
// tree (node_modules, caches, other build folders) and lets the bundles come from
// any OUT_DIR. Dependencies are bundled by esbuild, hence --no-dependencies.
//   node src/tools/package.mjs [--out file.vsix]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const outDir = path.resolve(root, process.env.OUT_DIR ?? 'out');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const target = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, `${pkg.name}-${pkg.version}.vsix`));

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-vsix-'));
const copy = (from, to = from) => {
  const source = path.join(root, from);
  if (!fs.existsSync(source)) return;
  fs.mkdirSync(path.dirname(path.join(stage, to)), { recursive: true });
  fs.cpSync(source, path.join(stage, to), { recursive: true });
};

try {
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'snippets', 'media']) copy(file);
  for (const wasm of ['tree-sitter-go.wasm', 'web-tree-sitter.wasm']) {
    if (!fs.existsSync(path.join(root, 'grammars', wasm))) throw new Error(`grammars/${wasm} missing: run the build first`);
    copy(path.join('grammars', wasm));
  }
  for (const bundle of ['client.js', 'server.js', 'cli.js', 'cli-engine.js', 'web/client.js', 'web/server.js']) {
    const source = path.join(outDir, bundle);
    if (!fs.existsSync(source)) throw new Error(`${source} missing: run the build first`);
    fs.mkdirSync(path.dirname(path.join(stage, 'out', bundle)), { recursive: true });
    // The bundles' sourceMappingURL points at maps that are not shipped.
    const text = fs.readFileSync(source, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    fs.writeFileSync(path.join(stage, 'out', bundle), text, { mode: 0o755 });
  }
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', target], {
    cwd: stage,
    // No stdin: a vsce question fails the run instead of waiting forever.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`vsce package failed (exit ${result.status ?? result.signal})`);
  console.log(`${path.relative(process.cwd(), target)}: ${(fs.statSync(target).size / 1024).toFixed(0)} KiB`);
} catch (error) {
  console.error(`package: ${error.message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
