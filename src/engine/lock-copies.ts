// A closer look at the declarations whose text names the lock vocabulary (see
// lock-vocabulary.ts), before mutex-copy runs its query there: most of them name a
// lock-holding type only behind a pointer (`func (c *Conn) Read(...)`), call methods on
// a lock (`mu.Lock()`), or mention one in a comment or a string, and none of that can
// copy a lock. What lock-values.ts and the rule's handlers need for a finding shows in
// the text, so a declaration is kept only when it holds one of:
//
// - a lock used as a value: a vocabulary word (a lock-holding type, a package-level
//   variable holding a lock, `sync.Mutex` & co) in code, not right after `*` (a
//   pointer type), `&` (`&T{}`, `&v`: pointers), `.` (a field, a method, another
//   package's name) or `new(`, not followed by `.name(`, `.name.` or `.name[` (a
//   method call or a longer selector: no copy of the lock), and for a type, not
//   followed by `.` or `:` (a method expression, a field key, a label, a case). Every
//   by-value lock type of a receiver, parameter, variable, literal, field or element
//   is spelled with such a word, in this declaration or in the package-level
//   variable it names;
//   A word that is the whole type of a one-line `var a, b T` (nothing after it but a
//   comment) declares lock values without copying one: it does not count when every
//   other occurrence of those names in the declaration takes the address (`&a`) or
//   calls a method or continues as above (`a.Lock()`, `a.f.g`), sits on a comment line
//   or follows a `.` (another value's field): then no expression of the declaration
//   evaluates them, and only such an expression can copy them;
// - a dereference `*p` of a variable of this declaration or of the file's package
//   level, in a place that copies (or types a variable by) its value: without a lock
//   used as a value, a variable holds a lock by value only through one;
// - a selector `x.f` on a plain variable (not called, not continued) where f is a
//   field holding a lock of a type this declaration or the file's package-level
//   variables name: the one way to copy a lock out of a pointer.
//
// The checks read the text and, where text cannot tell code from comments and
// strings or a dereference from a pointer type, one node of the tree; asked to read
// the text alone (`mayCopy(index, true)`, for a body not parsed yet), they take such
// a place to be code that copies, so they answer true wherever the tree could.
import type { Node } from 'web-tree-sitter';
import type { Declaration } from './declarations';
import { MAX_PATTERN_WORDS, vocabularyPattern } from './lock-vocabulary';
import { LOCK_TYPES } from './package-facts';
import type { PackageFacts } from './package-index';

/** The words a lock shows up under in a file (see lock-vocabulary.ts). */
export interface LockWords {
  /** The package's lock-holding types. */
  readonly types: ReadonlySet<string>;
  /** The file's package-level variables holding a lock. */
  readonly variables: ReadonlySet<string>;
  /** Names the file gives sync and sync/atomic. */
  readonly packages: readonly string[];
}

/** What the check needs of a file. */
export interface LockCopyFile {
  readonly text: string;
  readonly declarations: readonly Declaration[];
  readonly facts: PackageFacts;
  /** The identifiers of the file's package-level `var` declarations (their names, types and values). */
  readonly variableWords: () => ReadonlySet<string>;
}

const LOCK_NAMES: ReadonlySet<string> = new Set([...LOCK_TYPES.values()].flatMap((names) => [...names]));

/** Nodes whose text is no code: a word found inside one names nothing. */
const NOT_CODE: ReadonlySet<string> = new Set([
  'comment',
  'interpreted_string_literal',
  'interpreted_string_literal_content',
  'raw_string_literal',
  'raw_string_literal_content',
  'escape_sequence',
  'rune_literal',
]);

/** Where a dereference's value (in parentheses or not) is copied or gives a variable its type (see the rule's query). */
const COPY_PARENTS: ReadonlySet<string> = new Set(['expression_list', 'argument_list', 'literal_element']);

/** A line's start up to a one-line `var` declaration's type: `var a, b ` (group 1: the names). */
const LOCAL_VAR_NAMES = /^[\t ]*var[\t ]+([A-Za-z_][\w]*(?:[\t ]*,[\t ]*[A-Za-z_][\w]*)*)[\t ]+$/;
/** What may follow that type on its line: blanks, a line comment. */
const LINE_REST = /^[\t \r]*(?:\/\/.*)?$/;

const IDENTIFIER_START = /[\p{L}_]/u;
const IDENTIFIER_PART = /[\p{L}\p{Nd}_]/u;
const IDENTIFIER = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
/**
 * The identifiers of code, quicker than a Unicode-aware pattern: outside comments and strings Go
 * has non-ASCII characters only in identifiers, so any of them counts as a letter.
 */
const CODE_IDENTIFIERS = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;
/** `.name` with what Go allows between the two (the name is group 1). */
const SELECTOR = /\.(?:\s|\/\/[^\n]*(?![^\n])|\/\*(?:[^*]|\*(?!\/))*\*\/)*([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)/g;

function isIdentifierPart(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return IDENTIFIER_PART.test(char);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The position of the last non-blank character before `at` (not before `from`), or -1. */
function previousNonBlank(text: string, at: number, from: number): number {
  let index = at - 1;
  while (index >= from && isBlank(text.charCodeAt(index))) index--;
  return index >= from ? index : -1;
}

function skipBlanks(text: string, at: number, end: number, newlines: boolean): number {
  let index = at;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9 || (newlines && (code === 10 || code === 13))) index++;
    else break;
  }
  return index;
}

/** Past blanks and comments (what Go allows between two tokens), from `at`. */
function skipGap(text: string, at: number, end: number): number {
  let index = at;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (isBlank(code)) {
      index++;
    } else if (code === 47 && text.charCodeAt(index + 1) === 47) {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? end : newline;
    } else if (code === 47 && text.charCodeAt(index + 1) === 42) {
      const close = text.indexOf('*/', index + 2);
      index = close < 0 ? end : close + 2;
    } else {
      break;
    }
  }
  return Math.min(index, end);
}

/** The identifier starting at `at`, or ''. */
function identifierAt(text: string, at: number): string {
  IDENTIFIER.lastIndex = at;
  return IDENTIFIER.exec(text)?.[0] ?? '';
}

/** The word before `at` (its last character at `last`), e.g. `return` or `new`. */
function wordEndingAt(text: string, last: number, from: number): string {
  let start = last;
  while (start > from && isIdentifierPart(text[start - 1]!)) start--;
  return text.slice(start, last + 1);
}

/**
 * After a word: `.name` then `(`, `.` or `[` on the same line (a method call, a longer
 * selector, an index into a field): the word's own value is not copied there. Only
 * blanks within the line count as a gap: a line break could end the statement.
 */
function continuesAsCallOrChain(text: string, after: number, end: number): boolean {
  let index = skipBlanks(text, after, end, false);
  if (text[index] !== '.') return false;
  index = skipBlanks(text, index + 1, end, false);
  const name = identifierAt(text, index);
  if (!name) return false;
  index = skipBlanks(text, index + name.length, end, false);
  const next = text[index];
  return next === '(' || next === '.' || next === '[';
}

/**
 * The line holding `at` is a `//` comment from its start, or the inside of a raw
 * string or block comment that does not end on it: nothing on it is code.
 */
function onCommentLine(text: string, at: number, start: number, end: number): boolean {
  const lineStart = Math.max(start, text.lastIndexOf('\n', at) + 1);
  const first = skipBlanks(text, lineStart, at, false);
  if (text[first] !== '/' || text[first + 1] !== '/') return false;
  const newline = text.indexOf('\n', at);
  const line = text.slice(first, newline < 0 || newline > end ? end : newline);
  return !line.includes('`') && !line.includes('*/');
}

/** Decides, per declaration, whether mutex-copy's handlers can find a copy there. */
export class LockCopyScreen {
  /** One alternation of all the words, when they are few enough (see MAX_PATTERN_WORDS). */
  private readonly pattern?: RegExp;
  private readonly words: ReadonlySet<string>;
  private readonly packages: ReadonlySet<string>;

  constructor(
    private readonly file: LockCopyFile,
    private readonly lockWords: LockWords,
  ) {
    this.words = new Set([...lockWords.types, ...lockWords.variables]);
    this.packages = new Set(lockWords.packages);
    if (this.words.size + this.packages.size <= MAX_PATTERN_WORDS) this.pattern = wordSearch(lockWords);
  }

  private variableTypeNames?: readonly string[];

  /** The package's types among the words of the file's package-level variables. */
  private variableTypes(): readonly string[] {
    this.variableTypeNames ??= [...this.file.variableWords()].filter((word) => this.file.facts.hasType(word));
    return this.variableTypeNames;
  }

  /**
   * Whether the declaration can hold a finding (false only when it certainly cannot).
   * With `textOnly`, from its text alone: no node of it is read.
   */
  mayCopy(index: number, textOnly = false): boolean {
    const declaration = this.file.declarations[index]!;
    // A comment holds no node the query could match.
    if (declaration.type === 'comment') return false;
    return (
      this.usesLockValue(declaration, textOnly) ||
      this.copiesDereference(declaration, textOnly) ||
      this.selectsLockField(declaration)
    );
  }

  /** A vocabulary word in code, used as a value (see the file comment). */
  private usesLockValue(declaration: Declaration, textOnly: boolean): boolean {
    let found = false;
    this.eachWord(declaration, (at, word, isPackage) => {
      if (this.isValueUse(declaration, at, word, isPackage, textOnly) && !this.declaresUncopiedLocks(declaration, at, word, isPackage)) {
        found = true;
      }
      return found;
    });
    return found;
  }

  /**
   * The word at `at` is the whole type of a one-line `var a, b T` whose names are never
   * evaluated in the declaration (see the file comment): a lock declared and used only
   * through its methods or its address, the common `var mu sync.Mutex`.
   */
  private declaresUncopiedLocks(declaration: Declaration, at: number, word: string, isPackage: boolean): boolean {
    if (!isPackage && !this.file.facts.hasType(word)) return false; // only a type declares a variable
    const { text } = this.file;
    const { start, end } = declaration;
    let typeEnd = at + word.length;
    if (isPackage) {
      const dot = skipGap(text, typeEnd, end);
      const nameAt = skipGap(text, dot + 1, end);
      typeEnd = nameAt + identifierAt(text, nameAt).length;
    }
    const lineStart = Math.max(start, text.lastIndexOf('\n', at) + 1);
    const newline = text.indexOf('\n', typeEnd);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const declared = LOCAL_VAR_NAMES.exec(text.slice(lineStart, at));
    if (!declared || !LINE_REST.test(text.slice(typeEnd, lineEnd))) return false;
    const names = declared[1]!.split(',').map((name) => name.trim());
    return names.every((name) => this.onlyAddressedOrCalled(declaration, name, lineStart, lineEnd));
  }

  /**
   * Whether every whole-word occurrence of `name` in the declaration, outside the line
   * [lineStart, lineEnd) that declares it, is `&name`, `name.m(`, `name.f.`, `name.f[`,
   * `x.name` or on a comment line: none of them evaluates the variable's value.
   */
  private onlyAddressedOrCalled(declaration: Declaration, name: string, lineStart: number, lineEnd: number): boolean {
    const { text } = this.file;
    const { start, end } = declaration;
    for (let at = text.indexOf(name, start); at >= 0 && at < end; at = text.indexOf(name, at + 1)) {
      if (at >= lineStart && at < lineEnd) continue;
      if (at > start && isIdentifierPart(text[at - 1]!)) continue;
      if (at + name.length < text.length && isIdentifierPart(text[at + name.length]!)) continue;
      const before = previousNonBlank(text, at, start);
      const previous = before >= 0 ? text[before] : '';
      if (previous === '&' || previous === '.') continue;
      if (continuesAsCallOrChain(text, at + name.length, end)) continue;
      if (onCommentLine(text, at, start, end)) continue;
      return false;
    }
    return true;
  }

  /**
   * Calls `visit` with each vocabulary word in the declaration until it returns true;
   * a package name counts only before a `.` (blanks and comments may come between).
   */
  private eachWord(declaration: Declaration, visit: (at: number, word: string, isPackage: boolean) => boolean): void {
    const { text } = this.file;
    const { start, end } = declaration;
    const search = this.pattern ?? CODE_IDENTIFIERS;
    search.lastIndex = start;
    for (let match = search.exec(text); match && match.index < end; match = search.exec(text)) {
      const word = match[0];
      const isPackage = this.packages.has(word) && text[skipGap(text, match.index + word.length, end)] === '.';
      if (!isPackage && !this.words.has(word)) continue;
      if (visit(match.index, word, isPackage)) return;
    }
  }

  private isValueUse(declaration: Declaration, at: number, word: string, isPackage: boolean, textOnly: boolean): boolean {
    const { text } = this.file;
    const { start, end } = declaration;
    if (isPackage) {
      // `sync.NewCond`, `atomic.AddInt32`: only the lock types themselves hold a lock.
      const dot = skipGap(text, at + word.length, end);
      const name = identifierAt(text, skipGap(text, dot + 1, end));
      if (name && !LOCK_NAMES.has(name)) return false;
    }
    const before = previousNonBlank(text, at, start);
    const previous = before >= 0 ? text[before] : '';
    if (previous === '*' || previous === '&' || previous === '.') return false;
    if (previous === '(' && !this.lockWords.variables.has(word)) {
      // `new(T)` gives a pointer (a variable could be passed to a local func named new).
      const beforeParen = previousNonBlank(text, before, start);
      if (beforeParen >= 0 && wordEndingAt(text, beforeParen, start) === 'new') return false;
    }
    if (!isPackage && continuesAsCallOrChain(text, at + word.length, end)) return false;
    if (!isPackage && !this.lockWords.variables.has(word)) {
      // A type before `.` (a method expression) or `:` (a field key, a label, a type
      // switch's case) is no value.
      const next = skipGap(text, at + word.length, end);
      if (text[next] === '.' || (text[next] === ':' && text[next + 1] !== '=')) return false;
    }
    if (onCommentLine(text, at, start, end)) return false;
    if (textOnly) return true;
    const node = declaration.node.descendantForIndex(at, at + word.length);
    return !NOT_CODE.has(node?.type ?? '');
  }

  /** A unary `*p` whose value is copied or types a variable. */
  private copiesDereference(declaration: Declaration, textOnly: boolean): boolean {
    const { text } = this.file;
    const { start, end } = declaration;
    const named = new Map<string, boolean>();
    for (let at = text.indexOf('*', start); at >= 0 && at < end; at = text.indexOf('*', at + 1)) {
      // `/*`, `*/`: comments; `a / *p`: a division.
      if (text[at - 1] === '/' || text[at + 1] === '/') continue;
      const operand = skipGap(text, at + 1, end);
      if (operand >= end || !IDENTIFIER_START.test(text[operand]!)) continue; // `*(p)` is no variable's dereference
      const before = previousNonBlank(text, at, start);
      if (before >= 0) {
        const previous = text[before]!;
        // After a name, `)`, `]`, `}` or a literal, `*` multiplies or starts a parameter's pointer type.
        if (isIdentifierPart(previous) && wordEndingAt(text, before, start) !== 'return') continue;
        if (previous === ')' || previous === ']' || previous === '}' || previous === '"' || previous === "'" || previous === '`') continue;
      }
      // The pointer is a variable of this declaration (named somewhere without a `*`
      // before it, as its declaration is) or of the file's package-level ones.
      const name = identifierAt(text, operand);
      let isVariable = named.get(name);
      if (isVariable === undefined) {
        isVariable = this.file.variableWords().has(name) || this.namedUndereferenced(declaration, name);
        named.set(name, isVariable);
      }
      if (!isVariable) continue;
      if (textOnly) return true;
      const node: Node | null = declaration.node.namedDescendantForIndex(at, at + 1);
      if (node?.type !== 'unary_expression' || node.startIndex !== at) continue;
      let parent = node.parent;
      while (parent?.type === 'parenthesized_expression') parent = parent.parent;
      if (COPY_PARENTS.has(parent?.type ?? '')) return true;
    }
    return false;
  }

  /** Whether `name` occurs as a whole word in the declaration without a `*` right before it. */
  private namedUndereferenced(declaration: Declaration, name: string): boolean {
    const { text } = this.file;
    const { start, end } = declaration;
    for (let at = text.indexOf(name, start); at >= 0 && at < end; at = text.indexOf(name, at + 1)) {
      if (at > start && isIdentifierPart(text[at - 1]!)) continue;
      if (at + name.length < text.length && isIdentifierPart(text[at + name.length]!)) continue;
      const before = previousNonBlank(text, at, start);
      if (before < 0 || text[before] !== '*') return true;
    }
    return false;
  }

  /** `x.f` (not called, not continued) where f holds a lock in a type the declaration or the file's variables name. */
  private selectsLockField(declaration: Declaration): boolean {
    const { text, facts } = this.file;
    const { start, end } = declaration;
    const fields = new Set<string>();
    SELECTOR.lastIndex = start;
    for (let match = SELECTOR.exec(text); match && match.index < end; match = SELECTOR.exec(text)) {
      const after = skipBlanks(text, match.index + match[0].length, end, false);
      const next = text[after];
      if (next === '(' || next === '.' || next === '[') continue;
      if (selectedVariable(text, match.index, start) === undefined) continue;
      fields.add(match[1]!);
    }
    if (fields.size === 0) return false;
    const holdsField = (type: string) => {
      for (const field of fields) if (facts.fieldLockPath(type, field)) return true;
      return false;
    };
    const checked = new Set<string>();
    for (const type of this.variableTypes()) {
      checked.add(type);
      if (holdsField(type)) return true;
    }
    CODE_IDENTIFIERS.lastIndex = start;
    for (let match = CODE_IDENTIFIERS.exec(text); match && match.index < end; match = CODE_IDENTIFIERS.exec(text)) {
      const name = match[0];
      if (checked.has(name) || !facts.hasType(name)) continue;
      checked.add(name);
      if (holdsField(name)) return true;
    }
    return false;
  }
}

/**
 * The variable `x` the `.` at `dot` may select from (only `x.f` copies a field, see
 * LockValues.expressionLock); undefined after `)`, `]` or a literal and for `a.x.f`,
 * `&x.f` or `*x.f`; '' (unknown: keep) when a comment comes before the dot.
 */
function selectedVariable(text: string, dot: number, start: number): string | undefined {
  const last = previousNonBlank(text, dot, start);
  if (last < 0) return undefined;
  if (text[last] === '/') return '';
  if (!isIdentifierPart(text[last]!)) return undefined;
  let first = last;
  while (first > start && isIdentifierPart(text[first - 1]!)) first--;
  const before = previousNonBlank(text, first, start);
  const previous = before >= 0 ? text[before] : '';
  return previous === '.' || previous === '&' || previous === '*' ? undefined : text.slice(first, last + 1);
}

const wordSearches = new Map<string, RegExp>();
/** Per set of lock-holding types (a package's files share one): the searches by the file's other words. */
const searchesByTypes = new WeakMap<ReadonlySet<string>, Map<string, RegExp>>();

/** A global search for the words as whole identifiers, shared by the files with the same words. */
function wordSearch(words: LockWords): RegExp {
  let byRest = searchesByTypes.get(words.types);
  if (!byRest) searchesByTypes.set(words.types, (byRest = new Map()));
  const rest = [...words.variables, ...words.packages];
  const key = rest.join(' ');
  let search = byRest.get(key);
  if (!search) {
    const { source, flags } = vocabularyPattern([...new Set([...words.types, ...rest])], []);
    search = wordSearches.get(source);
    if (!search) {
      if (wordSearches.size > 1000) wordSearches.clear();
      search = new RegExp(source, `${flags}g`);
      wordSearches.set(source, search);
    }
    byRest.set(key, search);
  }
  return search;
}

const VARIABLE_WORDS = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;

/** The identifiers of the file's package-level `var` declarations. */
export function variableDeclarationWords(text: string, declarations: readonly Declaration[]): ReadonlySet<string> {
  const words = new Set<string>();
  for (const { type, start, end } of declarations) {
    if (type !== 'var_declaration') continue;
    VARIABLE_WORDS.lastIndex = start;
    for (let match = VARIABLE_WORDS.exec(text); match && match.index < end; match = VARIABLE_WORDS.exec(text)) words.add(match[0]);
  }
  return words;
}
