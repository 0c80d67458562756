// Expectations written in Go test files the way golang.org/x/tools' analysistest
// reads them: a comment `// want "regexp"` (or a raw `regexp` in back quotes) on
// the line where a finding is expected; several on one line mean several findings.
// Directives for the harness itself:
//   // go-for-ts:options {"allowTypesBefore": ["*testing.T"]}   rule options
//   // go-for-ts:go 1.21                                          the module's Go version

export interface Expectation {
  /** 0-based line. */
  line: number;
  pattern: RegExp;
  source: string;
}

const WANT = /\/\/\s*want\s+(.*)$/;
const PATTERN = /"((?:[^"\\]|\\.)*)"|`([^`]*)`/g;

export function readExpectations(text: string): Expectation[] {
  const expectations: Expectation[] = [];
  text.split(/\r\n|\n|\r/).forEach((lineText, line) => {
    const want = WANT.exec(lineText);
    if (!want) return;
    PATTERN.lastIndex = 0;
    for (let match = PATTERN.exec(want[1]!); match; match = PATTERN.exec(want[1]!)) {
      const source = match[1] !== undefined ? JSON.parse(`"${match[1]}"`) as string : match[2]!;
      expectations.push({ line, pattern: new RegExp(source), source });
    }
  });
  return expectations;
}

export function readDirectives(text: string): { options?: Record<string, unknown>; goVersion?: string } {
  const options = /\/\/\s*go-for-ts:options\s+(\{.*\})\s*$/m.exec(text);
  const goVersion = /\/\/\s*go-for-ts:go\s+(\d+\.\d+)/m.exec(text);
  return {
    ...(options ? { options: JSON.parse(options[1]!) as Record<string, unknown> } : {}),
    ...(goVersion ? { goVersion: goVersion[1]! } : {}),
  };
}
