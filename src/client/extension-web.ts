// The web extension (package.json "browser", VS Code for the Web / vscode.dev): the
// same language server, rules, hovers and quick fixes as the desktop, run in a Web
// Worker (out/web/server.js) instead of a Node process. The worker fetches the
// grammar .wasm files from this extension's own files, whose URLs it gets in
// initializationOptions. No Node modules here: this bundle runs in a browser.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { SERVER_ID, SERVER_NAME } from '../shared/protocol';
import { languageClientOptions, registerFeatures } from './language-features';

let client: LanguageClient | undefined;
let worker: Worker | undefined;
const blobUrls: string[] = [];

/** The bytes as a base64 data: URL, which the worker decodes itself (no fetch). */
function dataUrl(bytes: Uint8Array, type: string): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

/**
 * A URL a worker can load for one of the extension's files. On vscode.dev the
 * extension's files are served over https and used as they are. A web extension
 * installed on a remote (code-server, a VS Code server) has vscode-remote: URIs,
 * which VS Code's worker extension host refuses to start workers from ("Creating
 * workers from remote extensions is currently not supported") and fetch() cannot
 * read: there the file is read through VS Code's file system and handed over as a
 * blob: URL (the worker script, loaded with importScripts) or a data: URL (the
 * grammars: that worker may not fetch, neither blob: nor data: URLs, so it decodes them).
 */
async function browserUrl(uri: vscode.Uri, type: string, as: 'blob' | 'data'): Promise<string> {
  if (uri.scheme === 'https' || uri.scheme === 'http') return uri.toString(true);
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (as === 'data') return dataUrl(bytes, type);
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }));
  blobUrls.push(url);
  return url;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const file = (...segments: string[]) => vscode.Uri.joinPath(context.extensionUri, ...segments);
  const [serverMain, runtimeWasm, goWasm] = await Promise.all([
    browserUrl(file('out', 'web', 'server.js'), 'text/javascript', 'blob'),
    browserUrl(file('grammars', 'web-tree-sitter.wasm'), 'application/wasm', 'data'),
    browserUrl(file('grammars', 'tree-sitter-go.wasm'), 'application/wasm', 'data'),
  ]);
  // A fresh worker per start, so "Restart Language Server" and crash restarts begin clean.
  // The transports are made here rather than by returning the Worker: VS Code's worker
  // extension host replaces the Worker constructor with a wrapper, so the client's own
  // `result instanceof Worker` check fails on what it creates.
  const startWorker = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = new Worker(serverMain);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, startWorker, languageClientOptions({ grammarUrls: { runtimeWasm, goWasm } }));
  registerFeatures(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  worker?.terminate();
  worker = undefined;
  for (const url of blobUrls.splice(0)) URL.revokeObjectURL(url);
}
