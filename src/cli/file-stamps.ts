// The stat index of the result cache: what a file's metadata was when its content
// was last hashed. A warm run trusts a file's cached content hash, without reading
// the file, only when size, mtime, ctime, inode and device are all the same AND the
// file was already "old" when it was hashed: git's racily-clean rule. A write in the
// same timestamp tick as the hash could leave every stat field unchanged, so a file
// whose last change (ctime or mtime) is not older than the hashing time by more than
// the file system's timestamp granularity is read and hashed again. ctime cannot be
// set by programs (utimes sets it to now), so putting mtime back does not hide an edit.
// Known limit: a network file system whose clock runs behind this machine's by more
// than the margin can defeat the racy check (git has the same limit).
import type * as fs from 'node:fs';

/** The part of a file's stat a stamp keeps and compares. */
export type StatFields = Pick<fs.Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino' | 'dev'>;

/** Only the fields a stamp needs: a warm run holds one per file, and a whole fs.Stats is several objects. */
export function statFields(stat: fs.Stats): StatFields {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, dev: stat.dev };
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  /** Content hash of the bytes read after this stat. */
  hash: string;
  /** Date.now() taken before the stat. */
  verifiedAt: number;
}

/** File systems with whole-second timestamps (HFS+, ext3, FAT's 2 s): anything within 2 s is racy. */
export const COARSE_MARGIN_MS = 2000;
/** Sub-second file systems still stamp from a coarse kernel clock (a jiffy, Windows' 15.6 ms tick). */
const FINE_MARGIN_MS = 50;

/**
 * The racy margin for each device: fine when any file on it has a sub-second
 * timestamp (a fine-grained file system gives whole seconds one time in a thousand).
 */
export function racyMargins(stats: Iterable<StatFields | undefined>): Map<number, number> {
  const margins = new Map<number, number>();
  for (const stat of stats) {
    if (!stat) continue;
    const fine = stat.ctimeMs % 1000 !== 0 || stat.mtimeMs % 1000 !== 0;
    if (fine) margins.set(stat.dev, FINE_MARGIN_MS);
    else if (!margins.has(stat.dev)) margins.set(stat.dev, COARSE_MARGIN_MS);
  }
  return margins;
}

export function stampOf(stat: StatFields, hash: string, verifiedAt: number): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, dev: stat.dev, hash, verifiedAt };
}

/** The stamp was taken long enough after the file's last change that a same-tick write cannot hide behind it. */
export function isSettled(stamp: FileStamp, marginMs: number): boolean {
  return Math.max(stamp.ctimeMs, stamp.mtimeMs) < stamp.verifiedAt - marginMs;
}

/** The cached hash still describes the file: nothing in its stat moved, and the stamp is not racy. */
export function isUnchanged(stamp: FileStamp, stat: StatFields, marginMs: number): boolean {
  return (
    stamp.size === stat.size &&
    stamp.mtimeMs === stat.mtimeMs &&
    stamp.ctimeMs === stat.ctimeMs &&
    stamp.ino === stat.ino &&
    stamp.dev === stat.dev &&
    isSettled(stamp, marginMs)
  );
}

/** Same metadata and hash (the verification time aside). */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.dev === b.dev && a.hash === b.hash;
}
