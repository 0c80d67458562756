// What the server knows beyond one open file: the Go version of its module (the
// nearest go.mod) and the facts of its package's other files, so rules that look
// past the file (does this type hold a mutex? where are its methods?) see the
// whole package. Sibling files are read from disk once per directory, in the
// background, one file per tick; open documents' unsaved text replaces their
// disk version in the index.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeGoSource } from '../engine/decode';
import type { Engine } from '../engine/engine';
import { fileGoVersion } from '../engine/file-go-version';
import { extractFileFacts, type FileFacts } from '../engine/package-facts';
import { PackageIndex, type PackageFacts } from '../engine/package-index';
import type { Tree } from 'web-tree-sitter';
import { GoVersionLookup } from '../cli/go-version-lookup';
import type { FileContextSource } from './documents';

/** The file system path of a file: URI, or undefined for untitled and virtual documents. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The part of a Go file that can hold a //go:build line: everything before `package`. */
function header(text: string): string {
  const clause = /^package\s/m.exec(text);
  return clause ? text.slice(0, clause.index) : text;
}

/**
 * The facts with strings of their own. A tree node's .text is a slice of the file's
 * whole text, and V8 keeps the whole parent string alive for any slice of 13 or more
 * characters (an import path, a long type name): the index, which holds disk files'
 * facts for as long as the server runs, kept every indexed file's full source (33 MB
 * for the 2,880 files of the 124 standard-library packages of the bench's 200 files).
 * The facts are plain data by design, so a JSON round trip copies every field.
 */
function detached(facts: FileFacts): FileFacts {
  return JSON.parse(JSON.stringify(facts)) as FileFacts;
}

/**
 * Files of the package that are not open are read for their facts only up to this
 * size. Parsing one grows the server's WASM memory to ~17 times its size for good
 * (WASM memory never shrinks), and those that big are generated tables and
 * rewrite rules, not where the types the rules ask about live.
 */
export const SIBLING_FACTS_MAX_BYTES = 256 * 1024;

export class PackageContext {
  private readonly goVersions = new GoVersionLookup();
  private readonly index = new PackageIndex({ goVersionFor: (dir) => this.goVersions.forDirectoryOf(dir) });
  private readonly indexed = new Set<string>();
  private readonly openFiles = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly log: (message: string) => void,
  ) {}

  /** The Go version the file is compiled at: go.mod's, raised or lowered by its //go:build line. */
  goVersionOf(filePath: string, text: string): string | undefined {
    return fileGoVersion(this.goVersions.forFile(filePath), header(text));
  }

  /**
   * Records an open document's current facts; returns its package's facts. With
   * `outlineUnchanged` (the edit stayed inside a function body, where no fact comes
   * from) the facts recorded last time stand, and so does the package's facts object.
   */
  updateOpenFile(filePath: string, tree: Tree, outlineUnchanged = false): PackageFacts | undefined {
    if (!outlineUnchanged || !this.openFiles.has(filePath)) {
      this.openFiles.add(filePath);
      this.index.updateFile(filePath, extractFileFacts(tree.rootNode));
    }
    return this.index.factsForFile(filePath);
  }

  /** What an open document's sourceFile() asks: its Go version and its package's facts (see updateOpenFile). */
  contextFor(filePath: string): FileContextSource {
    return (tree, text, outlineUnchanged) => ({
      goVersion: this.goVersionOf(filePath, text),
      packageFacts: this.updateOpenFile(filePath, tree, outlineUnchanged),
    });
  }

  closeFile(filePath: string): void {
    this.openFiles.delete(filePath);
    // Its saved text is what the package has now.
    this.indexDiskFile(filePath);
  }

  /**
   * Indexes the other .go files of the file's directory, yielding between files;
   * resolves true when something new was indexed (open documents there should be
   * analysed again).
   */
  async indexSiblingsOf(filePath: string): Promise<boolean> {
    const dir = path.dirname(filePath);
    if (this.indexed.has(dir)) return false;
    this.indexed.add(dir);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith('.go')).sort();
    } catch (error) {
      this.log(`could not list ${dir}: ${(error as Error).message}`);
      return false;
    }
    let added = false;
    for (const name of names) {
      const sibling = path.join(dir, name);
      if (this.openFiles.has(sibling)) continue;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.openFiles.has(sibling)) continue; // opened meanwhile: its text wins
      added = this.indexDiskFile(sibling) || added;
    }
    return added;
  }

  private indexDiskFile(filePath: string): boolean {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(filePath);
    } catch {
      this.index.removeFile(filePath); // deleted or unreadable: not part of the package
      return false;
    }
    if (bytes.length > SIBLING_FACTS_MAX_BYTES) {
      this.index.removeFile(filePath);
      this.log(`${filePath}: ${Math.round(bytes.length / 1024)} KB, over ${SIBLING_FACTS_MAX_BYTES / 1024} KB: its declarations are not read for the package's facts`);
      return false;
    }
    const tree = this.engine.parse(decodeGoSource(bytes).text);
    try {
      this.index.updateFile(filePath, detached(extractFileFacts(tree.rootNode)));
      return true;
    } finally {
      tree.delete();
    }
  }
}
