// What the desktop and the web extension share: the client options (which documents,
// which settings, how to restart), the commands and the rule-doc documents.
// The two entry points differ only in how the server starts: extension.ts runs
// out/server.js in a Node process over IPC, extension-web.ts runs out/web/server.js
// in a Web Worker. Nothing here may import Node modules: it runs in both.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import {
  ANALYZE_WORKSPACE_REQUEST,
  COMMANDS,
  CONFIG_SECTION,
  LIST_RULES_REQUEST,
  RULE_DOC_REQUEST,
  RULE_DOC_SCHEME,
  SERVER_NAME,
  type AnalyzeWorkspaceParams,
  type AnalyzeWorkspaceResult,
  type InitializationOptions,
  type RuleDocParams,
  type RuleDocResult,
  type RuleSummary,
} from '../shared/protocol';
import { RestartPolicy } from './restart-policy';
import { walkthroughSample } from './walkthrough-sample';

export type ClientRef = () => BaseLanguageClient | undefined;

function settingsSnapshot(): InitializationOptions['settings'] {
  // The configuration object carries its values as plain JSON properties.
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(CONFIG_SECTION)));
}

/** One per extension host (there is one client): the Restart command resets it too. */
const restartPolicy = new RestartPolicy();

function restartingErrorHandler(policy: RestartPolicy): LanguageClientOptions['errorHandler'] {
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

/** `platformOptions`: what only one platform's server needs at start (the web worker's grammar URL). */
export function languageClientOptions(platformOptions: Omit<InitializationOptions, 'settings'> = {}): LanguageClientOptions {
  const initializationOptions: InitializationOptions = { settings: settingsSnapshot(), ...platformOptions };
  return {
    // Files on disk, new unsaved files, and files of virtual workspaces (remote
    // repositories on vscode.dev, the test web host's file system) or of a remote as
    // a browser-side extension sees them (vscode-remote); not diff views or other
    // read-only copies.
    documentSelector: [
      { scheme: 'file', language: 'go' },
      { scheme: 'untitled', language: 'go' },
      { scheme: 'vscode-vfs', language: 'go' },
      { scheme: 'vscode-test-web', language: 'go' },
      { scheme: 'vscode-remote', language: 'go' },
    ],
    synchronize: { configurationSection: CONFIG_SECTION },
    initializationOptions,
    errorHandler: restartingErrorHandler(restartPolicy),
  };
}

function ruleDocUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${id}.md` });
}

/** "/context-first.md" -> "context-first". */
function ruleIdOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
}

async function showRuleDoc(client: BaseLanguageClient): Promise<void> {
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

async function analyzeWorkspace(client: BaseLanguageClient): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(`${SERVER_NAME}: open a folder on disk to analyse its Go files.`);
    return;
  }
  const params: AnalyzeWorkspaceParams = { folders: folders.map((folder) => folder.uri.toString()) };
  // The server reports progress (shown in the status bar) and publishes the diagnostics.
  const result = await client.sendRequest<AnalyzeWorkspaceResult>(ANALYZE_WORKSPACE_REQUEST, params);
  if (result.files === 0 && result.problems.length > 0) {
    // Nothing could be read at all (e.g. the browser build, which has no disk): say why.
    void vscode.window.showInformationMessage(`${SERVER_NAME}: ${result.problems[0]}`);
    return;
  }
  const summary = `${SERVER_NAME}: ${result.findings} finding(s) in ${result.filesWithFindings} of ${result.files} Go file(s)${result.cancelled ? ' (cancelled)' : ''}.`;
  void vscode.window.showInformationMessage(result.problems.length ? `${summary} ${result.problems.length} path(s) could not be read.` : summary);
}

/** The walkthrough's sample, as a new unsaved Go file (the server analyses untitled documents too). */
async function openSample(): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'go', content: walkthroughSample() });
  await vscode.window.showTextDocument(document);
}

/** The commands and the rule-doc documents, talking to whichever client is running. */
export function registerFeatures(context: vscode.ExtensionContext, client: ClientRef): void {
  const withClient = (command: (client: BaseLanguageClient) => Promise<void>) => () => {
    const running = client();
    return running ? command(running) : undefined;
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const id = ruleIdOf(uri);
        const doc = await client()?.sendRequest<RuleDocResult | null>(RULE_DOC_REQUEST, { ruleId: id });
        return doc?.markdown ?? `# ${id}\n\nNo such rule.`;
      },
    }),
    vscode.commands.registerCommand(COMMANDS.showRuleDoc, withClient(showRuleDoc)),
    vscode.commands.registerCommand(COMMANDS.analyzeWorkspace, withClient(analyzeWorkspace)),
    // What LanguageClient.restart() does on Node; the browser client has no restart().
    vscode.commands.registerCommand(COMMANDS.restartServer, withClient(async (running) => {
      restartPolicy.onUserRestart();
      await running.stop();
      await running.start();
    })),
    vscode.commands.registerCommand(COMMANDS.openSample, openSample),
  );
}
