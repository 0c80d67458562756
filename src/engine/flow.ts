// Path questions about one Go function, answered over its syntax tree: "can control
// get from here to a return without passing a use of X?". This is a small structured
// data-flow analysis, not a full control-flow graph: it walks statements in order and
// carries one bit, "some path reaches this point since the start without a use".
// Uses clear the bit; the start statement sets it; returns reached with the bit set
// are the leaks.
//
// What it models:
//   - blocks, if/else, expression and type switches (case tests run in order, then
//     default; `fallthrough` carries a body's end into the next body), select (every
//     communication is evaluated before a case runs; no default means it blocks until
//     a case is ready; `select {}` never completes);
//   - for loops: three-clause, condition-only, range, and `for {}` (which only exits
//     through break), with labeled and unlabeled break/continue;
//   - goto: a goto reached with the bit set marks its label; the walk is repeated until
//     the set of marked labels stops growing, so backward gotos are followed too;
//   - return, the end of the body, and calls that never return (the caller says which:
//     panic, os.Exit, log.Fatal, t.FailNow...) which end a path without leaking;
//   - function literals are opaque expressions: a use anywhere inside one counts as a
//     use where the literal appears, and their own returns are not this function's.
//
// Approximations, all documented so callers know what "no leak" means:
//   - Uses are per piece of syntax: a statement, or a header part (initializer,
//     condition operand, case list, range clause). A use anywhere in it clears the
//     bit. Conditions of if and for are split at `&&`, `||` and `!` as go/cfg does;
//     other expressions are not (go vet's lostcancel works per basic block, which is
//     the same granularity for them).
//   - Loop back-edges: a loop body is walked again only while the bit at its head
//     changes, which for one bit means at most twice; a body's end and its continues
//     flow back to the head through the post statement.
//   - Expressions never branch: a call inside an expression that never returns (e.g.
//     `x := mustNotReturn()`) does not end the path; only statement-level calls do.
import type { Node } from 'web-tree-sitter';
import { namedChildren, statementsOf } from './syntax';

export interface FlowOptions {
  /** Whether this call (the expression of an expression statement) never returns. */
  neverReturns?: (call: Node) => boolean;
}

/**
 * The first exit of `fn` (a return statement, or the closing brace of its body) that
 * control can reach after `start` without passing a node for which `isUse` holds.
 * `start` is a statement of `fn` itself (or an if/for/switch initializer), not one
 * inside a nested function literal; null means the function's entry. `isUse` is asked
 * about statements and header parts; it should look inside function literals.
 * Returns null when every path uses, ends in a never-returning call, or loops forever.
 * "First" prefers exits after `start` in source order.
 */
export function findLeakingExit(
  fn: Node,
  start: Node | null,
  isUse: (node: Node) => boolean,
  options: FlowOptions = {},
): Node | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  const walker = new Walker(start, isUse, options.neverReturns ?? (() => false));
  walker.run(body);
  const exits = walker.exits();
  if (exits.length === 0) return null;
  const startOffset = start?.endIndex ?? 0;
  return exits.find((exit) => exit.startIndex >= startOffset) ?? exits[0]!;
}

/** Whether any path through `fn` returns (or ends) normally: false for functions that always panic or exit. */
export function canReturn(fn: Node, options: FlowOptions = {}): boolean {
  if (!fn.childForFieldName('body')) return true; // declared elsewhere (assembly, linkname)
  return findLeakingExit(fn, null, () => false, options) !== null;
}

/** Where break and continue statements go, and what reaches them. */
interface JumpTarget {
  node: Node;
  label: string | null;
  isLoop: boolean;
  /** The bit carried by breaks (and continues) aimed at this statement. */
  breaks: boolean;
  continues: boolean;
}

/** A bound on whole-body passes for gotos; real code has a handful of labels. */
const MAX_GOTO_PASSES = 16;

/**
 * Statements nested deeper than this (blocks, else-if chains, labels), and conditions
 * chained deeper (`a || b || ...`, `!!x`), are taken as one step, like a simple
 * statement: the walk recurses per level, and generated or hostile code can nest
 * thousands of levels, which would overflow the stack.
 */
const MAX_NESTING = 400;

class Walker {
  private readonly leaks = new Map<number, Node>();
  private readonly targets: JumpTarget[] = [];
  /** Labels some goto reached with the bit set. */
  private readonly markedLabels = new Set<string>();
  /** labeled_statement nodes of marked labels, so clean statements holding one are still walked. */
  private readonly markedLabelNodes: Node[] = [];
  private labelsGrew = false;
  /** How many statements the walk is inside (see MAX_NESTING). */
  private depth = 0;

  constructor(
    private readonly start: Node | null,
    private readonly isUse: (node: Node) => boolean,
    private readonly neverReturns: (call: Node) => boolean,
  ) {}

  run(body: Node): void {
    for (let pass = 0; pass < MAX_GOTO_PASSES; pass++) {
      this.labelsGrew = false;
      const end = this.statement(body, this.start === null);
      if (end) this.leak(closingBrace(body));
      if (!this.labelsGrew) return;
    }
  }

  exits(): Node[] {
    return [...this.leaks.values()].sort((a, b) => a.startIndex - b.startIndex);
  }

  private leak(node: Node): void {
    this.leaks.set(node.id, node);
  }

  /** Whether anything inside `node` can set the bit: the start or a marked label. */
  private mayGenerate(node: Node): boolean {
    if (this.start && within(node, this.start)) return true;
    return this.markedLabelNodes.some((label) => within(node, label));
  }

  /** A piece of syntax executed as a whole: the start sets the bit, a use clears it. */
  private atom(node: Node | null, bit: boolean): boolean {
    if (!node) return bit;
    if (this.start && node.id === this.start.id) return true;
    return bit && !this.isUse(node);
  }

  private list(statements: Node[], bit: boolean): boolean {
    for (const statement of statements) bit = this.statement(statement, bit);
    return bit;
  }

  /** The bit after `node` completes normally (false when it cannot complete). */
  private statement(node: Node, bit: boolean, label: string | null = null): boolean {
    if (this.depth >= MAX_NESTING) return this.atom(node, bit);
    this.depth++;
    try {
      return this.nestedStatement(node, bit, label);
    } finally {
      this.depth--;
    }
  }

  private nestedStatement(node: Node, bit: boolean, label: string | null): boolean {
    if (!bit && !this.mayGenerate(node)) return false; // nothing to carry, nothing to start
    switch (node.type) {
      case 'block':
      case 'statement_list':
        return this.list(node.type === 'block' ? statementsOf(node) : namedChildren(node), bit);
      case 'labeled_statement':
        return this.labeled(node, bit);
      case 'expression_statement': {
        const after = this.atom(node, bit);
        if (!after) return false; // ask about never-returning calls only when it matters
        const expression = namedChildren(node)[0];
        return !(expression?.type === 'call_expression' && this.neverReturns(expression));
      }
      case 'return_statement':
        if (this.atom(node, bit)) this.leak(node);
        return false;
      case 'if_statement':
        return this.ifStatement(node, bit);
      case 'for_statement':
        return this.forStatement(node, bit, label);
      case 'expression_switch_statement':
      case 'type_switch_statement':
        return this.switchStatement(node, bit, label);
      case 'select_statement':
        return this.selectStatement(node, bit, label);
      case 'break_statement':
      case 'continue_statement':
        this.jump(node, bit);
        return false;
      case 'goto_statement':
        if (bit) this.markLabel(node);
        return false;
      case 'fallthrough_statement':
      case 'empty_statement':
        return bit;
      default:
        // Simple statements: assignments, declarations, go, defer, sends, inc/dec (and
        // anything unrecognised, such as an ERROR node, taken as one step).
        return this.atom(node, bit);
    }
  }

  private labeled(node: Node, bit: boolean): boolean {
    const name = node.childForFieldName('label')?.text ?? '';
    if (this.markedLabels.has(name)) bit = true;
    const inner = namedChildren(node).find((child) => child.type !== 'label_name');
    return inner ? this.statement(inner, bit, name) : bit;
  }

  private markLabel(goto: Node): void {
    const name = namedChildren(goto).find((child) => child.type === 'label_name')?.text;
    if (!name || this.markedLabels.has(name)) return;
    const target = findLabel(goto, name);
    if (!target) return; // a goto to nowhere does not compile; treat the path as ended
    this.markedLabels.add(name);
    this.markedLabelNodes.push(target);
    this.labelsGrew = true;
  }

  private jump(node: Node, bit: boolean): void {
    const label = namedChildren(node).find((child) => child.type === 'label_name')?.text ?? null;
    const isBreak = node.type === 'break_statement';
    for (let i = this.targets.length - 1; i >= 0; i--) {
      const target = this.targets[i]!;
      const matches = label !== null ? target.label === label : isBreak || target.isLoop;
      if (!matches) continue;
      if (isBreak) target.breaks ||= bit;
      else target.continues ||= bit;
      return;
    }
    // No target: invalid Go (or a break inside a select inside a literal); the path ends.
  }

  private withTarget<T>(node: Node, label: string | null, isLoop: boolean, walk: (target: JumpTarget) => T): T {
    const target: JumpTarget = { node, label, isLoop, breaks: false, continues: false };
    this.targets.push(target);
    try {
      return walk(target);
    } finally {
      this.targets.pop();
    }
  }

  /**
   * The bit on the true and on the false way out of a condition. `&&`, `||` and `!`
   * short-circuit as go/cfg models them: in `ok && use(x)`, the false way out may skip
   * the use.
   */
  private condition(node: Node | null, bit: boolean, depth = 0): [boolean, boolean] {
    if (!node) return [bit, bit];
    if (depth >= MAX_NESTING) {
      const after = this.atom(node, bit);
      return [after, after];
    }
    if (node.type === 'parenthesized_expression') {
      const inner = namedChildren(node)[0];
      if (inner) return this.condition(inner, bit, depth + 1);
    }
    const operator = node.childForFieldName('operator')?.type;
    if (node.type === 'unary_expression' && operator === '!') {
      const [whenTrue, whenFalse] = this.condition(node.childForFieldName('operand'), bit, depth + 1);
      return [whenFalse, whenTrue];
    }
    if (node.type === 'binary_expression' && (operator === '&&' || operator === '||')) {
      const [leftTrue, leftFalse] = this.condition(node.childForFieldName('left'), bit, depth + 1);
      if (operator === '&&') {
        const [rightTrue, rightFalse] = this.condition(node.childForFieldName('right'), leftTrue, depth + 1);
        return [rightTrue, leftFalse || rightFalse];
      }
      const [rightTrue, rightFalse] = this.condition(node.childForFieldName('right'), leftFalse, depth + 1);
      return [leftTrue || rightTrue, rightFalse];
    }
    const after = this.atom(node, bit);
    return [after, after];
  }

  private ifStatement(node: Node, bit: boolean): boolean {
    bit = this.atom(node.childForFieldName('initializer'), bit);
    const [whenTrue, whenFalse] = this.condition(node.childForFieldName('condition'), bit);
    const consequence = node.childForFieldName('consequence');
    const alternative = node.childForFieldName('alternative');
    const thenEnd = consequence ? this.statement(consequence, whenTrue) : whenTrue;
    const elseEnd = alternative ? this.statement(alternative, whenFalse) : whenFalse;
    return thenEnd || elseEnd;
  }

  private forStatement(node: Node, bit: boolean, label: string | null): boolean {
    const children = namedChildren(node);
    const body = node.childForFieldName('body');
    const clause = children.find((child) => child.type === 'for_clause') ?? null;
    const range = children.find((child) => child.type === 'range_clause') ?? null;
    // `for cond {}` keeps its condition as an unnamed child.
    const bareCondition =
      children.find((child) => child.type !== 'for_clause' && child.type !== 'range_clause' && child.type !== 'block') ?? null;
    const condition = clause ? clause.childForFieldName('condition') : bareCondition;
    const update = clause?.childForFieldName('update') ?? null;
    const exitsAtHead = range !== null || condition !== null; // `for {}` and `for ;; {}` exit only by break

    // The range expression is evaluated once, before the first iteration.
    const entry = range ? this.atom(range, bit) : this.atom(clause?.childForFieldName('initializer') ?? null, bit);
    return this.withTarget(node, label, true, (target) => {
      let head = entry;
      let exitAtHead = false;
      for (let iteration = 0; iteration < 3; iteration++) {
        const [enterBody, leave] = this.condition(condition, head);
        exitAtHead = exitsAtHead && leave;
        const bodyEnd = body ? this.statement(body, enterBody) : enterBody;
        const backEdge = this.atom(update, bodyEnd || target.continues);
        const nextHead = entry || backEdge;
        if (nextHead === head) break; // one bit: stable after at most two walks
        head = nextHead;
      }
      return exitAtHead || target.breaks;
    });
  }

  private switchStatement(node: Node, bit: boolean, label: string | null): boolean {
    bit = this.atom(node.childForFieldName('initializer'), bit);
    bit = this.atom(node.childForFieldName('value'), bit);
    const cases = namedChildren(node).filter((child) => /_case$/.test(child.type));
    return this.withTarget(node, label, false, (target) => {
      // Case tests run in source order; default runs after every test failed.
      const entries = new Map<number, boolean>();
      let test = bit;
      for (const clause of cases) {
        if (clause.type === 'default_case') continue;
        test = this.atom(clause.childForFieldName('value'), test);
        entries.set(clause.id, test);
      }
      const hasDefault = cases.some((clause) => clause.type === 'default_case');
      let end = !hasDefault && test;
      let carried = false;
      for (const clause of cases) {
        const statements = statementsOf(clause);
        const bodyEnd = this.list(statements, (entries.get(clause.id) ?? test) || carried);
        const fallsThrough = statements[statements.length - 1]?.type === 'fallthrough_statement';
        if (fallsThrough) carried = bodyEnd;
        else {
          end ||= bodyEnd;
          carried = false;
        }
      }
      return end || carried || target.breaks;
    });
  }

  private selectStatement(node: Node, bit: boolean, label: string | null): boolean {
    const cases = namedChildren(node).filter((child) => child.type === 'communication_case' || child.type === 'default_case');
    // Every channel operand is evaluated before one case is chosen.
    for (const clause of cases) bit = this.atom(clause.childForFieldName('communication'), bit);
    return this.withTarget(node, label, false, (target) => {
      let end = false;
      for (const clause of cases) end = this.list(statementsOf(clause), bit) || end;
      // Without default, a select blocks until some case runs; `select {}` never completes.
      return end || target.breaks;
    });
  }
}

function within(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function closingBrace(block: Node): Node {
  const last = block.child(block.childCount - 1);
  return last && last.type === '}' ? last : block;
}

/** The labeled_statement for `name` in the function holding `from` (labels are function-wide). */
function findLabel(from: Node, name: string): Node | null {
  let fn: Node | null = from.parent;
  while (fn && fn.type !== 'func_literal' && fn.type !== 'function_declaration' && fn.type !== 'method_declaration') fn = fn.parent;
  if (!fn) return null;
  for (const labeled of fn.descendantsOfType('labeled_statement')) {
    if (!labeled || labeled.childForFieldName('label')?.text !== name) continue;
    // Skip labels of nested function literals: they are another function's.
    let owner: Node | null = labeled.parent;
    while (owner && owner.type !== 'func_literal' && owner.type !== 'function_declaration' && owner.type !== 'method_declaration') owner = owner.parent;
    if (owner?.id === fn.id) return labeled;
  }
  return null;
}
