// Lays out the extension as VS Code would see it installed: the package root's
// package.json and asset folders, with out/ pointing at the bundles this build made
// (which live in $OUT_DIR when parallel builds use their own folder).
// node_modules is left out on purpose: the bundles must stand on their own, as in a .vsix.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  main?: string;
}

const NOT_SHIPPED = new Set(['node_modules', 'package.json', 'out', 'test', 'test-results']);

export interface ExtensionFolder {
  folder: string;
  /** "publisher.name-version": the folder name VS Code gives an installed extension. */
  id: string;
  /** "publisher.name": the extension identifier. */
  identifier: string;
}

export function makeExtensionFolder(packageRoot: string, bundlesDir: string, dest: string): ExtensionFolder {
  const manifestText = fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as Manifest;
  fs.mkdirSync(dest, { recursive: true });
  fs.writeFileSync(path.join(dest, 'package.json'), manifestText);
  fs.symlinkSync(bundlesDir, path.join(dest, 'out'), 'dir');
  for (const entry of fs.readdirSync(packageRoot)) {
    if (entry.startsWith('.') || entry.startsWith('out-') || NOT_SHIPPED.has(entry)) continue;
    fs.symlinkSync(path.join(packageRoot, entry), path.join(dest, entry));
  }
  const main = manifest.main ?? './out/client.js';
  if (!fs.existsSync(path.join(dest, main))) {
    throw new Error(`the extension's main ${main} is missing from ${bundlesDir}; build first`);
  }
  const identifier = `${manifest.publisher}.${manifest.name}`;
  return { folder: dest, id: `${identifier}-${manifest.version}`, identifier };
}
