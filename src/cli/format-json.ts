// Machine-readable output: { "diagnostics": [ { file, line, column, endLine,
// endColumn, rule, severity, message } ] } with 1-based positions.
import { locate, type FileReport } from './report';

export function formatJson(reports: readonly FileReport[]): string {
  const diagnostics = reports.flatMap((report) =>
    report.findings.map((finding) => ({
      file: report.file,
      ...locate(report, finding),
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
    })),
  );
  return JSON.stringify({ diagnostics }, null, 2) + '\n';
}
