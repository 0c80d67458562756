// The documents the client has open: for each, its text (a TextDocument, which
// converts LSP positions, UTF-16 and any line break style) and its tree-sitter
// tree. Changes arrive incrementally: each one is applied to the text and, as an
// Edit, to the old tree; the reparse happens once, lazily, when someone needs the
// tree (analysis, hover, code actions), reusing the edited old tree.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Range, Tree } from 'web-tree-sitter';
import type { AnalysisResult, AnalyzeOptions } from '../engine/analyzer';
import { bodyHoldingEdit } from '../engine/body-edit';
import { editLeavesBodyUnbalanced } from '../engine/half-typed-body';
import { LineIndex } from '../engine/lines';
import { Suppressions } from '../engine/suppressions';
import type { EngineConfig } from '../engine/config';
import { widen, type Damage } from '../engine/damage';
import type { Engine } from '../engine/engine';
import { IncrementalAnalysis } from '../engine/incremental';
import type { PackageFacts } from '../engine/package-index';
import { SourceFile, type CarriedOutline } from '../engine/source-file';
import type { Finding } from '../engine/types';
import type { Diagnostic, Range as LspRange } from 'vscode-languageserver';
import { toDiagnostic } from './diagnostics';
import type { Edit } from 'web-tree-sitter';
import { treeEditFromLines } from './line-tree-edit';
import { treeEditFor } from './tree-edit';

/**
 * Texts up to this length (UTF-16 units, about 256 KB) get a full parse when they turn
 * valid after a syntax error and no error-free tree is at hand (about 0.3 ms per KB);
 * longer ones keep the incremental tree, whose rare misreadings after an error the
 * time saved outweighs.
 */
const CONFIRM_PARSE_MAX_LENGTH = 256 * 1024;

/**
 * How many open documents keep their tree between uses. A tree takes about 17 bytes
 * of WASM memory per byte of text, and WASM memory never shrinks once grown, so with
 * hundreds of files open the trees would set the server's size. The others are parsed
 * again when next needed (about 0.3 ms per KB); their last findings stay.
 */
export const MAX_PARSED_DOCUMENTS = 20;

export interface FileContext {
  goVersion?: string;
  packageFacts?: PackageFacts;
}

/**
 * What the document's surroundings say about its current text (Go version, package
 * facts). `outlineUnchanged`: the edits since the last call changed only the inside of
 * one function body, so whatever comes from the file's declarations outside function
 * bodies (its package facts) is what it was.
 */
export type FileContextSource = (tree: Tree, text: string, outlineUnchanged: boolean) => FileContext;

/** Whether replacing oldText[start, end) with `inserted` adds or removes a line break (or splits a CRLF). */
function movesLines(oldText: string, start: number, end: number, inserted: string): boolean {
  return /[\r\n]/.test(inserted) || /[\r\n]/.test(oldText.slice(start, end)) || (oldText[start - 1] === '\r' && oldText[end] === '\n');
}

export class OpenDocument {
  private tree: Tree | null = null;
  /**
   * While the text has syntax errors: the last error-free tree, with every edit since
   * applied to it, to reparse from once the text is valid again (see sourceFile).
   */
  private validTree: Tree | null = null;
  /** The tree was edited since it was parsed: reparse before use. */
  private stale = true;
  private file: SourceFile | null = null;
  /** The file of the last parse, whose outline the next parse may carry over (see body-edit.ts). */
  private parsedFile: SourceFile | null = null;
  /** The edits since the last parse, as one span; null when there were none or a full replacement. */
  private editsSinceParse: Damage | null = null;
  /**
   * The findings of the last analysis, the version they describe, why they are
   * incomplete or missing, and whether the analysis ran out of its time budget.
   */
  analysis: { version: number; findings: Finding[]; notice?: string; stopped?: boolean; provisional?: boolean } | null = null;
  /** A parse under a time budget ran out (a huge document): no tree until a full parse succeeds. */
  private parseGaveUp = false;
  /** Keeps the last analysis so the next one redoes only what the edits touched. */
  private incremental: IncrementalAnalysis | null = null;
  /**
   * Each finding's diagnostic, built once: the incremental analysis hands back the same
   * finding object only while nothing before it changed (see its merge), so its line
   * and column still hold; a moved finding is a new object.
   */
  private diagnostics = new WeakMap<Finding, Diagnostic>();

  /**
   * The text holds no \r (most files): then an LSP line is a tree-sitter row (rows
   * break at \n only) and an edit's start point is the document's position of its
   * offset (a binary search of its line offsets), not a count of every \n before it
   * (treeEditFor), which cost ~0.5 ms per keystroke on a 600 KB file (see
   * line-tree-edit.ts). Once a \r comes in, the count it is.
   */
  private noCarriageReturn: boolean;

  constructor(
    public document: TextDocument,
    /** Told whenever the tree is about to be used (the store keeps the recently used ones). */
    private readonly onTreeUse: (document: OpenDocument) => void = () => {},
  ) {
    this.noCarriageReturn = !document.getText().includes('\r');
  }

  /** The tree edit replacing oldText[start, end) with `inserted`, as treeEditFor makes it. */
  private treeEdit(oldText: string, start: number, end: number, inserted: string): Edit {
    return this.noCarriageReturn ? treeEditFromLines(this.document, oldText, start, end, inserted) : treeEditFor(oldText, start, end, inserted);
  }

  /** Whether the document holds a parsed tree now. */
  get hasTree(): boolean {
    return this.tree !== null;
  }

  /** Frees the tree (and what was derived from it); the next use parses the text again. */
  releaseTree(): void {
    this.tree?.delete();
    this.tree = null;
    this.validTree?.delete();
    this.validTree = null;
    this.file = null;
    this.parsedFile = null;
    this.stale = true;
    this.incremental?.reset();
  }

  get uri(): string {
    return this.document.uri;
  }

  get version(): number {
    return this.document.version;
  }

  get text(): string {
    return this.document.getText();
  }

  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const oldText = this.document.getText();
        const start = this.document.offsetAt(change.range.start);
        const end = this.document.offsetAt(change.range.end);
        const edit = this.treeEdit(oldText, start, end, change.text);
        if (change.text.includes('\r')) this.noCarriageReturn = false;
        this.tree?.edit(edit);
        this.validTree?.edit(edit);
        this.incremental?.noteEdit(start, Math.max(start, end), change.text.length, movesLines(oldText, start, end, change.text));
        if (this.parsedFile) this.editsSinceParse = widen(this.editsSinceParse, start, Math.max(start, end), change.text.length);
      } else {
        // A full replacement shares nothing with the old tree worth keeping.
        this.tree?.delete();
        this.tree = null;
        this.validTree?.delete();
        this.validTree = null;
        this.parsedFile = null;
        this.editsSinceParse = null;
        this.incremental?.reset();
        this.noCarriageReturn = !change.text.includes('\r');
      }
      this.document = TextDocument.update(this.document, [change], version);
    }
    this.stale = true;
    this.file = null;
  }

  /**
   * The parsed file for the current text (parsing incrementally if it changed).
   * `context` supplies what the file's surroundings say: its Go version and its
   * package's facts (asked once per parse, or after invalidate()).
   */
  sourceFile(engine: Engine, context: FileContextSource): SourceFile {
    this.onTreeUse(this);
    let carried: CarriedOutline | undefined;
    if (this.stale || !this.tree) {
      const text = this.document.getText();
      const wasBroken = this.tree?.rootNode.hasError ?? false;
      // The error-free tree this edit starts from, kept in case the edit breaks the text.
      if (this.tree && !wasBroken) {
        this.validTree?.delete();
        this.validTree = this.tree.copy();
      }
      let next = engine.parse(text, this.tree ?? undefined);
      // Where the reparse changed the tree beyond the edited text (an opened comment or
      // string swallowing what follows), the last analysis is out of date too.
      // With syntax errors involved and an error-free tree at hand, what counts is how the
      // new tree differs from that one (below), not how error recovery reshaped the
      // trees in between.
      const changed: readonly Range[] | null = this.tree && (this.incremental || this.parsedFile) ? this.tree.getChangedRanges(next) : null;
      if (changed && this.incremental) {
        const involvesErrors = wasBroken || next.rootNode.hasError;
        if (!involvesErrors) {
          for (const range of changed) this.incremental.noteChangedRange(range.startIndex, range.endIndex);
        } else if (!this.validTree) {
          for (const range of changed) this.incremental.noteBrokenChangedRange(range.startIndex, range.endIndex);
        } else if (next.rootNode.hasError) {
          this.incremental.replaceBrokenStructure(this.validTree.getChangedRanges(next));
        }
      }
      carried = this.carriedOutline(next, changed);
      if (wasBroken && !next.rootNode.hasError && (this.validTree || text.length <= CONFIRM_PARSE_MAX_LENGTH)) {
        // Tree-sitter reuses an erroneous tree's subtrees by parse state, and once the
        // text is valid again that reuse can keep another reading of ambiguous syntax
        // than a fresh parse gives (`use(v)` as a conversion instead of a call, so
        // rules looking for calls miss it). Found by test/robustness's edit sessions.
        // Reparsing from the last error-free tree (every edit since applied to it) reuses
        // only error-free subtrees: the CLI's tree again, at an incremental parse's cost
        // (a full parse when there is none, e.g. a document opened broken).
        // The incremental analysis redoes what it analysed on broken trees.
        next.delete();
        next = engine.parse(text, this.validTree ?? undefined);
        carried = undefined; // another tree than the one compared with
        if (this.validTree && this.incremental) {
          // What changed since the last error-free tree is all the analysis needs to know.
          this.incremental.replaceBrokenStructure([]);
          for (const range of this.validTree.getChangedRanges(next)) this.incremental.noteChangedRange(range.startIndex, range.endIndex);
        }
      }
      if (!next.rootNode.hasError) {
        this.validTree?.delete();
        this.validTree = null;
      }
      this.tree?.delete();
      this.tree = next;
      this.stale = false;
      this.file = null;
      this.parsedFile = null;
      this.editsSinceParse = null;
    }
    if (!this.file) {
      const text = this.document.getText();
      const { goVersion, packageFacts } = context(this.tree!, text, carried !== undefined);
      this.file = new SourceFile(text, this.tree!, goVersion, packageFacts, carried);
      this.parsedFile = this.file;
    }
    this.parseGaveUp = false;
    return this.file;
  }

  /** The last parse's outline, when the edits since (and the reparse's changes) stayed inside one function body. */
  private carriedOutline(next: Tree, changed: readonly Range[] | null): CarriedOutline | undefined {
    const from = this.parsedFile;
    const declarations = from?.listedDeclarations;
    if (!from || !declarations || !this.tree || !changed || !this.editsSinceParse) return undefined;
    const editedDeclaration = bodyHoldingEdit(this.tree, next, declarations, this.editsSinceParse, changed);
    return editedDeclaration === null ? undefined : { from, editedDeclaration };
  }

  /**
   * The parsed file of a document too large to analyse, for hovers: parsed only if the
   * parse takes less than budgetMs. Once one runs out, null until sourceFile() parses
   * it (the document got small enough to analyse), so a huge file costs the budget
   * once, not at every hover.
   */
  sourceFileWithin(engine: Engine, budgetMs: number): SourceFile | null {
    this.onTreeUse(this);
    if (this.parseGaveUp) return null;
    if (this.stale || !this.tree) {
      this.validTree?.delete();
      this.validTree = null;
      const next = engine.parseWithin(this.document.getText(), budgetMs, this.tree ?? undefined);
      this.tree?.delete();
      this.tree = next;
      this.file = null;
      this.parsedFile = null;
      this.editsSinceParse = null;
      if (!next) {
        this.parseGaveUp = true;
        return null;
      }
      this.stale = false;
    }
    this.file ??= new SourceFile(this.document.getText(), this.tree!);
    return this.file;
  }

  /**
   * Analyses the document's parsed file (from sourceFile()): after small edits, only
   * the declarations they touched (see IncrementalAnalysis); the findings equal a full
   * analysis, or with `provisional`, while the text is half-typed, are the last ones moved.
   */
  analyze(engine: Engine, file: SourceFile, config: EngineConfig, options: AnalyzeOptions & { provisional?: boolean } = {}): AnalysisResult {
    this.incremental ??= new IncrementalAnalysis(engine.analyzer);
    return this.incremental.analyze(file, config, options);
  }

  /**
   * The keystroke path's answer without a parse, when the text says it would be a
   * provisional one anyway: the edits since the last parse lie inside one function
   * body and left its braces unbalanced (half-typed-body.ts), so the reparse would
   * read the rest of the file into that body (1-3 ms on a 3,000-line file) only for
   * the last findings, moved, to be shown. Those are shown now; the tree keeps every
   * edit, and the next sourceFile() (the next keystroke, the pause after which the
   * server wants exact findings, a hover or code action) parses once for them all.
   * Null when a parse is due: then sourceFile() and analyze() as usual.
   */
  analyzeWithoutParse(config: EngineConfig): AnalysisResult | null {
    const parsed = this.parsedFile;
    const declarations = parsed?.listedDeclarations;
    if (!this.stale || !this.tree || !parsed || !declarations || !this.editsSinceParse || !this.incremental) return null;
    const text = this.document.getText();
    if (!editLeavesBodyUnbalanced(parsed.text, declarations, this.editsSinceParse, text)) return null;
    // The //nolint comments of today's text, read by the lexer (the edited, unparsed
    // tree only adds comments inside a literal left open, as for a parsed file).
    let lines: LineIndex | undefined;
    let suppressions: Suppressions | undefined;
    const tree = this.tree;
    const isSuppressed = (rule: string, offset: number): boolean => {
      if (!suppressions) {
        // Most files hold no directive: then no line index is needed.
        if (text.includes('lint')) {
          lines = new LineIndex(text);
          suppressions = Suppressions.scan(text, tree, lines);
        } else suppressions = Suppressions.none();
      }
      return !suppressions.isEmpty && suppressions.isSuppressed(rule, lines!.positionAt(offset).line);
    };
    return this.incremental.provisionalWithoutParse(text.length, config, isSuppressed);
  }

  /** The LSP diagnostics of findings of this document's current text. */
  diagnosticsOf(findings: readonly Finding[]): Diagnostic[] {
    return findings.map((finding) => {
      let diagnostic = this.diagnostics.get(finding);
      if (!diagnostic) {
        diagnostic = this.movedDiagnostic(finding) ?? toDiagnostic(this.document, finding);
        this.diagnostics.set(finding, diagnostic);
      }
      return diagnostic;
    });
  }

  /**
   * The diagnostic of a finding the last incremental analysis moved (movedFrom), from the
   * old finding's: its text lies wholly after the edits, so when its start keeps its
   * column, every position in it (related ones checked too) keeps its column and moves
   * by the same number of lines. The very same object when no line moved (the edits
   * kept their line breaks), as is the case for most keystrokes. Undefined otherwise:
   * then it is built afresh.
   */
  private movedDiagnostic(finding: Finding): Diagnostic | undefined {
    const origin = this.incremental?.movedFrom(finding);
    const old = origin && this.diagnostics.get(origin);
    if (!old) return undefined;
    const start = this.document.positionAt(finding.start);
    if (start.character !== old.range.start.character) return undefined;
    const lines = start.line - old.range.start.line;
    const related = finding.related ?? [];
    const oldRelated = old.relatedInformation ?? [];
    if (related.length !== oldRelated.length) return undefined;
    for (let i = 0; i < related.length; i++) {
      const position = this.document.positionAt(related[i]!.start);
      const was = oldRelated[i]!.location.range.start;
      if (position.character !== was.character || position.line - was.line !== lines) return undefined;
    }
    if (lines === 0) return old;
    const shift = (range: LspRange): LspRange => ({
      start: { line: range.start.line + lines, character: range.start.character },
      end: { line: range.end.line + lines, character: range.end.character },
    });
    const diagnostic: Diagnostic = { ...old, range: shift(old.range) };
    if (old.relatedInformation) {
      diagnostic.relatedInformation = old.relatedInformation.map((information) => ({
        ...information,
        location: { ...information.location, range: shift(information.location.range) },
      }));
    }
    return diagnostic;
  }

  /** How the last analysis went (full or incremental, how much was redone), for the bench. */
  get lastAnalysis(): IncrementalAnalysis['lastRun'] | undefined {
    return this.incremental?.lastRun;
  }

  /** Its surroundings changed (settings, sibling files): analyse again on next use. */
  invalidate(): void {
    this.file = null;
    this.analysis = null;
    this.incremental?.reset();
  }

  dispose(): void {
    this.releaseTree();
    this.incremental = null;
  }
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  /** Documents whose tree was used, least recently used first (a Map keeps insertion order). */
  private readonly recentlyParsed = new Map<OpenDocument, true>();

  constructor(private readonly maxParsed = MAX_PARSED_DOCUMENTS) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const document = new OpenDocument(TextDocument.create(uri, languageId, version, text), (used) => this.treeUsed(used));
    this.documents.set(uri, document);
    return document;
  }

  private treeUsed(document: OpenDocument): void {
    this.recentlyParsed.delete(document);
    this.recentlyParsed.set(document, true);
    for (const oldest of this.recentlyParsed.keys()) {
      if (this.recentlyParsed.size <= this.maxParsed) break;
      this.recentlyParsed.delete(oldest);
      oldest.releaseTree();
    }
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): void {
    const document = this.documents.get(uri);
    if (!document) return;
    document.dispose();
    this.recentlyParsed.delete(document);
    this.documents.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  has(uri: string): boolean {
    return this.documents.has(uri);
  }

  disposeAll(): void {
    for (const document of this.documents.values()) document.dispose();
    this.documents.clear();
    this.recentlyParsed.clear();
  }
}
