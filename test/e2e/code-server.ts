// Starts one code-server (a real VS Code served over HTTP) for a test run, offline
// and free of prompts, in its own process group so stopping it also ends the
// extension host and language server it spawned.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const SETUP_COMMAND = 'npm run test:e2e-setup';

/** Where test/e2e/setup.sh installs code-server (honours GO_FOR_TS_CACHE like the script). */
function installFolder(packageRoot: string): string {
  const cache = process.env.GO_FOR_TS_CACHE || path.join(packageRoot, '.cache');
  return path.join(cache, 'code-server', CODE_SERVER_VERSION);
}

function codeServerEntry(packageRoot: string): string {
  return path.join(installFolder(packageRoot), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The set-up script writes .complete last, so a half-finished install doesn't count. */
export function isCodeServerInstalled(packageRoot: string): boolean {
  return fs.existsSync(path.join(installFolder(packageRoot), '.complete')) && fs.existsSync(codeServerEntry(packageRoot));
}

export interface CodeServerOptions {
  packageRoot: string;
  /** Scratch folder: user data, extensions, HOME and TMPDIR are made inside it. */
  scratch: string;
  /** The unpacked extension folder, symlinked into the extensions dir under this name. */
  extension: { folder: string; id: string };
  userSettings: Record<string, unknown>;
  startTimeoutMs: number;
}

export interface CodeServer {
  readonly url: string;
  /** Everything the server printed so far, for failure reports. */
  log(): string;
  /** Ends the whole process group; safe to call twice. */
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const dir = (name: string) => {
    const full = path.join(options.scratch, name);
    fs.mkdirSync(full, { recursive: true });
    return full;
  };
  const userDataDir = dir('user-data');
  const extensionsDir = dir('extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  fs.symlinkSync(options.extension.folder, path.join(extensionsDir, options.extension.id), 'dir');

  const args = [
    codeServerEntry(options.packageRoot),
    '--bind-addr', '127.0.0.1:0',
    '--config', '/dev/null',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // a new session and process group: kill(-pid) reaches every descendant
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir('home'),
      TMPDIR: dir('tmp'),
      EXTENSIONS_GALLERY: '{}',
      LANG: 'C.UTF-8',
    },
  });

  let output = '';
  const stop = stopper(child);
  // Last resort if the test process exits without stop() (a crash, a runner timeout):
  // never leave a server or extension host behind.
  const killOnExit = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`code-server did not start within ${options.startTimeoutMs} ms:\n${output}`)),
        options.startTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (${code ?? signal}):\n${output}`));
      });
    });
    return { url, log: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= new Promise<void>((resolve) => {
      const pgid = child.pid;
      if (pgid === undefined) return resolve();
      const signalGroup = (signal: NodeJS.Signals | 0) => {
        try {
          process.kill(-pgid, signal);
          return true;
        } catch {
          return false; // the group is gone
        }
      };
      if (!signalGroup('SIGTERM')) return resolve();
      // Extension hosts may ignore SIGTERM while busy: escalate, and never wait long.
      const started = Date.now();
      const poll = setInterval(() => {
        const alive = signalGroup(0);
        if (!alive) {
          clearInterval(poll);
          resolve();
        } else if (Date.now() - started > 3000) {
          signalGroup('SIGKILL');
          if (Date.now() - started > 6000) {
            clearInterval(poll);
            resolve();
          }
        }
      }, 100);
    });
    return stopped;
  };
}
