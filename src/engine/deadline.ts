// A time limit that can stop a rule in the middle of its work. Analysis runs on the
// editor's only thread, so a budget checked between captures is not enough: one
// handler can run for minutes on a pathological tree. Tree-sitter nodes do not store
// their parent, so `node.parent` (and the sibling getters, which go through it)
// searches down from the root: O(depth) per call, O(depth²) to climb to the function.
// In a file of 10,000 nested blocks or a 5,000-branch else-if chain one climb takes
// seconds and a rule that climbs from each capture takes hours.
//
// While a deadline is set, those getters (and the descendant lookups, which search
// down from the node: O(depth) each too) check the clock and throw DeadlineExceeded
// once it has passed; the analyzer catches it and reports the analysis as stopped.
// Outside a deadline they behave as before.
import { Node } from 'web-tree-sitter';

export class DeadlineExceeded extends Error {
  constructor() {
    super('the analysis ran out of its time budget');
    this.name = 'DeadlineExceeded';
  }
}

/** The getters whose cost grows with the node's depth: every upward or sideways walk goes through them. */
const DEPTH_COST_GETTERS = ['parent', 'nextSibling', 'previousSibling', 'nextNamedSibling', 'previousNamedSibling'] as const;
/** The methods whose cost grows with the depth (or the size) of the tree below the node. */
const DEPTH_COST_METHODS = [
  'descendantForIndex',
  'namedDescendantForIndex',
  'descendantForPosition',
  'namedDescendantForPosition',
  'descendantsOfType',
] as const;

function checkClock(): void {
  if (deadline !== Infinity && performance.now() > deadline) throw new DeadlineExceeded();
}

let deadline = Infinity;
let installed = false;

function installChecks(): void {
  if (installed) return;
  installed = true;
  // Another web-tree-sitter layout (a getter or method missing) leaves that one
  // unguarded: the analyzer's checks between captures still hold.
  for (const name of DEPTH_COST_GETTERS) {
    const descriptor = Object.getOwnPropertyDescriptor(Node.prototype, name);
    const get = descriptor?.get;
    if (!descriptor || !get) continue;
    Object.defineProperty(Node.prototype, name, {
      ...descriptor,
      get(this: Node) {
        checkClock();
        return get.call(this);
      },
    });
  }
  for (const name of DEPTH_COST_METHODS) {
    const descriptor = Object.getOwnPropertyDescriptor(Node.prototype, name);
    const method: unknown = descriptor?.value;
    if (!descriptor || typeof method !== 'function') continue;
    Object.defineProperty(Node.prototype, name, {
      ...descriptor,
      value(this: Node, ...args: unknown[]) {
        checkClock();
        return (method as (...args: unknown[]) => unknown).apply(this, args);
      },
    });
  }
}

/** Whether a deadline is set and has passed. */
export function pastDeadline(): boolean {
  return deadline !== Infinity && performance.now() > deadline;
}


/**
 * Runs `work` with a deadline `budgetMs` from now (nested deadlines keep the earlier
 * one). Without a budget, runs it unguarded. DeadlineExceeded escapes to the caller.
 */
export function withDeadline<T>(budgetMs: number | undefined, work: () => T): T {
  if (budgetMs === undefined) return work();
  installChecks();
  const outer = deadline;
  deadline = Math.min(outer, performance.now() + budgetMs);
  try {
    return work();
  } finally {
    deadline = outer;
  }
}
