// What one checked file produced, in the units every output format uses.
import type { Finding } from '../engine/types';
import type { PositionSource } from './known-positions';

export interface FileReport {
  /** As given or found on disk, relative when the user gave a relative path. */
  file: string;
  findings: Finding[];
  lines: PositionSource;
}

export interface Location {
  /** 1-based line and UTF-16 column (what VS Code's terminal links expect). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(report: FileReport, finding: Finding): Location {
  const start = report.lines.positionAt(finding.start);
  const end = report.lines.positionAt(finding.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
