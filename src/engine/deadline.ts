// A time limit that can stop a rule in the middle of its work. Analysis runs on the
// editor's only thread, so a budget checked between captures is not enough: one
// handler can run for minutes on a pathological tree. Tree-sitter nodes do not store
// their parent, so `node.parent` (and the sibling getters, which go through it)
// searches down from the root: O(depth) per call, O(depth²) to climb to the function.
// In a file of 10,000 nested blocks or a 5,000-branch else-if chain one climb takes
// seconds and a rule that climbs from each capture takes hours.
//
// While a deadline is set, those getters check the clock and throw DeadlineExceeded
// once it has passed; the analyzer catches it and reports the analysis as stopped.
// Outside a deadline (hovers, quick fixes' callers, tests) they behave as before.
import { Node } from 'web-tree-sitter';

export class DeadlineExceeded extends Error {
  constructor() {
    super('the analysis ran out of its time budget');
    this.name = 'DeadlineExceeded';
  }
}

/** The getters whose cost grows with the node's depth: every upward or sideways walk goes through them. */
const DEPTH_COST_GETTERS = ['parent', 'nextSibling', 'previousSibling', 'nextNamedSibling', 'previousNamedSibling'] as const;

let deadline = Infinity;
let installed = false;

function installChecks(): void {
  if (installed) return;
  installed = true;
  for (const name of DEPTH_COST_GETTERS) {
    const descriptor = Object.getOwnPropertyDescriptor(Node.prototype, name);
    const get = descriptor?.get;
    if (!descriptor || !get) continue; // another web-tree-sitter layout: the between-capture checks still hold
    Object.defineProperty(Node.prototype, name, {
      ...descriptor,
      get(this: Node) {
        if (deadline !== Infinity && performance.now() > deadline) throw new DeadlineExceeded();
        return get.call(this);
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
