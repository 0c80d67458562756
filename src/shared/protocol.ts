// What the VS Code client and the language server agree on: names, custom requests,
// the settings shape. Plain types and strings only, so the client bundle stays free
// of engine code and any LSP client (Neovim, Helix…) can speak the same requests.

/**
 * Node options the server process runs with: a young generation of at most 1 MB per
 * semi-space (V8's default grows it to 16 MB; the server's garbage is per keystroke,
 * well under 1 MB, and dies young) and an old generation grown by half its live size
 * at a time (V8 may otherwise take four times: with 200 files open, tens of MB of heap
 * reserved for nothing). With 200 standard-library files open and edited, the
 * server's peak RSS is ~144-148 MB instead of ~227 MB with V8's defaults (npm run
 * bench). V8's optimize-for-size mode kept it at ~135 MB but made every keystroke's
 * analysis ~1.5 times slower (p95 6.4 ms instead of 2.5-3 on a 3,000-line file).
 * --expose-gc lets the server collect the young generation between keystrokes, once
 * the diagnostics are out (src/server/young-garbage.ts), not during the next one.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1', '--heap-growing-percent=50', '--expose-gc'];

/** Server id (LanguageClient id, diagnostic source, output channel). */
export const SERVER_ID = 'go-for-ts';
export const SERVER_NAME = 'Go for TS';
/** Every diagnostic the server publishes carries this `source`. */
export const DIAGNOSTIC_SOURCE = 'go-for-ts';
/** The settings section: `goForTs.rules`, `goForTs.hover.cards`, … */
export const CONFIG_SECTION = 'goForTs';

/** Commands the extension contributes (package.json `contributes.commands`). */
export const COMMANDS = {
  showRuleDoc: 'goForTs.showRuleDoc',
  analyzeWorkspace: 'goForTs.analyzeWorkspace',
  restartServer: 'goForTs.restartServer',
  openSample: 'goForTs.openSample',
} as const;

/** Scheme of the read-only virtual documents that show a rule's explanation. */
export const RULE_DOC_SCHEME = 'go-for-ts-doc';

// ---------------------------------------------------------------- settings

export type SeveritySetting = 'error' | 'warning' | 'info' | 'hint';
export type RuleSettingValue =
  | boolean
  | SeveritySetting
  | 'off'
  | { enabled?: boolean; severity?: SeveritySetting | 'off'; options?: Record<string, unknown> };

export type HoverCardsMode = 'full' | 'short' | 'off';
export const HOVER_CARDS_MODES: readonly HoverCardsMode[] = ['full', 'short', 'off'];

/** The `goForTs` settings section as the client sends it (every field optional, any may be malformed). */
export interface GoForTsSettings {
  /** Rule id -> true/false/"off"/severity/{enabled, severity, options}. */
  rules?: Record<string, RuleSettingValue>;
  contextFirst?: { allowTypesBefore?: string[] };
  hover?: {
    /** Hovers of any kind (explanations of diagnostics and construct cards). */
    enabled?: boolean;
    /** Construct cards on Go syntax: full, short or off. */
    cards?: HoverCardsMode;
  };
  /** Documents larger than this many KB (UTF-8) are not analysed; default 1024. */
  maxFileSizeKB?: number;
}

/** `initializationOptions`: the settings at start, so the first analysis uses them. */
export interface InitializationOptions {
  settings?: GoForTsSettings;
  /**
   * Browser only: where the worker gets web-tree-sitter.wasm and tree-sitter-go.wasm,
   * each the URL of the extension's own file (fetched) or the file's bytes as a
   * base64 data: URL (decoded in place, no fetch). Node servers read the files
   * beside their bundle and ignore it.
   */
  grammarUrls?: { runtimeWasm: string; goWasm: string };
  /**
   * While the user types half-finished code that throws the whole file's structure off
   * (an opening brace swallowing the rest), the server publishes the last findings,
   * moved, at once and the exact ones after a pause (default true). False: every
   * publish is exact, for clients that compare each with a fresh analysis (tests).
   */
  provisionalDiagnostics?: boolean;
}

// ---------------------------------------------------------------- custom requests

/**
 * `goForTs/ruleDoc`: the explanation of one rule, named by id or found under a
 * position (the first go-for-ts finding there). Result null: no rule there / unknown id.
 */
export const RULE_DOC_REQUEST = 'goForTs/ruleDoc';
export interface RuleDocParams {
  ruleId?: string;
  textDocument?: { uri: string };
  position?: { line: number; character: number };
}
export interface RuleDocResult {
  id: string;
  title: string;
  /** The rule's documentation (markdown shipped with the extension). */
  markdown: string;
}

/** `goForTs/listRules`: every rule, for a quick pick. */
export const LIST_RULES_REQUEST = 'goForTs/listRules';
export interface RuleSummary {
  id: string;
  title: string;
  enabled: boolean;
  severity: SeveritySetting;
}

/**
 * `goForTs/analyzeWorkspace`: analyse every .go file under the folders (default:
 * the workspace folders) and publish diagnostics for each. Reports work-done
 * progress ($/progress) and honours cancellation.
 */
export const ANALYZE_WORKSPACE_REQUEST = 'goForTs/analyzeWorkspace';
export interface AnalyzeWorkspaceParams {
  /** Folder URIs (file: scheme); omitted -> the folders the client opened. */
  folders?: string[];
  workDoneToken?: string | number;
}
export interface AnalyzeWorkspaceResult {
  files: number;
  filesWithFindings: number;
  findings: number;
  durationMs: number;
  cancelled: boolean;
  /** Folders or files that could not be read (one line each). */
  problems: string[];
}
