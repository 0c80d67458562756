// `npm run test:electron`: the extension in a real VS Code desktop, downloaded by
// @vscode/test-electron (2.5.2, the last release for Node 20). Needs network access
// to Microsoft's update servers, so it is not part of `npm test`; on machines
// without it, test/e2e (code-server) and test/neovim cover real editors.
// Loads the extension from this repository, so the bundles must be in out/.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
if ((process.env.OUT_DIR ?? 'out') !== 'out') {
  console.warn(`test:electron: package.json's "main" loads out/client.js; OUT_DIR=${process.env.OUT_DIR} is ignored here.`);
}
if (!fs.existsSync(path.join(root, 'out', 'client.js'))) {
  console.error('test:electron: out/client.js is missing; run "npm run build" first.');
  process.exit(1);
}

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-electron-'));
fs.writeFileSync(
  path.join(workspace, 'main.go'),
  'package main\n\nimport "context"\n\nfunc handle(id string, ctx context.Context) error {\n\treturn nil\n}\n',
);
fs.writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/electron\n\ngo 1.22\n');

try {
  await runTests({
    version: process.env.GO_FOR_TS_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'electron', 'suite.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('test:electron: passed');
} catch (error) {
  console.error(`test:electron: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
