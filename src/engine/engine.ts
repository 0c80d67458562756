// The engine's front door, the same for the CLI, the language server and tests:
// parse text, analyse it with a configuration, never keep a tree it was not asked to.
import type { Language, Parser, Range, Tree } from 'web-tree-sitter';
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from './analyzer';
import { defaultConfig, type EngineConfig } from './config';
import { createGoParser, loadGoLanguage, type GrammarSource } from './parser';
import type { AnyRule } from './rule';
import type { PackageFacts } from './package-index';
import { SourceFile } from './source-file';

export interface AnalyzeTextOptions extends AnalyzeOptions {
  config?: EngineConfig;
  goVersion?: string;
  /** Facts of the file's package from a PackageIndex (sibling files); rules fall back to this file's own. */
  packageFacts?: PackageFacts;
}

export class Engine {
  readonly analyzer: Analyzer;

  private constructor(
    readonly language: Language,
    readonly parser: Parser,
    readonly rules: readonly AnyRule[],
  ) {
    this.analyzer = new Analyzer(language, rules);
  }

  static async create(source: GrammarSource, rules: readonly AnyRule[]): Promise<Engine> {
    const language = await loadGoLanguage(source);
    const parser = await createGoParser(source);
    return new Engine(language, parser, rules);
  }

  get defaultConfig(): EngineConfig {
    return defaultConfig(this.rules);
  }

  /**
   * Parses text; the caller owns the tree and must delete() it. With includedRanges,
   * only those parts of the text (see partial-parse.ts); without, all of it.
   */
  parse(text: string, oldTree?: Tree, includedRanges?: Range[]): Tree {
    const tree = this.parser.parse(text, oldTree ?? null, includedRanges ? { includedRanges } : undefined);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /**
   * Like parse, but gives up after budgetMs and returns null (a huge file must not
   * freeze the editor). The parser is reset then, so the next parse starts afresh
   * instead of resuming the abandoned one.
   */
  parseWithin(text: string, budgetMs: number, oldTree?: Tree): Tree | null {
    const deadline = performance.now() + budgetMs;
    const tree = this.parser.parse(text, oldTree ?? null, { progressCallback: () => performance.now() > deadline });
    if (!tree) this.parser.reset();
    return tree;
  }

  analyzeTree(text: string, tree: Tree, options: AnalyzeTextOptions = {}): AnalysisResult {
    const file = new SourceFile(text, tree, options.goVersion, options.packageFacts);
    return this.analyzer.analyze(file, options.config ?? this.defaultConfig, options);
  }

  /** Parse, analyse, free the tree. */
  analyzeText(text: string, options: AnalyzeTextOptions = {}): AnalysisResult {
    const tree = this.parse(text);
    try {
      return this.analyzeTree(text, tree, options);
    } finally {
      tree.delete();
    }
  }
}
