// file:line:col: message [rule-id] -- the shape of go vet's output, which terminals
// and VS Code turn into links.
import { locate, type FileReport } from './report';

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      const { line, column } = locate(report, finding);
      lines.push(`${report.file}:${line}:${column}: ${finding.message} [${finding.rule}]`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
