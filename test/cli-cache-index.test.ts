// The result cache's index (src/cli/cache-index.ts): what a run looks up reads back
// what the last run wrote, entries this run used are stamped with its generation and
// the others keep theirs, and a damaged line is a miss, never an error.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CacheIndex, IndexSection, type IndexRow, type ValueCodec } from '../src/cli/cache-index';

const NUMBER_CODEC: ValueCodec<number> = {
  encode: (value) => String(value),
  decode: (text) => (/^\d+$/.test(text) ? Number(text) : undefined),
};
const TEXT_CODEC: ValueCodec<string> = { encode: (value) => value, decode: (text) => text };

function fresh(): { numbers: IndexSection<number>; texts: IndexSection<string>; index: CacheIndex } {
  const numbers = new IndexSection('n', NUMBER_CODEC);
  const texts = new IndexSection('t', TEXT_CODEC);
  return { numbers, texts, index: new CacheIndex([numbers, texts]) };
}

function written(index: CacheIndex, generation: number): { text: string; rows: [string, IndexRow][] } {
  const rows: [string, IndexRow][] = [];
  index.rows(generation, (key, row) => rows.push([key, row]));
  return { text: rows.map(([, row]) => `${row.line}\n`).join(''), rows };
}

describe('the result cache index', () => {
  it('reads back what it wrote, keys with tabs, line breaks and quotes included', () => {
    const before = fresh();
    const keys = ['/plain/a.go', '/tab\there.go', '/line\nbreak.go', '"quoted', '/cr\rhere', ''];
    keys.forEach((key, i) => before.numbers.set(key, i));
    before.texts.set('/plain/a.go', 'a value with spaces');
    const { text } = written(before.index, 1);
    assert.equal(text.split('\n').length, keys.length + 2, 'one line per entry');

    const after = fresh();
    after.index.load(text);
    keys.forEach((key, i) => assert.equal(after.numbers.get(key), i, JSON.stringify(key)));
    assert.equal(after.texts.get('/plain/a.go'), 'a value with spaces');
    assert.equal(after.texts.get('/tab\there.go'), undefined, 'sections keep their own keys');
  });

  it('stamps the entries this run used or set with its generation, and keeps the others', () => {
    const first = fresh();
    first.numbers.set('used', 1);
    first.numbers.set('unused', 2);
    first.numbers.set('replaced', 3);
    const second = fresh();
    second.index.load(written(first.index, 4).text);
    assert.equal(second.numbers.get('used'), 1);
    second.numbers.set('replaced', 30);
    second.numbers.set('new', 5);
    const generations = Object.fromEntries(written(second.index, 5).rows.map(([key, row]) => [key, row.generation]));
    assert.deepEqual(generations, { replaced: 5, new: 5, used: 5, unused: 4 });

    const third = fresh();
    third.index.load(written(second.index, 5).text);
    assert.equal(third.numbers.get('replaced'), 30, 'the value set replaces the loaded one');
    assert.equal(third.numbers.get('unused'), 2);
  });

  it('treats a damaged line or a value of the wrong shape as a miss, and drops it on the next write', () => {
    const index = fresh();
    index.index.load('n1\tgood\t7\nn1\tbad\tseven\nno tabs at all\nn1\tcut short\nx1\tunknown tag\t1\nn1\t"unterminated\t1\nn1\tgood\t8\n');
    assert.equal(index.numbers.get('good'), 8, 'a later line of the same key wins');
    assert.equal(index.numbers.get('bad'), undefined);
    assert.equal(index.numbers.get('cut short'), undefined);
    assert.deepEqual(
      written(index.index, 2).rows.map(([key, row]) => [key, row.line]),
      [['good', 'n2\tgood\t8']],
      'only the good entry is written, once',
    );
  });

  it('forgets a deleted entry, loaded or set', () => {
    const index = fresh();
    index.index.load('n1\tloaded\t1\n');
    index.numbers.set('set', 2);
    assert.equal(index.numbers.delete('loaded'), true);
    assert.equal(index.numbers.delete('set'), true);
    assert.equal(index.numbers.delete('never'), false);
    assert.equal(index.numbers.get('loaded'), undefined);
    assert.deepEqual(written(index.index, 2).rows, []);
  });
});
