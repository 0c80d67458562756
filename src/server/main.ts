// out/server.js: the language server process, started by the VS Code client over
// IPC; other editors can run it with --stdio (or use `go-for-ts lsp --stdio`).
import { runLanguageServer } from './connect';

runLanguageServer();
