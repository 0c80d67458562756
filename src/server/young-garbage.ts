// Between keystrokes, once the diagnostics are out: a young-generation collection,
// so the next keystroke's analysis starts with an empty young generation and pays no
// collection pause of its own (with the server's 1 MB semi-spaces, one keystroke in
// three or four did, 0.3-3 ms each: most of the keystroke p95). The server runs with
// --expose-gc for this (SERVER_NODE_OPTIONS); started without it, nothing happens.

type Collect = (options: { type: 'minor' }) => void;

export function collectYoungGarbage(): void {
  const collect = (globalThis as { gc?: Collect }).gc;
  if (typeof collect === 'function') collect({ type: 'minor' });
}
