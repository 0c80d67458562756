// The desktop extension (package.json "main"): starts the language server
// (out/server.js) in a Node process over IPC. Everything else, the commands, the
// rule docs and the client options, is shared with the web extension
// (extension-web.ts) in language-features.ts.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ID, SERVER_NAME, SERVER_NODE_OPTIONS } from '../shared/protocol';
import { languageClientOptions, registerFeatures } from './language-features';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = path.join(__dirname, 'server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6011'] } },
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, languageClientOptions());
  registerFeatures(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
