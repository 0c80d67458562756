// Runs the enabled rules over one parsed file. All rules' queries are combined into
// one tree-sitter query (cached per set of active rules), so a file is matched once
// whatever the number of rules; each capture goes to the rule that asked for it.
import { Query, type Language, type Node } from 'web-tree-sitter';
import type { EngineConfig } from './config';
import { DeadlineExceeded, withDeadline } from './deadline';
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
}

export interface AnalysisResult {
  findings: Finding[];
  /** A rule that threw: the others still ran. Shown as a log line, never a crash. */
  ruleErrors: { rule: string; error: string }[];
  /** Set when the time budget ran out (milliseconds spent): the findings are incomplete. */
  stoppedAfterMs?: number;
}

interface CompiledQuery {
  query: Query;
  /** Capture name -> the rule (position in the active list) and its handler name. */
  routes: Map<string, { ruleIndex: number; handler: string }>;
}

const CAPTURE_NAME = /@([A-Za-z_][\w.\-]*)/g;

export class Analyzer {
  private readonly queries = new Map<string, CompiledQuery>();

  constructor(
    private readonly language: Language,
    readonly rules: readonly AnyRule[],
  ) {}

  /** Rules that are enabled and can fire in this file (by its imports). */
  activeRules(file: SourceFile, config: EngineConfig): AnyRule[] {
    return this.rules.filter((rule) => {
      if (!config.rules.get(rule.meta.id)?.enabled) return false;
      const required = rule.meta.requiresImport;
      return !required || required.some((path) => file.importsPath(path));
    });
  }

  analyze(file: SourceFile, config: EngineConfig, options: AnalyzeOptions = {}): AnalysisResult {
    const active = this.activeRules(file, config);
    const result: AnalysisResult = { findings: [], ruleErrors: [] };
    if (active.length === 0) return result;

    const started = performance.now();
    const deadline = options.timeBudgetMs === undefined ? Infinity : started + options.timeBudgetMs;
    const outOfTime = () => performance.now() > deadline;
    let stopped = false;
    const compiled = this.compile(active);
    const failed = new Set<number>();
    // The deadline also interrupts a handler in the middle of a slow walk (see deadline.ts).
    withDeadline(options.timeBudgetMs, () => {
      let handlers: RuleHandlers[];
      try {
        handlers = active.map((rule) => this.createHandlers(rule, file, config, options, result));
      } catch (error) {
        if (!(error instanceof DeadlineExceeded)) throw error;
        stopped = true;
        return;
      }
      const run = (ruleIndex: number, handler: string, node: Node) => {
        if (failed.has(ruleIndex)) return;
        const fn = handlers[ruleIndex]![handler];
        if (!fn) return;
        try {
          fn(node);
        } catch (error) {
          if (error instanceof DeadlineExceeded) {
            stopped = true;
            return;
          }
          failed.add(ruleIndex);
          result.ruleErrors.push({ rule: active[ruleIndex]!.meta.id, error: describe(error) });
        }
      };
      // The progress callback cancels the query itself when it runs out of time.
      const captures = compiled.query.captures(file.root, deadline === Infinity ? {} : { progressCallback: outOfTime });
      for (const capture of captures) {
        if (stopped || outOfTime()) {
          stopped = true;
          return;
        }
        const route = compiled.routes.get(capture.name);
        if (route) run(route.ruleIndex, route.handler, capture.node);
      }
      for (let ruleIndex = 0; ruleIndex < handlers.length && !stopped; ruleIndex++) {
        if (outOfTime()) stopped = true;
        else run(ruleIndex, '$end', file.root);
      }
    });
    if (stopped || outOfTime()) result.stoppedAfterMs = Math.round(performance.now() - started);

    result.findings = dedupe(result.findings).sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
    return result;
  }

  private createHandlers(
    rule: AnyRule,
    file: SourceFile,
    config: EngineConfig,
    options: AnalyzeOptions,
    result: AnalysisResult,
  ): RuleHandlers {
    const setting = config.rules.get(rule.meta.id)!;
    const report = (descriptor: ReportDescriptor) => {
      const start = descriptor.node?.startIndex ?? descriptor.start ?? 0;
      const end = descriptor.node?.endIndex ?? descriptor.end ?? start;
      if (file.suppressions.isSuppressed(rule.meta.id, file.lines.positionAt(start).line)) return;
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
          result.ruleErrors.push({ rule: rule.meta.id, error: `fix failed: ${describe(error)}` });
        }
      }
      result.findings.push(finding);
    };
    try {
      return rule.create({ file, options: setting.options, report });
    } catch (error) {
      if (error instanceof DeadlineExceeded) throw error;
      result.ruleErrors.push({ rule: rule.meta.id, error: describe(error) });
      return {};
    }
  }

  private compile(active: AnyRule[]): CompiledQuery {
    const key = active.map((rule) => rule.meta.id).join('|');
    const cached = this.queries.get(key);
    if (cached) return cached;

    const routes = new Map<string, { ruleIndex: number; handler: string }>();
    const source = active
      .map((rule, ruleIndex) =>
        rule.query.replace(CAPTURE_NAME, (_, name: string) => {
          const global = `r${ruleIndex}.${name}`;
          routes.set(global, { ruleIndex, handler: name });
          return `@${global}`;
        }),
      )
      .join('\n');
    const query = new Query(this.language, source);
    const compiled = { query, routes };
    this.queries.set(key, compiled);
    return compiled;
  }

  dispose(): void {
    for (const { query } of this.queries.values()) query.delete();
    this.queries.clear();
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.rule}:${finding.start}:${finding.end}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
