// Keystroke latency, the language server's hot path: an edit arrives, the text and the
// old tree are updated, the tree is reparsed incrementally, the file is analysed (only
// what the edit touched, see src/engine/incremental.ts) and the diagnostics are built.
// Measured in this process through the modules the server uses (its DocumentStore,
// PackageContext and toDiagnostic), and end to end through the LSP (a server process,
// JSON-RPC both ways, the server's scheduling included). A measurement, not a test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { EngineConfig } from '../../src/engine/config';
import type { Engine } from '../../src/engine/engine';
import { DocumentStore, type OpenDocument } from '../../src/server/documents';
import { PackageContext } from '../../src/server/package-context';
import { collectYoungGarbage } from '../../src/server/young-garbage';
import { bigGoFile } from '../lsp/big-file';
import { LspSession } from '../lsp/session';
import { median } from './timing';

export interface KeystrokeFile {
  label: string;
  text: string;
  /** Where it lives on disk (its package's other files and go.mod are read from there). */
  path: string;
}

export interface KeystrokeResult {
  label: string;
  lines: number;
  kilobytes: number;
  edits: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Keystrokes whose analysis had to be a full one (an edit outside function bodies, a first analysis...). */
  fullAnalyses: number;
  /** Opening the document: parse, analysis and diagnostics of the whole file. */
  openMs: number;
  /** In process: each phase's median (text and tree edit, reparse and facts, analysis, diagnostics). */
  phases?: Record<string, number>;
  /** In process: keystrokes on half-typed code answered with the last findings, moved (exact ones follow on a pause). */
  provisional?: number;
  /** In process: of those, the ones answered without a parse (an unbalanced brace in a body, told by the lexer). */
  unparsed?: number;
  /** In process: why the full analyses were full, with counts. */
  fullReasons?: Record<string, number>;
  /** Milliseconds from one keystroke's start to the next one's; 0: back to back. */
  paceMs?: number;
}

/** One keystroke: insert `text` at `offset`, or delete `remove` characters there. */
interface Keystroke {
  offset: number;
  text: string;
  remove: number;
}

/** What a developer types on a new line of a function body, one character at a time, then takes back. */
const TYPED = ['if err != nil {\n\t\treturn err\n\t}\n\t', 'n := len(name) // count\n\t', 'log.Printf("%d", n)\n\t'];

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/**
 * Keystrokes spread over the file: at the start of body lines of functions, a short
 * statement typed character by character, then deleted with backspace, so the file
 * ends as it began and passes through the broken states real typing does.
 */
export function typingScript(text: string, wanted: number): Keystroke[] {
  // Lines inside function bodies: a tab-indented line that follows a line inside a function.
  const starts: number[] = [];
  let inFunction = false;
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const end = next < 0 ? text.length : next + 1;
    const line = text.slice(at, end);
    if (line.startsWith('func ')) inFunction = line.trimEnd().endsWith('{');
    else if (line.startsWith('}')) inFunction = false;
    else if (inFunction && line.startsWith('\t') && !line.startsWith('\t\t')) starts.push(at + 1);
    at = end;
  }
  const script: Keystroke[] = [];
  if (starts.length === 0) return script;
  const perSpot = TYPED.reduce((sum, typed) => sum + typed.length * 2, 0) / TYPED.length;
  const spots = Math.max(1, Math.round(wanted / perSpot));
  for (let spot = 0; spot < spots && script.length < wanted; spot++) {
    const at = starts[Math.floor(((spot + 0.5) / spots) * starts.length)]!;
    const typed = TYPED[spot % TYPED.length]!;
    for (let i = 0; i < typed.length; i++) script.push({ offset: at + i, text: typed[i]!, remove: 0 });
    for (let i = typed.length - 1; i >= 0; i--) script.push({ offset: at + i, text: '', remove: 1 });
  }
  return script;
}

type Phase = 'edit' | 'parse+facts' | 'analysis' | 'diagnostics';

/** Everything the server does for one version of a document: parse, facts, analysis, diagnostics; each phase timed into `phases`. */
function serverPass(
  engine: Engine,
  config: EngineConfig,
  document: OpenDocument,
  packages: PackageContext,
  filePath: string,
  phases?: Record<Phase, number[]>,
): number {
  let at = performance.now();
  const lap = (phase: Phase) => {
    const now = performance.now();
    phases?.[phase].push(now - at);
    at = now;
  };
  // As the server does: half-typed code gets the last findings, moved, without a parse.
  let result = document.analyzeWithoutParse(config);
  if (result) {
    lap('parse+facts');
  } else {
    const file = document.sourceFile(engine, packages.contextFor(filePath));
    lap('parse+facts');
    result = document.analyze(engine, file, config, { timeBudgetMs: 3000, provisional: true });
  }
  lap('analysis');
  const count = document.diagnosticsOf(result.findings).length;
  lap('diagnostics');
  return count;
}

/**
 * Keystrokes in this process, through the server's own modules. Back to back (`paceMs`
 * 0), or one every `paceMs` as a person types: on this project's VM a keystroke after
 * a pause costs about twice as much, every phase alike (the caches have gone cold),
 * which back-to-back typing hides.
 */
export async function keystrokesInProcess(engine: Engine, file: KeystrokeFile, edits: number, paceMs = 0): Promise<KeystrokeResult> {
  const packages = new PackageContext(engine, () => undefined);
  // One configuration object for the session, as the server keeps its settings.
  const config = engine.defaultConfig;
  const store = new DocumentStore();
  const uri = pathToFileURL(file.path).href;
  const opened = performance.now();
  const document = store.open(uri, 'go', 1, file.text);
  serverPass(engine, config, document, packages, file.path);
  const openMs = performance.now() - opened;
  // The server reads the package's other files after the first diagnostics, then analyses again.
  if (await packages.indexSiblingsOf(file.path)) document.invalidate();
  serverPass(engine, config, document, packages, file.path);

  const script = typingScript(file.text, edits);
  let version = 1;
  const type = async (measure: boolean) => {
    const times: number[] = [];
    const phases: Record<Phase, number[]> = { edit: [], 'parse+facts': [], analysis: [], diagnostics: [] };
    const fullReasons: Record<string, number> = {};
    let fullAnalyses = 0;
    let provisional = 0;
    let unparsed = 0;
    let lastStarted = -Infinity;
    for (const key of script) {
      if (measure && paceMs > 0) await sleepUntil(lastStarted + paceMs);
      const started = performance.now();
      lastStarted = started;
      const start = document.document.positionAt(key.offset);
      const end = document.document.positionAt(key.offset + key.remove);
      document.applyChanges([{ range: { start, end }, text: key.text }], ++version);
      phases.edit.push(performance.now() - started);
      serverPass(engine, config, document, packages, file.path, measure ? phases : undefined);
      times.push(performance.now() - started);
      collectYoungGarbage(); // as the server does once the diagnostics are out, before the next keystroke
      const run = document.lastAnalysis;
      if (run?.provisional) provisional++;
      if (run?.unparsed) unparsed++;
      if (run?.full) {
        fullAnalyses++;
        const reason = run.reason ?? 'unknown';
        fullReasons[reason] = (fullReasons[reason] ?? 0) + 1;
      }
    }
    return { times, phases, fullReasons, fullAnalyses, provisional, unparsed };
  };
  // A server types along for hours: the measured pass follows one that warms the JIT
  // up (the script ends where it began, so both type into the same text).
  await type(false);
  const { times, phases, fullReasons, fullAnalyses, provisional, unparsed } = await type(true);
  store.disposeAll();
  const phaseMedians = Object.fromEntries(Object.entries(phases).map(([phase, values]) => [phase, median(values)]));
  return { ...summary(file, times, fullAnalyses, openMs), phases: phaseMedians, fullReasons, provisional, unparsed, paceMs };
}

function sleepUntil(time: number): Promise<void> {
  const wait = time - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

/** Milliseconds between keystrokes at a fast typist's pace: about 33 characters a second. */
export const KEYSTROKE_INTERVAL_MS = 30;

/** Keystrokes through a server process: didChange out, publishDiagnostics back. */
export async function keystrokesThroughLsp(file: KeystrokeFile, edits: number): Promise<KeystrokeResult> {
  const session = await LspSession.start();
  try {
    const uri = pathToFileURL(file.path).href;
    const opened = performance.now();
    await session.open(uri, file.text);
    const openMs = performance.now() - opened;
    // Let the background read of the package's other files settle first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const times: number[] = [];
    let text = file.text;
    let version = 1;
    let sentAt = -Infinity;
    for (const key of typingScript(file.text, edits)) {
      const range = { start: positionAt(text, key.offset), end: positionAt(text, key.offset + key.remove) };
      text = text.slice(0, key.offset) + key.text + text.slice(key.offset + key.remove);
      // A fast typist's pace: keystrokes closer together count as one burst for the
      // server (it waits a few ms to coalesce them, see src/server/server.ts).
      await sleepUntil(sentAt + KEYSTROKE_INTERVAL_MS);
      sentAt = performance.now();
      const started = performance.now();
      await session.change(uri, ++version, [{ range, text: key.text }]);
      times.push(performance.now() - started);
    }
    return { ...summary(file, times, 0, openMs), paceMs: KEYSTROKE_INTERVAL_MS };
  } finally {
    await session.stop();
  }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, character: offset - lineStart };
}

function summary(file: KeystrokeFile, times: number[], fullAnalyses: number, openMs: number): KeystrokeResult {
  return {
    label: file.label,
    lines: file.text.split('\n').length,
    kilobytes: Math.round(Buffer.byteLength(file.text) / 1024),
    edits: times.length,
    medianMs: median(times),
    p95Ms: percentile(times, 0.95),
    maxMs: Math.max(...times),
    fullAnalyses,
    openMs,
  };
}

/** Generated Go of a std-lib size class: the SSA rewrite rules (about 620 KB), else a made-up file that large. */
const LARGE_FILE = '/usr/share/go-1.19/src/cmd/compile/internal/ssa/rewritegeneric.go';

/** The files the keystroke bench types into: a ~3,000-line file and a ~600 KB generated one. */
export function keystrokeFiles(): KeystrokeFile[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-bench-'));
  const handlers = { label: '3,000-line file (test/lsp/big-file.ts, 130 handlers)', text: bigGoFile(130), path: path.join(scratch, 'handlers.go') };
  fs.writeFileSync(handlers.path, handlers.text);
  const large = fs.existsSync(LARGE_FILE)
    ? { label: `${Math.round(fs.statSync(LARGE_FILE).size / 1024)} KB generated file (ssa/rewritegeneric.go)`, text: fs.readFileSync(LARGE_FILE, 'utf8'), path: LARGE_FILE }
    : { label: '600 KB file (26 copies of the handlers)', text: bigGoFile(2600), path: path.join(scratch, 'large.go') };
  if (!fs.existsSync(large.path)) fs.writeFileSync(large.path, large.text);
  return [handlers, large];
}

export function describeKeystrokes(result: KeystrokeResult, target: number): string {
  const verdict = result.p95Ms <= target ? 'OK' : 'ABOVE';
  return (
    `  ${result.label}: ${result.lines} lines, ${result.kilobytes} KB; ${result.edits} keystrokes${result.paceMs ? ` ${result.paceMs} ms apart` : ' back to back'}: ` +
    `median ${result.medianMs.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms (target <= ${target}: ${verdict}), max ${result.maxMs.toFixed(1)} ms` +
    (result.fullAnalyses ? `; ${result.fullAnalyses} full analyses` : '') +
    (result.provisional ? `; ${result.provisional} provisional (${result.unparsed ?? 0} without a parse)` : '') +
    `; open -> diagnostics ${result.openMs.toFixed(0)} ms` +
    (result.phases
      ? `\n    phase medians: ${Object.entries(result.phases)
          .map(([phase, ms]) => `${phase} ${ms.toFixed(2)} ms`)
          .join(', ')}`
      : '') +
    (result.fullReasons && result.fullAnalyses
      ? `\n    full analyses because: ${Object.entries(result.fullReasons)
          .map(([reason, count]) => `${reason} (${count})`)
          .join(', ')}`
      : '')
  );
}
