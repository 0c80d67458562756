// The VS Code side: starts the language server (out/server.js) over IPC and turns
// three commands into requests to it. All analysis, hovers, quick fixes and rule
// docs come from the server; this file only connects VS Code's UI to them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ANALYZE_WORKSPACE_REQUEST,
  COMMANDS,
  CONFIG_SECTION,
  LIST_RULES_REQUEST,
  RULE_DOC_REQUEST,
  RULE_DOC_SCHEME,
  SERVER_ID,
  SERVER_NAME,
  type AnalyzeWorkspaceParams,
  type AnalyzeWorkspaceResult,
  type InitializationOptions,
  type RuleDocParams,
  type RuleDocResult,
  type RuleSummary,
} from '../shared/protocol';
import { RestartPolicy } from './restart-policy';

let client: LanguageClient | undefined;

function settingsSnapshot(): InitializationOptions {
  // The configuration object carries its values as plain JSON properties.
  return { settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(CONFIG_SECTION))) };
}

function restartingErrorHandler(): LanguageClientOptions['errorHandler'] {
  const policy = new RestartPolicy();
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const decision = policy.onServerClosed();
      if (!decision.restart) {
        return {
          action: CloseAction.DoNotRestart,
          message: `${SERVER_NAME}: the language server stopped ${decision.recentCrashes} times in ${policy.windowMs / 60_000} minutes and was not restarted. Run "${SERVER_NAME}: Restart Language Server" to try again; details are in the "${SERVER_NAME}" output.`,
        };
      }
      if (decision.firstRestart) {
        void vscode.window.showInformationMessage(`${SERVER_NAME}: the language server stopped unexpectedly and was restarted.`);
      }
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

function ruleDocUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${id}.md` });
}

async function showRuleDoc(): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  let doc: RuleDocResult | null = null;
  if (editor && editor.document.languageId === 'go') {
    const params: RuleDocParams = {
      textDocument: { uri: editor.document.uri.toString() },
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    };
    doc = await client.sendRequest<RuleDocResult | null>(RULE_DOC_REQUEST, params);
  }
  let id = doc?.id;
  if (!id) {
    const rules = await client.sendRequest<RuleSummary[]>(LIST_RULES_REQUEST);
    const picked = await vscode.window.showQuickPick(
      rules.map((rule) => ({ label: rule.id, description: rule.title, detail: rule.enabled ? rule.severity : 'off' })),
      { title: `${SERVER_NAME}: explain a rule`, placeHolder: 'Rule to explain' },
    );
    id = picked?.label;
  }
  if (!id) return;
  const uri = ruleDocUri(id);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // No markdown preview (extension disabled): the raw markdown still reads well.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}

async function analyzeWorkspace(): Promise<void> {
  if (!client) return;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(`${SERVER_NAME}: open a folder on disk to analyse its Go files.`);
    return;
  }
  const params: AnalyzeWorkspaceParams = { folders: folders.map((folder) => folder.uri.toString()) };
  // The server reports progress (shown in the status bar) and publishes the diagnostics.
  const result = await client.sendRequest<AnalyzeWorkspaceResult>(ANALYZE_WORKSPACE_REQUEST, params);
  const summary = `${SERVER_NAME}: ${result.findings} finding(s) in ${result.filesWithFindings} of ${result.files} Go file(s)${result.cancelled ? ' (cancelled)' : ''}.`;
  void vscode.window.showInformationMessage(result.problems.length ? `${summary} ${result.problems.length} path(s) could not be read.` : summary);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = path.join(__dirname, 'server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Files on disk, new unsaved files, and files of virtual workspaces (remote
    // repositories); not diff views or other read-only copies.
    documentSelector: [
      { scheme: 'file', language: 'go' },
      { scheme: 'untitled', language: 'go' },
      { scheme: 'vscode-vfs', language: 'go' },
    ],
    synchronize: { configurationSection: CONFIG_SECTION },
    initializationOptions: settingsSnapshot(),
    errorHandler: restartingErrorHandler(),
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const id = path.posix.basename(uri.path, '.md');
        const doc = await client?.sendRequest<RuleDocResult | null>(RULE_DOC_REQUEST, { ruleId: id });
        return doc?.markdown ?? `# ${id}\n\nNo such rule.`;
      },
    }),
    vscode.commands.registerCommand(COMMANDS.showRuleDoc, showRuleDoc),
    vscode.commands.registerCommand(COMMANDS.analyzeWorkspace, analyzeWorkspace),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
