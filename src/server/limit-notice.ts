// The diagnostic that says why a document's findings are missing or incomplete (too
// large to analyse, the analysis ran out of time, a NUL character the parser stops
// at), shown as information at the top of the file (or at the character), so the
// user learns it where they look, once per document.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

/** The diagnostic code of a limit notice (not a rule: nothing to suppress or fix). */
export const LIMIT_NOTICE_CODE = 'analysis-limit';

/** How long one analysis may take before the server stops it and says so. */
export const ANALYSIS_BUDGET_MS = 3000;
/** How long a document too large to analyse may take to parse for hovers. */
export const OVERSIZE_PARSE_BUDGET_MS = 1500;
/** How long one hover may take (a construct card in a pathologically deep tree). */
export const HOVER_BUDGET_MS = 1000;

/** A notice at the top of the file, or at `range` when it is about one place. */
export function limitNotice(message: string, range?: Range): Diagnostic {
  return {
    range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: LIMIT_NOTICE_CODE,
    message,
  };
}
