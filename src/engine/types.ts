// The vocabulary every part of Go for TS speaks: findings, fixes, severities.
// Offsets are UTF-16 code units into the document text, the unit both JavaScript
// strings and LSP positions use, so nothing downstream converts bytes.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Replace text[start, end) with newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix for the finding (LSP `isPreferred`). */
  preferred?: boolean;
}

export interface Finding {
  rule: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  /** Present only when the analysis was asked for fixes. */
  fixes?: Fix[];
  /** Other places worth showing with the finding (e.g. the return that leaks). */
  related?: { start: number; end: number; message: string }[];
}
