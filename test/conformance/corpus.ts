// Turns one mapping of the table into the Go files to analyse: every .go file under
// its paths, every .go file inside its .txtar archives, each with the peer's expected
// diagnostics and the Go version the peer's harness compiled it at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGoDirective } from '../../src/engine/go-mod';
import { fileBuildsWith, fileGoVersion } from '../../src/engine/file-go-version';
import { readExpectationsIn, type PeerExpectation } from './annotations';
import { PEER_TOOLCHAIN, SUITES, type SuiteInfo, type SuiteMapping } from './suites';
import { parseTxtar } from './txtar';

export interface CaseFile {
  /** Suite-relative path shown in reports, e.g. lostcancel/src/a/a.go. */
  display: string;
  /** For a file inside a txtar archive: its name there; display is the archive. */
  member?: string;
  /** Added to a line of `text` to get the line in the displayed file (txtar members). */
  lineOffset: number;
  text: string;
  /** The peer harness's package: files sharing it are analysed with each other's facts. */
  packageKey: string;
  /** The module's Go version (go.mod, txtar go.mod, go1.N folder or the table). */
  moduleVersion?: string;
  /** The file's own version: the module's, changed by a //go:build go1.N line. */
  goVersion?: string;
  expectations: PeerExpectation[];
}

export interface LoadedMapping {
  files: CaseFile[];
  /** Paths that were named in the table but are not there. */
  missing: string[];
}

export function loadMapping(
  peerRoot: string,
  mapping: SuiteMapping,
  suites: Readonly<Record<string, SuiteInfo>> = SUITES,
): LoadedMapping {
  const suiteRoot = path.join(peerRoot, mapping.suite);
  const info = suites[mapping.suite];
  if (!info) throw new Error(`suite "${mapping.suite}" has no entry in SUITES (annotation format unknown)`);
  const excluded = new Set((mapping.exclude ?? []).map((item) => path.join(suiteRoot, item)));
  const result: LoadedMapping = { files: [], missing: [] };

  const moduleVersionFor = (file: string): string | undefined => {
    if (mapping.goVersion) return mapping.goVersion;
    if (info.goVersionFromDirectory) {
      const segment = path.relative(suiteRoot, file).split(path.sep).find((part) => /^go\d+\.\d+$/.test(part));
      if (segment) return segment.slice(2);
    }
    return nearestGoModVersion(path.dirname(file), suiteRoot);
  };

  const addGoFile = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    if (!fileBuildsWith(text, PEER_TOOLCHAIN)) return;
    const moduleVersion = moduleVersionFor(file);
    result.files.push({
      display: toDisplay(peerRoot, file),
      lineOffset: 0,
      text,
      // revive's harness lints each file on its own; the others load whole packages.
      packageKey: toDisplay(peerRoot, info.format === 'revive' ? file : path.dirname(file)),
      moduleVersion,
      goVersion: fileGoVersion(moduleVersion, text),
      expectations: readExpectationsIn(info.format, text),
    });
  };

  const addArchive = (file: string) => {
    const archive = parseTxtar(fs.readFileSync(file, 'utf8'));
    const goMod = archive.files.find((member) => member.name === 'go.mod');
    const moduleVersion = mapping.goVersion ?? (goMod ? parseGoDirective(goMod.data) : undefined);
    for (const member of archive.files) {
      if (!member.name.endsWith('.go') || !fileBuildsWith(member.data, PEER_TOOLCHAIN)) continue;
      result.files.push({
        display: toDisplay(peerRoot, file),
        member: member.name,
        lineOffset: member.firstLine,
        text: member.data,
        packageKey: `${toDisplay(peerRoot, file)}/${path.posix.dirname(member.name)}`,
        moduleVersion,
        goVersion: fileGoVersion(moduleVersion, member.data),
        expectations: readExpectationsIn(info.format, member.data),
      });
    }
  };

  const visit = (target: string) => {
    if (excluded.has(target)) return;
    const stat = fs.statSync(target);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(target).sort()) visit(path.join(target, name));
    } else if (target.endsWith('.go')) {
      addGoFile(target);
    } else if (target.endsWith('.txtar')) {
      addArchive(target);
    }
  };

  for (const item of mapping.include) {
    const target = path.join(suiteRoot, item);
    if (fs.existsSync(target)) visit(target);
    else result.missing.push(toDisplay(peerRoot, target));
  }
  return result;
}

/** The `go` line of the closest go.mod between `dir` and the suite's folder. */
function nearestGoModVersion(dir: string, suiteRoot: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const goMod = path.join(current, 'go.mod');
    if (fs.existsSync(goMod)) return parseGoDirective(fs.readFileSync(goMod, 'utf8'));
    if (current === suiteRoot || path.dirname(current) === current || !current.startsWith(suiteRoot)) return undefined;
  }
}

function toDisplay(peerRoot: string, file: string): string {
  return path.relative(peerRoot, file).split(path.sep).join('/');
}
