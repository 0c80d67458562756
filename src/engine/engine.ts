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
    if (!includedRanges) return treeOrThrow(this.parser.parse(text, oldTree ?? null));
    // The parser copies each piece of text it asks for into its memory: handed only
    // the included range it is in, it copies none of the text it skips. Once parsed,
    // the tree reads node texts from the whole text, as a tree parsed from a string does.
    const pieces = new IncludedPieces(text, includedRanges);
    let parsing = true;
    const input = (index: number) => (parsing ? pieces.from(index) : text.slice(index));
    try {
      return treeOrThrow(this.parser.parse(input, oldTree ?? null, { includedRanges }));
    } finally {
      parsing = false;
    }
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

function treeOrThrow(tree: Tree | null): Tree {
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** The parser's input with included ranges: from an offset to the end of its range (or of the next one, between ranges). */
class IncludedPieces {
  constructor(
    private readonly text: string,
    private readonly ranges: readonly Range[],
  ) {}

  from(index: number): string {
    // The first range that ends after index (the lexer may step back: a search, not a cursor).
    const ranges = this.ranges;
    let low = 0;
    let high = ranges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ranges[middle]!.endIndex <= index) low = middle + 1;
      else high = middle;
    }
    const end = low < ranges.length ? ranges[low]!.endIndex : this.text.length;
    return this.text.slice(index, Math.max(end, index + 1));
  }
}
