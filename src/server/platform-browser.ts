// The language server in a browser Web Worker (VS Code for the Web, vscode.dev).
// Grammars: fetched from the extension's own files. The client passes the URL of
// its grammars/ folder in initializationOptions (grammarBaseUrl); without it, the
// folder is found beside the worker script (out/web/server.js -> ../../grammars/).
// Either way the fetch goes to wherever VS Code serves this extension's files,
// never to a third-party host, and it fetches only the two .wasm files we ship.
// No file system: documents are analysed on their own (no sibling files, no go.mod
// Go version), and "Analyze Workspace" answers with an honest message instead.
import type { GrammarSource } from '../engine/parser';
import type { AnalyzeWorkspaceResult } from '../shared/protocol';
import type { PackageSource, ServerPlatform } from './platform';

export const GRAMMAR_FILES = { runtime: 'web-tree-sitter.wasm', go: 'tree-sitter-go.wasm' } as const;

export const NO_WORKSPACE_SCAN =
  'Analyze Workspace needs the files on disk, which the browser version of Go for TS cannot read; open Go files are analysed as you type.';

/** Nothing around a document in the browser: each file stands alone. */
const NO_PACKAGE: PackageSource = {
  goVersionOf: () => undefined,
  updateOpenFile: () => undefined,
  closeFile: () => {},
  indexSiblingsOf: async () => false,
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Go for TS: could not load ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** `workerUrl`: the worker script's own URL (self.location.href). */
export function browserServerPlatform(workerUrl: string): ServerPlatform {
  return {
    name: 'browser',
    async grammarSource(options): Promise<GrammarSource> {
      const base = options?.grammarBaseUrl ?? new URL('../../grammars/', workerUrl).href;
      const folder = base.endsWith('/') ? base : `${base}/`;
      return {
        // web-tree-sitter fetches its runtime itself (locateFile); the grammar we hand over as bytes.
        runtimeWasm: new URL(GRAMMAR_FILES.runtime, folder).href,
        goWasm: await fetchBytes(new URL(GRAMMAR_FILES.go, folder).href),
      };
    },
    filePathOf: () => undefined,
    directoryOf: (filePath) => filePath.slice(0, Math.max(0, filePath.lastIndexOf('/'))),
    packageSource: () => NO_PACKAGE,
    analyzeWorkspace: async (): Promise<AnalyzeWorkspaceResult> => ({
      files: 0,
      filesWithFindings: 0,
      findings: 0,
      durationMs: 0,
      cancelled: false,
      problems: [NO_WORKSPACE_SCAN],
    }),
  };
}
