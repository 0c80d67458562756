// Parsing only what the rules read, for the CLI's cold runs: most of a Go file's bytes
// are function bodies, tables and constants, and most hold nothing any rule looks for.
// First the outline is parsed: everything but the inside of the top-level function
// bodies, of the big braces of top-level var values and of the const groups the text
// shows (unparsed-regions.ts), which is all the package facts and the rules' text
// requirements need; then (regions-needed.ts)
// the regions of the declarations the rules may read are added by an incremental parse
// of the same text with wider included ranges. The declarations a rule runs in come out
// exactly as a full parse gives them, and the skipped regions are empty braces no rule
// looks into.
//
// The outline is checked before it is trusted: any syntax error in it, or a region the
// text suggested that the tree does not confirm, and the file is parsed in full.
import type { Point, Range, Tree } from 'web-tree-sitter';
import type { Engine } from './engine';
import { unparsedRegions, type BracedRegion } from './unparsed-regions';
import { declarationAt, topLevelDeclarations, type Declaration } from './declarations';
import type { RegionsNeeded } from './regions-needed';

/** A tree of the file's outline, and which declarations' regions were left out of it. */
export interface Outline {
  tree: Tree;
  /** The regions not parsed, each with its declaration's index in the tree's top-level declarations. */
  skipped: readonly SkippedRegion[];
}

export interface SkippedRegion extends BracedRegion {
  declaration: number;
}

/**
 * Regions whose inside is shorter than this are parsed anyway: skipping them saves
 * nothing (a value's more, as each skipped one adds its variables' names to look for).
 */
const WORTH_SKIPPING: Record<BracedRegion['kind'], number> = { body: 64, value: 256, constants: 256 };

/**
 * The outline of `text`: a tree in which the insides of the top-level function bodies
 * and big var values are not parsed. Null when the text does not allow it (nothing
 * worth skipping, or a region the tree does not confirm, or a syntax error outside
 * them): parse it whole.
 */
export function parseOutline(engine: Engine, text: string): Outline | null {
  const regions = unparsedRegions(text)?.filter((region) => region.close - region.open > WORTH_SKIPPING[region.kind]);
  if (!regions?.length) return null;
  const tree = engine.parse(text, undefined, includedRangesSkipping(text, regions));
  const skipped = confirmedRegions(tree, regions);
  if (skipped) return { tree, skipped };
  tree.delete();
  return null;
}

/**
 * The tree with the regions the rules may read parsed as well (incrementally, from the
 * outline's tree, which the caller still owns). The outline's tree itself when none
 * is needed.
 */
export function withRegions(engine: Engine, text: string, outline: Outline, needed: RegionsNeeded): Tree {
  if (needed === 'all') return engine.parse(text, outline.tree);
  const stillSkipped = outline.skipped.filter((region) => !needed.has(region.declaration));
  if (stillSkipped.length === outline.skipped.length) return outline.tree;
  return engine.parse(text, outline.tree, stillSkipped.length ? includedRangesSkipping(text, stillSkipped) : undefined);
}

/**
 * The skipped regions with their declarations' indexes, if the tree has no syntax
 * error and each one is exactly the body of a top-level function or method, a
 * literal's (or func literal's) braces in a top-level var declaration, or the
 * parentheses of a const group; else null.
 */
function confirmedRegions(tree: Tree, regions: readonly BracedRegion[]): SkippedRegion[] | null {
  const root = tree.rootNode;
  if (root.hasError) return null;
  const declarations = topLevelDeclarations(root);
  const skipped: SkippedRegion[] = [];
  for (const region of regions) {
    const index = declarationAt(declarations, region.open);
    if (index < 0 || !confirms(declarations[index]!, region)) return null;
    skipped.push({ ...region, declaration: index });
  }
  return skipped;
}

function confirms(declaration: Declaration, { open, close, kind }: BracedRegion): boolean {
  if (kind === 'constants') {
    if (declaration.type !== 'const_declaration') return false;
    const node = declaration.node;
    const opening = node.child(1);
    const closing = node.lastChild;
    return opening?.type === '(' && opening.startIndex === open && closing?.type === ')' && closing.startIndex === close && node.endIndex === close + 1;
  }
  if (kind === 'body') {
    if (declaration.type !== 'function_declaration' && declaration.type !== 'method_declaration') return false;
    const block = declaration.node.childForFieldName('body');
    return !!block && block.startIndex === open && block.endIndex === close + 1;
  }
  if (declaration.type !== 'var_declaration') return false;
  const braces = declaration.node.descendantForIndex(open, close + 1);
  if (!braces || braces.startIndex !== open || braces.endIndex !== close + 1) return false;
  return braces.type === 'literal_value' || (braces.type === 'block' && braces.parent?.type === 'func_literal');
}

/** The ranges of `text` to parse: all of it but the inside of each region (in text order). */
function includedRangesSkipping(text: string, regions: readonly BracedRegion[]): Range[] {
  const points = new PointCounter(text);
  const ranges: Range[] = [];
  let from = 0;
  for (const region of regions) {
    const to = region.open + 1;
    ranges.push({ startIndex: from, endIndex: to, startPosition: points.at(from), endPosition: points.at(to) });
    from = region.close;
  }
  ranges.push({ startIndex: from, endIndex: text.length, startPosition: points.at(from), endPosition: points.at(text.length) });
  return ranges;
}

/**
 * Row and column of increasing offsets, as tree-sitter counts them: rows end at '\n'
 * only, columns in UTF-16 units (web-tree-sitter's unit). One pass over the text.
 */
class PointCounter {
  private row = 0;
  private lineStart = 0;
  private scanned = 0;

  constructor(private readonly text: string) {}

  at(offset: number): Point {
    for (let next = this.text.indexOf('\n', this.scanned); next !== -1 && next < offset; next = this.text.indexOf('\n', next + 1)) {
      this.row++;
      this.lineStart = next + 1;
      this.scanned = next + 1;
    }
    this.scanned = Math.max(this.scanned, this.lineStart);
    return { row: this.row, column: offset - this.lineStart };
  }
}
