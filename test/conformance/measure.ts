// Scores our rules against the peers' expectations, file by file and line by line:
// a line where the peer expects a diagnostic of the mapped kind is a true positive
// when the rule reports there, a false negative when it doesn't; any other line the
// rule reports is a false positive, except lines where the peer expects a diagnostic
// of a kind we don't map (those count as "ignored", neither right nor wrong).
import { resolveConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { LineIndex } from '../../src/engine/lines';
import { extractFileFacts } from '../../src/engine/package-facts';
import { PackageIndex } from '../../src/engine/package-index';
import type { AnyRule } from '../../src/engine/rule';
import { loadMapping, type CaseFile } from './corpus';
import { MAPPINGS, TARGETS, type RuleTarget, type SuiteInfo, type SuiteMapping } from './suites';

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
  /** Annotation format per suite folder; defaults to the real suites'. */
  suites?: Readonly<Record<string, SuiteInfo>>;
  targets?: readonly RuleTarget[];
  /** Only these rule ids. */
  only?: readonly string[];
}

export function measureConformance(options: MeasureOptions): ConformanceReport {
  const rules = options.rules ?? options.engine.rules;
  const mappings = options.mappings ?? MAPPINGS;
  const targets = options.targets ?? TARGETS;
  // Targeted rules first (in the issues' order), then mapped ones, then rules no peer measures.
  const ruleIds = [
    ...new Set([
      ...targets.map((target) => target.rule),
      ...mappings.map((mapping) => mapping.rule),
      ...rules.map((rule) => rule.meta.id),
    ]),
  ].filter((id) => !options.only || options.only.includes(id));

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
      const loaded = loadMapping(options.peerRoot, mapping, options.suites);
      score.problems.push(...loaded.missing.map((missing) => `${missing}: named in the table but not found`));
      if (loaded.files.length === 0 && loaded.missing.length === 0) {
        score.problems.push(`${mapping.suite} ${mapping.include.join(', ')}: no Go files found`);
      }
      score.files += loaded.files.length;
      const reported = rule ? analyzerFor(options.engine, rules, rule, mapping, score.problems)(loaded.files) : undefined;
      for (const file of loaded.files) scoreFile(score, file, mapping, reported?.get(file));
    }
    return score;
  });
  return { peerRoot: options.peerRoot, scores };
}

interface Reported {
  line: number;
  message: string;
}

/** Analyses a group of files with the mapped rule alone; returns each file's findings. */
type Analyze = (files: readonly CaseFile[]) => Map<CaseFile, Reported[]>;

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

  // Like the CLI: parse a package's files, index their facts, analyse each with them.
  return (files) => {
    const results = new Map<CaseFile, Reported[]>();
    for (const group of groupBy(files, (file) => file.packageKey)) {
      const index = new PackageIndex({ goVersionFor: () => group[0]!.moduleVersion });
      const trees = group.map((file) => engine.parse(file.text));
      try {
        group.forEach((file, i) => index.updateFile(fileKey(file), extractFileFacts(trees[i]!.rootNode)));
        group.forEach((file, i) => {
          const result = engine.analyzeTree(file.text, trees[i]!, {
            config,
            goVersion: file.goVersion,
            packageFacts: index.factsForFile(fileKey(file)),
          });
          for (const failure of result.ruleErrors) {
            problems.push(`${fileKey(file)}: rule threw: ${failure.error.split('\n')[0]}`);
          }
          const lines = new LineIndex(file.text);
          results.set(
            file,
            result.findings
              .filter((finding) => finding.rule === rule.meta.id)
              .map((finding) => ({ line: lines.positionAt(finding.start).line, message: finding.message })),
          );
        });
      } finally {
        for (const tree of trees) tree.delete();
      }
    }
    return results;
  };
}

function fileKey(file: CaseFile): string {
  return file.member ? `${file.display}/${file.member}` : file.display;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return [...groups.values()];
}

function scoreFile(score: RuleScore, file: CaseFile, mapping: SuiteMapping, findings: Reported[] | undefined): void {
  const expected = new Map<number, string[]>();
  const ignoredLines = new Set<number>();
  for (const expectation of file.expectations) {
    if (!mapping.expect || mapping.expect.test(expectation.message)) {
      expected.set(expectation.line, [...(expected.get(expectation.line) ?? []), expectation.message]);
    } else {
      ignoredLines.add(expectation.line);
    }
  }
  if (!findings) {
    // Not implemented: still count what the rule will be measured on.
    score.falseNegatives += expected.size;
    return;
  }
  const reported = new Map<number, string[]>();
  for (const finding of findings) reported.set(finding.line, [...(reported.get(finding.line) ?? []), finding.message]);

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
