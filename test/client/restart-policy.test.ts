import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../src/client/restart-policy';

describe('restart policy', () => {
  it('restarts a crashed server, tells the user once, and stops after a crash loop', () => {
    let now = 0;
    const policy = new RestartPolicy(3, 60_000, () => now);
    const decisions = [0, 1_000, 2_000, 3_000].map((at) => {
      now = at;
      return policy.onServerClosed();
    });
    assert.deepEqual(
      decisions.map((d) => [d.restart, d.firstRestart]),
      [
        [true, true],
        [true, false],
        [true, false],
        [false, false],
      ],
    );
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const policy = new RestartPolicy(2, 60_000, () => now);
    policy.onServerClosed();
    now = 30_000;
    policy.onServerClosed();
    now = 100_000; // both earlier crashes are more than a minute old
    const late = policy.onServerClosed();
    assert.equal(late.restart, true);
    assert.equal(late.recentCrashes, 1);
    assert.equal(late.firstRestart, false, 'the user was already told');
  });

  it('starts a fresh count when the user restarts the server by hand', () => {
    let now = 0;
    const policy = new RestartPolicy(2, 60_000, () => now);
    for (const at of [0, 1_000, 2_000]) {
      now = at;
      policy.onServerClosed();
    }
    now = 3_000;
    assert.equal(policy.onServerClosed().restart, false, 'a crash loop: given up');
    policy.onUserRestart();
    now = 4_000;
    const next = policy.onServerClosed();
    assert.deepEqual([next.restart, next.recentCrashes, next.firstRestart], [true, 1, false]);
  });
});
