// The language server: wires LSP requests to the engine. Used by out/server.js (the
// VS Code extension starts it over IPC), by `go-for-ts lsp --stdio` (any editor) and
// by out/web/server.js (a Web Worker, VS Code for the Web). What differs between
// Node and the browser (grammar files, disk access) comes in as a ServerPlatform.
import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { DeadlineExceeded, withDeadline } from '../engine/deadline';
import { Engine } from '../engine/engine';
import { asSentence, nulCharacterNotice, sizeLimitMessage, sizeOverLimitKB, timeBudgetMessage } from '../engine/limits';
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';
import { ALL_RULES } from '../rules';
import { VERSION } from '../shared/product';
import {
  ANALYZE_WORKSPACE_REQUEST,
  CONFIG_SECTION,
  LIST_RULES_REQUEST,
  RULE_DOC_REQUEST,
  SERVER_ID,
  type AnalyzeWorkspaceParams,
  type AnalyzeWorkspaceResult,
  type InitializationOptions,
  type RuleDocParams,
  type RuleDocResult,
  type RuleSummary,
} from '../shared/protocol';
import { codeActions } from './code-actions';
import { rangeOf } from './diagnostics';
import { DocumentStore, type OpenDocument } from './documents';
import { findingsAt, hoverAt } from './hover';
import { ANALYSIS_BUDGET_MS, HOVER_BUDGET_MS, limitNotice, OVERSIZE_PARSE_BUDGET_MS } from './limit-notice';
import type { PackageSource, ServerPlatform } from './platform';
import { readSettings, type ServerSettings } from './settings';

/**
 * A change to a document that was quiet is analysed as soon as the message that
 * carried it has been handled (in Node, setImmediate: a timer, even of 1 ms, costs a
 * millisecond or more of every keystroke's latency). A change that follows the last
 * one within BURST_GAP_MS (changes that arrived together, split over several reads
 * while an analysis ran; people type slower than that) waits BURST_DEBOUNCE_MS, so
 * the burst costs one analysis.
 */
const BURST_GAP_MS = 20;
const BURST_DEBOUNCE_MS = 5;
/**
 * For a document whose last analysis ran out of its budget: wait for a pause in the
 * typing, so each keystroke does not cost the whole budget again.
 */
const SLOW_DOCUMENT_DEBOUNCE_MS = 750;
/**
 * After a keystroke that left half-typed code (an unclosed brace swallowing the rest
 * of the file), the diagnostics shown are the last ones, moved (provisional, free):
 * the exact analysis of the broken text waits for this pause in the typing.
 */
const SETTLE_MS = 400;

export function startServer(connection: Connection, platform: ServerPlatform, rules: readonly AnyRule[] = ALL_RULES): void {
  const { filePathOf } = platform;
  const rulesById = new Map(rules.map((rule) => [rule.meta.id, rule]));
  const documents = new DocumentStore();
  /** Each document's scheduled analysis: how to call it off. */
  const pendingAnalysis = new Map<string, () => void>();
  const pendingSettle = new Map<string, NodeJS.Timeout>();
  /** When each document's last analysis was scheduled (to tell a burst of changes from typing). */
  const lastScheduled = new Map<string, number>();
  const reportedRuleErrors = new Set<string>();
  let engine!: Engine;
  let packages!: PackageSource;
  let settings: ServerSettings = readSettings(rules, undefined).settings;
  let lastSettingsWarning = '';
  let workspaceFolders: string[] = [];
  let provisionalDiagnostics = true;
  let canPullConfiguration = false;
  let documentChanges = false;
  let settingsFromInitialize = false;

  const log = (message: string) => connection.console.log(message);
  const guard = <T>(what: string, fallback: T, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      connection.console.error(`${what} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  };

  // ---------------------------------------------------------------- settings

  const applySettings = (raw: unknown) => {
    const { settings: next, problems } = readSettings(rules, raw);
    settings = next;
    const warning = problems.length ? `Go for TS settings: ${problems.join(' ')} Using the defaults for those.` : '';
    // A notification (window/showMessage), not a request: nothing to answer, nothing to await.
    if (warning && warning !== lastSettingsWarning) {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: warning });
    }
    lastSettingsWarning = warning;
  };

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      applySettings(await connection.workspace.getConfiguration(CONFIG_SECTION));
    } catch (error) {
      connection.console.error(`reading settings failed: ${(error as Error).message}`);
    }
  };

  // ---------------------------------------------------------------- analysis

  const sourceFileOf = (document: OpenDocument) => {
    const filePath = filePathOf(document.uri);
    return document.sourceFile(engine, filePath ? packages.contextFor(filePath) : () => ({}));
  };

  /** The document's size in KB when it is over goForTs.maxFileSizeKB: then it is not analysed. */
  const oversizeKB = (document: OpenDocument) => sizeOverLimitKB(document.text, settings.maxFileSizeKB);

  /**
   * The findings of the document's current text (cached per version). `provisional`
   * (the keystroke path) accepts the last findings, moved, while the text is
   * half-typed; hover and code actions want the exact ones.
   */
  const findingsOf = (document: OpenDocument, { provisional = false } = {}): Finding[] => {
    const cached = document.analysis;
    if (cached?.version === document.version && (provisional || !cached.provisional)) return cached.findings;
    const sizeKB = oversizeKB(document);
    if (sizeKB !== undefined) {
      const notice = asSentence(sizeLimitMessage(sizeKB, settings.maxFileSizeKB, 'raise goForTs.maxFileSizeKB to analyse it'));
      document.analysis = { version: document.version, findings: [], notice };
      return [];
    }
    // Half-typed code (an unclosed brace in a body) on the keystroke path: the last
    // findings, moved, without a parse. Else only what the edits since the last analysis
    // touched is analysed again (same findings as in full).
    const result =
      (provisional ? document.analyzeWithoutParse(settings.config) : null) ??
      document.analyze(engine, sourceFileOf(document), settings.config, { timeBudgetMs: ANALYSIS_BUDGET_MS, provisional });
    for (const failure of result.ruleErrors) {
      const key = `${failure.rule}\u0000${failure.error.split('\n')[0]}`;
      if (reportedRuleErrors.has(key)) continue;
      reportedRuleErrors.add(key);
      connection.console.error(`rule ${failure.rule} failed on ${document.uri}: ${failure.error}`);
    }
    const notice = result.stoppedAfterMs === undefined ? undefined : asSentence(timeBudgetMessage(result.stoppedAfterMs));
    const isProvisional = document.lastAnalysis?.provisional === true;
    document.analysis = {
      version: document.version,
      findings: result.findings,
      ...(notice ? { notice, stopped: true } : {}),
      ...(isProvisional ? { provisional: true } : {}),
    };
    return result.findings;
  };

  const clearSettle = (uri: string) => {
    const settle = pendingSettle.get(uri);
    if (settle) clearTimeout(settle);
    pendingSettle.delete(uri);
  };

  /** Provisional diagnostics are followed by the exact ones once the typing pauses. */
  const settleLater = (document: OpenDocument) => {
    clearSettle(document.uri);
    const version = document.version;
    pendingSettle.set(
      document.uri,
      setTimeout(() => {
        pendingSettle.delete(document.uri);
        if (documents.get(document.uri) === document && document.version === version) publish(document, { provisional: false });
      }, SETTLE_MS),
    );
  };

  const publish = (document: OpenDocument, { provisional = true } = {}) => {
    const diagnostics = guard<Diagnostic[]>('analysis', [], () => {
      const found = document.diagnosticsOf(findingsOf(document, { provisional: provisional && provisionalDiagnostics }));
      const notice = document.analysis?.notice;
      const nul = nulCharacterNotice(document.text);
      const notices = [
        ...(notice ? [limitNotice(notice)] : []),
        ...(nul ? [limitNotice(asSentence(nul.message), rangeOf(document.document, nul.offset, nul.offset + 1))] : []),
      ];
      return [...notices, ...found];
    });
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    if (document.analysis?.provisional) settleLater(document);
    idleAfterPublish();
  };

  /**
   * The platform's idle work, in the turn after the diagnostics went out, unless an
   * analysis is waiting by then (a keystroke that arrived meanwhile goes first).
   */
  let idleQueued = false;
  const idleAfterPublish = () => {
    if (!platform.whenIdle || idleQueued || typeof setImmediate !== 'function') return;
    idleQueued = true;
    setImmediate(() => {
      idleQueued = false;
      if (pendingAnalysis.size === 0) platform.whenIdle?.();
    });
  };

  /**
   * Analyses once the changes already queued have been applied, so a burst (several
   * keystrokes that arrived while an analysis ran) costs one analysis, not one each.
   * The JSON-RPC layer handles one message per event-loop turn, so "next turn" is too
   * soon; a few milliseconds of quiet is enough.
   */
  const scheduleAnalysis = (document: OpenDocument) => {
    pendingAnalysis.get(document.uri)?.();
    clearSettle(document.uri);
    const now = Date.now();
    const inBurst = now - (lastScheduled.get(document.uri) ?? -Infinity) < BURST_GAP_MS;
    lastScheduled.set(document.uri, now);
    const run = () => {
      pendingAnalysis.delete(document.uri);
      if (documents.get(document.uri) === document) publish(document);
    };
    const delay = document.analysis?.stopped ? SLOW_DOCUMENT_DEBOUNCE_MS : inBurst ? BURST_DEBOUNCE_MS : 0;
    if (delay === 0) {
      // The JSON-RPC layer handles one message per turn of the event loop, each in its
      // own callback (setImmediate in Node, setTimeout 0 in a browser worker, which
      // has no setImmediate), queued after this one: a message that arrived with this
      // change is handled after the analysis (and, being within BURST_GAP_MS, waits
      // for the burst to end).
      if (typeof setImmediate === 'function') {
        const immediate = setImmediate(run);
        pendingAnalysis.set(document.uri, () => clearImmediate(immediate));
      } else {
        const timer = setTimeout(run, 0);
        pendingAnalysis.set(document.uri, () => clearTimeout(timer));
      }
    } else {
      const timer = setTimeout(run, delay);
      pendingAnalysis.set(document.uri, () => clearTimeout(timer));
    }
  };

  const reanalyseAll = () => {
    for (const document of documents.all()) {
      document.invalidate();
      scheduleAnalysis(document);
    }
  };

  // ---------------------------------------------------------------- lifecycle

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const options = params.initializationOptions as InitializationOptions | undefined;
    engine = await Engine.create(await platform.grammarSource(options), rules);
    provisionalDiagnostics = options?.provisionalDiagnostics !== false;
    packages = platform.packageSource(engine, log);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    workspaceFolders = (params.workspaceFolders ?? [])
      .map((folder) => filePathOf(folder.uri))
      .filter((folder): folder is string => folder !== undefined);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = filePathOf(params.rootUri);
      if (root) workspaceFolders = [root];
    }
    if (options?.settings !== undefined) {
      settingsFromInitialize = true;
      applySettings(options.settings);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      },
      serverInfo: { name: SERVER_ID, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (!settingsFromInitialize) void pullSettings().then(reanalyseAll);
  });

  connection.onShutdown(() => {
    for (const cancel of pendingAnalysis.values()) cancel();
    for (const pending of pendingSettle.values()) clearTimeout(pending);
    pendingAnalysis.clear();
    pendingSettle.clear();
    documents.disposeAll();
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[CONFIG_SECTION];
    if (pushed !== undefined) {
      applySettings(pushed);
      reanalyseAll();
    } else {
      // A client that only says "something changed" (pull model).
      void pullSettings().then(reanalyseAll);
    }
  });

  // ---------------------------------------------------------------- documents

  connection.onDidOpenTextDocument(({ textDocument }) =>
    guard('open', undefined, () => {
      const filePath = filePathOf(textDocument.uri);
      const document = documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      publish(document);
      if (filePath) {
        // Sibling files' facts arrive in the background; analyse again if they change anything.
        void packages.indexSiblingsOf(filePath).then((added) => {
          if (!added) return;
          const directory = platform.directoryOf(filePath);
          for (const open of documents.all()) {
            const openPath = filePathOf(open.uri);
            if (!openPath || platform.directoryOf(openPath) !== directory) continue;
            open.invalidate();
            scheduleAnalysis(open);
          }
        });
      }
    }),
  );

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) =>
    guard('change', undefined, () => {
      const document = documents.get(textDocument.uri);
      if (!document) return;
      document.applyChanges(contentChanges, textDocument.version);
      scheduleAnalysis(document);
    }),
  );

  connection.onDidCloseTextDocument(({ textDocument }) =>
    guard('close', undefined, () => {
      pendingAnalysis.get(textDocument.uri)?.();
      pendingAnalysis.delete(textDocument.uri);
      clearSettle(textDocument.uri);
      lastScheduled.delete(textDocument.uri);
      documents.close(textDocument.uri);
      const filePath = filePathOf(textDocument.uri);
      if (filePath) packages.closeFile(filePath);
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );

  // ---------------------------------------------------------------- features

  connection.onHover(({ textDocument, position }) =>
    guard('hover', null, () => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      const findings = findingsOf(document);
      const offset = document.document.offsetAt(position);
      // Too large to analyse: construct cards only, if the text parses within a budget.
      const file =
        oversizeKB(document) === undefined ? sourceFileOf(document) : document.sourceFileWithin(engine, OVERSIZE_PARSE_BUDGET_MS);
      if (!file) return null;
      try {
        return withDeadline(HOVER_BUDGET_MS, () => hoverAt(document.document, file, findings, offset, rulesById, settings));
      } catch (error) {
        if (error instanceof DeadlineExceeded) return null; // no card is better than a frozen hover
        throw error;
      }
    }),
  );

  connection.onCodeAction((params) =>
    guard('code actions', [], () => {
      const document = documents.get(params.textDocument.uri);
      if (!document || oversizeKB(document) !== undefined) return [];
      return codeActions({
        params,
        document: document.document,
        findings: findingsOf(document),
        file: sourceFileOf(document),
        analyzer: engine.analyzer,
        config: settings.config,
        documentChanges,
      });
    }),
  );

  connection.onRequest(RULE_DOC_REQUEST, (params: RuleDocParams): RuleDocResult | null =>
    guard('rule doc', null, () => {
      let id = params.ruleId;
      if (id === undefined && params.textDocument && params.position) {
        const document = documents.get(params.textDocument.uri);
        if (document) id = findingsAt(findingsOf(document), document.document.offsetAt(params.position))[0]?.rule;
      }
      const rule = id === undefined ? undefined : rulesById.get(id);
      return rule ? { id: rule.meta.id, title: rule.meta.title, markdown: rule.doc } : null;
    }),
  );

  connection.onRequest(LIST_RULES_REQUEST, (): RuleSummary[] =>
    rules.map((rule) => {
      const setting = settings.config.rules.get(rule.meta.id);
      return {
        id: rule.meta.id,
        title: rule.meta.title,
        enabled: setting?.enabled ?? rule.meta.enabledByDefault,
        severity: setting?.severity ?? rule.meta.severity,
      };
    }),
  );

  connection.onRequest(
    ANALYZE_WORKSPACE_REQUEST,
    async (params: AnalyzeWorkspaceParams | undefined, token, requestProgress): Promise<AnalyzeWorkspaceResult> => {
      const folders = (params?.folders ?? []).map(filePathOf).filter((folder): folder is string => folder !== undefined);
      const progress =
        params?.workDoneToken !== undefined ? requestProgress : await connection.window.createWorkDoneProgress();
      progress.begin('Go for TS: analysing workspace', 0, undefined, true);
      const openPaths = new Set(documents.all().map((document) => filePathOf(document.uri)));
      try {
        return await platform.analyzeWorkspace({
          engine,
          config: settings.config,
          folders: folders.length ? folders : workspaceFolders,
          isOpen: (filePath) => openPaths.has(filePath),
          publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
          progress: (done, total) => progress.report(Math.floor((done / Math.max(1, total)) * 100), `${done}/${total} files`),
          cancelled: () => token.isCancellationRequested || progress.token.isCancellationRequested,
          log,
        });
      } finally {
        progress.done();
      }
    },
  );

  connection.listen();
}
