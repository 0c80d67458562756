// Readers for the three ways peer linters annotate their Go test data with the
// diagnostics they expect. Each returns one expectation per annotated diagnostic:
// the 0-based line it belongs on and the expected message (a regexp source or a
// literal, as the peer wrote it; we only filter by it, never compile it).
//   analysistest (go/analysis):  x := f() // want "re" `re2`
//   revive / golint:             func f() { // MATCH /message/     or  // MATCH:12 /message/
//   staticcheck testutil:        x := f() //@ diag(`re`)

export type AnnotationFormat = 'analysistest' | 'revive' | 'staticcheck';

export interface PeerExpectation {
  /** 0-based line of the expected diagnostic. */
  line: number;
  /** The expected message as written by the peer (regexp source or exact text). */
  message: string;
}

export interface GoComment {
  /** 0-based line where the comment starts. */
  line: number;
  /** The comment's content without its delimiters (// or the block markers). */
  body: string;
}

/**
 * The comments of a Go file, found with a small scanner that knows string, rune and
 * raw-string literals, so `"// want"` inside a string is not mistaken for one.
 */
export function goComments(text: string): GoComment[] {
  const comments: GoComment[] = [];
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      comments.push({ line, body: text.slice(i + 2, end).replace(/\r$/, '') });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      let end = text.indexOf('*/', i + 2);
      if (end < 0) end = n;
      const body = text.slice(i + 2, end);
      comments.push({ line, body });
      line += countNewlines(body);
      i = end + 2;
    } else if (c === '`') {
      let end = text.indexOf('`', i + 1);
      if (end < 0) end = n;
      line += countNewlines(text.slice(i, end));
      i = end + 1;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (text[i] === c) i++;
    } else {
      i++;
    }
  }
  return comments;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

const GO_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** The value of a Go interpreted string literal's body (between the quotes). */
export function unquoteGoString(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (whole, escape: string) => {
    if (/^[xuU]/.test(escape)) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    if (/^[0-7]{3}$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return GO_ESCAPES[escape] ?? whole;
  });
}

/** A Go string literal at the start of `text`: "…" or `…`, with what follows it. */
function leadingGoString(text: string): { value: string; rest: string } | undefined {
  const match = /^"((?:[^"\\]|\\.)*)"|^`([^`]*)`/.exec(text);
  if (!match) return undefined;
  const value = match[1] !== undefined ? unquoteGoString(match[1]) : match[2]!;
  return { value, rest: text.slice(match[0].length) };
}

/**
 * analysistest: a comment whose text starts with `want` followed by Go string
 * literals, one expected diagnostic each. `name:"re"` items are facts, not
 * diagnostics, and are skipped.
 */
export function readAnalysistestWants(text: string): PeerExpectation[] {
  const expectations: PeerExpectation[] = [];
  for (const comment of goComments(text)) {
    const match = /^\s*want\s+([\s\S]*)$/.exec(comment.body);
    if (!match) continue;
    let rest = match[1]!.trim();
    while (rest.length > 0) {
      const fact = /^[A-Za-z_]\w*:/.exec(rest);
      const literal = leadingGoString(fact ? rest.slice(fact[0].length) : rest);
      if (!literal) break;
      if (!fact) expectations.push({ line: comment.line, message: literal.value });
      rest = literal.rest.trim();
    }
  }
  return expectations;
}

/**
 * revive (and golint before it): `// MATCH /text/` on the diagnostic's line,
 * `// MATCH:<line> /text/` for another (1-based) line, an optional
 * `/ -> \`replacement\`` after the text, or `// json:{"MATCH": "text", ...}`.
 */
export function readReviveMatches(text: string): PeerExpectation[] {
  const expectations: PeerExpectation[] = [];
  for (const comment of goComments(text)) {
    const body = comment.body.trim();
    if (body.startsWith('json:')) {
      try {
        const parsed = JSON.parse(body.slice('json:'.length)) as { MATCH?: unknown };
        if (typeof parsed.MATCH === 'string') expectations.push({ line: comment.line, message: parsed.MATCH });
      } catch {
        // Not an instruction after all.
      }
      continue;
    }
    const match = /^MATCH(?::(\d+))?\s+(\/[\s\S]*)$/.exec(body);
    if (!match) continue;
    const line = match[1] !== undefined ? Number(match[1]) - 1 : comment.line;
    const delimited = match[2]!.replace(/\/\s*->\s*`[^`]*`\s*$/, '/');
    const last = delimited.lastIndexOf('/');
    if (last <= 0) continue;
    expectations.push({ line, message: delimited.slice(1, last) });
  }
  return expectations;
}

/** staticcheck's testutil: `//@ diag(\`re\`)`, several `diag(...)` allowed in one comment. */
export function readStaticcheckDiags(text: string): PeerExpectation[] {
  const expectations: PeerExpectation[] = [];
  for (const comment of goComments(text)) {
    if (!comment.body.startsWith('@')) continue;
    const calls = /diag\(\s*("(?:[^"\\]|\\.)*"|`[^`]*`)\s*\)/g;
    for (let match = calls.exec(comment.body); match; match = calls.exec(comment.body)) {
      const literal = leadingGoString(match[1]!);
      if (literal) expectations.push({ line: comment.line, message: literal.value });
    }
  }
  return expectations;
}

export function readExpectationsIn(format: AnnotationFormat, text: string): PeerExpectation[] {
  switch (format) {
    case 'analysistest':
      return readAnalysistestWants(text);
    case 'revive':
      return readReviveMatches(text);
    case 'staticcheck':
      return readStaticcheckDiags(text);
  }
}
