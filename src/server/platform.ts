// What the language server needs from the place it runs, and nothing else: the
// grammar files, the file system around an open document (its package's other
// files, its go.mod) and the whole-workspace scan. The Node process (VS Code
// desktop, Neovim, Helix, `go-for-ts lsp`) reads disk; the browser worker
// (vscode.dev) has no disk and says so. Everything else (rules, hovers, quick
// fixes, settings) is the same code on both: src/server/server.ts.
import type { Engine } from '../engine/engine';
import type { GrammarSource } from '../engine/parser';
import type { AnalyzeWorkspaceResult, InitializationOptions } from '../shared/protocol';
import type { WorkspaceRun } from './analyze-workspace';
import type { FileContextSource } from './documents';

/** What surrounds an open file on disk: its module's Go version and its package's facts. */
export interface PackageSource {
  /** What an open document's sourceFile() asks about its surroundings (records its facts as it goes). */
  contextFor(filePath: string): FileContextSource;
  closeFile(filePath: string): void;
  /** Indexes the file's sibling .go files in the background; true when something new was indexed. */
  indexSiblingsOf(filePath: string): Promise<boolean>;
}

export interface ServerPlatform {
  /** "node" or "browser", for logs. */
  readonly name: string;
  /** Where web-tree-sitter and the Go grammar come from (asked once, at initialize). */
  grammarSource(options: InitializationOptions | undefined): Promise<GrammarSource>;
  /** The file-system path of a document or folder URI; undefined when there is no file to read. */
  filePathOf(uri: string): string | undefined;
  /** The directory holding a path filePathOf returned (its package). */
  directoryOf(filePath: string): string;
  packageSource(engine: Engine, log: (message: string) => void): PackageSource;
  /** "Analyze Workspace": every .go file under the folders (paths from filePathOf). */
  analyzeWorkspace(run: WorkspaceRun): Promise<AnalyzeWorkspaceResult>;
  /** Idle work once a document's diagnostics are out and no analysis waits (young-garbage.ts). */
  whenIdle?(): void;
}
