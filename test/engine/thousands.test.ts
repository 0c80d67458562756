// withThousands (src/engine/limits.ts) writes whole numbers as toLocaleString('en-US')
// does, without loading the Intl data that costs the CLI's warm run ~10 ms.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { describe, it } from 'node:test';
import { withThousands } from '../../src/engine/limits';

describe('withThousands', () => {
  it("groups whole numbers as toLocaleString('en-US') does", () => {
    for (const value of [0, 7, 999, 1000, 1024, 999999, 1000000, -1234]) assert.equal(withThousands(value), value.toLocaleString('en-US'));
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (value) => withThousands(value) === value.toLocaleString('en-US')));
  });
});
