// Expands a VS Code snippet body the way the editor does when every placeholder
// keeps its default text: `${1:default}` inserts its default, a bare `$1` mirrors the
// text of the placeholder 1 that has a default, `${1|a,b|}` picks the first choice,
// `$0` marks the final cursor, variables (`$TM_FILENAME`, `${TM_FILENAME_BASE/re/fmt/}`)
// come from a table, unknown variables insert their own name (as VS Code does), and
// `\$`, `\}` and `\\` are escapes.
// Grammar: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar

interface Transform {
  regex: RegExp;
  format: string;
}

type Part =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; body?: Part[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; body?: Part[]; transform?: Transform };

type Tabstop = Extract<Part, { kind: 'tabstop' }>;

export class SnippetSyntaxError extends Error {}

class SnippetParser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parseAll(): Part[] {
    const parts = this.parse(false);
    if (this.pos < this.source.length) throw new SnippetSyntaxError(`unexpected "}" at ${this.pos}`);
    return parts;
  }

  /** Text and placeholders up to the end, or up to an unescaped `}` when nested. */
  private parse(nested: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const char = this.source[this.pos]!;
      const next = this.source[this.pos + 1];
      if (char === '\\' && next !== undefined && '$}\\'.includes(next)) {
        text += next;
        this.pos += 2;
        continue;
      }
      if (char === '}' && nested) break;
      if (char === '$') {
        const part = this.dollar();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      text += char;
      this.pos++;
    }
    flush();
    return parts;
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.source);
    if (!found) return null;
    this.pos += found[0].length;
    return found[0];
  }

  /** A `$...` construct at pos, or null (and pos unchanged) when the `$` is plain text. */
  private dollar(): Part | null {
    const start = this.pos;
    this.pos++;
    const index = this.match(/\d+/y);
    if (index !== null) return { kind: 'tabstop', index: Number(index) };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name !== null) return { kind: 'variable', name };
    if (this.source[this.pos] === '{') {
      this.pos++;
      const braced = this.braced();
      if (braced) return braced;
    }
    this.pos = start;
    return null;
  }

  private braced(): Part | null {
    const index = this.match(/\d+/y);
    const name = index === null ? this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y) : null;
    if (index === null && name === null) return null;
    const head = index !== null ? { kind: 'tabstop' as const, index: Number(index) } : { kind: 'variable' as const, name: name! };
    const char = this.source[this.pos];
    this.pos++;
    if (char === '}') return head;
    if (char === ':') {
      const body = this.parse(true);
      if (this.source[this.pos] !== '}') throw new SnippetSyntaxError(`unclosed placeholder at ${this.pos}`);
      this.pos++;
      return { ...head, body };
    }
    if (char === '|' && head.kind === 'tabstop') {
      const choices = this.choices();
      return choices ? { ...head, choices } : null;
    }
    if (char === '/') {
      const transform = this.transform();
      return transform ? { ...head, transform } : null;
    }
    return null;
  }

  /** `a,b\,c|}` after `${1|`. */
  private choices(): string[] | null {
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.source.length) {
      const char = this.source[this.pos]!;
      const next = this.source[this.pos + 1];
      if (char === '\\' && next !== undefined && ',|\\$}'.includes(next)) {
        current += next;
        this.pos += 2;
      } else if (char === ',') {
        choices.push(current);
        current = '';
        this.pos++;
      } else if (char === '|' && next === '}') {
        choices.push(current);
        this.pos += 2;
        return choices;
      } else {
        current += char;
        this.pos++;
      }
    }
    return null;
  }

  /**
   * Up to an unescaped `end` outside any `${...}` (a format's `${1:/upcase}` holds a
   * slash); `\/` is a literal slash.
   */
  private segment(end: string): string | null {
    let value = '';
    let depth = 0;
    while (this.pos < this.source.length) {
      const char = this.source[this.pos]!;
      if (char === '\\' && this.source[this.pos + 1] === end) {
        value += end;
        this.pos += 2;
        continue;
      }
      if (char === end && depth === 0) {
        this.pos++;
        return value;
      }
      if (char === '$' && this.source[this.pos + 1] === '{') depth++;
      else if (char === '}' && depth > 0) depth--;
      value += char;
      this.pos++;
    }
    return null;
  }

  /** `regex/format/options}` after `${1/`. */
  private transform(): Transform | null {
    const regex = this.segment('/');
    const format = regex === null ? null : this.segment('/');
    const options = format === null ? null : this.segment('}');
    if (regex === null || format === null || options === null) return null;
    return { regex: new RegExp(regex, options), format };
  }
}

function applyFormat(format: string, groups: readonly (string | undefined)[]): string {
  return format.replace(
    /\$(\d+)|\$\{(\d+)(?::(?:\/(upcase|downcase|capitalize|camelcase|pascalcase)|\+([^}]*)|\?([^:}]*):([^}]*)|-?([^}]*)))?\}|\\(.)/g,
    (_whole, plain, index, modifier, ifSet, ifThen, ifElse, otherwise, escaped) => {
      if (escaped !== undefined) return escaped;
      const value = groups[Number(plain ?? index)] ?? '';
      if (plain !== undefined) return value;
      switch (modifier) {
        case 'upcase':
          return value.toUpperCase();
        case 'downcase':
          return value.toLowerCase();
        case 'capitalize':
          return value.charAt(0).toUpperCase() + value.slice(1);
        case 'camelcase':
        case 'pascalcase': {
          const words = value.split(/[-_\s]+/).filter(Boolean);
          const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
          return modifier === 'camelcase' ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined;
        }
      }
      if (ifSet !== undefined) return value ? ifSet : '';
      if (ifThen !== undefined) return value ? ifThen : ifElse;
      if (otherwise !== undefined) return value || otherwise;
      return value;
    },
  );
}

function transformText(text: string, transform: Transform | undefined): string {
  if (!transform) return text;
  return text.replace(transform.regex, (...args: unknown[]) => {
    // replace() passes the match, the groups, then the offset (the first number).
    const offsetAt = args.findIndex((arg, i) => i > 0 && typeof arg === 'number');
    return applyFormat(transform.format, args.slice(0, offsetAt) as (string | undefined)[]);
  });
}

/** Placeholder index -> the first placeholder with that index that has text or choices. */
function collectDefaults(parts: readonly Part[], defaults: Map<number, Tabstop>): Map<number, Tabstop> {
  for (const part of parts) {
    if (part.kind === 'text') continue;
    if (part.kind === 'tabstop' && (part.body || part.choices) && !defaults.has(part.index)) defaults.set(part.index, part);
    if (part.body) collectDefaults(part.body, defaults);
  }
  return defaults;
}

export interface ExpandOptions {
  /** Values for $TM_FILENAME and friends; '' counts as set-but-empty. */
  variables?: Readonly<Record<string, string>>;
}

export const DEFAULT_VARIABLES: Readonly<Record<string, string>> = {
  TM_FILENAME: 'store_test.go',
  TM_FILENAME_BASE: 'store_test',
  TM_DIRECTORY: '/work/shop/store',
  TM_FILEPATH: '/work/shop/store/store_test.go',
  RELATIVE_FILEPATH: 'store/store_test.go',
  WORKSPACE_NAME: 'shop',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  CLIPBOARD: '',
  CURRENT_YEAR: '2025',
  CURRENT_MONTH: '01',
  CURRENT_DATE: '02',
  LINE_COMMENT: '//',
  BLOCK_COMMENT_START: '/*',
  BLOCK_COMMENT_END: '*/',
};

export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const source = typeof body === 'string' ? body : body.join('\n');
  const parts = new SnippetParser(source).parseAll();
  const defaults = collectDefaults(parts, new Map());
  const variables = options.variables ?? DEFAULT_VARIABLES;
  const rendering = new Set<number>();

  const render = (list: readonly Part[]): string => list.map(renderPart).join('');
  const renderPart = (part: Part): string => {
    if (part.kind === 'text') return part.value;
    if (part.kind === 'variable') {
      const value = variables[part.name];
      if (value === undefined) return part.body ? render(part.body) : part.name;
      if (value === '' && part.body) return render(part.body);
      return transformText(value, part.transform);
    }
    let text: string;
    if (part.choices) text = part.choices[0] ?? '';
    else if (part.body) text = render(part.body);
    else {
      const source = defaults.get(part.index);
      if (!source || rendering.has(part.index)) text = '';
      else {
        rendering.add(part.index); // a placeholder whose default mirrors itself stays finite
        text = source.choices ? (source.choices[0] ?? '') : render(source.body ?? []);
        rendering.delete(part.index);
      }
    }
    return transformText(text, part.transform);
  };
  return render(parts);
}
