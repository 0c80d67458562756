// The language server's footprint, measured on the real server process (out/server.js
// over stdio, driven by test/lsp/session.ts): how long it takes to start and to
// publish the first diagnostics, how many times and how fast it loads the WASM
// (runtime + Go grammar), and how much memory it holds with 200 files open, while they
// are edited and after they are closed. A measurement for `npm run bench`, never a
// test: nothing here asserts a timing or a size.
//
// What the server does is read from outside it, without any protocol of its own:
// - its main thread's CPU time from /proc/<pid>/schedstat (the JavaScript and the
//   WASM parser run there), next to the client's round trip;
// - its RSS and peak RSS from /proc/<pid>/status;
// - a small --require preload (written to a temporary file) that times every
//   WebAssembly compile/instantiate and, on SIGUSR2, prints process.memoryUsage()
//   after an optional full GC (the server runs with --expose-gc for that only).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_OPTIONS } from '../../src/shared/protocol';
import { LspSession, outDir } from '../lsp/session';
import { median } from './timing';

/** A Go file to open in the server: where it lives (its package and go.mod are read from there) and its text. */
export interface FootprintFile {
  path: string;
  text: string;
}

export const MEMORY_TARGET_MB = 150;
export const FIRST_DIAGNOSTICS_TARGET_MS = 50;
/** Compilations of at least this many bytes are .wasm files; smaller ones are the runtime's tiny call stubs. */
const WASM_FILE_MIN_BYTES = 4096;
const TAG = 'go-for-ts-footprint';

const PRELOAD = `'use strict';
// Preloaded into the server by test/bench/server-footprint.ts: reports WASM loads and memory on stderr.
const { performance } = require('node:perf_hooks');
const say = (line) => process.stderr.write('${TAG} ' + line + '\\n');
const bytesOf = (source) => (source && typeof source.byteLength === 'number' ? source.byteLength : 0);
const { instantiate, Module, Instance } = WebAssembly;
WebAssembly.instantiate = function (source, imports) {
  const started = performance.now();
  const compiles = !(source instanceof Module);
  return instantiate.call(WebAssembly, source, imports).then((result) => {
    say('wasm ' + (compiles ? bytesOf(source) : 0) + ' ' + (performance.now() - started).toFixed(3));
    return result;
  });
};
WebAssembly.Module = new Proxy(Module, {
  construct(target, args, newTarget) {
    const started = performance.now();
    const made = Reflect.construct(target, args, newTarget);
    say('wasm ' + bytesOf(args[0]) + ' ' + (performance.now() - started).toFixed(3));
    return made;
  },
});
WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args, newTarget) {
    const started = performance.now();
    const made = Reflect.construct(target, args, newTarget);
    say('wasm 0 ' + (performance.now() - started).toFixed(3));
    return made;
  },
});
process.on('SIGUSR2', () => {
  const before = process.memoryUsage();
  if (typeof global.gc === 'function') global.gc();
  const after = process.memoryUsage();
  say('memory ' + JSON.stringify({ before, after }));
});
`;

// ------------------------------------------------------------------ the server, seen from outside

interface WasmEvent {
  bytes: number;
  ms: number;
}

interface MemoryUsageLine {
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
}

/** A server process started with the preload, and what it told us on stderr. */
class ObservedServer {
  readonly wasm: WasmEvent[] = [];
  private memoryLines: MemoryUsageLine[] = [];
  private memoryWaiter: (() => void) | undefined;
  private pending = '';

  private constructor(readonly session: LspSession) {
    session.child.stderr.on('data', (chunk: Buffer) => this.read(chunk.toString()));
  }

  static async start(preloadFile: string): Promise<{ server: ObservedServer; startMs: number }> {
    const started = performance.now();
    const session = await LspSession.start({
      // The extension's own Node options (SERVER_NODE_OPTIONS), plus what the measurement needs.
      args: [...SERVER_NODE_OPTIONS, '--expose-gc', '--require', preloadFile, path.join(outDir(), 'server.js'), '--stdio'],
    });
    const startMs = performance.now() - started;
    const server = new ObservedServer(session);
    // Lines written before our listener was attached are in the session's record.
    server.read(session.stderr.join(''));
    return { server, startMs };
  }

  private read(text: string): void {
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith(TAG + ' ')) continue;
      const [kind, ...rest] = line.slice(TAG.length + 1).split(' ');
      if (kind === 'wasm') this.wasm.push({ bytes: Number(rest[0]), ms: Number(rest[1]) });
      else if (kind === 'memory') {
        this.memoryLines.push(JSON.parse(rest.join(' ')) as MemoryUsageLine);
        this.memoryWaiter?.();
      }
    }
  }

  get pid(): number {
    return this.session.child.pid!;
  }

  /** The server's main thread's CPU time so far, in ms (undefined where /proc has no schedstat). */
  cpuMs(): number | undefined {
    try {
      return Number(fs.readFileSync(`/proc/${this.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return undefined;
    }
  }

  /** VmRSS and VmHWM (peak) in MB, undefined without /proc. */
  rss(): { rssMB: number; peakMB: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      return { rssMB: kB('VmRSS') / 1024, peakMB: kB('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** process.memoryUsage() in the server before and after a full GC (the GC is the only thing it changes). */
  async memoryUsage(): Promise<MemoryUsageLine> {
    const seen = this.memoryLines.length;
    const arrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not report its memory')), 10_000);
      this.memoryWaiter = () => {
        if (this.memoryLines.length <= seen) return;
        clearTimeout(timer);
        resolve();
      };
    });
    this.session.child.kill('SIGUSR2');
    await arrived;
    this.memoryWaiter = undefined;
    return this.memoryLines[seen]!;
  }

  /**
   * Waits until the server has been idle (under 2 ms of CPU in 250 ms) for a moment:
   * sibling files are indexed in the background after an open, and what they change
   * is published again.
   */
  async settle(maxMs = 20_000): Promise<void> {
    const deadline = performance.now() + maxMs;
    let last = this.cpuMs();
    if (last === undefined) return void (await sleep(500));
    while (performance.now() < deadline) {
      await sleep(250);
      const now = this.cpuMs()!;
      if (now - last < 2) return;
      last = now;
    }
  }

  wasmFileLoads(): WasmEvent[] {
    return this.wasm.filter((event) => event.bytes >= WASM_FILE_MIN_BYTES);
  }

  wasmMs(): number {
    return this.wasm.reduce((sum, event) => sum + event.ms, 0);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withPreload<T>(work: (preloadFile: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-footprint-'));
  const file = path.join(dir, 'preload.cjs');
  fs.writeFileSync(file, PRELOAD);
  return work(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

/** Wall time of `work` and the server's CPU time over it. */
async function timed(server: ObservedServer, work: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs?: number }> {
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const cpuAfter = server.cpuMs();
  return cpuBefore === undefined || cpuAfter === undefined ? { wallMs } : { wallMs, cpuMs: cpuAfter - cpuBefore };
}

// ------------------------------------------------------------------ the files

/** Where a line can be inserted inside a function body: the start of the line after a one-line `func ... {`. */
export function insertionLine(text: string): number | undefined {
  const match = /^func [^\n]*\{\n/m.exec(text);
  if (!match) return undefined;
  const offset = match.index + match[0].length;
  if (offset >= text.length) return undefined;
  let line = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * `count` files to open: spread evenly over the given ones (so they come from many
 * packages), preferring files with a function body to edit. With fewer files than
 * that (no standard library at hand), copies of them in a temporary folder make up
 * the number, ten per directory; `cleanup` removes it.
 */
export function chooseFootprintFiles(
  given: readonly FootprintFile[],
  count: number,
): { files: FootprintFile[]; generated: number; cleanup: () => void } {
  if (given.length === 0) throw new Error('no Go files to open');
  const editable = given.filter((file) => insertionLine(file.text) !== undefined);
  const pool = editable.length >= count ? editable : given;
  if (pool.length >= count) {
    const step = pool.length / count;
    return { files: Array.from({ length: count }, (_, i) => pool[Math.floor(i * step)]!), generated: 0, cleanup: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-for-ts-footprint-files-'));
  const files = [...pool];
  for (let i = 0; files.length < count; i++) {
    const source = pool[i % pool.length]!;
    const packageDir = path.join(dir, `pkg${Math.floor(i / 10)}`);
    fs.mkdirSync(packageDir, { recursive: true });
    const copy = path.join(packageDir, `copy${i}_${path.basename(source.path)}`);
    fs.writeFileSync(copy, source.text);
    files.push({ path: copy, text: source.text });
  }
  return { files, generated: count - pool.length, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Two typical files for the start-up runs: the ones nearest the median size, from different directories. */
function typicalFiles(files: readonly FootprintFile[]): [FootprintFile, FootprintFile] {
  const bySize = [...files].sort((a, b) => a.text.length - b.text.length);
  const middle = bySize.length >> 1;
  const first = bySize[middle]!;
  const second =
    bySize.slice(middle + 1).find((file) => path.dirname(file.path) !== path.dirname(first.path)) ??
    bySize.slice(0, middle).reverse().find((file) => path.dirname(file.path) !== path.dirname(first.path)) ??
    bySize[Math.max(0, middle - 1)]!;
  return [first, second];
}

const uriOf = (file: FootprintFile) => pathToFileURL(file.path).href;

// ------------------------------------------------------------------ start-up

export interface StartupRun {
  /** Spawn to the answer to `initialize` (Node start, the bundle, the WASM load), client wall time. */
  initializeMs: number;
  /** The server's main-thread CPU time from its start to that answer. */
  initializeCpuMs?: number;
  /** .wasm files compiled by then (the runtime and the Go grammar) and the time all WASM compiling/instantiating took. */
  wasmLoads: number;
  wasmMs: number;
  /** didOpen of a first file to its publishDiagnostics: client round trip and the server's CPU time in it. */
  firstOpen: { wallMs: number; cpuMs?: number };
  /** The same for a second file of another package, once the first one's background work is done. */
  secondOpen: { wallMs: number; cpuMs?: number };
}

export interface StartupResult {
  runs: StartupRun[];
  first: { path: string; kilobytes: number };
  second: { path: string; kilobytes: number };
}

/** Starts `runs` fresh servers; in each, opens two typical files one after the other. */
export async function measureStartup(files: readonly FootprintFile[], runs = 5): Promise<StartupResult> {
  const [first, second] = typicalFiles(files);
  const results: StartupRun[] = [];
  await withPreload(async (preload) => {
    for (let run = 0; run < runs; run++) {
      const { server, startMs } = await ObservedServer.start(preload);
      try {
        const initializeCpuMs = server.cpuMs();
        const wasmLoads = server.wasmFileLoads().length;
        const wasmMs = server.wasmMs();
        await server.settle();
        const firstOpen = await timed(server, () => server.session.open(uriOf(first), first.text));
        await server.settle();
        const secondOpen = await timed(server, () => server.session.open(uriOf(second), second.text));
        results.push({
          initializeMs: startMs,
          ...(initializeCpuMs === undefined ? {} : { initializeCpuMs }),
          wasmLoads,
          wasmMs,
          firstOpen,
          secondOpen,
        });
      } finally {
        await server.session.stop();
      }
    }
  });
  const describe = (file: FootprintFile) => ({ path: file.path, kilobytes: Buffer.byteLength(file.text) / 1024 });
  return { runs: results, first: describe(first), second: describe(second) };
}

// ------------------------------------------------------------------ memory

export interface MemoryPoint {
  label: string;
  rssMB?: number;
  /** In the server: V8's heap in use and `external` (which holds the WASM memory), before a full GC. */
  heapUsedMB: number;
  /** The heap V8 has committed (what its share of the RSS is), and `external`. */
  heapTotalMB: number;
  externalMB: number;
  /** After a full GC: what is really held. */
  heapUsedAfterGcMB: number;
  rssAfterGcMB?: number;
}

export interface MemoryResult {
  files: number;
  directories: number;
  generated: number;
  /** Files a line was inserted into and deleted from in each round. */
  editedFiles: number;
  points: MemoryPoint[];
  peakMB?: number;
  /** .wasm files compiled over the whole session (the runtime and the grammar: 2 when loaded once). */
  wasmLoads: number;
}

const MB = 1024 * 1024;

async function memoryPoint(server: ObservedServer, label: string): Promise<MemoryPoint> {
  await server.settle();
  const rss = server.rss();
  const usage = await server.memoryUsage();
  const rssAfterGc = server.rss();
  return {
    label,
    ...(rss ? { rssMB: rss.rssMB } : {}),
    heapUsedMB: usage.before.heapUsed / MB,
    heapTotalMB: usage.before.heapTotal / MB,
    externalMB: usage.before.external / MB,
    heapUsedAfterGcMB: usage.after.heapUsed / MB,
    ...(rssAfterGc ? { rssAfterGcMB: rssAfterGc.rssMB } : {}),
  };
}

/**
 * In one server: opens `count` files (waiting for each one's diagnostics), edits each
 * in `editRounds` rounds (a line inserted inside a function, then deleted, each change
 * waiting for its diagnostics), closes them all; memory after each step.
 */
export async function measureMemory(given: readonly FootprintFile[], count = 200, editRounds = 5): Promise<MemoryResult> {
  const { files, generated, cleanup } = chooseFootprintFiles(given, count);
  try {
    return await withPreload(async (preload) => {
      const { server } = await ObservedServer.start(preload);
      try {
        const points: MemoryPoint[] = [await memoryPoint(server, 'after initialize')];
        const versions = new Map<string, number>();
        for (const file of files) {
          await server.session.open(uriOf(file), file.text);
          versions.set(uriOf(file), 1);
        }
        points.push(await memoryPoint(server, `after opening ${files.length} files`));

        const edits = files.flatMap((file) => {
          const line = insertionLine(file.text);
          return line === undefined ? [] : [{ uri: uriOf(file), line }];
        });
        for (let round = 1; round <= editRounds; round++) {
          for (const { uri, line } of edits) {
            const start = { line, character: 0 };
            let version = versions.get(uri)! + 1;
            await server.session.change(uri, version, [{ range: { start, end: start }, text: '\t_ = 0\n' }]);
            version++;
            await server.session.change(uri, version, [{ range: { start, end: { line: line + 1, character: 0 } }, text: '' }]);
            versions.set(uri, version);
          }
          points.push(await memoryPoint(server, `after edit round ${round}`));
        }

        for (const file of files) await server.session.close(uriOf(file));
        points.push(await memoryPoint(server, 'after closing them all'));
        const peak = server.rss()?.peakMB;
        return {
          files: files.length,
          directories: new Set(files.map((file) => path.dirname(file.path))).size,
          generated,
          editedFiles: edits.length,
          points,
          ...(peak === undefined ? {} : { peakMB: peak }),
          wasmLoads: server.wasmFileLoads().length,
        };
      } finally {
        await server.session.stop();
      }
    });
  } finally {
    cleanup();
  }
}

// ------------------------------------------------------------------ activation

/** package.json's activationEvents, and whether they all wait for a Go file (lazy activation). */
export function activationEvents(packageRoot: string): { events: string[]; lazy: boolean } {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { activationEvents?: string[] };
  const events = manifest.activationEvents ?? [];
  return { events, lazy: events.length > 0 && events.every((event) => event === 'onLanguage:go') };
}

// ------------------------------------------------------------------ the report

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(1)} MB`);
const cpu = (value: number | undefined) => (value === undefined ? '' : `, server CPU ${ms(value)}`);
const medianOf = (values: (number | undefined)[]) => {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length ? median(known) : undefined;
};

export interface FootprintOptions {
  /** The corpus's files (the bench's readCorpus(...).files will do). */
  files: readonly FootprintFile[];
  packageRoot: string;
  out: (line?: string) => void;
  /** Fresh server processes for the start-up figures (default 5). */
  startupRuns?: number;
  /** Files held open for the memory figures (default 200) and edit rounds over them (default 5). */
  openFiles?: number;
  editRounds?: number;
}

export async function reportServerFootprint(options: FootprintOptions): Promise<void> {
  const { out, files, packageRoot } = options;
  const relative = (file: string) => (file.startsWith(packageRoot) ? path.relative(packageRoot, file) : file);

  const activation = activationEvents(packageRoot);
  out(`extension activation events: ${activation.events.join(', ') || '(none)'} -> ${activation.lazy ? 'lazy (only when a Go file opens)' : 'NOT only on Go files'}`);

  const startup = await measureStartup(files, options.startupRuns ?? 5);
  const runs = startup.runs;
  const firstMs = median(runs.map((run) => run.firstOpen.wallMs));
  // The target is the server's time: its CPU time where /proc tells it (a busy machine
  // stretches the round trip with waits for a CPU), else the round trip.
  const firstServerMs = medianOf(runs.map((run) => run.firstOpen.cpuMs)) ?? firstMs;
  out(
    `server start-up, medians of ${runs.length} fresh processes (client round trips over stdio; "server CPU" = its main thread's CPU time in them; ` +
      `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs):`,
  );
  out(
    `  spawn -> initialize answered: ${ms(median(runs.map((run) => run.initializeMs)))}${cpu(medianOf(runs.map((run) => run.initializeCpuMs)))}` +
      ` (Node start, bundle, WASM); WASM compile+instantiate ${ms(median(runs.map((run) => run.wasmMs)))}, ` +
      `.wasm files loaded: ${[...new Set(runs.map((run) => run.wasmLoads))].join('/')}`,
  );
  out(
    `  first file didOpen -> diagnostics: ${ms(firstMs)}${cpu(medianOf(runs.map((run) => run.firstOpen.cpuMs)))}` +
      ` (${relative(startup.first.path)}, ${startup.first.kilobytes.toFixed(1)} KB; includes compiling its rules' queries) ` +
      `target <= ${FIRST_DIAGNOSTICS_TARGET_MS} ms of server time: ${firstServerMs <= FIRST_DIAGNOSTICS_TARGET_MS ? 'OK' : 'ABOVE'}`,
  );
  out(
    `  second file (another package): ${ms(median(runs.map((run) => run.secondOpen.wallMs)))}${cpu(medianOf(runs.map((run) => run.secondOpen.cpuMs)))}` +
      ` (${relative(startup.second.path)}, ${startup.second.kilobytes.toFixed(1)} KB)`,
  );
  out(
    `  first-open runs: ${runs.map((run) => `${run.firstOpen.wallMs.toFixed(1)}` + (run.firstOpen.cpuMs === undefined ? '' : ` (CPU ${run.firstOpen.cpuMs.toFixed(1)})`)).join(', ')} ms`,
  );

  const memory = await measureMemory(files, options.openFiles ?? 200, options.editRounds ?? 5);
  out(
    `server memory, one process: ${memory.files} files from ${memory.directories} directories` +
      (memory.generated ? ` (${memory.generated} of them copies in a temporary folder)` : '') +
      `, ${options.editRounds ?? 5} rounds of inserting and deleting a line inside a function in ${memory.editedFiles} of them:`,
  );
  for (const point of memory.points) {
    out(
      `  ${point.label.padEnd(26)} RSS ${mb(point.rssMB).padStart(9)}  (JS heap ${mb(point.heapUsedMB)} of ${mb(point.heapTotalMB)}, external incl. WASM ${mb(point.externalMB)}; ` +
        `after a full GC: heap ${mb(point.heapUsedAfterGcMB)}, RSS ${mb(point.rssAfterGcMB)})`,
    );
  }
  const rounds = memory.points.filter((point) => point.label.startsWith('after edit round'));
  if (rounds.length >= 2 && rounds[0]!.rssMB !== undefined) {
    const firstRound = rounds[0]!;
    const lastRound = rounds[rounds.length - 1]!;
    out(
      `  growth over the edit rounds (round 1 -> ${rounds.length}): RSS ${(lastRound.rssMB! - firstRound.rssMB!).toFixed(1)} MB, ` +
        `heap after GC ${(lastRound.heapUsedAfterGcMB - firstRound.heapUsedAfterGcMB).toFixed(1)} MB`,
    );
  }
  const worst = Math.max(...memory.points.map((point) => point.rssMB ?? 0));
  out(
    `  peak RSS (VmHWM): ${mb(memory.peakMB)}; highest RSS read ${mb(worst)} target <= ${MEMORY_TARGET_MB} MB: ` +
      `${memory.peakMB === undefined ? 'n/a' : memory.peakMB <= MEMORY_TARGET_MB ? 'OK' : 'ABOVE'}`,
  );
  out(`  .wasm files compiled over the session: ${memory.wasmLoads} (runtime + Go grammar = loaded once)`);
}
