// CPU time around a child process run, for the bench's CLI timings: the CPU the child
// used (user + system, all its threads) and what the rest of the machine used while it
// ran. On a shared machine a wall time means little without the second figure: two
// cores busy with other work double it. Linux only (/proc); elsewhere both are
// undefined and the bench prints wall times alone.
import * as fs from 'node:fs';

/** Clock ticks per second of /proc's times: USER_HZ, 100 on every mainstream Linux. */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  /** CPU of this process's waited-for children, ms. */
  children?: number;
  /** CPU every core spent busy (not idle or waiting for I/O), ms. */
  machine?: number;
  /** This process's own CPU, ms. */
  self: number;
}

export interface ChildCpu {
  /** User + system CPU of the child run, ms. */
  childMs?: number;
  /** CPU the rest of the machine used meanwhile, ms (near 0 on a quiet machine). */
  othersMs?: number;
}

/** Milliseconds from a count of clock ticks read out of a /proc file; undefined without /proc. */
function readTicks(file: string, ticksIn: (text: string) => number): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const ticks = ticksIn(text);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

export function cpuSnapshot(): CpuSnapshot {
  const { user, system } = process.cpuUsage();
  return {
    // Fields after "pid (comm) ": cutime and cstime are the 14th and 15th (the name may hold spaces).
    children: readTicks('/proc/self/stat', (text) => {
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return Number(fields[13]) + Number(fields[14]);
    }),
    // First line, "cpu user nice system idle iowait irq softirq steal ...": all but idle and iowait.
    machine: readTicks('/proc/stat', (text) => {
      const [, user, nice, sys, , , irq, softirq, steal] = text.slice(0, text.indexOf('\n')).trim().split(/\s+/).map(Number);
      return user! + nice! + sys! + irq! + softirq! + (steal ?? 0);
    }),
    self: (user + system) / 1000,
  };
}

export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): ChildCpu {
  if (before.children === undefined || after.children === undefined) return {};
  const childMs = after.children - before.children;
  if (before.machine === undefined || after.machine === undefined) return { childMs };
  const othersMs = Math.max(0, after.machine - before.machine - childMs - (after.self - before.self));
  return { childMs, othersMs };
}

/** " (CPU 9.9 s; other processes 0.1 s)", or "" where /proc is not there. */
export function describeCpu(cpu: ChildCpu): string {
  if (cpu.childMs === undefined) return '';
  const others = cpu.othersMs === undefined ? '' : `; other processes ${(cpu.othersMs / 1000).toFixed(1)} s`;
  return ` (CPU ${(cpu.childMs / 1000).toFixed(1)} s${others})`;
}
