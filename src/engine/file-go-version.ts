// The Go version one file is compiled at, as the go tool decides it: the module's
// `go` line, changed by the file's `//go:build` line when that names a Go release.
// Rules that depend on the language version (loop variables per iteration since
// Go 1.22, timers collected since Go 1.23) read the result as SourceFile.goVersion;
// whoever builds the engine's input (CLI, server, conformance runner) computes it here.

/** The constraint expression of the file's `//go:build` line (before `package`), if any. */
export function buildConstraintOf(text: string): string | undefined {
  // Line by line from the top, without splitting the whole (maybe huge) text.
  const lineBreak = /\r\n|\n|\r/g;
  for (let start = 0; start <= text.length; ) {
    lineBreak.lastIndex = start;
    const found = lineBreak.exec(text);
    const end = found ? found.index : text.length;
    const line = text.slice(start, end).trim();
    start = found ? end + found[0].length : text.length + 1;
    if (line === '' || (line.startsWith('//') && !line.startsWith('//go:build'))) continue;
    if (line.startsWith('//go:build')) {
      const expression = line.slice('//go:build'.length);
      return /^\s/.test(expression) ? expression.trim() : undefined;
    }
    // Block comments, the package clause or code: constraints only come first.
    return undefined;
  }
  return undefined;
}

type Expression =
  | { kind: 'tag'; name: string }
  | { kind: 'not'; operand: Expression }
  | { kind: 'and' | 'or'; left: Expression; right: Expression };

/** Parses `a && (b || !c)`; throws on malformed input. */
export function parseConstraint(source: string): Expression {
  const tokens = source.match(/&&|\|\||[!()]|[A-Za-z0-9_.]+|\S/g) ?? [];
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const expect = (token: string) => {
    if (tokens[position] !== token) throw new Error(`build constraint: expected ${token} in "${source}"`);
    position++;
  };
  const parseOr = (): Expression => {
    let left = parseAnd();
    while (peek() === '||') {
      position++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expression => {
    let left = parseUnary();
    while (peek() === '&&') {
      position++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): Expression => {
    const token = peek();
    if (token === '!') {
      position++;
      return { kind: 'not', operand: parseUnary() };
    }
    if (token === '(') {
      position++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    if (token === undefined || !/^[A-Za-z0-9_.]+$/.test(token)) {
      throw new Error(`build constraint: unexpected ${token ?? 'end'} in "${source}"`);
    }
    position++;
    return { kind: 'tag', name: token };
  };
  const expression = parseOr();
  if (position !== tokens.length) throw new Error(`build constraint: trailing ${tokens[position]} in "${source}"`);
  return expression;
}

const GO_RELEASE_TAG = /^go1\.(\d+)$/;

/** "1.21" -> [1, 21]; undefined for anything else. */
function versionParts(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function compareGoVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = versionParts(a) ?? [];
  const [bMajor = 0, bMinor = 0] = versionParts(b) ?? [];
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * The lowest Go release the expression requires (Go's constraint.GoVersion):
 * `go1.21 && linux` -> "1.21", `go1.19 || go1.21` -> "1.19", `!go1.22` -> none.
 */
export function minimumGoVersion(expression: Expression): string | undefined {
  switch (expression.kind) {
    case 'tag': {
      const match = GO_RELEASE_TAG.exec(expression.name);
      return match ? `1.${match[1]}` : undefined;
    }
    case 'not':
      return undefined;
    case 'and': {
      const left = minimumGoVersion(expression.left);
      const right = minimumGoVersion(expression.right);
      if (!left || !right) return left ?? right;
      return compareGoVersions(left, right) >= 0 ? left : right;
    }
    case 'or': {
      const left = minimumGoVersion(expression.left);
      const right = minimumGoVersion(expression.right);
      // Satisfiable without any Go release tag on one side: no minimum.
      if (!left || !right) return undefined;
      return compareGoVersions(left, right) <= 0 ? left : right;
    }
  }
}

/**
 * Whether a build with the given toolchain release would include the file. Release
 * tags go1.N hold for every N up to the toolchain's; other tags (GOOS, GOARCH,
 * custom) are decided by `otherTag`, true by default so analysis errs on reading files.
 */
export function constraintSatisfied(
  expression: Expression,
  toolchain: string,
  otherTag: (name: string) => boolean = () => true,
): boolean {
  switch (expression.kind) {
    case 'tag': {
      const match = GO_RELEASE_TAG.exec(expression.name);
      return match ? compareGoVersions(toolchain, `1.${match[1]}`) >= 0 : otherTag(expression.name);
    }
    case 'not':
      return !constraintSatisfied(expression.operand, toolchain, otherTag);
    case 'and':
      return constraintSatisfied(expression.left, toolchain, otherTag) && constraintSatisfied(expression.right, toolchain, otherTag);
    case 'or':
      return constraintSatisfied(expression.left, toolchain, otherTag) || constraintSatisfied(expression.right, toolchain, otherTag);
  }
}

/** Whether the file's `//go:build` line (if any) admits the toolchain release. */
export function fileBuildsWith(text: string, toolchain: string): boolean {
  const source = buildConstraintOf(text);
  if (!source) return true;
  try {
    return constraintSatisfied(parseConstraint(source), toolchain);
  } catch {
    return true; // a malformed line: the go tool would complain; we still read the file
  }
}

/**
 * The language version of one file, following go/types: a `//go:build go1.N` line
 * raises the module's version; it lowers it only in modules at Go 1.21 or later, and
 * never below 1.21. Without a module version, build lines are ignored (unknown stays
 * unknown, which rules treat as the newest Go).
 */
export function fileGoVersion(moduleVersion: string | undefined, text: string): string | undefined {
  if (!moduleVersion) return undefined;
  const source = buildConstraintOf(text);
  if (!source) return moduleVersion;
  let required: string | undefined;
  try {
    required = minimumGoVersion(parseConstraint(source));
  } catch {
    return moduleVersion;
  }
  if (!required) return moduleVersion;
  const order = compareGoVersions(required, moduleVersion);
  if (order > 0) return required;
  if (order < 0 && compareGoVersions(moduleVersion, '1.21') >= 0) {
    return compareGoVersions(required, '1.21') >= 0 ? required : '1.21';
  }
  return moduleVersion;
}
