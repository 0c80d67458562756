// What the testdata harness cannot see: the related location that points at the
// leaking return, and the titles and preference of the quick fixes.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../src/engine/lines';
import { ALL_RULES } from '../src/rules';
import { analyzeWithRule } from './harness/analysistest';
import { testEngine } from './harness/engine';

const rule = ALL_RULES.find((candidate) => candidate.meta.id === 'lost-cancel')!;

async function findings(text: string) {
  return analyzeWithRule(await testEngine(), rule, text, true);
}

const leaky = `package p

import "context"

func f(parent context.Context, ok bool) error {
	ctx, cancel := context.WithCancel(parent)
	if !ok {
		return nil
	}
	cancel()
	return ctx.Err()
}

func g(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent)
	if ok {
		cancel()
	}
}
`;

describe('lost-cancel details', () => {
  it('points the related location at the return that leaks', async () => {
    const [first, second] = await findings(leaky);
    const lines = new LineIndex(leaky);
    assert.ok(first && second);
    assert.equal(lines.positionAt(first.start).line, 5);
    assert.equal(leaky.slice(first.start, first.end), 'cancel');
    assert.equal(first.related?.length, 1);
    assert.equal(leaky.slice(first.related![0]!.start, first.related![0]!.end), 'return nil');
    assert.match(first.related![0]!.message, /this return is reached without using cancel/);
    // Falling off the end: the related location is the function's closing brace.
    assert.equal(leaky.slice(second.related![0]!.start, second.related![0]!.end), '}');
    assert.equal(lines.positionAt(second.related![0]!.start).line, 18);
    assert.match(second.related![0]!.message, /the function ends here without using cancel/);
  });

  it('offers one preferred fix with a title naming the call it adds', async () => {
    const [first] = await findings(leaky);
    assert.equal(first!.fixes?.length, 1);
    assert.equal(first!.fixes![0]!.title, 'Add defer cancel() after the call');
    assert.equal(first!.fixes![0]!.preferred, true);
  });

  it('names the discarded cancel function in the fix title', async () => {
    const text = 'package p\n\nimport "context"\n\nfunc h(parent context.Context) {\n\tctx, _ := context.WithCancelCause(parent)\n\t_ = ctx\n}\n';
    const [finding] = await findings(text);
    assert.equal(finding!.related, undefined);
    assert.equal(text.slice(finding!.start, finding!.end), '_');
    assert.equal(finding!.fixes![0]!.title, 'Name the cancel function cancel and defer cancel(nil)');
    assert.equal(finding!.fixes![0]!.preferred, true);
  });

  it('builds no fixes when they are not asked for', async () => {
    const [first] = analyzeWithRule(await testEngine(), rule, leaky, false);
    assert.equal(first!.fixes, undefined);
  });
});
