// Facts of every file of a package, merged, for rules that need to look past the file
// they check (does `Config` hold a mutex? does `Store` have pointer methods elsewhere?).
// The index holds only FileFacts (plain data). Whoever reads files owns it: the CLI
// fills it one directory at a time; the language server keeps one for the workspace
// and calls updateFile() with an open document's facts so unsaved text wins over disk.
import type { FileFacts, MethodFacts, TypeFacts } from './package-facts';
import { extractFileFacts } from './package-facts';
import type { SourceFile } from './source-file';

/** What a rule may ask about the package the checked file belongs to. */
export interface PackageFacts {
  /** The module's Go version for the package directory, when the owner knows it. */
  readonly goVersion?: string;
  hasType(typeName: string): boolean;
  /** Names of the package's declared types. */
  typeNames(): Iterable<string>;
  /** Whether any file of the package imports the path (a `db` declared in a sibling file has its type there). */
  importsPath(importPath: string): boolean;
  /**
   * Why values of the type must not be copied: the chain of held types down to the
   * lock, e.g. ["inner", "sync.Mutex"] for `type T struct{ inner }` with
   * `type inner struct{ mu sync.Mutex }`; [] when T itself is a lock (pointer Lock and
   * Unlock methods); undefined when it holds none.
   */
  lockPath(typeName: string): readonly string[] | undefined;
  /** Like lockPath, for the field `fieldName` of struct type `typeName` (embedded fields by type name). */
  fieldLockPath(typeName: string, fieldName: string): readonly string[] | undefined;
  methodsOf(typeName: string): readonly MethodFacts[];
  contextFields(typeName: string): readonly string[];
}

/** Merges the facts of a package's files (build-tagged twins simply add up). */
export class MergedPackageFacts implements PackageFacts {
  private readonly types = new Map<string, TypeFacts[]>();
  private readonly methods = new Map<string, MethodFacts[]>();
  private readonly lockPaths = new Map<string, readonly string[] | undefined>();
  private readonly imports = new Set<string>();

  constructor(
    files: Iterable<FileFacts>,
    readonly goVersion?: string,
  ) {
    for (const file of files) {
      for (const importPath of file.imports) this.imports.add(importPath);
      for (const type of file.types) push(this.types, type.name, type);
      for (const method of file.methods) push(this.methods, method.receiverType, method);
    }
  }

  hasType(typeName: string): boolean {
    return this.types.has(typeName);
  }

  importsPath(importPath: string): boolean {
    return this.imports.has(importPath);
  }

  typeNames(): Iterable<string> {
    return this.types.keys();
  }

  methodsOf(typeName: string): readonly MethodFacts[] {
    return this.methods.get(typeName) ?? [];
  }

  contextFields(typeName: string): readonly string[] {
    return (this.types.get(typeName) ?? []).flatMap((type) => type.contextFields);
  }

  lockPath(typeName: string): readonly string[] | undefined {
    if (!this.lockPaths.has(typeName)) this.resolveLockPaths(typeName);
    return this.lockPaths.get(typeName);
  }

  /**
   * Computes the lock paths of the type and of every type it holds, innermost first,
   * with an explicit stack: a chain of types each embedding the next (generated code
   * can have thousands) must not recurse once per link. When a type is computed, the
   * types it holds are known already, so computeLockPath's lookups do not recurse.
   */
  private resolveLockPaths(typeName: string): void {
    const stack: { name: string; expanded: boolean }[] = [{ name: typeName, expanded: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top.expanded) {
        this.lockPaths.set(top.name, this.computeLockPath(top.name));
        continue;
      }
      if (this.lockPaths.has(top.name)) continue;
      this.lockPaths.set(top.name, undefined); // cycle guard: `type T struct{ next [1]T }` is invalid Go anyway
      stack.push({ name: top.name, expanded: true });
      for (const type of this.types.get(top.name) ?? []) {
        for (const held of type.held) {
          if (!held.isLock && !this.lockPaths.has(held.type)) stack.push({ name: held.type, expanded: false });
        }
      }
    }
  }

  fieldLockPath(typeName: string, fieldName: string): readonly string[] | undefined {
    for (const type of this.types.get(typeName) ?? []) {
      for (const held of type.held) {
        // Fields of a nested anonymous struct are recorded as "state.once".
        if (held.field !== fieldName && !held.field.startsWith(`${fieldName}.`)) continue;
        if (held.isLock) return [held.type];
        const inner = this.lockPath(held.type);
        if (inner) return [held.type, ...inner];
      }
    }
    return undefined;
  }

  private computeLockPath(typeName: string): readonly string[] | undefined {
    const methods = this.methodsOf(typeName);
    const pointerMethod = (name: string) => methods.some((m) => m.name === name && m.pointerReceiver);
    if (pointerMethod('Lock') && pointerMethod('Unlock')) return [];
    // A type declared in several files (build-tagged twins such as x_linux.go and
    // x_other.go) holds a lock only if every declaration does: no guessing the build.
    let found: readonly string[] | undefined;
    for (const type of this.types.get(typeName) ?? []) {
      const path = this.declarationLockPath(type, typeName);
      if (!path) return undefined;
      found ??= path;
    }
    return found;
  }

  private declarationLockPath(type: TypeFacts, typeName: string): readonly string[] | undefined {
    for (const held of type.held) {
      if (held.isLock) return [held.type];
      if (held.type === typeName) continue;
      const inner = this.lockPath(held.type);
      if (inner) return shortenedPath([held.type, ...inner]);
    }
    return undefined;
  }
}

/** Lock paths longer than this keep their start and their lock, with "…" between. */
const MAX_LOCK_PATH = 8;

/**
 * A path short enough for a one-line message. Each type's path builds on the next
 * one's, so a chain of thousands of embedding types would otherwise cost memory
 * quadratic in its length.
 */
function shortenedPath(path: readonly string[]): readonly string[] {
  if (path.length <= MAX_LOCK_PATH) return path;
  return [...path.slice(0, MAX_LOCK_PATH - 2), '…', path[path.length - 1]!];
}

/** The directory part of a path or URI ('/' and '\' both separate). */
export function directoryOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? '' : file.slice(0, cut);
}

export interface PackageIndexOptions {
  /** The Go version for a directory (the nearest go.mod's `go` line); passed on to the facts. */
  goVersionFor?: (directory: string) => string | undefined;
}

interface Entry {
  key: string;
  facts: FileFacts;
}

/** Per-file facts grouped by package (directory + package name), merged on demand. */
export class PackageIndex {
  private readonly files = new Map<string, Entry>();
  private readonly members = new Map<string, Set<string>>();
  private readonly merged = new Map<string, MergedPackageFacts>();

  constructor(private readonly options: PackageIndexOptions = {}) {}

  /** Adds or replaces one file's facts (from disk, or an open editor's unsaved text). */
  updateFile(file: string, facts: FileFacts): void {
    const key = packageKey(file, facts.packageName);
    this.removeFile(file);
    this.files.set(file, { key, facts });
    let members = this.members.get(key);
    if (!members) this.members.set(key, (members = new Set()));
    members.add(file);
    this.merged.delete(key);
  }

  /** Forgets a deleted file (or one that left the workspace). */
  removeFile(file: string): void {
    const previous = this.files.get(file);
    if (!previous) return;
    this.files.delete(file);
    this.merged.delete(previous.key);
    const members = this.members.get(previous.key);
    members?.delete(file);
    if (members?.size === 0) this.members.delete(previous.key);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get size(): number {
    return this.files.size;
  }

  /** The merged facts of the package the file belongs to (undefined if the file is unknown). */
  factsForFile(file: string): PackageFacts | undefined {
    const entry = this.files.get(file);
    if (!entry) return undefined;
    let facts = this.merged.get(entry.key);
    if (!facts) {
      const members = [...(this.members.get(entry.key) ?? [])].map((member) => this.files.get(member)!.facts);
      facts = new MergedPackageFacts(members, this.options.goVersionFor?.(directoryOf(file)));
      this.merged.set(entry.key, facts);
    }
    return facts;
  }
}

function packageKey(file: string, packageName: string): string {
  return `${directoryOf(file)}\u0000${packageName}`;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The package facts a rule should use for a file: the ones its owner supplied, or,
 * when it has none (a single file, a test), the facts of this file alone.
 */
export function packageFactsOf(file: SourceFile): PackageFacts {
  if (file.packageFacts) return file.packageFacts;
  return file.outlineCached('package-facts:file-only', () => new MergedPackageFacts([extractFileFacts(file.root, file.imports)], file.goVersion));
}
