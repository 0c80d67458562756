// Runs inside the VS Code that test/electron/run.mjs starts (plain CommonJS: the
// extension host loads it as is). Opens main.go from the workspace and checks what
// a user would see: diagnostics, the hover card, the quick fixes, the commands.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(what, probe, timeoutMs = 20000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const uri = vscode.Uri.joinPath(folder, 'main.go');
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, 'go');
  await vscode.window.showTextDocument(document);

  const extension = vscode.extensions.getExtension('go-for-ts.go-for-ts');
  assert.ok(extension, 'the extension is installed');
  await waitFor('activation', () => extension.isActive);

  const diagnostics = await waitFor('diagnostics', () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'go-for-ts');
    return found.length ? found : undefined;
  });
  const [diagnostic] = diagnostics;
  assert.equal(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code, 'context-first');
  assert.equal(diagnostic.range.start.line, 4);
  assert.equal(diagnostic.range.start.character, 'func handle(id string, '.length);

  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, diagnostic.range.start);
  const hoverText = hovers.flatMap((hover) => hover.contents.map((content) => content.value ?? String(content))).join('\n');
  assert.match(hoverText, /nolint:context-first/);
  assert.match(hoverText, /```ts/);

  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range);
  const titles = actions.map((action) => action.title);
  assert.ok(titles.some((title) => title.startsWith('Move ctx')), titles.join(', '));
  assert.ok(titles.includes('Suppress context-first for this line'), titles.join(', '));

  const commands = await vscode.commands.getCommands(true);
  for (const command of ['goForTs.showRuleDoc', 'goForTs.analyzeWorkspace', 'goForTs.restartServer']) {
    assert.ok(commands.includes(command), command);
  }

  // Settings apply without a reload.
  await vscode.workspace.getConfiguration('goForTs').update('rules', { 'context-first': 'off' }, vscode.ConfigurationTarget.Workspace);
  await waitFor('diagnostics cleared by the setting', () =>
    vscode.languages.getDiagnostics(uri).every((d) => d.source !== 'go-for-ts') ? true : undefined,
  );
  await vscode.workspace.getConfiguration('goForTs').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  console.log(`suite passed in ${path.basename(folder.fsPath)}`);
};
