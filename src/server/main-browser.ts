// out/web/server.js: the language server as a Web Worker, for VS Code for the Web.
// JSON-RPC messages arrive and leave as postMessage()d objects (BrowserMessageReader
// and BrowserMessageWriter), the way vscode-languageclient/browser talks to a worker.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { browserServerPlatform } from './platform-browser';
import { startServer } from './server';

declare const self: DedicatedWorkerGlobalScope;

// A stray rejected promise is a bug to log, not a reason to drop the editor's session.
self.addEventListener('unhandledrejection', (event) => console.error('go-for-ts: unhandled rejection:', event.reason));

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, browserServerPlatform(self.location.href));
