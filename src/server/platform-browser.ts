// The language server in a browser Web Worker (VS Code for the Web, vscode.dev).
// Grammars: the extension's own files. The client passes them in initializationOptions
// (grammarUrls): where VS Code serves the extension's grammars/ folder, fetched here,
// or, when it cannot serve them (a web extension installed on a remote), the bytes
// as data: URLs, decoded here without any fetch; without grammarUrls, grammars/ is
// found beside the worker script (out/web/server.js -> ../../grammars/).
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
  contextFor: () => () => ({}),
  closeFile: () => {},
  indexSiblingsOf: async () => false,
};

const BASE64_DATA_URL = /^data:[^,;]*;base64,/;

/** The bytes of a base64 data: URL, decoded here: fetch() may be forbidden by the page's content policy. */
function decodeDataUrl(url: string): Uint8Array {
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  if (BASE64_DATA_URL.test(url)) return decodeDataUrl(url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Go for TS: could not load ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** `workerUrl`: the worker script's own URL (self.location.href). */
export function browserServerPlatform(workerUrl: string): ServerPlatform {
  return {
    name: 'browser',
    async grammarSource(options): Promise<GrammarSource> {
      // Only when the client names none: a worker started from a blob: URL has no folder beside it.
      const beside = () => new URL('../../grammars/', workerUrl);
      const urls = options?.grammarUrls ?? {
        runtimeWasm: new URL(GRAMMAR_FILES.runtime, beside()).href,
        goWasm: new URL(GRAMMAR_FILES.go, beside()).href,
      };
      // web-tree-sitter fetches its runtime itself from a URL (locateFile); bytes in hand it takes as they are.
      return {
        runtimeWasm: BASE64_DATA_URL.test(urls.runtimeWasm) ? decodeDataUrl(urls.runtimeWasm) : urls.runtimeWasm,
        goWasm: await fetchBytes(urls.goWasm),
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
