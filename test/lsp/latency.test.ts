// Keystrokes on a large file through the real protocol: each one is answered for its
// own version with the same findings, and a burst of changes costs few analyses. The
// round trips are printed beside a parse + analysis of the same text in this process,
// for a look; timings are asserted nowhere (npm run bench measures them).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyChanges } from './text';
import { bigGoFile } from './big-file';
import { LspSession } from './session';
import { testEngine } from '../harness/engine';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!;
}

const millisecondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

describe('keystroke latency', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  it('publishes diagnostics for every keystroke in a ~3,000-line file (times printed, not asserted)', async (t) => {
    const engine = await testEngine();
    const uri = 'file:///tmp/lsp-latency.go';
    let text = bigGoFile(130);
    const lines = text.split('\n').length;
    const opened = process.hrtime.bigint();
    const initial = await session.open(uri, text);
    const openMs = millisecondsSince(opened);
    assert.ok(initial.length >= 130, `a finding per handler (${initial.length})`);

    // Type into the comment of a function in the middle, one character per change.
    const line = text.split('\n').findIndex((l) => l.startsWith('// handler65 '));
    const roundTrips: number[] = [];
    const engineOnly: number[] = [];
    let version = 1;
    for (const [i, char] of [...'responsive typing stays fast'].entries()) {
      const position = { line, character: 3 + i };
      const changes = [{ range: { start: position, end: position }, text: char }];
      text = applyChanges(text, changes);
      const started = process.hrtime.bigint();
      const diagnostics = await session.change(uri, ++version, changes);
      roundTrips.push(millisecondsSince(started));
      assert.equal(diagnostics.length, initial.length);

      const local = process.hrtime.bigint();
      engine.analyzeText(text);
      engineOnly.push(millisecondsSince(local));
    }
    const server = median(roundTrips);
    const baseline = median(engineOnly);
    t.diagnostic(
      `${lines} lines, ${text.length} chars: open -> diagnostics ${openMs.toFixed(0)} ms; keystroke -> diagnostics median ${server.toFixed(1)} ms (p95 ${p95(roundTrips).toFixed(1)} ms) over ${roundTrips.length} keystrokes; full parse + analysis of the same text in-process median ${baseline.toFixed(1)} ms`,
    );
    // Figures only (timings are the bench's job, npm run bench): what must hold is that
    // every keystroke was answered, for its own version, with the same findings.
    assert.equal(roundTrips.length, [...'responsive typing stays fast'].length);
  });

  it('coalesces a burst of changes into one analysis', async () => {
    const uri = 'file:///tmp/lsp-burst.go';
    await session.open(uri, bigGoFile(20));
    const mark = session.published.length;
    // Ten keystrokes that arrive together, as they do while a long analysis runs.
    for (let version = 2; version <= 11; version++) {
      const position = { line: 12, character: 3 };
      session.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }] });
    }
    await session.diagnosticsFor(uri, 11, mark);
    const versions = session.published.slice(mark).filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(versions.length <= 3, `published for versions ${versions.join(', ')}`);
    await session.close(uri);
  });
});
