// A small path analysis for one local map variable: walking the statements of its
// scope in order, which "nil sources" (the declaration, an `m = nil`, an `if m == nil`
// branch) can reach each `m[k] = v`? Structured Go only needs a few rules: both arms
// of an if, every case of a switch, loops until nothing changes, and break/continue
// carrying their state to where they jump. A `goto` makes us give up on the variable.
import type { Node } from 'web-tree-sitter';
import { namedChildren, statementsOf } from '../../engine/syntax';
import {
  chainText,
  conditionFact,
  isNilValue,
  nilComparison,
  nonEmptyFact,
  requiresEntry,
  unwrap,
} from './conditions';
import { assume, join, nilFrom, NOT_NIL, sameState, sourcesOf, type State } from './nil-state';

export type NilSourceKind = 'declaration' | 'result' | 'assignment' | 'guard';

export interface NilSource {
  kind: NilSourceKind;
  /** The var_spec, short declaration, result declaration, `m = nil` statement or `m == nil` test. */
  node: Node;
}

export interface NilWrite {
  /** The `m[k]` being written. */
  target: Node;
  sources: NilSource[];
}

interface JumpTarget {
  kind: 'loop' | 'switch';
  label: string | null;
  breaks: State[];
  continues: State[];
}

/** Calls after which the statement does not complete (panics, exits, test failures). */
const TERMINATING_METHODS = new Set([
  'Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln', 'Exit', 'FailNow', 'SkipNow', 'Skip', 'Skipf', 'Goexit',
]);

const CASE_TYPES = new Set(['expression_case', 'type_case', 'default_case']);

const ASSIGNING = new Set(['assignment_statement', 'short_var_declaration', 'range_clause', 'receive_statement']);

/**
 * Deeper statement nesting (blocks, else-if chains, labels) makes the walk give up
 * on the variable, and deeper condition chains (`a || b || ...`, `!!x`) are not
 * refined: each level is a stack frame, and generated or hostile code can nest
 * thousands.
 */
const MAX_NESTING = 400;

function labelOf(statement: Node): string | null {
  const parent = statement.parent;
  return parent?.type === 'labeled_statement' ? (parent.childForFieldName('label')?.text ?? null) : null;
}

function usesDefine(node: Node): boolean {
  return node.children.some((child) => child?.type === ':=');
}

function isAddressed(id: Node): boolean {
  let parent = id.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  return parent?.type === 'unary_expression' && parent.childForFieldName('operator')?.type === '&';
}

/** Targets on the left of an assignment-like node (`a, b.c = ...`, `for k, v := range`). */
function assignedTargets(node: Node): Node[] {
  if (node.type === 'inc_statement' || node.type === 'dec_statement') return namedChildren(node).slice(0, 1);
  return ASSIGNING.has(node.type) ? namedChildren(node.childForFieldName('left')) : [];
}

const NIL_WORD = /\bnil\b/g;

/** Nodes around a nil value that keep it one: `(nil)`, `T(nil)`. */
function aroundNilValue(nil: Node): Node | null {
  let value = nil;
  for (let parent = value.parent; parent; parent = value.parent) {
    const wraps =
      parent.type === 'parenthesized_expression' ||
      (parent.type === 'type_conversion_expression' && parent.childForFieldName('operand')?.id === value.id);
    if (!wraps) return parent;
    value = parent;
  }
  return null;
}

const NAME_CHARACTER = /[\p{L}\p{Nd}_]/u;

/** Whether the node's text holds `name` as a whole word. */
function namesWord(node: Node | null, name: string): boolean {
  if (!node) return false;
  const text = node.text;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before === undefined || !NAME_CHARACTER.test(before)) && (after === undefined || !NAME_CHARACTER.test(after))) return true;
  }
  return false;
}

/**
 * Whether a walk over `scope` could find a nil source other than the declaration:
 * `name = nil` (assign) or `name == nil` / `name != nil` (a guard), each of which
 * holds a `nil` token whose value sits in an assignment naming the variable, or in a
 * comparison naming it. Without one (and without a nil declaration) no write can be
 * reached by a nil, so the walk is skipped. Found from the text's `nil` words, one
 * node each.
 */
export function mayBecomeNil(scope: Node, name: string, text: string): boolean {
  const end = scope.endIndex;
  NIL_WORD.lastIndex = scope.startIndex;
  for (let match = NIL_WORD.exec(text); match && match.index < end; match = NIL_WORD.exec(text)) {
    const nil = scope.namedDescendantForIndex(match.index, match.index + 3);
    if (nil?.type !== 'nil') continue; // in a comment, a string or a longer name
    const holder = aroundNilValue(nil);
    if (holder?.type === 'binary_expression' && namesWord(holder, name)) return true;
    const statement = holder?.type === 'expression_list' ? holder.parent : null;
    if ((statement?.type === 'assignment_statement' || statement?.type === 'short_var_declaration') && namesWord(statement.childForFieldName('left'), name)) {
      return true;
    }
  }
  return false;
}

export class NilMapWalk {
  private readonly sources: NilSource[] = [];
  private readonly writes = new Map<number, { target: Node; sources: Set<number> }>();
  private readonly targets: JumpTarget[] = [];
  private gaveUp = false;
  /** How many statements the walk is inside (see MAX_NESTING). */
  private depth = 0;
  /** Names and field chains something in the scope assigns: conditions on them are not facts (see unstableChains). */
  private unstable?: Set<string>;
  private scope?: Node;

  constructor(private readonly name: string) {}

  /**
   * Walks `statements` (the rest of the variable's scope), starting nil from `seed`
   * when given. Returns the writes some nil source reaches, or null when the
   * variable escapes what a syntax walk can follow.
   */
  run(statements: Node[], seed: NilSource | null, scope: Node): NilWrite[] | null {
    // The assignments are scanned when a condition first needs them (most walks never do).
    this.scope = scope;
    if (this.closureMayAssign(scope)) return null;
    const start: State = seed ? nilFrom(this.addSource(seed)) : NOT_NIL;
    this.list(statements, start, false, true);
    if (this.gaveUp) return null;
    const writes: NilWrite[] = [];
    for (const { target, sources } of this.writes.values()) {
      const kept = [...sources].map((i) => this.sources[i]!).filter((source) => !this.madeInLoopAround(target, source, scope));
      if (kept.length > 0) writes.push({ target, sources: kept });
    }
    return writes;
  }

  private unstableChains(): Set<string> {
    if (!this.unstable) {
      this.unstable = new Set();
      this.scanAssignments(this.scope!, this.unstable);
    }
    return this.unstable;
  }

  private scanAssignments(scope: Node, unstable: Set<string>): void {
    const declarations = new Map<string, number>();
    for (const node of scope.descendantsOfType([...ASSIGNING, 'inc_statement', 'dec_statement'])) {
      if (!node) continue;
      const declares = node.type === 'short_var_declaration';
      for (const target of assignedTargets(node)) {
        // `m[k] = v` and `xs[i]++` change what len() says about m and xs.
        const changed = target.type === 'index_expression' ? target.childForFieldName('operand') : target;
        const chain = chainText(changed);
        if (!chain) continue;
        if (declares && target.type === 'identifier') declarations.set(chain, (declarations.get(chain) ?? 0) + 1);
        else unstable.add(chain);
      }
    }
    // One `x := ...` never changes x afterwards; several may be different variables.
    for (const [name, count] of declarations) if (count > 1) unstable.add(name);
    // Every `&x` (or `&(x)`): looked up from the & expressions, far fewer than the identifiers.
    if (!scope.text.includes('&')) return;
    for (const unary of scope.descendantsOfType('unary_expression')) {
      if (!unary || unary.childForFieldName('operator')?.type !== '&') continue;
      const operand = unary.childForFieldName('operand');
      const inner = operand ? unwrap(operand) : null;
      if (inner?.type === 'identifier') unstable.add(inner.text);
    }
  }

  /** No assignment in the scope touches the chain or any chain it goes through. */
  private isStable(chain: string): boolean {
    if (chain === this.name) return false;
    const parts = chain.split('.');
    const unstable = this.unstableChains();
    for (let length = 1; length <= parts.length; length++) {
      if (unstable.has(parts.slice(0, length).join('.'))) return false;
    }
    return true;
  }

  /**
   * A map made inside a loop that also writes it is the "set up on one iteration,
   * used on the next" pattern, which depends on data a syntax check cannot see: a
   * nil that only reaches the write from before that loop is not reported.
   */
  private madeInLoopAround(write: Node, source: NilSource, scope: Node): boolean {
    for (let loop = write.parent; loop && loop.id !== scope.id; loop = loop.parent) {
      if (loop.type !== 'for_statement') continue;
      const sourceInside = source.node.startIndex >= loop.startIndex && source.node.endIndex <= loop.endIndex;
      if (!sourceInside && this.makesIn(loop)) return true;
    }
    return false;
  }

  private makesIn(loop: Node): boolean {
    if (this.takesAddress(loop)) return true;
    for (const node of loop.descendantsOfType(['assignment_statement', 'short_var_declaration'])) {
      if (!node) continue;
      const left = namedChildren(node.childForFieldName('left'));
      const right = namedChildren(node.childForFieldName('right'));
      const index = left.findIndex((target) => target.type === 'identifier' && target.text === this.name);
      if (index >= 0 && !(left.length === right.length && isNilValue(right[index]!))) return true;
    }
    return false;
  }

  /** A closure that assigns the variable or takes its address may run at any time. */
  private closureMayAssign(scope: Node): boolean {
    for (const literal of scope.descendantsOfType('func_literal')) {
      if (!literal || !literal.text.includes(this.name)) continue;
      for (const node of literal.descendantsOfType([...ASSIGNING])) {
        if (node && assignedTargets(node).some((target) => target.type === 'identifier' && target.text === this.name)) {
          return true;
        }
      }
      if (this.takesAddress(literal)) return true;
    }
    return false;
  }

  private addSource(source: NilSource): number {
    const existing = this.sources.findIndex((s) => s.node.id === source.node.id);
    if (existing >= 0) return existing;
    this.sources.push(source);
    return this.sources.length - 1;
  }

  /** Whether `node` contains `&name`. */
  private takesAddress(node: Node | null): boolean {
    if (!node || !node.text.includes('&')) return false;
    return node.descendantsOfType('identifier').some((id) => id?.text === this.name && isAddressed(id));
  }

  /** Whether a statement in a nested block declares a new variable of the same name. */
  private declaresName(statement: Node): boolean {
    if (statement.type === 'short_var_declaration') {
      return namedChildren(statement.childForFieldName('left')).some((id) => id.text === this.name);
    }
    if (statement.type === 'var_declaration') {
      return statement.descendantsOfType('var_spec').some((spec) =>
        spec?.childrenForFieldName('name').some((id) => id?.text === this.name),
      );
    }
    return false;
  }

  private recordWrites(statement: Node, state: State): void {
    const targets =
      statement.type === 'assignment_statement'
        ? namedChildren(statement.childForFieldName('left'))
        : namedChildren(statement).slice(0, 1);
    for (const target of targets) {
      if (target.type !== 'index_expression') continue;
      const operand = target.childForFieldName('operand');
      if (operand?.type !== 'identifier' || operand.text !== this.name) continue;
      const entry = this.writes.get(target.id) ?? { target, sources: new Set<number>() };
      for (const index of sourcesOf(state)) entry.sources.add(index);
      this.writes.set(target.id, entry);
    }
  }

  /** The state after an assignment (or redeclaring `:=`) whose left side may name the variable. */
  private assign(statement: Node, state: State): State {
    const left = namedChildren(statement.childForFieldName('left'));
    const right = namedChildren(statement.childForFieldName('right'));
    const index = left.findIndex((target) => target.type === 'identifier' && target.text === this.name);
    if (index < 0) return this.takesAddress(statement.childForFieldName('right')) ? NOT_NIL : state;
    const operator = statement.childForFieldName('operator')?.type;
    if (operator && operator !== '=') return state;
    const value = left.length === right.length ? right[index] : undefined;
    if (value && isNilValue(value)) return nilFrom(this.addSource({ kind: 'assignment', node: statement }));
    return NOT_NIL;
  }

  private list(statements: Node[], state: State, shadowed: boolean, home: boolean): State {
    let current = state;
    let hidden = shadowed;
    for (const statement of statements) {
      if (current === null) return null; // the rest is unreachable (labels only matter to goto)
      if (!hidden && !home && this.declaresName(statement)) hidden = true;
      current = this.statement(statement, current, hidden);
    }
    return current;
  }

  private statement(node: Node, state: State, shadowed: boolean): State {
    if (state === null) return null;
    if (this.depth >= MAX_NESTING) {
      this.gaveUp = true;
      return null;
    }
    this.depth++;
    try {
      return this.nestedStatement(node, state, shadowed);
    } finally {
      this.depth--;
    }
  }

  private nestedStatement(node: Node, state: NonNullable<State>, shadowed: boolean): State {
    switch (node.type) {
      case 'expression_statement': {
        if (this.terminates(namedChildren(node)[0])) return null;
        return !shadowed && this.takesAddress(node) ? NOT_NIL : state;
      }
      case 'inc_statement':
      case 'dec_statement':
        if (!shadowed) this.recordWrites(node, state);
        return state;
      case 'assignment_statement':
      case 'short_var_declaration':
        if (shadowed) return state;
        this.recordWrites(node, state);
        return this.assign(node, state);
      case 'var_declaration':
      case 'go_statement':
      case 'defer_statement':
      case 'send_statement':
        return !shadowed && this.takesAddress(node) ? NOT_NIL : state;
      case 'return_statement':
        return null;
      case 'block':
        return this.list(statementsOf(node), state, shadowed, false);
      case 'labeled_statement': {
        const inner = namedChildren(node).find((child) => child.type !== 'label_name');
        return inner ? this.statement(inner, state, shadowed) : state;
      }
      case 'if_statement':
        return this.ifStatement(node, state, shadowed);
      case 'for_statement':
        return this.forStatement(node, state, shadowed);
      case 'expression_switch_statement':
      case 'type_switch_statement':
        return this.switchStatement(node, state, shadowed);
      case 'select_statement':
        return this.selectStatement(node, state, shadowed);
      case 'break_statement':
      case 'continue_statement':
        return this.jump(node, state);
      case 'goto_statement':
        this.gaveUp = true;
        return null;
      default:
        return state; // empty, const, type, fallthrough (handled by the switch)
    }
  }

  private terminates(expression: Node | undefined): boolean {
    if (expression?.type !== 'call_expression') return false;
    const callee = expression.childForFieldName('function');
    if (callee?.type === 'identifier') return callee.text === 'panic';
    if (callee?.type === 'selector_expression') {
      return TERMINATING_METHODS.has(callee.childForFieldName('field')?.text ?? '');
    }
    return false;
  }

  /** A simple statement in an initializer position; it may declare a new same-named variable. */
  private initializer(node: Node | null, state: State, shadowed: boolean): { state: State; shadowed: boolean } {
    if (!node) return { state, shadowed };
    if (!shadowed && node.type === 'short_var_declaration' && this.declaresName(node)) {
      return { state: this.takesAddress(node) ? NOT_NIL : state, shadowed: true };
    }
    return { state: this.statement(node, state, shadowed), shadowed };
  }

  private ifStatement(node: Node, state: State, shadowed: boolean): State {
    const initializer = node.childForFieldName('initializer');
    const init = this.initializer(initializer, state, shadowed);
    let current = init.state;
    const condition = node.childForFieldName('condition');
    if (!init.shadowed && this.takesAddress(condition)) current = NOT_NIL;
    let branches = { then: current, else: current };
    if (condition && !init.shadowed) {
      branches = this.okFromEntry(initializer, condition) ? { then: NOT_NIL, else: current } : this.refine(condition, current);
    }
    const consequence = node.childForFieldName('consequence');
    const alternative = node.childForFieldName('alternative');
    const afterThen = consequence ? this.statement(consequence, branches.then, init.shadowed) : branches.then;
    const afterElse = alternative ? this.statement(alternative, branches.else, init.shadowed) : branches.else;
    return join(afterThen, afterElse);
  }

  /** `if _, ok := m[k]; ok {`: true only when the map holds the key. */
  private okFromEntry(initializer: Node | null, condition: Node): boolean {
    if (initializer?.type !== 'short_var_declaration') return false;
    const left = namedChildren(initializer.childForFieldName('left'));
    const right = namedChildren(initializer.childForFieldName('right'));
    const entry = right.length === 1 ? unwrap(right[0]!) : null;
    const operand = entry?.type === 'index_expression' ? entry.childForFieldName('operand') : null;
    return left.length === 2 && operand?.text === this.name && unwrap(condition).text === left[1]!.text;
  }

  /** The variable's state in the true and false arms of `condition`. */
  private refine(condition: Node, state: State, depth = 0): { then: State; else: State } {
    const node = unwrap(condition);
    if (state === null) return { then: null, else: null };
    if (depth >= MAX_NESTING) return { then: state, else: state };
    if (node.type === 'unary_expression' && node.childForFieldName('operator')?.type === '!') {
      const operand = node.childForFieldName('operand');
      if (!operand) return { then: state, else: state };
      const inner = this.refine(operand, state, depth + 1);
      return { then: inner.else, else: inner.then };
    }
    const operator = node.type === 'binary_expression' ? node.childForFieldName('operator')?.type : undefined;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if ((operator === '&&' || operator === '||') && left && right) {
      const l = this.refine(left, state, depth + 1);
      if (operator === '&&') {
        const r = this.refine(right, l.then, depth + 1);
        return { then: r.then, else: join(l.else, r.else) };
      }
      const r = this.refine(right, l.else, depth + 1);
      return { then: join(l.then, r.then), else: r.else };
    }
    const nilTest = nilComparison(node, this.name);
    if (nilTest) {
      // Known nil: the paths that got it here, or the test itself when none did.
      const nil: State = state.size > 0 ? state : nilFrom(this.addSource({ kind: 'guard', node }));
      return nilTest === '==' ? { then: nil, else: NOT_NIL } : { then: NOT_NIL, else: nil };
    }
    if (requiresEntry(node, this.name)) return { then: NOT_NIL, else: state };
    // A fact prunes nil paths: with none there is nothing to prune.
    if (state.size === 0) return { then: state, else: state };
    const fact = conditionFact(node, (chain) => this.isStable(chain));
    if (fact) return { then: assume(state, fact.fact, fact.value), else: assume(state, fact.fact, !fact.value) };
    return { then: state, else: state };
  }

  private forStatement(node: Node, state: State, shadowed: boolean): State {
    const clause = namedChildren(node).find((c) => c.type === 'for_clause' || c.type === 'range_clause');
    const body = node.childForFieldName('body');
    let current = state;
    let hidden = shadowed;
    let update: Node | null = null;
    let mayExitAtTop = true;
    let rangeAssigns = false;
    // The chain a range clause runs over: its body needs it non-empty.
    let ranged: string | null = null;
    if (clause?.type === 'for_clause') {
      const init = this.initializer(clause.childForFieldName('initializer'), current, hidden);
      current = init.state;
      hidden = init.shadowed;
      update = clause.childForFieldName('update');
      mayExitAtTop = !!clause.childForFieldName('condition');
      if (!hidden && this.takesAddress(clause.childForFieldName('condition'))) current = NOT_NIL;
    } else if (clause?.type === 'range_clause') {
      const bindsName = namedChildren(clause.childForFieldName('left')).some((id) => id.text === this.name);
      if (bindsName && usesDefine(clause)) hidden = true;
      else if (bindsName && !hidden) rangeAssigns = true;
      const over = clause.childForFieldName('right');
      if (!hidden && this.takesAddress(over)) current = NOT_NIL;
      ranged = chainText(over);
    } else {
      // `for cond {}` has a condition child; `for {}` has only its body.
      const condition = namedChildren(node).find((c) => c.id !== body?.id);
      mayExitAtTop = !!condition;
      if (condition && !hidden && this.takesAddress(condition)) current = NOT_NIL;
    }

    const target: JumpTarget = { kind: 'loop', label: labelOf(node), breaks: [], continues: [] };
    this.targets.push(target);
    let head = current;
    for (let round = 0; round < 8; round++) {
      target.breaks = [];
      target.continues = [];
      let bodyStart = rangeAssigns && head !== null ? NOT_NIL : head;
      // The body of `for ... range xs` only runs when xs is not empty (a fact only nil paths need).
      if (ranged && bodyStart && bodyStart.size > 0 && this.isStable(ranged)) bodyStart = assume(bodyStart, nonEmptyFact(ranged), true);
      const end = body ? this.statement(body, bodyStart, hidden) : bodyStart;
      let back = join(end, ...target.continues);
      if (update) back = this.statement(update, back, hidden);
      const next = join(current, back);
      if (sameState(next, head)) break;
      head = next;
    }
    this.targets.pop();
    return mayExitAtTop ? join(head, ...target.breaks) : join(...target.breaks);
  }

  private switchStatement(node: Node, state: State, shadowed: boolean): State {
    const init = this.initializer(node.childForFieldName('initializer'), state, shadowed);
    let hidden = init.shadowed;
    let current = init.state;
    if (node.type === 'type_switch_statement') {
      const alias = namedChildren(node.childForFieldName('alias'));
      if (alias.some((id) => id.text === this.name)) hidden = true;
    }
    if (!hidden && this.takesAddress(node.childForFieldName('value'))) current = NOT_NIL;
    const target: JumpTarget = { kind: 'switch', label: labelOf(node), breaks: [], continues: [] };
    this.targets.push(target);
    const ends: State[] = [];
    let fallingThrough: State = null;
    let hasDefault = false;
    for (const clause of namedChildren(node).filter((c) => CASE_TYPES.has(c.type))) {
      if (clause.type === 'default_case') hasDefault = true;
      const statements = statementsOf(clause);
      const end = this.list(statements, join(current, fallingThrough), hidden, false);
      if (statements[statements.length - 1]?.type === 'fallthrough_statement') fallingThrough = end;
      else {
        ends.push(end);
        fallingThrough = null;
      }
    }
    this.targets.pop();
    return join(...ends, ...target.breaks, hasDefault ? null : current);
  }

  private selectStatement(node: Node, state: State, shadowed: boolean): State {
    const target: JumpTarget = { kind: 'switch', label: labelOf(node), breaks: [], continues: [] };
    this.targets.push(target);
    const ends: State[] = [];
    for (const clause of namedChildren(node)) {
      if (clause.type !== 'communication_case' && clause.type !== 'default_case') continue;
      let start = state;
      let hidden = shadowed;
      const communication = clause.childForFieldName('communication');
      if (communication?.type === 'receive_statement') {
        const binds = namedChildren(communication.childForFieldName('left')).some((id) => id.text === this.name);
        if (binds && usesDefine(communication)) hidden = true;
        else if (binds && !hidden) start = NOT_NIL;
      }
      ends.push(this.list(statementsOf(clause), start, hidden, false));
    }
    this.targets.pop();
    return join(...ends, ...target.breaks);
  }

  private jump(node: Node, state: State): State {
    const label = namedChildren(node).find((c) => c.type === 'label_name')?.text ?? null;
    const isBreak = node.type === 'break_statement';
    for (let i = this.targets.length - 1; i >= 0; i--) {
      const target = this.targets[i]!;
      if (label !== null ? target.label !== label : !isBreak && target.kind !== 'loop') continue;
      (isBreak ? target.breaks : target.continues).push(state);
      return null;
    }
    return null; // jumps out of the variable's scope
  }
}
