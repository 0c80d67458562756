// "Analyze workspace": every .go file under the folders, read from disk, into the
// Problems panel. One directory (one package) at a time so rules see package facts
// and memory holds one package's trees; the event loop gets a turn between files so
// typing in open documents stays responsive; progress and cancellation as LSP says.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import { collectGoFiles } from '../cli/walk';
import { GoVersionLookup } from '../cli/go-version-lookup';
import type { EngineConfig } from '../engine/config';
import { decodeGoSource } from '../engine/decode';
import type { Engine } from '../engine/engine';
import { fileGoVersion } from '../engine/file-go-version';
import { extractFileFacts } from '../engine/package-facts';
import { PackageIndex } from '../engine/package-index';
import type { AnalyzeWorkspaceResult } from '../shared/protocol';
import { toDiagnostic } from './diagnostics';

export interface WorkspaceRun {
  engine: Engine;
  config: EngineConfig;
  folders: readonly string[];
  /** Files open in the editor: their live diagnostics already show; skip them. */
  isOpen(filePath: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  progress(done: number, total: number): void;
  cancelled(): boolean;
  log(message: string): void;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceAnalysis {
  /** URIs published by the last run, so a file that became clean gets its problems cleared. */
  private publishedLastRun = new Set<string>();

  async run(run: WorkspaceRun): Promise<AnalyzeWorkspaceResult> {
    const publishedLastRun = this.publishedLastRun;
    const started = Date.now();
    const { files: found, problems, listed } = collectGoFiles(run.folders);
    const files = found.map((found) => found.file);
    const result: AnalyzeWorkspaceResult = {
      files: 0,
      filesWithFindings: 0,
      findings: 0,
      durationMs: 0,
      cancelled: false,
      problems: problems.map((problem) => `${problem.path}: ${problem.message}`),
    };
    const goVersions = new GoVersionLookup(listed);
    const index = new PackageIndex({ goVersionFor: (dir) => goVersions.forDirectoryOf(dir) });
    const published = new Set<string>();
    let done = 0;

    for (const group of groupByDirectory(files)) {
      if (run.cancelled()) break;
      const parsed: { file: string; text: string; tree: Tree }[] = [];
      try {
        for (const file of group) {
          await yieldToEventLoop();
          if (run.cancelled()) break;
          let bytes: Buffer;
          try {
            bytes = fs.readFileSync(file);
          } catch (error) {
            result.problems.push(`${file}: ${(error as Error).message}`);
            continue;
          }
          const { text } = decodeGoSource(bytes);
          const tree = run.engine.parse(text);
          parsed.push({ file, text, tree });
          index.updateFile(file, extractFileFacts(tree.rootNode));
        }
        for (const { file, text, tree } of parsed) {
          if (run.cancelled()) break;
          run.progress(++done, files.length);
          result.files++;
          if (run.isOpen(file)) continue;
          const analysis = run.engine.analyzeTree(text, tree, {
            config: run.config,
            goVersion: fileGoVersion(goVersions.forFile(file), text),
            packageFacts: index.factsForFile(file),
          });
          for (const failure of analysis.ruleErrors) run.log(`${file}: rule ${failure.rule} failed: ${failure.error.split('\n')[0]}`);
          const uri = pathToFileURL(file).href;
          if (analysis.findings.length > 0) {
            const document = TextDocument.create(uri, 'go', 0, text);
            run.publish(uri, analysis.findings.map((finding) => toDiagnostic(document, finding)));
            published.add(uri);
            result.filesWithFindings++;
            result.findings += analysis.findings.length;
          } else if (publishedLastRun.has(uri)) {
            run.publish(uri, []);
          }
        }
      } finally {
        for (const { file, tree } of parsed) {
          tree.delete();
          index.removeFile(file);
        }
      }
    }
    result.cancelled = run.cancelled();
    // A cancelled run keeps the previous run's problems for the files it did not reach.
    this.publishedLastRun = result.cancelled ? new Set([...publishedLastRun, ...published]) : published;
    result.durationMs = Date.now() - started;
    return result;
  }
}

function groupByDirectory(files: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const resolved = path.resolve(file);
    const dir = path.dirname(resolved);
    const group = groups.get(dir);
    if (group) group.push(resolved);
    else groups.set(dir, [resolved]);
  }
  return [...groups.values()];
}
