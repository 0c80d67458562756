// The index of the result cache file (result-cache.ts): lines of
//   <tag><generation>\t<key>\t<value>
// one per entry, the tag naming the section. A warm CLI run looks up every file of
// the tree here and does nothing else of note, so loading builds as little as it can:
// per entry one key string and the offset of its value in the index text (a small
// integer, no object). A value is decoded when it is looked up, and the lines of
// entries this run did not replace are written back verbatim.
//
// Keys are paths and digests. A key holding a tab or a line break, or starting with a
// quote, is written as a JSON string; values are written by their section's codec,
// which never puts a tab or a line break in them (JSON escapes both).

/** How a section writes its values and reads them back; decode answers undefined for a value of the wrong shape. */
export interface ValueCodec<V> {
  encode(value: V): string;
  decode(text: string): V | undefined;
}

/** An entry's key, value text and generation, ready to be written. */
export interface IndexRow {
  tag: string;
  generation: number;
  line: string;
}

const QUOTE = 34;

function encodeKey(key: string): string {
  return /[\t\n\r]/.test(key) || key.charCodeAt(0) === QUOTE ? JSON.stringify(key) : key;
}

function decodeKey(field: string): string | undefined {
  if (field.charCodeAt(0) !== QUOTE) return field;
  try {
    const key = JSON.parse(field) as unknown;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** One section: entries loaded from the file's index text, and entries this run set. */
export class IndexSection<V> implements SectionLines {
  /** key -> offset of its value in the index text; stored as -offset-1 once this run used it. */
  private readonly loaded = new Map<string, number>();
  private readonly added = new Map<string, V>();
  private text = '';

  constructor(
    readonly tag: string,
    private readonly codec: ValueCodec<V>,
  ) {}

  get(key: string): V | undefined {
    const added = this.added.get(key);
    if (added !== undefined) return added;
    const at = this.loaded.get(key);
    if (at === undefined) return undefined;
    const value = this.codec.decode(this.valueText(at));
    if (value === undefined) {
      this.loaded.delete(key); // the wrong shape: a miss, and not written back
      return undefined;
    }
    if (at >= 0) this.loaded.set(key, -at - 1);
    return value;
  }

  set(key: string, value: V): void {
    this.added.set(key, value);
  }

  /** Sets the value unless the entry already holds the same text (then it is only marked used); true when it changed. */
  update(key: string, value: V): boolean {
    const text = this.codec.encode(value);
    const added = this.added.get(key);
    if (added !== undefined && this.codec.encode(added) === text) return false;
    const at = this.loaded.get(key);
    if (added === undefined && at !== undefined) {
      if (this.valueText(at) === text) {
        if (at >= 0) this.loaded.set(key, -at - 1);
        return false;
      }
    }
    this.added.set(key, value);
    return true;
  }

  delete(key: string): boolean {
    const loaded = this.loaded.delete(key);
    return this.added.delete(key) || loaded;
  }

  clear(): void {
    this.loaded.clear();
    this.added.clear();
    this.text = '';
  }

  /** The value text of a loaded entry, from its stored offset to the end of its line. */
  private valueText(at: number): string {
    const start = valueOffset(at);
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end < 0 ? this.text.length : end);
  }

  /** Takes the loaded index text this section's offsets point into. */
  attach(text: string): void {
    this.text = text;
  }

  /** A line of the loaded index: its value starts at `valueAt`. A later line of the same key wins. */
  addLoaded(key: string, valueAt: number): void {
    this.loaded.set(key, valueAt);
  }

  /** This run's own entries, as rows stamped with `generation`. */
  addedRows(generation: number, onRow: (key: string, row: IndexRow) => void): void {
    for (const [key, value] of this.added) {
      onRow(key, { tag: this.tag, generation, line: `${this.tag}${generation}\t${encodeKey(key)}\t${this.codec.encode(value)}` });
    }
  }

  /**
   * A loaded line as a row to write back verbatim, stamped with `generation` when this
   * run used it; undefined when it was replaced, dropped, or is an earlier duplicate.
   */
  loadedRow(key: string, line: LoadedLine, generation: number): IndexRow | undefined {
    if (this.added.has(key)) return undefined;
    const at = this.loaded.get(key);
    if (at === undefined || valueOffset(at) !== line.tab2 + 1) return undefined;
    const stored = Number(this.text.slice(line.start + 1, line.tab1));
    const used = at < 0 ? generation : Number.isFinite(stored) ? stored : 0;
    return { tag: this.tag, generation: used, line: `${this.tag}${used}${this.text.slice(line.tab1, line.end)}` };
  }
}

/** A stored offset as an offset again, whether or not this run used the entry (stored as -offset-1 then). */
function valueOffset(at: number): number {
  return at < 0 ? -at - 1 : at;
}

/** What the index needs of a section to read and write its lines, whatever its values. */
interface SectionLines {
  readonly tag: string;
  attach(text: string): void;
  addLoaded(key: string, valueAt: number): void;
  addedRows(generation: number, onRow: (key: string, row: IndexRow) => void): void;
  loadedRow(key: string, line: LoadedLine, generation: number): IndexRow | undefined;
  clear(): void;
}

/** Where one line of the index text is: its start, its two tabs and its end. */
interface LoadedLine {
  start: number;
  tab1: number;
  tab2: number;
  end: number;
}

/** The sections of one index, read from and written to its text in one pass each. */
export class CacheIndex {
  private text = '';
  private readonly byTag = new Map<string, SectionLines>();

  constructor(sections: readonly SectionLines[]) {
    for (const section of sections) this.byTag.set(section.tag, section);
  }

  load(text: string): void {
    this.text = text;
    for (const section of this.byTag.values()) section.attach(text);
    this.forEachLine((section, key, line) => section.addLoaded(key, line.tab2 + 1));
  }

  clear(): void {
    this.text = '';
    for (const section of this.byTag.values()) section.clear();
  }

  /** Every entry to keep, this run's own first, each as a row stamped with its generation. */
  rows(generation: number, onRow: (key: string, row: IndexRow) => void): void {
    for (const section of this.byTag.values()) section.addedRows(generation, onRow);
    this.forEachLine((section, key, line) => {
      const row = section.loadedRow(key, line, generation);
      if (row) onRow(key, row);
    });
  }

  private forEachLine(visit: (section: SectionLines, key: string, line: LoadedLine) => void): void {
    const text = this.text;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const tab1 = text.indexOf('\t', start);
      const tab2 = tab1 < 0 ? -1 : text.indexOf('\t', tab1 + 1);
      const section = this.byTag.get(text.charAt(start));
      if (section && tab1 > start && tab2 > tab1 && tab2 < end) {
        const key = decodeKey(text.slice(tab1 + 1, tab2));
        if (key !== undefined) visit(section, key, { start, tab1, tab2, end });
      }
      start = end + 1;
    }
  }
}
