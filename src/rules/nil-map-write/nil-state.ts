// The abstract state of one map variable at one point of a function: the ways it can
// be nil there. Each way ("path") remembers the source that made it nil and what the
// path learned about simple conditions on its way (`debug` was false, `len(xs) > 0`
// was true). Facts only ever prune: a later `if debug` cannot take a path that knows
// `debug` is false, which keeps `if debug { m = make(...) } ... if debug { m[k] = v }`
// quiet.

export interface NilPath {
  /** Index of the nil source in the walk's list. */
  source: number;
  facts: ReadonlyMap<string, boolean>;
}

/** The nil paths reaching a point, by key; empty: the map is not nil; null: unreachable. */
export type State = ReadonlyMap<string, NilPath> | null;

export const NOT_NIL: State = new Map<string, NilPath>();

/** Beyond this many paths at one point, facts are dropped to keep the walk small. */
const MAX_PATHS = 64;

function pathKey(path: NilPath): string {
  const facts = [...path.facts].map(([fact, value]) => `${value ? '+' : '-'}${fact}`).sort();
  return `${path.source}|${facts.join('\u0000')}`;
}

function stateOf(paths: Iterable<NilPath>): Map<string, NilPath> {
  const state = new Map<string, NilPath>();
  for (const path of paths) state.set(pathKey(path), path);
  if (state.size <= MAX_PATHS) return state;
  const bySource = new Map<string, NilPath>();
  for (const path of state.values()) bySource.set(`${path.source}|`, { source: path.source, facts: new Map() });
  return bySource;
}

/** Nil because of `source`, with nothing learned yet. */
export function nilFrom(source: number): State {
  return stateOf([{ source, facts: new Map() }]);
}

export function join(...states: State[]): State {
  const reachable = states.filter((state): state is ReadonlyMap<string, NilPath> => state !== null);
  if (reachable.length === 0) return null;
  return stateOf(reachable.flatMap((state) => [...state.values()]));
}

export function sameState(a: State, b: State): boolean {
  if (a === null || b === null) return a === b;
  return a.size === b.size && [...a.keys()].every((key) => b.has(key));
}

/** The paths consistent with `fact` being `value`, each now knowing it. */
export function assume(state: State, fact: string, value: boolean): State {
  if (state === null) return null;
  const paths: NilPath[] = [];
  for (const path of state.values()) {
    const known = path.facts.get(fact);
    if (known === undefined) paths.push({ source: path.source, facts: new Map([...path.facts, [fact, value]]) });
    else if (known === value) paths.push(path);
  }
  return stateOf(paths);
}

/** The sources of the nil paths in `state`. */
export function sourcesOf(state: State): number[] {
  return state ? [...new Set([...state.values()].map((path) => path.source))] : [];
}
