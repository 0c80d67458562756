// The verbs of a printf format string, read from the literal as written in source so
// each verb keeps its offset in the document (quick fixes rewrite single characters).
// Follows fmt's rules for which argument a verb consumes: explicit indexes `%[2]v`,
// `*` widths and precisions that take an argument, and `%%` that takes none.

export interface FormatVerb {
  /** The verb letter: 'v', 's', 'w', 'd' ... */
  verb: string;
  /** Flags written before it: '+', '#', '-', ' ', '0'. */
  flags: string;
  /** Index of the argument it formats, counting from the first argument after the format. */
  argument: number;
  /** Document offset of the verb letter. */
  offset: number;
  /** Document offset of the '%' that starts the directive. */
  start: number;
}

/**
 * Parses the source text of an interpreted ("...") or raw (`...`) string literal that
 * starts at `literalStart` in the document. Returns null for a malformed format (an
 * argument index that isn't a number), which callers treat as "don't touch".
 */
export function formatVerbs(literalText: string, literalStart: number): FormatVerb[] | null {
  const raw = literalText.startsWith('`');
  const body = literalText.slice(1, -1);
  const verbs: FormatVerb[] = [];
  let argument = 0;
  let i = 0;

  const readIndex = (): boolean => {
    if (body[i] !== '[') return true;
    const close = body.indexOf(']', i);
    const number = Number(body.slice(i + 1, close));
    if (close < 0 || !Number.isInteger(number) || number < 1) return false;
    argument = number - 1;
    i = close + 1;
    return true;
  };
  const readNumberOrStar = (): void => {
    if (body[i] === '*') {
      argument++;
      i++;
      return;
    }
    while (i < body.length && body[i]! >= '0' && body[i]! <= '9') i++;
  };

  while (i < body.length) {
    const char = body[i]!;
    if (!raw && char === '\\') {
      i += 2; // an escape never contains a verb
      continue;
    }
    if (char !== '%') {
      i++;
      continue;
    }
    const percent = i;
    i++;
    let flags = '';
    while (i < body.length && '+-# 0'.includes(body[i]!)) flags += body[i++];
    if (!readIndex()) return null;
    readNumberOrStar();
    if (body[i] === '.') {
      i++;
      if (!readIndex()) return null;
      readNumberOrStar();
    }
    if (!readIndex()) return null;
    if (i >= body.length) break;
    const verb = body[i]!;
    if (verb === '%') {
      i++;
      continue;
    }
    verbs.push({ verb, flags, argument, offset: literalStart + 1 + i, start: literalStart + 1 + percent });
    argument++;
    i++;
  }
  return verbs;
}
