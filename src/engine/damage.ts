// Where a text changed between two analyses (or two parses), as one span: before
// `low` the old and new texts are the same, and from `oldHigh` on the old text is
// the new text from `newHigh` on. Several edits widen one span; structural changes a
// reparse reports (tree-sitter's changed ranges) are covered by it too.

export interface Damage {
  low: number;
  oldHigh: number;
  newHigh: number;
}

/** The damage after one more edit of [start, end) (in the text as it is) into insertedLength characters. */
export function widen(damage: Damage | null, start: number, end: number, insertedLength: number): Damage {
  const delta = insertedLength - (end - start);
  if (!damage) return { low: start, oldHigh: end, newHigh: start + insertedLength };
  // Text after both the old damage and this edit is still the old text, shifted.
  const after = Math.max(damage.newHigh, end);
  return { low: Math.min(damage.low, start), oldHigh: damage.oldHigh + Math.max(0, end - damage.newHigh), newHigh: after + delta };
}

/** The damage also covering [start, end) of today's text (unchanged text counts as changed). */
export function cover(damage: Damage | null, start: number, end: number): Damage {
  if (!damage) return { low: start, oldHigh: end, newHigh: end };
  const newHigh = Math.max(damage.newHigh, end);
  return { low: Math.min(damage.low, start), oldHigh: damage.oldHigh + (newHigh - damage.newHigh), newHigh };
}
