// The server's idle work (src/server/young-garbage.ts): once a document's diagnostics
// are out, a young-generation collection, so the next keystroke pays none; only where
// the process exposes gc (the server's own Node options do), and never an error where
// it does not (a server started by hand without them).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { collectYoungGarbage } from '../../src/server/young-garbage';
import { SERVER_NODE_OPTIONS } from '../../src/shared/protocol';

describe('the server collects young garbage when idle', () => {
  it('asks for a minor collection where gc is exposed, and does nothing where it is not', () => {
    const holder = globalThis as { gc?: unknown };
    const saved = holder.gc;
    const calls: unknown[] = [];
    try {
      holder.gc = (options: unknown) => calls.push(options);
      collectYoungGarbage();
      assert.deepEqual(calls, [{ type: 'minor' }]);
      delete holder.gc;
      assert.doesNotThrow(() => collectYoungGarbage());
    } finally {
      holder.gc = saved;
    }
  });

  it('runs with gc exposed under the server\'s Node options, and a minor collection works there', () => {
    const probe = spawnSync(process.execPath, [...SERVER_NODE_OPTIONS, '-e', "gc({ type: 'minor' }); process.stdout.write(typeof gc)"], { encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    assert.equal(probe.stdout, 'function');
  });
});
