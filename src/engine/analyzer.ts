// Runs the enabled rules over one parsed file. Walking a tree costs a crossing into
// WASM per node, so the work is sized by text first: a rule runs only in files that
// import what it needs (meta.requiresImport, appliesTo) and only over the top-level
// declarations whose text holds what its findings need (meta.requiresText), each
// rule with its own query, compiled once. A rule whose words appear nowhere in a
// file costs a string search there.
import { Query, type Language, type Node, type QueryCapture } from 'web-tree-sitter';
import type { EngineConfig } from './config';
import { DeadlineExceeded, withDeadline } from './deadline';
import { anchoredCaptures } from './anchors';
import { declarationsWith, matchesIn, type Declaration } from './declarations';
import type { AnyRule, ReportDescriptor, RuleHandlers } from './rule';
import type { SourceFile } from './source-file';
import type { Finding } from './types';

export interface AnalyzeOptions {
  /** Build quick fixes too (code actions); the keystroke path leaves this off. */
  wantFixes?: boolean;
  /**
   * Stop after this many milliseconds and return what was found so far. Keeps one
   * pathological file (thousands of nested brackets make every parent lookup slow)
   * from freezing an editor; the caller says the findings are incomplete.
   */
  timeBudgetMs?: number;
  /** Adds each rule's milliseconds in this file (planning, query, handlers) here: for the bench. */
  ruleTimes?: Map<string, number>;
  /**
   * Per rule, the declarations outside which it certainly finds nothing, as
   * declarationsPossiblyFor gave them for this text (the CLI worked them out to choose
   * what to parse): its text requirement is then searched in those alone.
   */
  possible?: ReadonlyMap<AnyRule, ReadonlySet<number>>;
}

export interface AnalysisResult {
  findings: Finding[];
  /** A rule that threw: the others still ran. Shown as a log line, never a crash. */
  ruleErrors: { rule: string; error: string }[];
  /** Set when the time budget ran out (milliseconds spent): the findings are incomplete. */
  stoppedAfterMs?: number;
}

/** A finding before suppressions, de-duplication and sorting, with where it came from. */
export interface RawFinding {
  finding: Finding;
  /** The reporting rule's position in Analyzer.rules. */
  rule: number;
  /** The top-level declaration whose capture reported it; -1 for a rule's $end. */
  declaration: number;
  /** The handler looked up a line number while reporting it: the message may name one. */
  namesLines?: true;
}

export interface RawAnalysis {
  /** In the order a full analysis reports them: rule by rule, declaration by declaration, then $end. */
  findings: RawFinding[];
  ruleErrors: { rule: string; error: string }[];
  stoppedAfterMs?: number;
  /** Positions (in Analyzer.rules) of the rules that ran: enabled and applying to the file. */
  activeRules: number[];
}

export interface RawAnalyzeOptions extends AnalyzeOptions {
  /**
   * Rules whose meta.scope is 'declaration' run only in these declarations (indexes
   * into file.declarations); the others run everywhere, as always.
   */
  onlyDeclarations?: ReadonlySet<number>;
}

/** Where one rule's query runs in a file: declaration indexes, and whether only at their roots. */
interface RulePlan {
  rule: AnyRule;
  declarations: readonly number[];
  /** The plan covers only some of the declarations (an incremental run): look at each alone. */
  partial: boolean;
}

export class Analyzer {
  private readonly queries = new Map<AnyRule, Query>();
  private readonly ruleIndex: ReadonlyMap<AnyRule, number>;

  constructor(
    private readonly language: Language,
    readonly rules: readonly AnyRule[],
  ) {
    this.ruleIndex = new Map(rules.map((rule, index) => [rule, index]));
  }

  /** Rules that are enabled and can fire in this file (by its imports and their own file test). */
  activeRules(file: SourceFile, config: EngineConfig): AnyRule[] {
    return this.rules.filter((rule) => {
      if (!config.rules.get(rule.meta.id)?.enabled) return false;
      const required = rule.meta.requiresImport;
      if (required && !required.some((path) => file.importsPath(path))) return false;
      return !rule.appliesTo || rule.appliesTo(file);
    });
  }

  /** The declarations in which a rule's query can find something (within `among`, when given). */
  declarationsFor(rule: AnyRule, file: SourceFile, among?: ReadonlySet<number>): number[] {
    return this.candidateDeclarations(rule, file, among, false);
  }

  /**
   * What declarationsFor may answer once every function body is parsed, worked out
   * while some are not (see partial-parse.ts): from the text, the outline and the
   * package facts, never from inside a body. A screened requirement counts by its
   * text test (textKeep) or its patterns alone, and a rule's anchor only when it is
   * fixed text (meta.anchor), so this is a superset, for bodies free of syntax errors
   * (an error inside a body no one parsed is unknown here).
   */
  declarationsPossiblyFor(rule: AnyRule, file: SourceFile): number[] {
    const indexes = this.candidateDeclarations(rule, file, undefined, true);
    const anchor = rule.meta.anchor;
    return anchor && !rule.anchorIn && indexes.length ? declarationsWith(file.text, file.declarations, anchor.text, indexes) : indexes;
  }

  /** Whether the rule's handlers in this file include `$end`, which runs whatever the plan and may read the whole file. */
  hasEndHandler(rule: AnyRule, file: SourceFile, config: EngineConfig): boolean {
    const options = config.rules.get(rule.meta.id)?.options ?? rule.defaultOptions;
    try {
      return '$end' in rule.create({ file, options, report: () => undefined });
    } catch {
      return true; // it fails here; the analysis will say so, with every body parsed
    }
  }

  private candidateDeclarations(rule: AnyRule, file: SourceFile, among: ReadonlySet<number> | undefined, outlineOnly: boolean): number[] {
    if (among?.size === 0) return [];
    const declarations = file.declarations;
    let requirement = rule.textRequirement ? rule.textRequirement(file) : rule.meta.requiresText;
    if (requirement === null) return [];
    if (outlineOnly && requirement !== undefined && 'keep' in requirement) {
      const { patterns, textKeep } = requirement;
      requirement = textKeep ? { patterns, keep: textKeep } : patterns;
    }
    const candidates = among ? [...among].sort((a, b) => a - b) : undefined;
    const indexes =
      requirement === undefined
        ? (candidates ?? declarations.map((_, index) => index))
        : declarationsWith(file.text, declarations, requirement, candidates);
    const roots = rule.meta.matchesDeclarations;
    if (!roots) return indexes;
    // Patterns that start at a declaration can also match inside a syntax error.
    return indexes.filter((index) => roots.includes(declarations[index]!.type) || declarations[index]!.node.hasError);
  }

  analyze(file: SourceFile, config: EngineConfig, options: AnalyzeOptions = {}): AnalysisResult {
    const raw = this.analyzeRaw(file, config, options, true);
    const result: AnalysisResult = { findings: finishFindings(raw.findings.map(({ finding }) => finding)), ruleErrors: raw.ruleErrors };
    if (raw.stoppedAfterMs !== undefined) result.stoppedAfterMs = raw.stoppedAfterMs;
    return result;
  }

  /**
   * The rules' findings before de-duplication and sorting (see finishFindings), each
   * with the declaration it came from, for incremental analysis. Suppressed findings
   * are kept unless `suppress` (a suppression comment may be in another declaration).
   */
  analyzeRaw(file: SourceFile, config: EngineConfig, options: RawAnalyzeOptions = {}, suppress = false): RawAnalysis {
    const raw: RawAnalysis = { findings: [], ruleErrors: [], activeRules: [] };
    const started = performance.now();
    const deadline = options.timeBudgetMs === undefined ? Infinity : started + options.timeBudgetMs;
    const outOfTime = () => performance.now() > deadline;
    let stopped = false;

    // The deadline also interrupts a handler in the middle of a slow walk (see deadline.ts).
    withDeadline(options.timeBudgetMs, () => {
      for (const rule of this.activeRules(file, config)) {
        if (outOfTime()) {
          stopped = true;
          break;
        }
        const ruleStarted = options.ruleTimes ? performance.now() : 0;
        const ruleIndex = this.ruleIndex.get(rule)!;
        raw.activeRules.push(ruleIndex);
        try {
          const dirty = options.onlyDeclarations && (rule.meta.scope ?? 'declaration') === 'declaration' ? options.onlyDeclarations : undefined;
          const only = dirty ?? options.possible?.get(rule);
          const plan: RulePlan = { rule, declarations: this.declarationsFor(rule, file, only), partial: dirty !== undefined };
          const current = { declaration: -1 };
          const handlers = this.createHandlers(rule, ruleIndex, file, config, options, raw, current, suppress);
          if (!this.runRule(plan, file, handlers, raw, current, deadline === Infinity ? undefined : outOfTime)) {
            stopped = true;
            break;
          }
        } catch (error) {
          if (!(error instanceof DeadlineExceeded)) {
            // Its file test or text requirement threw: that rule is out, the others run.
            raw.ruleErrors.push({ rule: rule.meta.id, error: describe(error) });
            continue;
          }
          stopped = true;
          break;
        } finally {
          const times = options.ruleTimes;
          if (times) times.set(rule.meta.id, (times.get(rule.meta.id) ?? 0) + performance.now() - ruleStarted);
        }
      }
    });
    if (stopped) raw.stoppedAfterMs = Math.round(performance.now() - started);
    return raw;
  }

  /**
   * Runs one rule's query over its declarations, handing each capture to its handler,
   * then its $end. A rule that throws stops there (the others go on). Returns false
   * when the time ran out.
   */
  private runRule(
    plan: RulePlan,
    file: SourceFile,
    handlers: RuleHandlers,
    raw: RawAnalysis,
    current: { declaration: number },
    outOfTime?: () => boolean,
  ): boolean {
    const { rule } = plan;
    const fail = (error: unknown) => raw.ruleErrors.push({ rule: rule.meta.id, error: describe(error) });
    const declarations = file.declarations;
    const query = this.queryOf(rule);
    const atRoots = rule.meta.matchesDeclarations;
    if (plan.declarations.length === 0) return this.runEnd(rule, file, handlers, raw, current, outOfTime);
    const anchor = rule.anchorIn ? rule.anchorIn(file, plan.declarations) : rule.meta.anchor;
    if (anchor === null) return this.runEnd(rule, file, handlers, raw, current, outOfTime);
    const anchors = anchor ? matchesIn(file.text, declarations, plan.declarations, anchor.text, plan.partial) : undefined;
    for (const index of plan.declarations) {
      const declaration = declarations[index]!;
      const offsets = anchors?.get(index);
      if (anchors && !offsets) continue;
      const captures =
        anchor && offsets
          ? anchoredCaptures(query, declaration.node, offsets, anchor, outOfTime)
          : capturesIn(query, declaration, atRoots, outOfTime);
      if (outOfTime?.()) return false;
      current.declaration = index;
      for (const capture of captures) {
        const handler = handlers[capture.name];
        if (!handler) continue;
        const outcome = callHandler(() => handler(capture.node), file, raw, fail);
        if (outcome === 'out of time') return false;
        if (outcome === 'failed') return true;
      }
    }
    return this.runEnd(rule, file, handlers, raw, current, outOfTime);
  }

  /** The rule's $end handler, after its captures. Returns false when the time ran out. */
  private runEnd(
    rule: AnyRule,
    file: SourceFile,
    handlers: RuleHandlers,
    raw: RawAnalysis,
    current: { declaration: number },
    outOfTime?: () => boolean,
  ): boolean {
    const end = handlers.$end;
    if (!end) return true;
    if (outOfTime?.()) return false;
    current.declaration = -1;
    const fail = (error: unknown) => raw.ruleErrors.push({ rule: rule.meta.id, error: describe(error) });
    return callHandler(() => end(file.root), file, raw, fail) !== 'out of time';
  }

  private createHandlers(
    rule: AnyRule,
    ruleIndex: number,
    file: SourceFile,
    config: EngineConfig,
    options: AnalyzeOptions,
    raw: RawAnalysis,
    current: { declaration: number },
    suppress: boolean,
  ): RuleHandlers {
    const setting = config.rules.get(rule.meta.id)!;
    const report = (descriptor: ReportDescriptor) => {
      const start = descriptor.node?.startIndex ?? descriptor.start ?? 0;
      const end = descriptor.node?.endIndex ?? descriptor.end ?? start;
      if (suppress && isSuppressed(file, rule.meta.id, start)) return;
      const finding: Finding = {
        rule: rule.meta.id,
        message: descriptor.message,
        severity: setting.severity,
        start,
        end,
      };
      if (descriptor.related?.length) {
        finding.related = descriptor.related.map(({ node, message }) => ({
          start: node.startIndex,
          end: node.endIndex,
          message,
        }));
      }
      if (options.wantFixes && descriptor.fixes) {
        try {
          finding.fixes = descriptor.fixes();
        } catch (error) {
          if (error instanceof DeadlineExceeded) throw error;
          raw.ruleErrors.push({ rule: rule.meta.id, error: `fix failed: ${describe(error)}` });
        }
      }
      raw.findings.push({ finding, rule: ruleIndex, declaration: current.declaration });
    };
    try {
      return rule.create({ file, options: setting.options, report });
    } catch (error) {
      if (error instanceof DeadlineExceeded) throw error;
      raw.ruleErrors.push({ rule: rule.meta.id, error: describe(error) });
      return {};
    }
  }

  /** The rule's query, compiled on first use and kept (a few per process). */
  private queryOf(rule: AnyRule): Query {
    let query = this.queries.get(rule);
    if (!query) {
      query = new Query(this.language, rule.query);
      this.queries.set(rule, query);
    }
    return query;
  }

  dispose(): void {
    for (const query of this.queries.values()) query.delete();
    this.queries.clear();
  }
}

function markNamingLines(findings: RawFinding[], from: number): void {
  for (let index = from; index < findings.length; index++) findings[index]!.namesLines = true;
}

/** Whether a //nolint (or lint:ignore) comment silences the rule at this offset. */
export function isSuppressed(file: SourceFile, rule: string, offset: number): boolean {
  const suppressions = file.suppressions;
  return !suppressions.isEmpty && suppressions.isSuppressed(rule, file.lines.positionAt(offset).line);
}

/** Reported findings as users see them: duplicates dropped, in text order (then by rule). */
export function finishFindings(findings: Finding[]): Finding[] {
  // Sorting first (stable) puts duplicates next to each other, among the findings of
  // one rule at one offset, in the order they were reported: the first one stays.
  const sorted = [...findings].sort((a, b) => a.start - b.start || (a.rule === b.rule ? 0 : a.rule < b.rule ? -1 : 1));
  const kept: Finding[] = [];
  let run = 0; // where the findings of kept's last rule and offset begin
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (!last || last.start !== finding.start || last.rule !== finding.rule) run = kept.length;
    else if (isDuplicate(finding, kept, run)) continue;
    kept.push(finding);
  }
  return kept;
}

function isDuplicate(finding: Finding, kept: readonly Finding[], from: number): boolean {
  for (let i = from; i < kept.length; i++) {
    if (kept[i]!.end === finding.end && kept[i]!.message === finding.message) return true;
  }
  return false;
}

/**
 * The query's captures inside one declaration. For patterns that start at the
 * declaration itself, an error-free declaration is matched at its root only: the
 * grammar puts function and method declarations nowhere else.
 */
function capturesIn(query: Query, declaration: Declaration, atRoots: readonly string[] | undefined, outOfTime?: () => boolean): QueryCapture[] {
  const options: { maxStartDepth?: number; progressCallback?: () => boolean } = {};
  if (atRoots && atRoots.includes(declaration.type) && !declaration.node.hasError) options.maxStartDepth = 0;
  if (outOfTime) options.progressCallback = outOfTime;
  return query.captures(declaration.node as Node, options);
}

/**
 * Runs one handler call: a throw is the rule's failure (reported, the others go on),
 * the deadline's throw means the time ran out; the findings it reported are marked
 * when it read line numbers (their messages may name lines, see markNamingLines).
 */
function callHandler(call: () => void, file: SourceFile, raw: RawAnalysis, fail: (error: unknown) => void): 'done' | 'failed' | 'out of time' {
  const reported = raw.findings.length;
  const linesRead = file.linesRead;
  try {
    call();
    return 'done';
  } catch (error) {
    if (error instanceof DeadlineExceeded) return 'out of time';
    fail(error);
    return 'failed';
  } finally {
    if (file.linesRead !== linesRead) markNamingLines(raw.findings, reported);
  }
}


function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
