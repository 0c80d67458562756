// Parsing only what the rules read, for the CLI's cold runs: most of a Go file's bytes
// are function bodies, and most bodies hold nothing any rule looks for. First the
// outline is parsed (everything but the inside of the top-level function bodies the
// text shows, function-bodies.ts), which is all the package facts and the rules'
// text requirements need; then (bodies-needed.ts) the bodies the rules may read are
// added by an incremental parse of the same text with wider included ranges. The
// declarations a rule runs in come out exactly as a full parse gives them, and the
// skipped bodies are empty blocks no rule looks into.
//
// The outline is checked before it is trusted: any syntax error in it, or a body the
// text suggested that the tree does not confirm, and the file is parsed in full.
import type { Point, Range, Tree } from 'web-tree-sitter';
import type { Engine } from './engine';
import { topLevelFunctionBodies, type FunctionBody } from './function-bodies';
import { topLevelDeclarations } from './declarations';
import type { BodiesNeeded } from './bodies-needed';

/** A tree of the file's outline, and which declarations' bodies were left out of it. */
export interface Outline {
  tree: Tree;
  /** The bodies not parsed, each with its declaration's index in the tree's top-level declarations. */
  skipped: readonly SkippedBody[];
}

export interface SkippedBody extends FunctionBody {
  declaration: number;
}

/** Bodies whose inside is shorter than this are parsed anyway: skipping them saves nothing. */
const WORTH_SKIPPING = 64;

/**
 * The outline of `text`: a tree in which the insides of the top-level function bodies
 * are not parsed. Null when the text does not allow it (no body worth skipping, or
 * one the tree does not confirm, or a syntax error outside the bodies): parse it whole.
 */
export function parseOutline(engine: Engine, text: string): Outline | null {
  const bodies = topLevelFunctionBodies(text)?.filter((body) => body.close - body.open > WORTH_SKIPPING);
  if (!bodies?.length) return null;
  const tree = engine.parse(text, undefined, includedRangesSkipping(text, bodies));
  const skipped = confirmedBodies(tree, bodies);
  if (skipped) return { tree, skipped };
  tree.delete();
  return null;
}

/**
 * The tree with the bodies the rules may read parsed as well (incrementally, from the
 * outline's tree, which the caller still owns). The outline's tree itself when none
 * is needed.
 */
export function withBodies(engine: Engine, text: string, outline: Outline, needed: BodiesNeeded): Tree {
  if (needed === 'all') return engine.parse(text, outline.tree);
  const stillSkipped = outline.skipped.filter((body) => !needed.has(body.declaration));
  if (stillSkipped.length === outline.skipped.length) return outline.tree;
  return engine.parse(text, outline.tree, stillSkipped.length ? includedRangesSkipping(text, stillSkipped) : undefined);
}

/**
 * The skipped bodies with their declarations' indexes, if the tree has no syntax
 * error and each one is exactly the body of a top-level function or method; else null.
 */
function confirmedBodies(tree: Tree, bodies: readonly FunctionBody[]): SkippedBody[] | null {
  const root = tree.rootNode;
  if (root.hasError) return null;
  const declarations = topLevelDeclarations(root);
  const skipped: SkippedBody[] = [];
  let index = 0;
  for (const body of bodies) {
    while (index < declarations.length && declarations[index]!.end <= body.open) index++;
    const declaration = declarations[index];
    if (!declaration || declaration.start > body.open) return null;
    if (declaration.type !== 'function_declaration' && declaration.type !== 'method_declaration') return null;
    const block = declaration.node.childForFieldName('body');
    if (!block || block.startIndex !== body.open || block.endIndex !== body.close + 1) return null;
    skipped.push({ ...body, declaration: index });
  }
  return skipped;
}

/** The ranges of `text` to parse: all of it but the inside of each body (in text order). */
function includedRangesSkipping(text: string, bodies: readonly FunctionBody[]): Range[] {
  const points = new PointCounter(text);
  const ranges: Range[] = [];
  let from = 0;
  for (const body of bodies) {
    const to = body.open + 1;
    ranges.push({ startIndex: from, endIndex: to, startPosition: points.at(from), endPosition: points.at(to) });
    from = body.close;
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
