// nil-map-write: `m[k] = v` (or `m[k]++`, `m[k] += v`) on a local map that is still
// nil on some path to the write: declared with `var m map[K]V`, set to nil, or inside
// an `if m == nil` branch, and not made or assigned before. Reading a nil map is fine;
// writing one panics. Maps reached through fields or handed in as parameters are
// unknown to a syntax check, so only what the function itself shows is reported.
import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration, outermostFunction } from '../engine/name-declarations';
import type { Anchor } from '../engine/anchors';
import type { ScreenedRequirement } from '../engine/declarations';
import { defineRule, GAP } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { enclosingFunction, namedChildren } from '../engine/syntax';
import type { Fix, TextEdit } from '../engine/types';
import doc from './nil-map-write.md';
import { fileMapTypes, mapVariable, type MapVariable } from './nil-map-write/map-variable';
import { mayBecomeNil, NilMapWalk, type NilSource, type NilWrite } from './nil-map-write/nil-map-flow';
import { hintsAny, nilHints } from './nil-map-write/nil-hints';

interface Analysis {
  variable: MapVariable;
  /** index_expression id -> the nil sources that reach that write. */
  writes: Map<number, NilWrite>;
}

/**
 * The end of an index expression the query captures: `]` then `=` (not `==`), an
 * operator's `op=`, `++` or `--`; or `,` when it is one of several left-hand sides.
 */
const INDEX_WRITE = new RegExp(String.raw`\]${GAP}(?:(?:[-+*/%&|^]|<<|>>|&\^)?=(?!=)|\+\+|--|,)`);

/**
 * What a function must contain to hold a finding: a map type (`map`, or a map type
 * the file declares, in the variable's declaration or its value), something nilHints
 * looks for (`var`, `nil`, or the `) (` of named results) and a write to an element;
 * then some indexed name that nilHints finds (mayIndexNilMap).
 */
function mapWriteRequirement(file: SourceFile): ScreenedRequirement | null {
  // A map type the file declares is itself spelled with `map`.
  if (!/\bmap\b/.test(file.text)) return null;
  const keep = (index: number) => mayIndexNilMap(file, index);
  return { patterns: [mapTypeWords(file), /\bvar\b|\bnil\b|\)\s*\(/, INDEX_WRITE], keep, textKeep: keep };
}

/**
 * Whether some name indexed in the declaration is hinted nil there (nil-hints.ts): every write the
 * rule reports does (mayBeNil tests its function's text, which lies inside the
 * declaration). Text only, so the same with or without the body's tree; a common
 * `if err != nil` no longer lets a function full of slice writes through.
 */
function mayIndexNilMap(file: SourceFile, index: number): boolean {
  const { start, end } = file.declarations[index]!;
  const text = file.text;
  const names = new Set<string>();
  for (let at = text.indexOf('[', start); at !== -1 && at < end; at = text.indexOf('[', at + 1)) {
    const name = nameBefore(text, at, start);
    if (name === undefined) return true; // not a plain name: keep what cannot be told
    if (name !== '' && name !== 'map') names.add(name);
  }
  return names.size > 0 && hintsAny(nilHints(text.slice(start, end)), names);
}

const BLANKS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The ASCII name right before the `[` at `at` (blanks between), '' when there is
 * none (a type's `[]`, a literal's); undefined when it cannot be told so simply: a
 * comment in between, or a character beyond ASCII in the name (nilHints' \b reads
 * only ASCII words).
 */
function nameBefore(text: string, at: number, floor: number): string | undefined {
  let last = at - 1;
  while (last >= floor && BLANKS.has(text.charCodeAt(last))) last--;
  if (last >= floor && text.charCodeAt(last) === 0x2f) return undefined; // the end of a comment
  let first = last;
  for (; first >= floor; first--) {
    const c = text.charCodeAt(first);
    if (c >= 0x80) return undefined;
    if (!isWordCharacter(c)) break;
  }
  const name = text.slice(first + 1, last + 1);
  return /^[A-Za-z_]/.test(name) ? name : '';
}

function isWordCharacter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** `map`, or the name of a map type the file declares. */
function mapTypeWords(file: SourceFile): RegExp {
  return file.cached('nil-map-write:map-type-words', () => {
    const named = [...fileMapTypes(file)];
    return named.length ? new RegExp(['\\bmap\\b', ...named.map(word)].join('|'), 'g') : /\bmap\b/g;
  });
}

/** A Go name as a pattern: whole words when ASCII (\b knows no other letters, so then bare). */
function word(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `\\b${name}\\b` : name;
}

/** Nodes that declare the names of a map variable mapVariable can follow. */
const DECLARING = new Set(['var_spec', 'short_var_declaration', 'parameter_declaration', 'variadic_parameter_declaration']);
/** Where the search for a map type's declaring node gives up: statements and declarations that declare nothing. */
const NOT_DECLARING = new Set([
  'statement_list', 'block', 'source_file', 'function_declaration', 'method_declaration', 'func_literal',
  'type_declaration', 'const_declaration', 'field_declaration_list', 'return_statement', 'expression_statement',
]);

/**
 * The anchor for the writes that can lead to a finding: `name[` for the names whose
 * declaration spells a map type (mapVariable needs one, in the declared type or the
 * value). Each map type word's nearest declaring node names them; a write to any
 * other name has no map declaration to follow, so it is never looked at.
 */
function mapWriteAnchor(file: SourceFile, declarations: readonly number[]): Anchor | null {
  const names = new Set<string>();
  const words = mapTypeWords(file);
  for (const index of declarations) {
    const { node: declaration, start, end } = file.declarations[index]!;
    words.lastIndex = start;
    for (let match = words.exec(file.text); match && match.index < end; match = words.exec(file.text)) {
      for (let node: Node | null = declaration.descendantForIndex(match.index, match.index + match[0].length); node; node = node.parent) {
        if (DECLARING.has(node.type)) {
          const named = node.type === 'short_var_declaration' ? namedChildren(node.childForFieldName('left')) : node.childrenForFieldName('name');
          for (const name of named) if (name?.type === 'identifier') names.add(name.text);
          break;
        }
        if (NOT_DECLARING.has(node.type) || node.id === declaration.id) break;
      }
    }
  }
  if (names.size === 0) return null;
  // Targets: the operand of `name[k]` on the left of =, op= or ++/--, three levels below the assignment.
  return { text: new RegExp(`(?:${[...names].map(word).join('|')})(?=${GAP}\\[)`), depth: 3 };
}

function mayBeNil(file: SourceFile, use: Node): boolean {
  const fn = outermostFunction(use);
  if (!fn) return false;
  const hints = file.cached(`nil-map-write:hints:${fn.id}`, () => nilHints(fn.text));
  return hintsAny(hints, [use.text]);
}

function analyze(file: SourceFile, use: Node): Analysis | null {
  if (!mayBeNil(file, use)) return null;
  // A package-level variable is no map variable the walk can follow (mapVariable says
  // null), so only the function's own declarations are looked up.
  const declaration = findLocalDeclaration(file, use);
  if (!declaration) return null;
  const analysis = file.cached(`nil-map-write:${declaration.identifier.id}`, () => {
    const variable = mapVariable(file, declaration);
    if (!variable) return null;
    // Without a nil declaration, only `= nil` or `== nil` can make it nil.
    if (!variable.seed && !mayBecomeNil(variable.scope, use.text, file.text)) return null;
    const writes = new NilMapWalk(use.text).run(variable.statements, variable.seed, variable.scope);
    if (!writes) return null;
    return { variable, writes: new Map(writes.map((write) => [write.target.id, write])) };
  });
  // A write inside a closure may run long after the map was made: not ours to judge.
  if (!analysis || enclosingFunction(use)?.id !== analysis.variable.fn?.id) return null;
  return analysis;
}

function lineOf(file: SourceFile, node: Node): number {
  return file.lines.positionAt(node.startIndex).line + 1;
}

function describe(file: SourceFile, name: string, variable: MapVariable, sources: NilSource[]): string {
  const make = `make(${variable.typeText ?? '...'})`;
  if (sources.some((source) => source.kind === 'guard')) {
    return `${name} is nil in this branch (it was just compared with nil), and writing to a nil map panics: assign ${name} = ${make} first.`;
  }
  const assignment = sources.find((source) => source.kind === 'assignment');
  if (assignment) {
    return `${name} may be nil here (set to nil on line ${lineOf(file, assignment.node)}), and writing to a nil map panics: assign ${name} = ${make} first.`;
  }
  if (sources.some((source) => source.kind === 'result')) {
    return `${name} is a named map result, nil until assigned, and writing to a nil map panics: assign ${name} = ${make} first.`;
  }
  return `${name} may still be nil here (declared without make), and writing to a nil map panics: create it with ${make}.`;
}

/** The edit that makes one nil source create the map instead, or null if there is none. */
function fixSource(source: NilSource, name: string, typeText: string): TextEdit | null {
  const make = `make(${typeText})`;
  const replace = (node: Node, newText: string): TextEdit => ({ start: node.startIndex, end: node.endIndex, newText });
  const { node } = source;
  if (source.kind === 'declaration' && node.type === 'var_spec') {
    const names = node.childrenForFieldName('name');
    if (names.length !== 1) return null; // `var a, b map[K]V`: making one would change the other
    const value = namedChildren(node.childForFieldName('value'))[0];
    if (value) return replace(value, make);
    const type = node.childForFieldName('type');
    // `var m map[K]V` -> `var m = make(map[K]V)`: still a var statement, valid anywhere.
    return type ? replace(type, `= ${make}`) : null;
  }
  if ((source.kind === 'declaration' && node.type === 'short_var_declaration') || source.kind === 'assignment') {
    const left = namedChildren(node.childForFieldName('left'));
    const right = namedChildren(node.childForFieldName('right'));
    const index = left.findIndex((target) => target.type === 'identifier' && target.text === name);
    const value = left.length === right.length ? right[index] : undefined;
    return value ? replace(value, make) : null;
  }
  return null; // a named result or an `== nil` test: nothing to rewrite in place
}

function buildFix(name: string, variable: MapVariable, sources: NilSource[]): Fix[] {
  if (!variable.typeText) return [];
  const edits: TextEdit[] = [];
  for (const source of sources) {
    const edit = fixSource(source, name, variable.typeText);
    if (!edit) return [];
    edits.push(edit);
  }
  const where = sources.every((source) => source.kind === 'declaration') ? 'where it is declared' : 'instead of nil';
  return [{ title: `Create ${name} with make(${variable.typeText}) ${where}`, edits, preferred: true }];
}

export default defineRule({
  meta: {
    id: 'nil-map-write',
    title: 'Write to a map that may still be nil',
    severity: 'warning',
    enabledByDefault: true,
    // Its own function's tree alone (and the file's map types from the outline).
    treeScope: 'own',
    tsAnalogy: 'calling set() on a Map you never created',
  },
  doc,
  defaultOptions: {},
  query: `
    (assignment_statement left: (expression_list (index_expression operand: (identifier) @target)))
    (inc_statement (index_expression operand: (identifier) @target))
    (dec_statement (index_expression operand: (identifier) @target))
  `,
  textRequirement: mapWriteRequirement,
  anchorIn: mapWriteAnchor,
  create(context) {
    return {
      target(id) {
        const index = id.parent;
        if (!index || index.type !== 'index_expression') return;
        const analysis = analyze(context.file, id);
        const write = analysis?.writes.get(index.id);
        if (!analysis || !write) return;
        const name = id.text;
        context.report({
          node: index,
          message: describe(context.file, name, analysis.variable, write.sources),
          fixes: () => buildFix(name, analysis.variable, write.sources),
        });
      },
    };
  },
});
