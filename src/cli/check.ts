// `go-for-ts check`: find the files, analyse each, print in the chosen format.
// One bad file (unreadable, not UTF-8, not Go) is reported and the run goes on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { resolveConfig } from '../engine/config';
import { decodeGoSource } from '../engine/decode';
import { Engine } from '../engine/engine';
import { nodeGrammarSource } from '../engine/grammar-files';
import { LineIndex } from '../engine/lines';
import { extractFileFacts } from '../engine/package-facts';
import { PackageIndex } from '../engine/package-index';
import { ALL_RULES } from '../rules';
import { REPOSITORY_URL, ruleDocUrl, VERSION } from '../shared/product';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { GoVersionLookup } from './go-version-lookup';
import { UsageError } from './usage-error';
import { Progress } from './progress';
import type { FileReport } from './report';
import { collectGoFiles } from './walk';

export interface CheckOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  enable: string[];
  disable: string[];
  cache: boolean;
}

function buildRuleSettings(options: CheckOptions): Record<string, boolean> {
  const known = new Set(ALL_RULES.map((rule) => rule.meta.id));
  const settings: Record<string, boolean> = {};
  for (const [flag, ids, value] of [
    ['--enable', options.enable, true],
    ['--disable', options.disable, false],
  ] as const) {
    for (const id of ids) {
      if (!known.has(id)) throw new UsageError(`${flag}: unknown rule "${id}" (see "go-for-ts rules")`);
      settings[id] = value;
    }
  }
  return settings;
}

export async function runCheck(options: CheckOptions): Promise<number> {
  const { config } = resolveConfig(ALL_RULES, buildRuleSettings(options));
  const engine = await Engine.create(nodeGrammarSource(), ALL_RULES);
  const { files, problems } = collectGoFiles(options.paths);
  let ioError = problems.length > 0;
  for (const problem of problems) process.stderr.write(`go-for-ts: ${problem.path}: ${problem.message}\n`);

  const goVersions = new GoVersionLookup();
  const progress = new Progress(files.length);
  // One directory (one package) at a time: parse its files once, index their facts,
  // analyse each with the package's facts, then free every tree before the next
  // directory, so memory holds at most one package's trees.
  const packageIndex = new PackageIndex({ goVersionFor: (dir) => goVersions.forDirectoryOf(dir) });
  const reports: { order: number; report: FileReport }[] = [];
  let done = 0;
  for (const group of groupByDirectory(files)) {
    const parsed: { file: string; order: number; text: string; tree: Tree }[] = [];
    try {
      for (const { file, order } of group) {
        progress.tick(done++);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch (error) {
          ioError = true;
          process.stderr.write(`go-for-ts: ${file}: ${(error as Error).message}\n`);
          continue;
        }
        const { text, notice } = decodeGoSource(bytes);
        if (notice) process.stderr.write(`go-for-ts: ${file}: ${notice}\n`);
        const tree = engine.parse(text);
        parsed.push({ file, order, text, tree });
        packageIndex.updateFile(path.resolve(file), extractFileFacts(tree.rootNode));
      }
      for (const { file, order, text, tree } of parsed) {
        if (tree.rootNode.hasError) {
          const lines = new LineIndex(text);
          const where = firstErrorOffset(tree.rootNode);
          const { line, character } = lines.positionAt(where);
          process.stderr.write(
            `go-for-ts: ${file}:${line + 1}:${character + 1}: syntax error; findings in this file may be incomplete\n`,
          );
        }
        const result = engine.analyzeTree(text, tree, {
          config,
          goVersion: goVersions.forFile(file),
          packageFacts: packageIndex.factsForFile(path.resolve(file)),
        });
        for (const failure of result.ruleErrors) {
          process.stderr.write(`go-for-ts: ${file}: rule ${failure.rule} failed: ${failure.error.split('\n')[0]}\n`);
        }
        if (result.findings.length) {
          reports.push({ order, report: { file, findings: result.findings, lines: new LineIndex(text) } });
        }
      }
    } finally {
      for (const { file, tree } of parsed) {
        tree.delete();
        packageIndex.removeFile(path.resolve(file));
      }
    }
  }
  progress.done();

  // Reports in the order the files were found, whatever the grouping.
  const ordered = reports.sort((a, b) => a.order - b.order).map(({ report }) => report);
  const output =
    options.format === 'json'
      ? formatJson(ordered)
      : options.format === 'sarif'
        ? formatSarif(ordered, ALL_RULES, { version: VERSION, informationUri: REPOSITORY_URL, docUrl: ruleDocUrl })
        : formatText(ordered);
  process.stdout.write(output);
  if (ioError) return 2;
  return ordered.length > 0 ? 1 : 0;
}

/** Files grouped by their directory, groups in order of first appearance, files in given order. */
function groupByDirectory(files: readonly string[]): { file: string; order: number }[][] {
  const groups = new Map<string, { file: string; order: number }[]>();
  files.forEach((file, order) => {
    const dir = path.dirname(path.resolve(file));
    const group = groups.get(dir);
    if (group) group.push({ file, order });
    else groups.set(dir, [{ file, order }]);
  });
  return [...groups.values()];
}

function firstErrorOffset(root: import('web-tree-sitter').Node): number {
  let node = root;
  for (;;) {
    const child = node.children.find((c) => c && (c.type === 'ERROR' || c.isMissing || c.hasError));
    if (!child) return node.startIndex;
    if (child.type === 'ERROR' || child.isMissing) return child.startIndex;
    node = child;
  }
}

export function relativeForDisplay(file: string): string {
  return path.isAbsolute(file) ? file : path.normalize(file);
}
