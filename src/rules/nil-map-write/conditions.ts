// What an `if` condition says about a map variable, or about the path taken: a nil
// test on the map, a test that only holds when the map has entries, or a simple fact
// (`debug`, `cfg.Verbose`, `len(xs) > 0`) that a later branch on the same condition
// must agree with.
import type { Node } from 'web-tree-sitter';
import { namedChildren } from '../../engine/syntax';

export function unwrap(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = namedChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** `nil`, or a conversion of nil such as `map[string]int(nil)`. */
export function isNilValue(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'nil') return true;
  if (value.type === 'type_conversion_expression') {
    const operand = value.childForFieldName('operand');
    return !!operand && unwrap(operand).type === 'nil';
  }
  return false;
}

function isName(node: Node | null, name: string): boolean {
  return !!node && unwrap(node).type === 'identifier' && unwrap(node).text === name;
}

/** `name == nil` or `nil != name`: the operator; null for anything else. */
export function nilComparison(node: Node, name: string): '==' | '!=' | null {
  if (node.type !== 'binary_expression') return null;
  const operator = node.childForFieldName('operator')?.type;
  if (operator !== '==' && operator !== '!=') return null;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return null;
  const isNil = (n: Node) => unwrap(n).type === 'nil';
  return (isName(left, name) && isNil(right)) || (isName(right, name) && isNil(left)) ? operator : null;
}

function isEntryOf(node: Node | null, name: string): boolean {
  const value = node ? unwrap(node) : null;
  return value?.type === 'index_expression' && isName(value.childForFieldName('operand'), name);
}

/**
 * A condition that can only be true when the map holds an entry, hence is not nil:
 * `m[k]` (a bool), `m[k] > x`, `m[k] != x`. A nil map reads as zero values.
 */
export function requiresEntry(node: Node, name: string): boolean {
  if (isEntryOf(node, name)) return true;
  if (node.type !== 'binary_expression') return false;
  const operator = node.childForFieldName('operator')?.type;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (operator === '>' || operator === '!=') return isEntryOf(left, name) || (operator === '!=' && isEntryOf(right, name));
  if (operator === '<') return isEntryOf(right, name);
  return false;
}

/** `x`, `x.y.z`: the text of a chain of names, or null. A loop, not recursion: chains can be thousands long. */
export function chainText(node: Node | null): string | null {
  const fields: string[] = [];
  let value = node ? unwrap(node) : null;
  while (value?.type === 'selector_expression') {
    const operand = value.childForFieldName('operand');
    const field = value.childForFieldName('field')?.text;
    if (!operand || !field) return null;
    fields.push(field);
    value = unwrap(operand);
  }
  if (value?.type !== 'identifier') return null;
  return [value.text, ...fields.reverse()].join('.');
}

function lenOf(node: Node | null): string | null {
  const value = node ? unwrap(node) : null;
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'len') return null;
  const args = namedChildren(value.childForFieldName('arguments'));
  return args.length === 1 ? chainText(args[0]!) : null;
}

/** The fact a range over `chain` needs to run its body at least once. */
export function nonEmptyFact(chain: string): string {
  return `len ${chain}`;
}

export interface Fact {
  fact: string;
  /** What the condition being true says about the fact. */
  value: boolean;
}

/**
 * A condition simple enough to remember: a name or field chain that nothing in the
 * scope assigns (`isStable`), or `len(chain)` compared with 0 or 1.
 */
export function conditionFact(node: Node, isStable: (chain: string) => boolean): Fact | null {
  const chain = chainText(node);
  if (chain) return isStable(chain) ? { fact: chain, value: true } : null;
  if (node.type !== 'binary_expression') return null;
  const operator = node.childForFieldName('operator')?.type ?? '';
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const flipped: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };
  let measured = lenOf(left);
  let bound = right ? unwrap(right).text : '';
  let op = operator;
  if (!measured) {
    measured = lenOf(right);
    bound = left ? unwrap(left).text : '';
    op = flipped[operator] ?? '';
  }
  if (!measured || !isStable(measured)) return null;
  const fact = nonEmptyFact(measured);
  if (bound === '0' && (op === '>' || op === '!=')) return { fact, value: true };
  if (bound === '0' && (op === '==' || op === '<=')) return { fact, value: false };
  if (bound === '1' && op === '>=') return { fact, value: true };
  if (bound === '1' && op === '<') return { fact, value: false };
  return null;
}
