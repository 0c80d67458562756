// The conformance report as text: one line per rule, then (with --verbose) every
// missed and every extra line, so a rule's author can open each one.
import { precisionOf, recallOf, verdictOf, type ConformanceReport, type RuleScore } from './measure';

const ratio = (value: number | undefined): string => (value === undefined ? 'n/a' : value.toFixed(2));

function targetText(score: RuleScore): string {
  const { target } = score;
  if (!target) return '-';
  if (target.maxFalsePositives !== undefined) return `${target.recall.toFixed(2)}/FP<=${target.maxFalsePositives}`;
  return `${target.recall.toFixed(2)}/${target.precision.toFixed(2)}`;
}

export function formatReport(report: ConformanceReport, options: { verbose?: boolean } = {}): string {
  const header = ['rule', 'TP', 'FN', 'FP', 'recall', 'precision', 'target', 'result', 'suites'];
  const rows = report.scores.map((score) => {
    const suites = score.suites.join(', ');
    if (score.suites.length === 0) return [score.rule, '-', '-', '-', '-', '-', targetText(score), 'no peer suite', ''];
    if (!score.implemented) {
      const expected = score.truePositives + score.falseNegatives;
      return [score.rule, '-', '-', '-', '-', '-', targetText(score), `not implemented yet (${expected} expected)`, suites];
    }
    return [
      score.rule,
      String(score.truePositives),
      String(score.falseNegatives),
      String(score.falsePositives),
      ratio(recallOf(score)),
      ratio(precisionOf(score)),
      targetText(score),
      verdictOf(score) ?? 'no target',
      suites,
    ];
  });
  const widths = header.map((_, column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const numeric = new Set([1, 2, 3, 4, 5]);
  const render = (row: string[]) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();

  const lines = [
    `Conformance against peer linters' test data in ${report.peerRoot} (matched by file and line; recall/precision target)`,
    render(header),
    ...rows.map(render),
  ];
  const ignored = report.scores.filter((score) => score.ignored > 0);
  if (ignored.length) {
    lines.push(
      `ignored (our finding on a line where the peer reports something we don't map): ${ignored
        .map((score) => `${score.rule} ${score.ignored}`)
        .join(', ')}`,
    );
  }
  for (const score of report.scores) {
    for (const problem of score.problems) lines.push(`warning: ${score.rule}: ${problem}`);
  }
  if (options.verbose) {
    for (const score of report.scores.filter((candidate) => candidate.implemented)) {
      if (!score.misses.length && !score.falseAlarms.length) continue;
      lines.push('', `${score.rule}:`);
      for (const miss of score.misses) lines.push(`  FN ${miss.where}: expected ${miss.messages.map((m) => `/${m}/`).join(' ')}`);
      for (const alarm of score.falseAlarms) lines.push(`  FP ${alarm.where}: ours: ${alarm.messages.join(' | ')}`);
    }
  } else if (report.scores.some((score) => score.misses.length || score.falseAlarms.length)) {
    lines.push('(run with --verbose to list every false negative and false positive; --rule <id> to focus)');
  }
  return lines.join('\n') + '\n';
}
