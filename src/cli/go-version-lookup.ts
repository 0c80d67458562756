// The Go version a file is compiled at: the `go` line of the nearest go.mod above
// it. Looked up once per directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGoDirective } from '../engine/go-mod';

export class GoVersionLookup {
  private readonly byDirectory = new Map<string, string | undefined>();

  /** @param listed directories already listed (absolute) -> whether they hold a go.mod, so as not to ask the disk again. */
  constructor(private readonly listed: ReadonlyMap<string, boolean> = new Map()) {}

  forFile(file: string): string | undefined {
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  /** The version for files in `dir` (an absolute or relative directory path). */
  forDirectoryOf(dir: string): string | undefined {
    // A directory the walk listed is absolute and normal already: no need to resolve it.
    return this.forDirectory(this.listed.has(dir) ? dir : path.resolve(dir));
  }

  private forDirectory(dir: string): string | undefined {
    if (this.byDirectory.has(dir)) return this.byDirectory.get(dir);
    let version: string | undefined;
    let found = false;
    const goMod = path.join(dir, 'go.mod');
    // Most directories have none: asked first, without the cost of a thrown ENOENT each.
    if (this.listed.get(dir) ?? fs.existsSync(goMod)) {
      try {
        version = parseGoDirective(fs.readFileSync(goMod, 'utf8'));
        found = true;
      } catch {
        // unreadable: as if there were none
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      version = parent === dir ? undefined : this.forDirectory(parent);
    }
    this.byDirectory.set(dir, version);
    return version;
  }
}
