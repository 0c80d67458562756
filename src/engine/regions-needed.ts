// Which unparsed regions (function bodies, var values) the rules may read in one file,
// known from its outline (a tree in which they were not parsed, see partial-parse.ts),
// its text and its package's facts. What a rule reads follows from how it declares
// itself:
// - meta.scope 'declaration' (the default): the declarations its text requirement
//   and fixed anchor leave (Analyzer.declarationsPossiblyFor), plus the same-file
//   functions and variables they name, and those these name in turn;
// - meta.treeScope 'own': those declarations alone;
// - meta.treeScope 'signature': none of them, only the outline;
// - meta.treeScope (by default meta.scope) 'file' with any such declaration, or any
//   rule with a `$end` handler: anything in the file, so every region.
import type { Analyzer } from './analyzer';
import { CodeReader } from './code-reader';
import type { EngineConfig } from './config';
import type { Declaration } from './declarations';
import type { AnyRule } from './rule';
import type { SourceFile } from './source-file';

/** Every region, or the indexes (into file.declarations) of the declarations whose regions rules may read. */
export type RegionsNeeded = 'all' | ReadonlySet<number>;

export interface RegionPlan {
  needed: RegionsNeeded;
  /** Each active rule's possible declarations (see AnalyzeOptions.possible); complete when needed is not 'all'. */
  possible: Map<AnyRule, ReadonlySet<number>>;
}

/**
 * The identifiers of code, quicker than a Unicode-aware pattern: outside comments and
 * strings Go has non-ASCII characters only in identifiers, so any of them counts.
 */
const IDENTIFIER = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;

/** `unparsed`: the declarations (indexes) that hold regions not parsed yet. */
export function regionsNeeded(analyzer: Analyzer, file: SourceFile, config: EngineConfig, unparsed: ReadonlySet<number>): RegionPlan {
  const needed = new Set<number>();
  /** Needed declarations whose named functions and variables are needed too. */
  const followed = new Set<number>();
  const possible = new Map<AnyRule, ReadonlySet<number>>();
  for (const rule of analyzer.activeRules(file, config)) {
    if (analyzer.hasEndHandler(rule, file, config)) return { needed: 'all', possible };
    const declarations = analyzer.declarationsPossiblyFor(rule, file);
    possible.set(rule, new Set(declarations));
    if (declarations.length === 0) continue;
    const treeScope = rule.meta.treeScope ?? rule.meta.scope;
    if (treeScope === 'file') return { needed: 'all', possible };
    if (treeScope === 'signature') continue;
    for (const index of declarations) {
      needed.add(index);
      if (treeScope !== 'own') followed.add(index);
    }
  }
  addNamedDeclarations(file, needed, followed, unparsed);
  return { needed, possible };
}

/**
 * Adds the unparsed declarations named in the followed ones (and follows them in
 * turn), until none is left to add:
 * a rule may read the body of a function it sees called (does it return? does it
 * close what it is given?) or the value of a variable it sees used. Any word equal to
 * a declared name counts, a call or not. Methods are left out: telling which method
 * `x.Close()` calls needs types, so no rule reads another method's body (the language
 * server's incremental analysis counts on the same, see incremental.ts).
 */
function addNamedDeclarations(file: SourceFile, needed: Set<number>, followed: Set<number>, unparsed: ReadonlySet<number>): void {
  const byName = new Map<string, number[]>();
  for (const index of unparsed) {
    if (followed.has(index)) continue;
    for (const name of declaredNames(file.text, file.declarations[index]!)) {
      const list = byName.get(name);
      if (list) list.push(index);
      else byName.set(name, [index]);
    }
  }
  if (byName.size === 0) return;
  const text = file.text;
  const queue = [...followed];
  for (let index = queue.pop(); index !== undefined; index = queue.pop()) {
    const { start, end } = file.declarations[index]!;
    IDENTIFIER.lastIndex = start;
    for (let match = IDENTIFIER.exec(text); match && match.index < end; match = IDENTIFIER.exec(text)) {
      for (const named of byName.get(match[0]) ?? []) {
        if (followed.has(named)) continue;
        followed.add(named);
        needed.add(named);
        queue.push(named);
      }
    }
  }
}

/** The names a function, var or const declaration declares (none for a method). */
function declaredNames(text: string, declaration: Declaration): string[] {
  if (declaration.type === 'method_declaration') return [];
  if (declaration.type === 'const_declaration') return constantNames(text, declaration);
  if (declaration.type !== 'var_declaration') {
    const name = functionName(text, declaration);
    return name ? [name] : [];
  }
  return declaration.node
    .descendantsOfType('var_spec')
    .flatMap((spec) => spec?.childrenForFieldName('name') ?? [])
    .flatMap((name) => (name ? [name.text] : []));
}

/** A function's name from `func NAME(` (or `[` for type parameters) in its text; else from the tree. */
const PLAIN_SIGNATURE = /^func[ \t]+([\p{L}_][\p{L}\p{Nd}_]*)[ \t]*[[(]/u;

function functionName(text: string, declaration: Declaration): string | undefined {
  const plain = PLAIN_SIGNATURE.exec(text.slice(declaration.start, Math.min(declaration.end, declaration.start + 256)));
  return plain ? plain[1] : declaration.node.childForFieldName('name')?.text;
}

/** What the group's reading stops at: brackets, spec and list separators, `=`, and names (as IDENTIFIER reads them). */
const GROUP_MARKS = /[()[\]{}\n;,=]|[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;

/**
 * The names a const group declares, read from its text (its specs are not parsed):
 * the names listed at the start of each spec, which starts after the `(`, a line
 * break or a `;` at the group's own bracket depth, and those after a comma. A line
 * that continues a value, or a value after a comma, adds names too: more names than
 * declared only make the closure wider.
 */
function constantNames(text: string, declaration: Declaration): string[] {
  const reader = new CodeReader(text, declaration.start);
  const names: string[] = [];
  const open = reader.next(declaration.start + 'const'.length, /\(/g);
  if (open < 0 || open >= declaration.end) return names;
  let depth = 0;
  let listing = true; // at the start of a spec, or after a comma in its name list
  for (let at = reader.next(open + 1, GROUP_MARKS); at >= 0 && at < declaration.end; at = reader.next(at, GROUP_MARKS)) {
    GROUP_MARKS.lastIndex = at;
    const mark = GROUP_MARKS.exec(text)![0];
    at += mark.length;
    if (mark === '(' || mark === '[' || mark === '{') depth++;
    else if (mark === ')' || mark === ']' || mark === '}') {
      if (--depth < 0) break; // the group's own `)`
    } else if (depth > 0) continue;
    else if (mark === '\n' || mark === ';' || mark === ',') listing = true;
    else if (mark === '=') listing = false;
    else if (listing) {
      names.push(mark);
      listing = false;
    }
  }
  return names;
}
