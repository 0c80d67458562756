// The shape of a rule. One rule is one file in src/rules/ (its doc is the .md file
// beside it): metadata, a tree-sitter query naming the nodes it wants to see, and a
// `create` that returns one handler per capture name. The engine runs the queries of
// all enabled rules as one query over one tree, so the rules share a single pass.
import type { Node } from 'web-tree-sitter';
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
  /** tree-sitter query; capture names are local to the rule. */
  query: string;
  create(context: RuleContext<Options>): RuleHandlers;
}

// eslint-style identity helper so each rule file gets its Options type inferred.
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

// The registry holds rules of many option types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;
