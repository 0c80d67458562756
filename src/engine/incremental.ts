// Analysis at the speed of typing. After an edit, only the top-level declarations the
// edit touched (and those naming a function it touched) are analysed again by the
// rules whose findings come from their own declaration (meta.scope 'declaration', the
// default); their findings elsewhere are kept, moved by the edit's length. Rules with
// scope 'file' run in full every time (their text filters keep them cheap). When
// something such a declaration may read outside itself changes (the imports, the
// package clause, a type, var or const declaration, a function's signature, the Go
// version, the configuration), or the tree's top level no longer lines up with the
// last one, the analysis is a full one. Either way the result is what a full analysis
// of the new text gives (test/engine/incremental.test.ts checks it on random edits).
//
// One exception, asked for explicitly (`provisional`): while the user types an opening
// brace or quote, the tree has a syntax error that swallows the rest of the file into
// one declaration, so nothing lines up and every keystroke would cost a full analysis
// of text that is half-typed anyway. Then the last analysis's findings away from the
// edit are shown, moved, at no cost, and the last analysis stays the base the next
// edit is measured from; the caller asks for the exact result once typing pauses
// (src/server/server.ts), and as soon as the text lines up again it is exact anyway.
// When the text alone says an unclosed brace is there (src/engine/half-typed-body.ts),
// the same answer comes without even a parse (provisionalWithoutParse).
import type { Analyzer, AnalysisResult, AnalyzeOptions, RawAnalysis, RawFinding } from './analyzer';
import { finishFindings, isSuppressed } from './analyzer';
import type { EngineConfig } from './config';
import { cover, widen, type Damage } from './damage';
import type { Declaration } from './declarations';
import type { SourceFile } from './source-file';
import type { Finding } from './types';

/** A declaration of the last analysed text, as the next analysis needs to know it. */
interface DeclarationSummary {
  start: number;
  end: number;
  type: string;
  /** What other declarations may read of it (null: a comment, which nothing reads). */
  outline: string | null;
  /** A function declaration's name: its callers read its body. */
  functionName: string | null;
}

interface Snapshot {
  config: EngineConfig;
  goVersion: string | undefined;
  textLength: number;
  declarations: DeclarationSummary[];
  activeRules: string;
  findings: RawFinding[];
}

/** How the last analysis went, for the bench and tests. */
export interface IncrementalStats {
  full: boolean;
  /** The findings are the last analysis's, moved (see `provisional`): not exact. */
  provisional?: boolean;
  /** Why it was a full analysis. */
  reason?: string;
  /** Answered without a parse, the text being half-typed (see provisionalWithoutParse). */
  unparsed?: boolean;
  /** Declarations analysed again (of all). */
  analysed: number;
  declarations: number;
}

/** What changed since the last analysis (the base): taken by analyze(), put back when it keeps the base. */
interface Pending {
  /** Text edits and structural changes of valid reparses. */
  damage: Damage | null;
  /**
   * The part of `damage` the text edits made (not the reparse's structural changes,
   * which half-typed code spreads over the rest of the file): what a provisional
   * result leaves out.
   */
  textDamage: Damage | null;
  /**
   * Where reparses involving a broken tree (before or after) changed its structure,
   * in today's text. Half-typed code spreads these over the rest of the file; once the
   * text is valid again, the caller replaces them with what changed since the last
   * error-free tree (replaceBrokenStructure), usually just the edit.
   */
  brokenStructure: Damage | null;
  /** An edit added or removed a line break: later lines have new numbers. */
  linesMoved: boolean;
}

const NOTHING_PENDING: Readonly<Pending> = { damage: null, textDamage: null, brokenStructure: null, linesMoved: false };

export class IncrementalAnalysis {
  private pending: Pending = { ...NOTHING_PENDING };
  /**
   * What was analysed again while the tree had syntax errors, since the last analysis
   * of an error-free tree (in today's text). Tree-sitter may read broken code one way
   * incrementally and another way from scratch, so when the text turns valid again,
   * all of it is analysed again too.
   */
  private brokenDamage: Damage | null = null;
  private previous: Snapshot | null = null;
  /** How the last analyze() went. */
  lastRun: IncrementalStats = { full: true, reason: 'first analysis', analysed: 0, declarations: 0 };
  /**
   * The findings of the last result that are copies of the result before's, moved by
   * the edits between (copy -> old finding). Only the last result's: a strong map
   * emptied at each analysis (a WeakMap from copies to the findings they copy chains
   * its entries, which made V8's full collections several times longer).
   */
  private moves = new Map<Finding, Finding>();

  /**
   * The finding of the result before that `finding` (of the last result) copies,
   * moved by the edits since (all its ranges lay wholly after them; its text, rule and
   * message are the same); undefined for a finding found anew or kept in place. Lets
   * a caller derive what it built for the old one (the server's diagnostics).
   */
  movedFrom(finding: Finding): Finding | undefined {
    return this.moves.get(finding);
  }

  constructor(private readonly analyzer: Analyzer) {}

  /**
   * The text changed: [start, end) of the text before this change became
   * `insertedLength` characters; `linesMoved` when that changed the line breaks.
   */
  noteEdit(start: number, end: number, insertedLength: number, linesMoved = true): void {
    if (!this.previous) return;
    const pending = this.pending;
    pending.linesMoved ||= linesMoved;
    pending.damage = widen(pending.damage, start, end, insertedLength);
    pending.textDamage = widen(pending.textDamage, start, end, insertedLength);
    if (pending.brokenStructure) pending.brokenStructure = widen(pending.brokenStructure, start, end, insertedLength);
    if (this.brokenDamage) this.brokenDamage = widen(this.brokenDamage, start, end, insertedLength);
  }

  /**
   * The reparse changed the tree's structure in [start, end) of the new text (from
   * Tree.getChangedRanges): the declarations there are analysed again too.
   */
  noteChangedRange(start: number, end: number): void {
    if (!this.previous) return;
    this.pending.damage = cover(this.pending.damage, start, end);
  }

  /** Like noteChangedRange, for a reparse from or to a tree with syntax errors. */
  noteBrokenChangedRange(start: number, end: number): void {
    if (!this.previous) return;
    this.pending.brokenStructure = cover(this.pending.brokenStructure, start, end);
  }

  /**
   * What changed in the tree's structure since the last error-free tree (its changed
   * ranges against today's tree), replacing what the broken reparses in between noted:
   * their error recovery may have reshaped far more than what differs in the end.
   * Empty when the text is valid again and those changes are noted as usual.
   */
  replaceBrokenStructure(ranges: readonly { startIndex: number; endIndex: number }[]): void {
    this.pending.brokenStructure = null;
    if (!this.previous) return;
    for (const { startIndex, endIndex } of ranges) this.pending.brokenStructure = cover(this.pending.brokenStructure, startIndex, endIndex);
  }

  /** Anything may have changed (a full replacement, new settings, other files' facts): analyse in full next time. */
  reset(): void {
    this.previous = null;
    this.pending = { ...NOTHING_PENDING };
    this.brokenDamage = null;
  }

  /**
   * The findings of `file`, equal to a full analysis's, except with `provisional` when
   * the tree is broken and its declarations no longer line up with the last analysis:
   * then they are the last analysis's findings outside the edited text, moved.
   */
  analyze(file: SourceFile, config: EngineConfig, options: AnalyzeOptions & { provisional?: boolean } = {}): AnalysisResult {
    // Quick fixes (code actions) are built for the text as it is, outside the keystroke path.
    if (options.wantFixes) return this.analyzer.analyze(file, config, options);
    this.moves = new Map();
    const pending = this.pending;
    this.pending = { ...NOTHING_PENDING };
    const { textDamage, brokenStructure, linesMoved } = pending;
    let damage = brokenStructure ? cover(pending.damage, brokenStructure.low, brokenStructure.newHigh) : pending.damage;
    const broken = file.root.hasError;
    const brokenDamageBefore = this.brokenDamage;
    if (broken && this.brokenDamage) {
      // While the text stays broken, what was analysed on an earlier broken tree is
      // analysed again as well: its structure may have been read differently then
      // (the structural changes are measured from the last error-free tree).
      damage = cover(damage, this.brokenDamage.low, this.brokenDamage.newHigh);
    }
    if (damage && broken) {
      this.brokenDamage = this.brokenDamage ? cover(this.brokenDamage, damage.low, damage.newHigh) : { ...damage, oldHigh: damage.newHigh };
    } else if (!broken && this.brokenDamage) {
      damage = cover(damage, this.brokenDamage.low, this.brokenDamage.newHigh);
      this.brokenDamage = null;
    }
    const previous = this.previous;
    this.previous = null;
    const why = !previous
      ? 'nothing to start from'
      : previous.config !== config
          ? 'configuration changed'
          : previous.goVersion !== file.goVersion
            ? 'Go version changed'
            : previous.textLength + (damage ? damage.newHigh - damage.oldHigh : 0) !== file.text.length
              ? 'edits unaccounted for'
              : undefined;
    if (why !== undefined || !previous) return this.full(file, config, options, why ?? 'nothing to start from');

    const declarations = file.declarations;
    // No edit since: the same text, nothing damaged.
    const end = file.text.length;
    const plan = planIncremental(file, previous, damage ?? { low: end, oldHigh: end, newHigh: end });
    if ('reason' in plan) {
      if (!broken || !damage) return this.full(file, config, options, plan.reason);
      // Half-typed code: the last analysis stays the base, the edits since stay pending.
      this.previous = previous;
      this.pending = pending;
      // Nothing analysed here becomes part of the base: nothing to redo for it later.
      this.brokenDamage = brokenDamageBefore;
      if (options.provisional) return this.provisional(file, previous, textDamage ?? damage, linesMoved);
      const raw = this.analyzer.analyzeRaw(file, config, options);
      this.lastRun = { full: true, reason: `${plan.reason} (syntax error)`, analysed: file.declarations.length, declarations: file.declarations.length };
      return finish(file, raw.findings, raw);
    }

    keepOnlyLocalFindings(this.analyzer, previous, plan.kept);
    // A message naming a line number after the edit names another line now.
    if (linesMoved && damage) dropNamingLines(previous, plan.kept, damage.oldHigh);
    const dirty = new Set<number>();
    for (let index = 0; index < declarations.length; index++) if (plan.kept.oldOf[index]! < 0) dirty.add(index);
    addCallers(file, previous, plan.kept, dirty);

    const raw = this.analyzer.analyzeRaw(file, config, { ...options, onlyDeclarations: dirty });
    if (raw.ruleErrors.length || raw.stoppedAfterMs !== undefined) return this.full(file, config, options, 'a rule failed or the time ran out');
    if (raw.activeRules.join(',') !== previous.activeRules) return this.full(file, config, options, 'other rules apply');

    const findings = merge(this.analyzer, raw, previous, plan.kept, damage, this.moves);
    this.previous = snapshot(file, config, raw, findings, plan.outline);
    this.lastRun = { full: false, analysed: dirty.size, declarations: declarations.length };
    return finish(file, findings, raw);
  }

  /** The last analysis's findings that the edits since did not touch, moved to where their text is now. */
  private provisional(file: SourceFile, previous: Snapshot, damage: Damage, linesMoved: boolean): AnalysisResult {
    const kept = untouchedFindings(previous, damage, linesMoved, this.moves);
    this.lastRun = { full: false, provisional: true, analysed: 0, declarations: file.declarations.length };
    return finish(file, kept, { findings: kept, ruleErrors: [], activeRules: [] });
  }

  /**
   * What `provisional` answers, for a text that was not parsed: the caller knows from
   * the text alone that it is half-typed (see half-typed-body.ts). The last analysis
   * stays the base and every edit since stays pending, so the next analyze() (after a
   * parse) measures from it as if this call never happened. `isSuppressed` tells
   * whether a //nolint of today's text silences a finding. Null when there is no last
   * analysis with this configuration, or the edits since do not account for the text.
   */
  provisionalWithoutParse(
    textLength: number,
    config: EngineConfig,
    isSuppressed: (rule: string, offset: number) => boolean,
  ): AnalysisResult | null {
    const previous = this.previous;
    const { textDamage, linesMoved } = this.pending;
    if (!previous || previous.config !== config || !textDamage) return null;
    if (previous.textLength + textDamage.newHigh - textDamage.oldHigh !== textLength) return null;
    this.moves = new Map();
    const kept = untouchedFindings(previous, textDamage, linesMoved, this.moves);
    this.lastRun = { full: false, provisional: true, unparsed: true, analysed: 0, declarations: previous.declarations.length };
    const shown = kept.filter(({ finding }) => !isSuppressed(finding.rule, finding.start)).map(({ finding }) => finding);
    return { findings: finishFindings(shown), ruleErrors: [] };
  }

  private full(file: SourceFile, config: EngineConfig, options: AnalyzeOptions, reason: string): AnalysisResult {
    this.brokenDamage = null;
    const raw = this.analyzer.analyzeRaw(file, config, options);
    const complete = raw.ruleErrors.length === 0 && raw.stoppedAfterMs === undefined;
    // An analysis that stopped or failed part-way is no base for the next one.
    this.previous = complete ? snapshot(file, config, raw, raw.findings, undefined) : null;
    this.lastRun = { full: true, reason, analysed: file.declarations.length, declarations: file.declarations.length };
    return finish(file, raw.findings, raw);
  }
}

/**
 * Which declarations of the new text are old ones, unchanged (text, place in the
 * tree): oldOf[new index] = old index, newOf[old index] = new index, -1 for none.
 */
interface Kept {
  oldOf: Int32Array;
  newOf: Int32Array;
}

/** The declaration is analysed again after all. */
function unkeep(kept: Kept, newIndex: number): void {
  const oldIndex = kept.oldOf[newIndex]!;
  if (oldIndex < 0) return;
  kept.oldOf[newIndex] = -1;
  kept.newOf[oldIndex] = -1;
}

interface Plan {
  kept: Kept;
  /** The new declarations' summaries. */
  outline: DeclarationSummary[];
}

/** Lines the new declarations up with the old ones, or says why a full analysis is due. */
function planIncremental(file: SourceFile, previous: Snapshot, damage: Damage): Plan | { reason: string } {
  const delta = damage.newHigh - damage.oldHigh;
  const old = previous.declarations;
  const kept: Kept = { oldOf: new Int32Array(file.declarations.length).fill(-1), newOf: new Int32Array(old.length).fill(-1) };
  const outline: DeclarationSummary[] = [];
  // Both lists are in text order: one pass over each.
  let oldIndex = 0;
  file.declarations.forEach((declaration, index) => {
    let oldStart: number | undefined;
    if (declaration.end <= damage.low) oldStart = declaration.start;
    else if (declaration.start >= damage.newHigh) oldStart = declaration.start - delta;
    if (oldStart !== undefined) {
      while (oldIndex < old.length && old[oldIndex]!.start < oldStart) oldIndex++;
      const candidate = old[oldIndex];
      if (candidate && candidate.start === oldStart && candidate.type === declaration.type) {
        const before = candidate.end <= damage.low;
        const oldEnd = before ? candidate.end : candidate.end + delta;
        if (oldEnd === declaration.end && (before || candidate.start >= damage.oldHigh)) {
          kept.oldOf[index] = oldIndex;
          kept.newOf[oldIndex] = index;
          outline.push(before ? candidate : { ...candidate, start: declaration.start, end: declaration.end });
          return;
        }
      }
    }
    outline.push(summarize(file, declaration));
  });
  // What declarations may read of each other must be what it was.
  if (!sameOutlines(old, outline)) return { reason: 'a declaration outside function bodies changed' };
  return { kept, outline };
}

/** The two lists' outlines (comments left out) are the same, in the same order. */
function sameOutlines(before: readonly DeclarationSummary[], after: readonly DeclarationSummary[]): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < before.length && before[i]!.outline === null) i++;
    while (j < after.length && after[j]!.outline === null) j++;
    if (i === before.length || j === after.length) return i === before.length && j === after.length;
    if (before[i]!.outline !== after[j]!.outline) return false;
    i++;
    j++;
  }
}

/** What other declarations may read of a declaration: a function's signature, anything else whole. */
function summarize(file: SourceFile, declaration: Declaration): DeclarationSummary {
  const { type, start, end, node } = declaration;
  if (type === 'comment') return { start, end, type, outline: null, functionName: null };
  if (type === 'function_declaration' || type === 'method_declaration') {
    const body = node.childForFieldName('body');
    const name = type === 'function_declaration' ? (node.childForFieldName('name')?.text ?? null) : null;
    return { start, end, type, outline: `${type}:${file.text.slice(start, body ? body.startIndex : end)}`, functionName: name };
  }
  return { start, end, type, outline: `${type}:${file.text.slice(start, end)}`, functionName: null };
}

/**
 * A kept declaration whose findings point outside it (a related location in another
 * declaration) is analysed again: what it points at may have moved or changed.
 */
function keepOnlyLocalFindings(analyzer: Analyzer, previous: Snapshot, kept: Kept): void {
  for (const { finding, rule, declaration } of previous.findings) {
    if (declaration < 0 || (analyzer.rules[rule]!.meta.scope ?? 'declaration') !== 'declaration') continue;
    const newIndex = kept.newOf[declaration]!;
    if (newIndex < 0) continue;
    const { start, end } = previous.declarations[declaration]!;
    let local = finding.start >= start && finding.end <= end;
    for (const related of finding.related ?? []) local &&= related.start >= start && related.end <= end;
    if (!local) unkeep(kept, newIndex);
  }
}

function dropNamingLines(previous: Snapshot, kept: Kept, after: number): void {
  for (const { declaration, namesLines } of previous.findings) {
    if (namesLines && declaration >= 0 && previous.declarations[declaration]!.start >= after) {
      const newIndex = kept.newOf[declaration]!;
      if (newIndex >= 0) unkeep(kept, newIndex);
    }
  }
}

/**
 * Declarations that name a function whose body changed (or that went away) read it
 * (lost-cancel asks whether a same-file function ever returns), so they are analysed
 * again too; and so are the callers of those, when they are functions themselves.
 */
function addCallers(file: SourceFile, previous: Snapshot, kept: Kept, dirty: Set<number>): void {
  const names = new Set<string>();
  previous.declarations.forEach((declaration, index) => {
    if (kept.newOf[index]! < 0 && declaration.functionName) names.add(declaration.functionName);
  });
  for (const index of dirty) {
    const declaration = file.declarations[index]!;
    if (declaration.type === 'function_declaration') {
      const name = declaration.node.childForFieldName('name')?.text;
      if (name) names.add(name);
    }
  }
  let searched = new Set<string>();
  while (names.size > searched.size) {
    const fresh = [...names].filter((name) => !searched.has(name));
    searched = new Set(names);
    const pattern = new RegExp(fresh.map(word).join('|'), 'g');
    for (const index of declarationsMentioning(file, pattern)) {
      // A comment (a function's doc comment names it) reads no body: no rule matches in one.
      if (dirty.has(index) || file.declarations[index]!.type === 'comment') continue;
      dirty.add(index);
      const declaration = file.declarations[index]!;
      if (declaration.type === 'function_declaration') {
        const name = declaration.node.childForFieldName('name')?.text;
        if (name) names.add(name);
      }
    }
  }
}

/** Declarations in which `pattern` (global) matches, scanning the text once. */
function declarationsMentioning(file: SourceFile, pattern: RegExp): number[] {
  const found: number[] = [];
  const declarations = file.declarations;
  let index = 0;
  for (let match = pattern.exec(file.text); match; match = pattern.exec(file.text)) {
    while (index < declarations.length && declarations[index]!.end <= match.index) index++;
    if (index === declarations.length) break;
    if (match.index >= declarations[index]!.start) {
      found.push(index);
      pattern.lastIndex = declarations[index]!.end;
      index++;
    }
  }
  return found;
}

/** A Go name as a pattern: a whole word when ASCII (\b knows no other letters, so then bare). */
function word(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `\\b${name}\\b` : name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The findings of a full analysis of the new text, in its order: rule by rule (the
 * order the rules ran), within a rule by declaration, then $end. Declaration-scoped
 * rules' findings in kept declarations come from the last analysis, moved.
 */
function merge(
  analyzer: Analyzer,
  raw: RawAnalysis,
  previous: Snapshot,
  kept: Kept,
  damage: Damage | null,
  moves: Map<Finding, Finding>,
): RawFinding[] {
  const shift = damage ? damage.newHigh - damage.oldHigh : 0;
  const low = damage ? damage.low : Infinity;

  const byRule = new Map<number, RawFinding[]>();
  const add = (finding: RawFinding) => {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  };
  for (const finding of previous.findings) {
    const rule = analyzer.rules[finding.rule]!;
    if ((rule.meta.scope ?? 'declaration') !== 'declaration' || finding.declaration < 0) continue;
    const declaration = kept.newOf[finding.declaration]!;
    if (declaration < 0) continue;
    // A kept declaration lies wholly before the edit (stays put) or after it (moves).
    // A finding object is reused only before the edit: callers may take an object they
    // saw before as unchanged in place, line and column included (the server's
    // diagnostics do). After the edit it is copied even when the edit kept the length.
    const before = previous.declarations[finding.declaration]!.end <= low;
    if (before && declaration === finding.declaration) add(finding);
    else add({ ...finding, finding: before ? finding.finding : moved(finding.finding, shift, moves), declaration });
  }
  for (const finding of raw.findings) add(finding);

  const merged: RawFinding[] = [];
  const order = (finding: RawFinding) => (finding.declaration < 0 ? Infinity : finding.declaration);
  for (const rule of raw.activeRules) {
    const list = byRule.get(rule);
    if (!list) continue;
    // Kept findings, then new ones (no declaration has both): in declaration order once
    // sorted; the sort is stable, so within a declaration the order the rule reported them.
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) sorted = order(list[i - 1]!) <= order(list[i]!);
    if (!sorted) list.sort((a, b) => order(a) - order(b));
    for (const finding of list) merged.push(finding);
  }
  return merged;
}

/** The last analysis's findings wholly before or after `damage` (moved by its length), as a provisional result shows them. */
function untouchedFindings(previous: Snapshot, damage: Damage, linesMoved: boolean, moves: Map<Finding, Finding>): RawFinding[] {
  const shift = damage.newHigh - damage.oldHigh;
  const kept: RawFinding[] = [];
  for (const raw of previous.findings) {
    const { finding } = raw;
    const ranges = [finding, ...(finding.related ?? [])];
    if (ranges.every((range) => range.end <= damage.low)) kept.push(raw);
    else if (ranges.every((range) => range.start >= damage.oldHigh) && !(linesMoved && raw.namesLines)) {
      kept.push({ ...raw, finding: moved(finding, shift, moves) });
    }
  }
  return kept;
}

/** A copy of `finding` moved by `by`, noted in `moves` (copy -> finding). */
function moved(finding: Finding, by: number, moves: Map<Finding, Finding>): Finding {
  const copy: Finding = { ...finding, start: finding.start + by, end: finding.end + by };
  if (finding.related) copy.related = finding.related.map((related) => ({ ...related, start: related.start + by, end: related.end + by }));
  moves.set(copy, finding);
  return copy;
}

function snapshot(
  file: SourceFile,
  config: EngineConfig,
  raw: RawAnalysis,
  findings: RawFinding[],
  outline: DeclarationSummary[] | undefined,
): Snapshot {
  return {
    config,
    goVersion: file.goVersion,
    textLength: file.text.length,
    declarations: outline ?? file.declarations.map((declaration) => summarize(file, declaration)),
    activeRules: raw.activeRules.join(','),
    findings,
  };
}

function finish(file: SourceFile, findings: readonly RawFinding[], raw: RawAnalysis): AnalysisResult {
  const shown = findings.filter(({ finding }) => !isSuppressed(file, finding.rule, finding.start)).map(({ finding }) => finding);
  const result: AnalysisResult = { findings: finishFindings(shown), ruleErrors: raw.ruleErrors };
  if (raw.stoppedAfterMs !== undefined) result.stoppedAfterMs = raw.stoppedAfterMs;
  return result;
}
