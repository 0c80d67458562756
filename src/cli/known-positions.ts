// The lines and columns a file's report needs (each finding's and related span's ends,
// the first syntax error), kept beside the file's cached result: a warm run then
// prints the report without reading the file to count its lines.
import type { Finding } from '../engine/types';

/** Where an offset is: 0-based line and UTF-16 column (what LineIndex.positionAt gives). */
export interface PositionSource {
  positionAt(offset: number): { line: number; character: number };
}

/** Every offset a report of these findings asks the position of. */
export function reportedOffsets(findings: readonly Finding[], syntaxErrorAt: number | undefined): number[] {
  const offsets: number[] = syntaxErrorAt === undefined ? [] : [syntaxErrorAt];
  for (const finding of findings) {
    offsets.push(finding.start, finding.end);
    for (const related of finding.related ?? []) offsets.push(related.start, related.end);
  }
  return offsets;
}

/** [offset, line, character, ...] for every offset the report uses. */
export function positionsFor(findings: readonly Finding[], syntaxErrorAt: number | undefined, lines: PositionSource): number[] {
  const triples: number[] = [];
  for (const offset of new Set(reportedOffsets(findings, syntaxErrorAt))) {
    const { line, character } = lines.positionAt(offset);
    triples.push(offset, line, character);
  }
  return triples;
}

/** Positions from a cached list; null when it lacks one the report needs (then the file is read). */
export function knownPositions(
  triples: readonly number[] | undefined,
  findings: readonly Finding[],
  syntaxErrorAt: number | undefined,
): PositionSource | null {
  if (!triples || triples.length % 3 !== 0) return null;
  const known = new Map<number, { line: number; character: number }>();
  for (let i = 0; i < triples.length; i += 3) known.set(triples[i]!, { line: triples[i + 1]!, character: triples[i + 2]! });
  if (!reportedOffsets(findings, syntaxErrorAt).every((offset) => known.has(offset))) return null;
  return {
    positionAt(offset) {
      const position = known.get(offset);
      if (!position) throw new Error(`no cached position for offset ${offset}`);
      return position;
    },
  };
}
