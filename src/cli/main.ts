// go-for-ts: the command-line front end.
//   go-for-ts check [paths...] [--format text|json|sarif] [--enable id] [--disable id]
//   go-for-ts rules            lists the rules
//   go-for-ts lsp [--stdio]    runs the language server (for editors other than VS Code)
// Exit codes: 0 clean, 1 findings, 2 usage or I/O error.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';
import { runCheck } from './check';
import { listRules } from './list-rules';
import { UsageError } from './usage-error';
import { VERSION } from '../shared/product';

/** The language server's bundle (src/server/main.ts), built beside this one. */
const SERVER_BUNDLE = 'server.js';

const USAGE = `Usage:
  go-for-ts check [paths...]   check .go files (default: the current directory)
      --format text|json|sarif   output format (default: text)
      --enable <rule-id>         turn on a rule that is off by default (repeatable)
      --disable <rule-id>        turn a rule off (repeatable)
      --no-cache                 do not read or write the result cache
                                 (kept in $XDG_CACHE_HOME/go-for-ts or ~/.cache/go-for-ts;
                                 GO_FOR_TS_CACHE_DIR moves it)
      --jobs <n>                 worker threads (default: one per core; 1: no workers)
      --max-file-size-kb <n>     skip (and name on stderr) files larger than this (default: 1024)
      --parse-all-bodies         parse whole files, also the function bodies and tables no rule
                                 reads (slower; reports syntax errors inside them too)
  go-for-ts rules              list the rules and whether they are on by default
  go-for-ts lsp [--stdio]      run the language server over stdio (Neovim, Helix, Emacs, …)
  go-for-ts --version
`;


async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`go-for-ts ${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') {
    // Each worker thread compiles the same hot functions again with V8's optimizing
    // compiler; a quarter of its default inlining budget (920 bytes of bytecode) cuts
    // that background work by about a third, with no loss in the optimized code's
    // speed measured on the Go standard library: --jobs 2 takes ~0.4 s (4%) less CPU.
    // V8 flags are process-wide, so the workers started later have it too.
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=230');
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        enable: { type: 'string', multiple: true, default: [] },
        disable: { type: 'string', multiple: true, default: [] },
        'no-cache': { type: 'boolean', default: false },
        jobs: { type: 'string' },
        'max-file-size-kb': { type: 'string' },
        'parse-all-bodies': { type: 'boolean', default: false },
      },
    });
    const maxKB = values['max-file-size-kb'];
    const maxFileSizeKB = maxKB === undefined ? undefined : Number(maxKB);
    if (maxFileSizeKB !== undefined && !(Number.isFinite(maxFileSizeKB) && maxFileSizeKB >= 1)) {
      throw new UsageError(`--max-file-size-kb must be a number of kilobytes, at least 1, not "${maxKB}"`);
    }
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
      throw new UsageError(`--jobs must be a whole number of 1 or more, not "${values.jobs}"`);
    }
    if (!['text', 'json', 'sarif'].includes(values.format!)) {
      throw new UsageError(`unknown --format "${values.format}" (use text, json or sarif)`);
    }
    return runCheck({
      paths: positionals.length ? positionals : ['.'],
      format: values.format as 'text' | 'json' | 'sarif',
      enable: values.enable!,
      disable: values.disable!,
      cache: !values['no-cache'],
      jobs,
      maxFileSizeKB,
      parseAllBodies: values['parse-all-bodies'],
    });
  }
  if (command === 'rules') {
    return listRules();
  }
  if (command === 'lsp') {
    const unknown = rest.filter((arg) => arg !== '--stdio');
    if (unknown.length) throw new UsageError(`lsp: only --stdio is supported, not ${unknown.join(' ')}`);
    // The server's own bundle, beside this one (the editor extension starts the same
    // file): `check` neither loads nor compiles the server's modules, half this bundle's
    // size otherwise. It starts serving when loaded (--stdio is in process.argv).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(__dirname, SERVER_BUNDLE));
    return new Promise<number>(() => {}); // the connection ends the process on exit
  }
  throw new UsageError(`unknown command "${command}"`);
}

/**
 * Ends the process once stdout and stderr have taken everything written to them. A
 * natural exit tears the V8 heap down first (some 10 ms of a 0.15 s warm run); the
 * callbacks make sure no output is cut short where a pipe is written asynchronously.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}

// Output piped into a reader that stops early (`go-for-ts rules | head`): not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`go-for-ts: ${(error as Error).message}\n${isUsage ? '\n' + USAGE : ''}`);
    process.exitCode = 2;
  },
);
