// Finds the language server process that this test run's code-server started, by
// reading /proc (Linux): a process whose command line runs the build's server.js and
// that belongs to the session of a code-server this test process spawned. Other test
// runs on the machine (their own code-servers, other OUT_DIRs) never match.
import * as fs from 'node:fs';

interface ProcessStat {
  ppid: number;
  sid: number;
}

/** Fields 4 (ppid) and 6 (session id) of /proc/PID/stat; the name before them may hold spaces. */
function readStat(pid: number): ProcessStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), sid: Number(fields[3]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

function readCommandLine(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg.length > 0);
  } catch {
    return [];
  }
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Live server processes of this run: `serverModule` is the build's server.js (the
 * extension may name it through its symlinked folder, so paths compare resolved).
 */
export function serverProcesses(serverModule: string): number[] {
  const wanted = realPath(serverModule);
  if (!wanted) throw new Error(`${serverModule} does not exist`);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const args = readCommandLine(pid);
    if (!args.some((arg) => arg.endsWith('server.js') && realPath(arg) === wanted)) continue;
    const stat = readStat(pid);
    // code-server runs in its own session (spawned detached), a child of this process.
    if (stat && readStat(stat.sid)?.ppid === process.pid) found.push(pid);
  }
  return found;
}

/** Waits until exactly one server process of this run is alive and is not one of `previous`. */
export async function waitForNewServer(serverModule: string, previous: readonly number[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seen: number[] = [];
  while (Date.now() < deadline) {
    seen = serverProcesses(serverModule);
    if (seen.length === 1 && !previous.includes(seen[0]!)) return seen[0]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no new language server process within ${timeoutMs} ms (previous: ${previous.join(', ') || 'none'}; alive: ${seen.join(', ') || 'none'})`);
}

/** SIGKILL, then waits until the process is gone (a zombie counts as gone: it no longer serves). */
export async function killServer(pid: number, timeoutMs: number): Promise<void> {
  // kill(0) or kill(-n) would signal whole process groups, this test runner's included.
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no language server to kill (pid ${pid})`);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let state: string | undefined;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`language server ${pid} still alive ${timeoutMs} ms after SIGKILL`);
}
