// The shape of a rule. One rule is one file in src/rules/ (its doc is the .md file
// beside it): metadata, a tree-sitter query naming the nodes it wants to see, and a
// `create` that returns one handler per capture name. The engine runs the queries of
// all enabled rules as one query over one tree, so the rules share a single pass.
import type { Node } from 'web-tree-sitter';
import type { Anchor } from './anchors';
import type { TextRequirement } from './declarations';
import type { Fix, Severity } from './types';
import type { SourceFile } from './source-file';

export interface RuleMeta {
  /** Stable id: shown to users, used by //nolint and settings. Never rename. */
  id: string;
  /** One line, sentence case, no trailing period. */
  title: string;
  severity: Severity;
  enabledByDefault: boolean;
  /**
   * The rule can only fire in files importing one of these paths; other files skip
   * it without running its query (the lostcancel fast path).
   */
  requiresImport?: readonly string[];
  /**
   * Text every finding's top-level declaration contains (e.g. /WithValue/), or several
   * patterns it must all contain: the rule's query runs only over the declarations
   * (functions, types, vars...) where a match starts, so a file without one costs a
   * string search. It must be a consequence of what the query captures and the
   * handlers check (a word of the pattern itself), never a guess: behaviour must not
   * change. Comments may sit between Go tokens; patterns allow for them (see GAP).
   */
  requiresText?: TextRequirement;
  /**
   * A token inside every match that can lead to a finding, and where the patterns start
   * relative to it: the query is then matched only there, found from the text, instead
   * of over whole declarations (see anchors.ts). Within the declarations requiresText
   * leaves, if given.
   */
  anchor?: Anchor;
  /**
   * The query's patterns all start at a top-level declaration of one of these types
   * (e.g. method_declaration), never deeper: they are matched at the declaration itself
   * without walking its body (except in declarations holding syntax errors).
   */
  matchesDeclarations?: readonly string[];
  /**
   * What a finding in a declaration depends on, for the language server's incremental
   * analysis. 'declaration' (the default): the declaration's own text, the file's
   * imports, package clause and package facts, the Go version, the texts of the file's
   * type/var/const declarations and function signatures, and the bodies of same-file
   * functions the declaration names; the server re-runs such a rule only in the
   * declarations an edit touched (or that call a touched function). 'file': anything
   * else (text after the declaration, every call in the file...): re-run on each change.
   */
  scope?: 'declaration' | 'file';
  /**
   * What the handlers read of the TREE, when that is less than `scope` says (scope
   * counts text too): 'declaration' when, as scope 'declaration' describes, only the
   * declaration's own nodes, the outline and the bodies of same-file functions it
   * names are read, even if the finding depends on text elsewhere (e.g. whether the
   * file names WaitGroup anywhere); 'own' when not even those bodies are (nor the
   * values of the variables it names): the declaration's own nodes and the outline;
   * 'signature' when not even the declaration's own function body is (a finding about
   * parameters). The CLI then leaves the other function bodies unparsed
   * (regions-needed.ts). Default: the same as scope.
   */
  treeScope?: 'signature' | 'own' | 'declaration' | 'file';
  /** The TypeScript idiom the pitfall comes from, in a few words (for cards and SARIF). */
  tsAnalogy: string;
}

export interface ReportDescriptor {
  /** Where the finding goes: a node, or offsets. */
  node?: Node;
  start?: number;
  end?: number;
  message: string;
  /** Built only when fixes were asked for (code actions), never on the keystroke path. */
  fixes?: () => Fix[];
  related?: { node: Node; message: string }[];
}

export interface RuleContext<Options> {
  readonly file: SourceFile;
  readonly options: Options;
  report(descriptor: ReportDescriptor): void;
}

/** Capture name -> handler; '$end' runs once after every capture was seen. */
export type RuleHandlers = Record<string, (node: Node) => void>;

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta;
  /** Markdown: why it bites, the TypeScript side, the fix, how to silence it. */
  doc: string;
  defaultOptions: Options;
  /** Validates a user-supplied options object; returns messages for what is wrong. */
  validateOptions?(raw: Record<string, unknown>): string[];
  /**
   * tree-sitter query; capture names are local to the rule. Patterns match inside one
   * top-level declaration (never source_file itself): the engine runs the query per
   * declaration.
   */
  query: string;
  /**
   * A cheap test per file, before any tree work: false when the rule cannot fire here
   * (its Go version, what the package imports).
   */
  appliesTo?(file: SourceFile): boolean;
  /**
   * meta.requiresText worked out for this file (e.g. from the package's lock-holding
   * types); null when nothing in the file can need the rule.
   */
  textRequirement?(file: SourceFile): TextRequirement | null;
  /**
   * meta.anchor worked out for this file and the declarations requiresText left (e.g.
   * the names of their map variables); null when no capture there can lead to a
   * finding ($end still runs).
   */
  anchorIn?(file: SourceFile, declarations: readonly number[]): Anchor | null;
  create(context: RuleContext<Options>): RuleHandlers;
}

/**
 * Whitespace and comments, as Go allows between two tokens: for requiresText patterns
 * that span tokens, e.g. new RegExp(`\\bgo${GAP}func\\b`). Each comment is
 * taken whole (to the end of its line, or to its first closing star-slash), so a gap
 * matches one way only: no runaway backtracking on lines full of slashes.
 */
export const GAP = String.raw`(?:\s|//[^\n]*(?![^\n])|/\*(?:[^*]|\*(?!/))*\*/)*`;

/**
 * A requiresText pattern (not the first: it is tested on one declaration's text at a
 * time) for `first`, then `then` somewhere after it, e.g. a loop's `for` and a `defer`
 * inside it. Only the first `first` is tried (a later one has less text after it), so
 * a declaration with thousands of them costs one pass, not one per occurrence.
 */
export function followedBy(first: string, then: string): RegExp {
  // The lookahead takes the text up to the first `first`; the backreference then
  // consumes it whole, with no way back into it (an atomic group).
  return new RegExp(`^(?=([\\s\\S]*?${first}))\\1[\\s\\S]*(?:${then})`);
}

// eslint-style identity helper so each rule file gets its Options type inferred.
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

// The registry holds rules of many option types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;
