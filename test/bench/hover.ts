// Hover latency for `npm run bench`: the server's hover path (the findings under the
// cursor, else the construct card under it) at the start of every word of a file, the
// way a mouse resting on code asks for it. A measurement, never a test.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../../src/engine/engine';
import { withDeadline } from '../../src/engine/deadline';
import { DocumentStore } from '../../src/server/documents';
import { hoverAt } from '../../src/server/hover';
import { HOVER_BUDGET_MS } from '../../src/server/limit-notice';
import { PackageContext } from '../../src/server/package-context';
import { readSettings } from '../../src/server/settings';
import { ALL_RULES } from '../../src/rules';
import { percentile, type KeystrokeFile } from './keystroke';
import { median } from './timing';

/** At most this many hovers per file, spread evenly over its words. */
const MAX_HOVERS = 6000;

export interface HoverResult {
  label: string;
  hovers: number;
  /** Hovers that returned a card (a rule's or a construct's). */
  withCard: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** Offsets of word starts (identifiers and keywords), evenly thinned to at most `limit`. */
function wordStarts(text: string, limit: number): number[] {
  const starts = [...text.matchAll(/\b[A-Za-z_]/g)].map((match) => match.index);
  const step = Math.max(1, starts.length / limit);
  const picked: number[] = [];
  for (let i = 0; i < starts.length; i += step) picked.push(starts[Math.floor(i)]!);
  return picked;
}

/** Opens `file` as the server does, analyses it once, then hovers over its words (one unmeasured pass first). */
export function hoversInProcess(engine: Engine, file: KeystrokeFile): HoverResult {
  const { settings } = readSettings(ALL_RULES, {});
  const rulesById = new Map(ALL_RULES.map((rule) => [rule.meta.id, rule]));
  const packages = new PackageContext(engine, () => undefined);
  const document = new DocumentStore().open(pathToFileURL(file.path).href, 'go', 1, file.text);
  const source = document.sourceFile(engine, packages.contextFor(file.path));
  const { findings } = document.analyze(engine, source, settings.config, { timeBudgetMs: 3000 });
  const offsets = wordStarts(file.text, MAX_HOVERS);

  const hoverOnce = (offset: number) => {
    const position = document.document.positionAt(offset); // what the client sends
    const at = document.document.offsetAt(position);
    return withDeadline(HOVER_BUDGET_MS, () => hoverAt(document.document, source, findings, at, rulesById, settings));
  };
  for (const offset of offsets) hoverOnce(offset); // warm-up: JIT, the card catalogue
  const times: number[] = [];
  let withCard = 0;
  for (const offset of offsets) {
    const started = performance.now();
    const hover = hoverOnce(offset);
    times.push(performance.now() - started);
    if (hover) withCard++;
  }
  return {
    label: file.label,
    hovers: times.length,
    withCard,
    medianMs: median(times),
    p95Ms: percentile(times, 0.95),
    maxMs: Math.max(...times),
  };
}

export function describeHovers(result: HoverResult): string {
  return (
    `  ${result.label}: ${result.hovers} hovers (${result.withCard} with a card): ` +
    `median ${(result.medianMs * 1000).toFixed(0)} µs, p95 ${(result.p95Ms * 1000).toFixed(0)} µs, max ${result.maxMs.toFixed(2)} ms`
  );
}
