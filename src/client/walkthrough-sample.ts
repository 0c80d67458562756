// The Go sample of the walkthrough's pitfalls step (media/walkthrough/pitfalls.md),
// which the "Open the Pitfalls Sample" command opens as a new unsaved Go file: the
// page shows it, the command lets the server flag it (test/walkthrough.test.ts checks
// that it trips the four flagship rules).
import pitfallsPage from '../../media/walkthrough/pitfalls.md';

/** The first ```go block of the walkthrough's pitfalls page. */
export function walkthroughSample(): string {
  const block = /```go\r?\n([\s\S]*?)\r?\n```/.exec(pitfallsPage);
  if (!block) throw new Error('media/walkthrough/pitfalls.md has no ```go block');
  return `${block[1]!}\n`;
}
