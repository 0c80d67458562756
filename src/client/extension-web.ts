// The web extension (package.json "browser", VS Code for the Web / vscode.dev): the
// same language server, rules, hovers and quick fixes as the desktop, run in a Web
// Worker (out/web/server.js) instead of a Node process. The worker fetches the
// grammar .wasm files from this extension's own grammars/ folder, whose URL it gets
// in initializationOptions. No Node modules here: this bundle runs in a browser.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { SERVER_ID, SERVER_NAME } from '../shared/protocol';
import { languageClientOptions, registerFeatures } from './language-features';

let client: LanguageClient | undefined;
let worker: Worker | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'out', 'web', 'server.js');
  const grammarBaseUrl = `${vscode.Uri.joinPath(context.extensionUri, 'grammars').toString(true)}/`;
  // A fresh worker per start, so "Restart Language Server" and crash restarts begin clean.
  const startWorker = async (): Promise<Worker> => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true));
    return worker;
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, startWorker, languageClientOptions({ grammarBaseUrl }));
  registerFeatures(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  worker?.terminate();
  worker = undefined;
}
