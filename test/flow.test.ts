// The path analysis on its own: each case is a Go function where `start()` marks the
// statement the search begins after, any statement mentioning `use` is a use, and
// `exit()` never returns. The answer is the line (1-based, in the function text) of the
// leaking exit, or null.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { canReturn, findLeakingExit } from '../src/engine/flow';
import { resolveLocal } from '../src/engine/scope';
import { callParts, mentions } from '../src/engine/syntax';
import { testEngine } from './harness/engine';

async function withFunction<T>(body: string, inspect: (fn: Node) => T): Promise<T> {
  const engine = await testEngine();
  const tree = engine.parse(`package p\n\nfunc f() {\n${body}\n}\n`);
  try {
    const fn = tree.rootNode.descendantsOfType('function_declaration').find((d) => d?.childForFieldName('name')?.text === 'f');
    return inspect(fn!);
  } finally {
    tree.delete();
  }
}

const neverReturns = (call: Node) => ['exit', 'panic'].includes(callParts(call)?.name ?? '');

/** Line of the leaking exit counted from the first body line (1), or null. */
async function leak(body: string): Promise<number | null> {
  return withFunction(body, (fn) => {
    const start = fn.descendantsOfType('call_expression').find((c) => callParts(c!)?.name === 'start')!;
    let statement: Node = start;
    while (statement.parent && !['statement_list', 'if_statement', 'for_clause'].includes(statement.parent.type)) statement = statement.parent;
    const exit = findLeakingExit(fn, statement, (node) => mentions(node, 'use'), { neverReturns });
    return exit ? exit.startPosition.row - 2 : null; // the body's first line is row 3
  });
}

describe('flow: findLeakingExit', () => {
  it('follows straight-line code to the end of the function', async () => {
    assert.equal(await leak('\tstart()\n\tuse()'), null);
    assert.equal(await leak('\tstart()\n\tother()'), 3); // the closing brace
  });

  it('reports the return that skips the use', async () => {
    assert.equal(await leak('\tstart()\n\tif x {\n\t\treturn\n\t}\n\tuse()'), 3);
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tuse()\n\t\treturn\n\t}\n\tuse()'), null);
  });

  it('needs both branches of an if to use', async () => {
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tuse()\n\t}'), 5);
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tuse()\n\t} else if y {\n\t\tuse()\n\t} else {\n\t\tuse()\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tuse()\n\t} else if y {\n\t\tuse()\n\t}'), 7);
  });

  it('counts a use in a condition or an initializer', async () => {
    assert.equal(await leak('\tstart()\n\tif use == nil {\n\t\treturn\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tif err := use(); err != nil {\n\t\treturn\n\t}'), null);
  });

  it('short-circuits && and || in conditions', async () => {
    // ok may be false, skipping the use on the way to the end.
    assert.equal(await leak('\tstart()\n\tif ok && use != nil {\n\t\treturn\n\t}'), 5);
    // ok may be true, skipping the use on the way into the branch.
    assert.equal(await leak('\tstart()\n\tif ok || use == nil {\n\t\treturn\n\t}\n\tuse()'), 3);
    assert.equal(await leak('\tstart()\n\tif use == nil || ok {\n\t\treturn\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tif !(ok && use != nil) {\n\t\tuse()\n\t\treturn\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tif !(ok && use != nil) {\n\t\treturn\n\t}'), 3);
  });

  it('begins after an if initializer', async () => {
    assert.equal(await leak('\tif c := start(); x {\n\t\tuse()\n\t}'), 4);
    assert.equal(await leak('\tif c := start(); x {\n\t\tuse()\n\t} else {\n\t\tuse()\n\t}'), null);
  });

  it('treats never-returning calls as the end of a path', async () => {
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tpanic(1)\n\t}\n\tuse()'), null);
    assert.equal(await leak('\tstart()\n\tif x {\n\t\texit()\n\t}\n\tuse()'), null);
    // Only statement-level calls: a never-returning call inside an expression is not followed.
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tv := exit()\n\t\t_ = v\n\t\treturn\n\t}\n\tuse()'), 5);
  });

  it('knows a for without condition exits only through break', async () => {
    assert.equal(await leak('\tstart()\n\tfor {\n\t\twork()\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tfor {\n\t\tif x {\n\t\t\tbreak\n\t\t}\n\t}'), 7);
    assert.equal(await leak('\tstart()\n\tfor {\n\t\tif x {\n\t\t\tuse()\n\t\t\tbreak\n\t\t}\n\t}'), null);
  });

  it('lets counted and range loops run zero times', async () => {
    assert.equal(await leak('\tstart()\n\tfor i := 0; i < n; i++ {\n\t\tuse()\n\t}'), 5);
    assert.equal(await leak('\tstart()\n\tfor _, v := range vs {\n\t\tuse(v)\n\t}'), 5);
    assert.equal(await leak('\tstart()\n\tfor _, v := range use {\n\t\t_ = v\n\t}'), null);
  });

  it('follows the back edge when the start is inside a loop', async () => {
    // Used before the start on the next iteration, but the loop can end right after the start.
    assert.equal(await leak('\tfor i := 0; i < n; i++ {\n\t\tuse()\n\t\tstart()\n\t}'), 5);
    // An endless loop that uses at the top of each iteration never leaks.
    assert.equal(await leak('\tfor {\n\t\tuse()\n\t\tstart()\n\t}'), null);
    // continue skips the use; the loop condition then exits.
    assert.equal(await leak('\tfor x {\n\t\tstart()\n\t\tif y {\n\t\t\tcontinue\n\t\t}\n\t\tuse()\n\t}'), 8);
  });

  it('routes labeled break and continue to their loop', async () => {
    const labeledBreak = '\tstart()\nouter:\n\tfor {\n\t\tfor {\n\t\t\tbreak outer\n\t\t}\n\t}';
    assert.equal(await leak(labeledBreak), 8);
    const labeledContinue = '\tstart()\nouter:\n\tfor {\n\t\tfor {\n\t\t\tcontinue outer\n\t\t}\n\t}';
    assert.equal(await leak(labeledContinue), null);
    // A plain break in a switch leaves the switch, not the loop.
    assert.equal(await leak('\tstart()\n\tfor {\n\t\tswitch {\n\t\tcase x:\n\t\t\tbreak\n\t\t}\n\t}'), null);
  });

  it('handles switch cases, default and fallthrough', async () => {
    assert.equal(await leak('\tstart()\n\tswitch v {\n\tcase 1:\n\t\tuse()\n\tdefault:\n\t\tuse()\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tswitch v {\n\tcase 1:\n\t\tuse()\n\t}'), 6); // no default: no case may match
    assert.equal(await leak('\tstart()\n\tswitch v {\n\tcase 1:\n\t\tfallthrough\n\tcase 2:\n\t\tuse()\n\tdefault:\n\t\tuse()\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tswitch v {\n\tcase 1:\n\t\tother()\n\tdefault:\n\t\tuse()\n\t}'), 8);
    assert.equal(await leak('\tstart()\n\tswitch t := v.(type) {\n\tcase int:\n\t\treturn\n\tdefault:\n\t\tuse(t)\n\t}'), 4);
  });

  it('handles select with and without default', async () => {
    assert.equal(await leak('\tstart()\n\tselect {\n\tcase <-a:\n\t\tuse()\n\tcase b <- 1:\n\t\tuse()\n\t}'), null);
    assert.equal(await leak('\tstart()\n\tselect {\n\tcase <-a:\n\t\tuse()\n\tdefault:\n\t}'), 7);
    assert.equal(await leak('\tstart()\n\tselect {}'), null);
    assert.equal(await leak('\tstart()\n\tselect {\n\tcase <-use:\n\t}'), null); // channel operands are evaluated first
  });

  it('follows goto forward and backward', async () => {
    assert.equal(await leak('\tstart()\n\tif x {\n\t\tgoto done\n\t}\n\tuse()\ndone:\n\tother()'), 8);
    // Backward: the jump goes to a label before the start, whose path uses.
    assert.equal(await leak('again:\n\tif x {\n\t\tuse()\n\t\treturn\n\t}\n\tstart()\n\tgoto again'), null);
    // Backward to a label whose path returns without a use.
    assert.equal(await leak('again:\n\tif x {\n\t\treturn\n\t}\n\tstart()\n\tgoto again'), 3);
  });

  it('treats function literals as opaque expressions', async () => {
    // The literal's return is not ours; a use inside a literal counts where it stands.
    assert.equal(await leak('\tstart()\n\tg := func() {\n\t\treturn\n\t}\n\tg()'), 6);
    assert.equal(await leak('\tstart()\n\tgo func() {\n\t\tuse()\n\t}()'), null);
    assert.equal(await leak('\tstart()\n\tdefer func() { use() }()\n\treturn'), null);
  });

  it('prefers exits after the start in source order', async () => {
    assert.equal(await leak('\tstart()\n\tif a {\n\t\treturn\n\t}\n\tif b {\n\t\treturn\n\t}\n\tuse()'), 3);
  });
});

describe('flow: canReturn', () => {
  it('is false when every path panics, exits or loops', async () => {
    assert.equal(await withFunction('\tpanic(1)', (fn) => canReturn(fn, { neverReturns })), false);
    assert.equal(await withFunction('\tif x {\n\t\texit()\n\t}\n\tfor {\n\t}', (fn) => canReturn(fn, { neverReturns })), false);
  });

  it('is true when some path gets to the end or a return', async () => {
    assert.equal(await withFunction('\tif x {\n\t\treturn\n\t}\n\tpanic(1)', (fn) => canReturn(fn, { neverReturns })), true);
    assert.equal(await withFunction('\twork()', (fn) => canReturn(fn, { neverReturns })), true);
  });
});

describe('scope: resolveLocal', () => {
  async function resolvedLine(body: string, occurrence: number): Promise<number | null> {
    return withFunction(body, (fn) => {
      const refs = fn.descendantsOfType('identifier').filter((id) => id?.text === 'v');
      const declaration = resolveLocal(refs[occurrence]!);
      return declaration ? declaration.startPosition.row - 2 : null;
    });
  }

  it('finds the declaration in an enclosing block', async () => {
    assert.equal(await resolvedLine('\tv := 1\n\tif x {\n\t\tuse(v)\n\t}', 1), 1);
  });

  it('sees an inner shadow as another variable', async () => {
    assert.equal(await resolvedLine('\tv := 1\n\t{\n\t\tv := 2\n\t\tuse(v)\n\t}', 2), 3);
  });

  it('reuses the first declaration for a := redeclaration in the same block', async () => {
    assert.equal(await resolvedLine('\tv, a := 1, 2\n\tv, b := 3, 4\n\tuse(v, a, b)', 1), 1);
  });

  it('resolves if-initializer, range and closure parameter names', async () => {
    assert.equal(await resolvedLine('\tif v := 1; x {\n\t\tuse(v)\n\t}', 1), 1);
    assert.equal(await resolvedLine('\tfor _, v := range vs {\n\t\tuse(v)\n\t}', 1), 1);
    assert.equal(await resolvedLine('\tv := 1\n\tg := func(v int) {\n\t\tuse(v)\n\t}', 2), 2);
  });

  it('returns null for names declared outside the function', async () => {
    assert.equal(await resolvedLine('\tuse(v)', 0), null);
    // Declared later in the same block: not yet in scope.
    assert.equal(await resolvedLine('\tuse(v)\n\tv := 1', 0), null);
  });
});
