// One parsed Go file and the facts rules ask of it, computed once and shared.
import type { Node, Tree } from 'web-tree-sitter';
import { carriedDeclarations } from './body-edit';
import { topLevelDeclarations, type Declaration } from './declarations';
import { rememberTree } from './function-index';
import { readImports, type ImportTable } from './imports';
import { LineIndex } from './lines';
import type { PackageFacts } from './package-index';
import { Suppressions } from './suppressions';

/**
 * The last file of the same document, when the edits since changed only the inside of
 * one function body (see body-edit.ts): its outline is this file's.
 */
export interface CarriedOutline {
  from: SourceFile;
  /** The position of the edited function among the top-level declarations. */
  editedDeclaration: number;
}

export class SourceFile {
  private rootNode?: Node;
  private importTable?: ImportTable;
  private lineIndex?: LineIndex;
  private suppressionTable?: Suppressions;
  private declarationList?: readonly Declaration[];
  private readonly memo = new Map<string, unknown>();
  /** See outlineCached; shared with the files the outline is carried to. */
  private readonly outlineMemo: Map<string, unknown>;
  /** The declarations (and imports) were carried over from the last file of the document. */
  readonly outlineCarried: boolean = false;

  constructor(
    readonly text: string,
    readonly tree: Tree,
    /** The module's Go version from go.mod (e.g. "1.21"), when known. */
    readonly goVersion?: string,
    /** Facts of the whole package (sibling files), when the caller indexed them; see packageFactsOf(). */
    readonly packageFacts?: PackageFacts,
    carried?: CarriedOutline,
  ) {
    const from = carried?.from;
    if (from?.declarationList) {
      const delta = text.length - from.text.length;
      this.declarationList = carriedDeclarations(tree.rootNode, from.declarationList, carried!.editedDeclaration, delta);
      this.importTable = from.importTable;
      this.outlineCarried = true;
    }
    // What was derived from the outline with the same Go version and package facts holds.
    const sameSurroundings = from !== undefined && from.goVersion === goVersion && from.packageFacts === packageFacts;
    this.outlineMemo = sameSurroundings ? from.outlineMemo : new Map();
    rememberTree(tree, text, () => this.declarations);
  }

  get root(): Node {
    // tree.rootNode builds a new node object at each call; rules ask for it often.
    this.rootNode ??= this.tree.rootNode;
    return this.rootNode;
  }

  /** The top-level declarations (named children of the root), in order. */
  get declarations(): readonly Declaration[] {
    this.declarationList ??= topLevelDeclarations(this.root);
    return this.declarationList;
  }

  /**
   * The declarations if they were listed already, else undefined: for a caller whose
   * tree has been edited since (listing them now would read the edited tree).
   */
  get listedDeclarations(): readonly Declaration[] | undefined {
    return this.declarationList;
  }

  get imports(): ImportTable {
    this.importTable ??= readImports(
      this.root,
      this.declarations.map((declaration) => declaration.node),
    );
    return this.importTable;
  }

  /** How many offset -> line lookups rules made: a finding reported after one may name a line number. */
  linesRead = 0;

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text, () => this.linesRead++);
    return this.lineIndex;
  }

  get suppressions(): Suppressions {
    // Most files hold no directive: then the line index (a pass over the text) is not built.
    this.suppressionTable ??= this.text.includes('lint') ? Suppressions.scan(this.text, this.tree, this.lines) : Suppressions.none();
    return this.suppressionTable;
  }

  /** Local names under which the file imports `path` (empty if it doesn't). */
  namesFor(importPath: string): readonly string[] {
    return this.imports.namesByPath.get(importPath) ?? [];
  }

  importsPath(importPath: string): boolean {
    return this.imports.namesByPath.has(importPath);
  }

  /** Whether `pkg.Name` in this file refers to the package at importPath. */
  refersTo(pkgIdentifier: Node | null, importPath: string): boolean {
    if (!pkgIdentifier || (pkgIdentifier.type !== 'identifier' && pkgIdentifier.type !== 'package_identifier')) return false;
    return this.imports.pathByName.get(pkgIdentifier.text) === importPath;
  }

  /** Per-file cache for analyses several rules share (e.g. one function's flow). */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /**
   * Like cached, for values computed from the file's outline alone (everything
   * outside function bodies), its Go version and its package facts: they carry over to
   * the next version of the document when an edit stays inside one function body.
   * Plain data only, never a tree node (the next version has another tree).
   */
  outlineCached<T>(key: string, compute: () => T): T {
    if (this.outlineMemo.has(key)) return this.outlineMemo.get(key) as T;
    const value = compute();
    this.outlineMemo.set(key, value);
    return value;
  }

  /** Text of the line holding `offset`, and where it starts. */
  lineAt(offset: number): { text: string; start: number; indent: string } {
    const { line } = this.lines.positionAt(offset);
    const start = this.lines.lineStart(line);
    const text = this.text.slice(start, this.lines.lineEnd(line));
    return { text, start, indent: /^[\t ]*/.exec(text)![0] };
  }
}
