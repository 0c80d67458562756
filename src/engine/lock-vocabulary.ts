// Which top-level declarations of a file can touch a lock value, found from their text:
// those that name a type of the package holding a lock, a package-level variable holding
// one, or the sync / sync/atomic package (`sync.`). mutex-copy runs its query only there.
//
// A small vocabulary becomes one RegExp alternation, as before. A large one (generated
// code can declare tens of thousands of lock-holding types) cannot: V8 tries every word
// of an alternation at every position of the text, so 30,000 words over a 1.3 MB file
// took 25 s, and alternations of a few thousand words can take minutes just to compile,
// all in plain JS that no deadline interrupts. A large vocabulary is instead looked up
// word by word: one scan of the file's identifiers, each checked in a Set, finds the
// declarations; the analyzer then gets a RegExp of one word per declaration it found,
// or, when even that is too many words, a pattern every declaration meets, with the
// exact set of declarations for the rule to keep to.
import type { Declaration } from './declarations';
import type { PackageFacts } from './package-index';

/**
 * Words (type and variable names, `pkg.` prefixes) one alternation may hold. V8
 * compiles one of this size in a few milliseconds and searches it about as fast as a
 * handful of words.
 */
export const MAX_PATTERN_WORDS = 128;

const lockTypesOfPackage = new WeakMap<PackageFacts, ReadonlySet<string>>();

/**
 * The names of the package's types that hold a lock by value. Computed once per
 * package facts object (the CLI and the server share one among a package's files).
 */
export function lockHoldingTypes(facts: PackageFacts): ReadonlySet<string> {
  let names = lockTypesOfPackage.get(facts);
  if (!names) {
    names = new Set([...facts.typeNames()].filter((name) => facts.lockPath(name) !== undefined));
    lockTypesOfPackage.set(facts, names);
  }
  return names;
}

/** What a declaration names when it may touch a lock. */
export interface LockVocabulary {
  /** Identifiers: lock-holding types and package-level variables. */
  readonly words: ReadonlySet<string>;
  /** Names the file gives sync and sync/atomic, matched only when a `.` follows. */
  readonly packages: readonly string[];
}

/** How the analyzer finds the declarations that name the vocabulary. */
export interface DeclarationFilter {
  /** The text requirement: matches in (at least) every declaration that names the vocabulary. */
  pattern: RegExp;
  /**
   * Set when `pattern` had to be looser (too many distinct words for one RegExp): the
   * declarations that really name the vocabulary, for the rule to keep to.
   */
  only?: ReadonlySet<number>;
  /** The declarations naming the vocabulary (ascending), when a scan found them. */
  indexes?: readonly number[];
}

/** Every declaration has a character that is not blank. */
const EVERY_DECLARATION = /\S/;

const ASCII_IDENTIFIER = /[A-Za-z_]\w*/g;
// Go letters are Unicode letters and '_'; digits are Unicode decimal digits.
const UNICODE_IDENTIFIER = /[\p{L}_][\p{L}\p{Nd}_]*/gu;
const DOT = 46;

function isAscii(word: string): boolean {
  return /^[\x00-\x7f]*$/.test(word);
}

/**
 * The declarations whose text names the vocabulary (a word as a whole identifier, a
 * package name followed by `.`), in one pass over the identifiers of the text, and
 * for each one word that names it, preferring a package and words already chosen, so
 * that few words mark them all.
 */
export function declarationsNaming(
  text: string,
  declarations: readonly Declaration[],
  vocabulary: LockVocabulary,
): { indexes: number[]; markers: Set<string> } {
  const packages = new Set(vocabulary.packages);
  // ASCII words are found whole by the ASCII scan (a word inside a longer Unicode
  // identifier may be found too: one declaration more, never one fewer).
  const unicode = [...vocabulary.words, ...packages].some((word) => !isAscii(word));
  const identifier = unicode ? UNICODE_IDENTIFIER : ASCII_IDENTIFIER;
  const indexes: number[] = [];
  // Markers hold package names with their dot ("sync."), so they cannot meet a word.
  const markers = new Set<string>();
  let index = 0;
  let current = -1;
  let marker = '';
  const close = () => {
    if (current < 0) return;
    indexes.push(current);
    markers.add(marker);
    current = -1;
  };
  identifier.lastIndex = 0;
  for (let match = identifier.exec(text); match; match = identifier.exec(text)) {
    const at = match.index;
    const word = match[0];
    if (index < declarations.length && declarations[index]!.end <= at) {
      close();
      while (index < declarations.length && declarations[index]!.end <= at) index++;
    }
    if (index === declarations.length) break;
    if (at < declarations[index]!.start) continue; // between declarations
    const isPackage = packages.has(word) && text.charCodeAt(at + word.length) === DOT;
    if (!isPackage && !vocabulary.words.has(word)) continue;
    const found = isPackage ? `${word}.` : word;
    if (current !== index) {
      current = index;
      marker = found;
    } else if (!marker.endsWith('.') && (isPackage || markers.has(found))) {
      marker = found;
    }
  }
  close();
  return { indexes, markers };
}

/**
 * The filter for a vocabulary: its words as one alternation when there are few;
 * otherwise a scan, and an alternation of the words that mark the declarations found,
 * or the loose pattern with the exact set when those are still too many.
 */
export function declarationFilter(text: string, declarations: readonly Declaration[], vocabulary: LockVocabulary): DeclarationFilter | null {
  if (vocabulary.words.size === 0 && vocabulary.packages.length === 0) return null;
  if (vocabulary.words.size + vocabulary.packages.length <= MAX_PATTERN_WORDS) {
    return { pattern: wholeVocabularyPattern(vocabulary) };
  }
  const { indexes, markers } = declarationsNaming(text, declarations, vocabulary);
  if (indexes.length === 0) return null;
  if (markers.size > MAX_PATTERN_WORDS) return { pattern: EVERY_DECLARATION, only: new Set(indexes), indexes };
  const words = [...markers].filter((marker) => !marker.endsWith('.'));
  const packages = [...markers].filter((marker) => marker.endsWith('.')).map((marker) => marker.slice(0, -1));
  return { pattern: vocabularyPattern(words, packages), indexes };
}

const vocabularyPatterns = new Map<string, RegExp>();

/**
 * vocabularyPattern of all the words, remembered per word set: a package's files share
 * one (lockHoldingTypes), so the alternation's source is written once, not per file.
 */
const patternsByWords = new WeakMap<ReadonlySet<string>, Map<string, RegExp>>();

function wholeVocabularyPattern(vocabulary: LockVocabulary): RegExp {
  let byPackages = patternsByWords.get(vocabulary.words);
  if (!byPackages) patternsByWords.set(vocabulary.words, (byPackages = new Map()));
  const key = vocabulary.packages.join(' ');
  let pattern = byPackages.get(key);
  if (!pattern) {
    pattern = vocabularyPattern([...vocabulary.words], vocabulary.packages);
    byPackages.set(key, pattern);
  }
  return pattern;
}

/** Before and after a word: `\b` where the word's own end is an ASCII word character. */
function startOf(word: string): string {
  return /^\w/.test(word) ? '\\b' : '(?<!\\w)';
}

function endOf(word: string): string {
  return /\w$/.test(word) ? '\\b' : '(?!\\w)';
}

/**
 * `\b(?:Word\b|pkg\.|...)` (the words must be few: see MAX_PATTERN_WORDS), shared by
 * the files of a package that name the same words. A word that starts or ends with a
 * non-ASCII letter gets lookarounds, since `\b` sees no boundary next to one.
 */
export function vocabularyPattern(words: readonly string[], packages: readonly string[]): RegExp {
  const all = [...words.map((word) => ({ word, end: endOf(word) })), ...packages.map((word) => ({ word, end: '\\.' }))];
  const plain = all.every(({ word }) => startOf(word) === '\\b');
  const alternatives = all.map(({ word, end }) => `${plain ? '' : startOf(word)}${escape(word)}${end}`);
  const source = plain ? `\\b(?:${alternatives.join('|')})` : `(?:${alternatives.join('|')})`;
  let pattern = vocabularyPatterns.get(source);
  if (!pattern) {
    if (vocabularyPatterns.size > 1000) vocabularyPatterns.clear();
    pattern = new RegExp(source);
    vocabularyPatterns.set(source, pattern);
  }
  return pattern;
}

/** Go identifiers hold no RegExp syntax; escaped anyway, whatever a caller passes. */
function escape(word: string): string {
  return word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
