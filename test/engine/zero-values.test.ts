// Zero values and error returns as the rows-err quick fix writes them, for the result
// types a fix meets: built-ins, the file's own named types, generics, other packages.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorReturn } from '../../src/engine/error-return';
import { SourceFile } from '../../src/engine/source-file';
import { zeroValue } from '../../src/engine/zero-values';
import { testEngine } from '../harness/engine';

const DECLARATIONS = `package p

import "time"

type User struct{ Name string }
type ID int64
type Label string
type Names []string
type Handler func()
type Grid [2][2]int
type Alias = User
type Wrapped User
type Pair[K comparable, V any] struct{ k K; v V }
`;

/** The zero value written for each result type of `func f() (<types>)`. */
async function zeros(types: string): Promise<string[]> {
  const engine = await testEngine();
  const text = `${DECLARATIONS}\nfunc f[T any]() (${types}) { panic(0) }\n`;
  const tree = engine.parse(text);
  try {
    const file = new SourceFile(text, tree);
    const fn = tree.rootNode.descendantsOfType('function_declaration').find((d) => d?.childForFieldName('name')?.text === 'f')!;
    const list = fn.childForFieldName('result')!;
    return list.namedChildren.map((declaration) => zeroValue(file, declaration!.childForFieldName('type')!));
  } finally {
    tree.delete();
  }
}

/** The statements errorReturn() gives for `func f() <result>`, checked after the body's last statement. */
async function returnFor(signature: string, body = 'x()'): Promise<string[] | null> {
  const engine = await testEngine();
  const text = `${DECLARATIONS}\nfunc f() ${signature} {\n${body}\n}\n`;
  const tree = engine.parse(text);
  try {
    const file = new SourceFile(text, tree);
    const fn = tree.rootNode.descendantsOfType('function_declaration').find((d) => d?.childForFieldName('name')?.text === 'f')!;
    const calls = fn.descendantsOfType('call_expression').filter((c) => c?.text === 'x()');
    const shape = errorReturn(file, fn, calls[calls.length - 1]!.parent!);
    return shape ? [`declare=${shape.declare}`, ...shape.body] : null;
  } finally {
    tree.delete();
  }
}

describe('zeroValue', () => {
  it('spells built-in zero values', async () => {
    assert.deepEqual(await zeros('int, uint8, float64, rune, string, bool, error, any'), ['0', '0', '0', '0', '""', 'false', 'nil', 'nil']);
    assert.deepEqual(await zeros('*User, []int, map[string]int, chan int, func(), interface{}'), ['nil', 'nil', 'nil', 'nil', 'nil', 'nil']);
    assert.deepEqual(await zeros('[3]int, struct{ a int }'), ['[3]int{}', 'struct{ a int }{}']);
  });

  it('looks into the file\'s own type declarations', async () => {
    assert.deepEqual(await zeros('User, ID, Label, Names, Handler, Grid, Alias'), ['User{}', '0', '""', 'nil', 'nil', 'Grid{}', 'User{}']);
    assert.deepEqual(await zeros('Pair[string, int]'), ['Pair[string, int]{}']);
  });

  it('falls back to *new(T) where it cannot see the type', async () => {
    assert.deepEqual(await zeros('time.Time, T, Wrapped'), ['*new(time.Time)', '*new(T)', '*new(Wrapped)']);
  });
});

describe('errorReturn', () => {
  it('returns zero values and the error for unnamed results', async () => {
    assert.deepEqual(await returnFor('(User, int, error)'), ['declare=true', 'return User{}, 0, err']);
    assert.deepEqual(await returnFor('error'), ['declare=true', 'return err']);
  });

  it('uses a bare return for named results and for no results', async () => {
    assert.deepEqual(await returnFor(''), ['declare=true', 'return']);
    assert.deepEqual(await returnFor('(n int, err error)'), ['declare=false', 'return']);
    assert.deepEqual(await returnFor('(n int, failure error)'), ['declare=true', 'failure = err', 'return']);
  });

  it('offers nothing when there is no trailing error or a bare return would not compile', async () => {
    assert.equal(await returnFor('(int, bool)'), null);
    assert.equal(await returnFor('(err error, n int)'), null);
    assert.equal(await returnFor('(err int, failure error)'), null);
    assert.equal(await returnFor('(n int, err error)', 'if true {\n\tv, err := 1, error(nil)\n\t_, _ = v, err\n\tx()\n}'), null);
    assert.deepEqual(await returnFor('(n int, err error)', 'v, err := 1, error(nil)\n_ = v\nx()'), ['declare=false', 'return']);
  });
});
