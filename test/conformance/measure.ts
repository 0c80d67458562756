// Scores our rules against the peers' expectations, file by file and line by line:
// a line where the peer expects a diagnostic of the mapped kind is a true positive
// when the rule reports there, a false negative when it doesn't; any other line the
// rule reports is a false positive, except lines where the peer expects a diagnostic
// of a kind we don't map (those count as "ignored", neither right nor wrong).
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { LineIndex } from '../../src/engine/lines';
import type { AnyRule } from '../../src/engine/rule';
import { loadMapping, type CaseFile } from './corpus';
import { MAPPINGS, TARGETS, type RuleTarget, type SuiteMapping } from './suites';

/** One line the verdict is about, for the --verbose listing. */
export interface LineVerdict {
  /** file:line as a reader opens it (archive line for txtar members). */
  where: string;
  /** The peer's expected messages on the line (FN) or our messages (FP). */
  messages: string[];
}

export interface RuleScore {
  rule: string;
  target?: RuleTarget;
  implemented: boolean;
  suites: string[];
  files: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  /** Our findings on lines where the peer expects a diagnostic we don't map. */
  ignored: number;
  misses: LineVerdict[];
  falseAlarms: LineVerdict[];
  /** Table paths that do not exist, rule options that did not resolve, rules that threw. */
  problems: string[];
}

export interface ConformanceReport {
  peerRoot: string;
  scores: RuleScore[];
}

export interface MeasureOptions {
  peerRoot: string;
  engine: Engine;
  /** Defaults to the engine's rules. */
  rules?: readonly AnyRule[];
  mappings?: readonly SuiteMapping[];
  targets?: readonly RuleTarget[];
  /** Only these rule ids. */
  only?: readonly string[];
}

export function measureConformance(options: MeasureOptions): ConformanceReport {
  const rules = options.rules ?? options.engine.rules;
  const mappings = options.mappings ?? MAPPINGS;
  const targets = options.targets ?? TARGETS;
  const ruleIds = [...new Set([...targets.map((target) => target.rule), ...mappings.map((mapping) => mapping.rule)])].filter(
    (id) => !options.only || options.only.includes(id),
  );

  const scores = ruleIds.map((id): RuleScore => {
    const rule = rules.find((candidate) => candidate.meta.id === id);
    const score: RuleScore = {
      rule: id,
      target: targets.find((target) => target.rule === id),
      implemented: rule !== undefined,
      suites: [],
      files: 0,
      truePositives: 0,
      falseNegatives: 0,
      falsePositives: 0,
      ignored: 0,
      misses: [],
      falseAlarms: [],
      problems: [],
    };
    for (const mapping of mappings.filter((candidate) => candidate.rule === id)) {
      if (!score.suites.includes(mapping.suite)) score.suites.push(mapping.suite);
      const loaded = loadMapping(options.peerRoot, mapping);
      score.problems.push(...loaded.missing.map((missing) => `${missing}: named in the table but not found`));
      if (loaded.files.length === 0 && loaded.missing.length === 0) {
        score.problems.push(`${mapping.suite} ${mapping.include.join(', ')}: no Go files found`);
      }
      score.files += loaded.files.length;
      const analyze = rule ? analyzerFor(options.engine, rules, rule, mapping, score.problems) : undefined;
      for (const file of loaded.files) scoreFile(score, file, mapping, analyze);
    }
    return score;
  });
  return { peerRoot: options.peerRoot, scores };
}

type Analyze = (file: CaseFile) => { line: number; message: string }[];

function analyzerFor(
  engine: Engine,
  rules: readonly AnyRule[],
  rule: AnyRule,
  mapping: SuiteMapping,
  problems: string[],
): Analyze {
  const settings: Record<string, unknown> = {};
  for (const other of rules) settings[other.meta.id] = false;
  settings[rule.meta.id] = mapping.options ? { enabled: true, options: mapping.options } : true;
  const { config, problems: configProblems } = resolveConfig(rules, settings);
  problems.push(...configProblems.map((problem) => `${mapping.suite}: ${problem}`));
  return (file) => {
    const result = engine.analyzeText(file.text, { config, goVersion: file.goVersion });
    for (const failure of result.ruleErrors) {
      problems.push(`${file.display}${file.member ? ` (${file.member})` : ''}: rule threw: ${failure.error.split('\n')[0]}`);
    }
    const lines = new LineIndex(file.text);
    return result.findings
      .filter((finding) => finding.rule === rule.meta.id)
      .map((finding) => ({ line: lines.positionAt(finding.start).line, message: finding.message }));
  };
}

function scoreFile(score: RuleScore, file: CaseFile, mapping: SuiteMapping, analyze: Analyze | undefined): void {
  const expected = new Map<number, string[]>();
  const ignoredLines = new Set<number>();
  for (const expectation of file.expectations) {
    if (!mapping.expect || mapping.expect.test(expectation.message)) {
      expected.set(expectation.line, [...(expected.get(expectation.line) ?? []), expectation.message]);
    } else {
      ignoredLines.add(expectation.line);
    }
  }
  if (!analyze) {
    // Not implemented: still count what the rule will be measured on.
    score.falseNegatives += expected.size;
    return;
  }
  const reported = new Map<number, string[]>();
  for (const finding of analyze(file)) reported.set(finding.line, [...(reported.get(finding.line) ?? []), finding.message]);

  for (const [line, messages] of [...expected].sort((a, b) => a[0] - b[0])) {
    if (reported.has(line)) score.truePositives++;
    else {
      score.falseNegatives++;
      score.misses.push({ where: where(file, line), messages });
    }
  }
  for (const [line, messages] of [...reported].sort((a, b) => a[0] - b[0])) {
    if (expected.has(line)) continue;
    if (ignoredLines.has(line)) score.ignored++;
    else {
      score.falsePositives++;
      score.falseAlarms.push({ where: where(file, line), messages });
    }
  }
}

function where(file: CaseFile, line: number): string {
  const location = `${file.display}:${line + file.lineOffset + 1}`;
  return file.member ? `${location} (${file.member}:${line + 1})` : location;
}

export function recallOf(score: RuleScore): number | undefined {
  const expected = score.truePositives + score.falseNegatives;
  return expected === 0 ? undefined : score.truePositives / expected;
}

export function precisionOf(score: RuleScore): number | undefined {
  const reported = score.truePositives + score.falsePositives;
  return reported === 0 ? undefined : score.truePositives / reported;
}

/** PASS / BELOW against the rule's target; undefined when there is no verdict to give. */
export function verdictOf(score: RuleScore): 'PASS' | 'BELOW' | undefined {
  if (!score.implemented || !score.target) return undefined;
  const recall = recallOf(score) ?? 0;
  // No findings at all: nothing was wrong, but nothing was found either.
  const precision = precisionOf(score) ?? (score.truePositives + score.falseNegatives === 0 ? 1 : 0);
  const { target } = score;
  const fpOk = target.maxFalsePositives === undefined || score.falsePositives <= target.maxFalsePositives;
  return recall >= target.recall && precision >= target.precision && fpOk ? 'PASS' : 'BELOW';
}
