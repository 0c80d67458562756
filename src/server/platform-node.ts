// The language server in a Node process: grammars read from grammars/ beside the
// bundle, package facts and go.mod from disk, "Analyze Workspace" over the folders.
import * as path from 'node:path';
import { nodeGrammarSource } from '../engine/grammar-files';
import { WorkspaceAnalysis } from './analyze-workspace';
import { filePathOf, PackageContext } from './package-context';
import type { ServerPlatform } from './platform';
import { collectYoungGarbage } from './young-garbage';

export function nodeServerPlatform(): ServerPlatform {
  // One per server: it remembers what the last run published, to clear it next time.
  const workspace = new WorkspaceAnalysis();
  return {
    name: 'node',
    grammarSource: async () => nodeGrammarSource(),
    filePathOf,
    directoryOf: (filePath) => path.dirname(filePath),
    packageSource: (engine, log) => new PackageContext(engine, log),
    analyzeWorkspace: (run) => workspace.run(run),
    whenIdle: collectYoungGarbage,
  };
}
