// Calls that never return to their caller, known from syntax: they end a path in the
// flow analysis the way a return does, but without leaking anything. go vet learns
// this from types and facts about every package; without types we combine what the
// standard library and test helpers make obvious with the functions of the same file.
import type { Node } from 'web-tree-sitter';
import { canReturn } from './flow';
import type { SourceFile } from './source-file';
import { callParts } from './syntax';

/** Package functions that exit the process or the goroutine, by import path. */
const PACKAGE_FUNCTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['os', new Set(['Exit'])],
  ['syscall', new Set(['Exit'])],
  ['runtime', new Set(['Goexit'])],
]);

/**
 * Method (or package function) names that never return whatever their receiver:
 * log.Fatal and friends, (*testing.T).FailNow/Fatal/SkipNow, and the loggers that copy
 * log's names (log.Logger, logrus, zap, klog...). A name-only guess, so it stays small.
 */
const NEVER_RETURNING_NAMES: ReadonlySet<string> = new Set([
  'Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln', 'FailNow', 'SkipNow', 'Skipf', 'Goexit',
]);

/** `Skip` is too common a name to trust on any receiver; on the usual test variables it ends the test. */
const TEST_VARIABLES: ReadonlySet<string> = new Set(['t', 'b', 'f', 'tb']);

/** A predicate for FlowOptions.neverReturns that knows this file's imports and functions. */
export function neverReturnsIn(file: SourceFile): (call: Node) => boolean {
  return file.cached('no-return:predicate', () => {
    const verdicts = new Map<string, boolean>();
    const predicate = (call: Node): boolean => {
      const parts = callParts(call);
      if (!parts) return false;
      const { receiver, name } = parts;
      if (receiver === null) return name === 'panic' || neverReturningLocalFunction(file, name, verdicts, predicate);
      if (NEVER_RETURNING_NAMES.has(name)) return true;
      if (name === 'Skip' && receiver.type === 'identifier' && TEST_VARIABLES.has(receiver.text)) return true;
      const packagePath = receiver.type === 'identifier' ? file.imports.pathByName.get(receiver.text) : undefined;
      return !!packagePath && !!PACKAGE_FUNCTIONS.get(packagePath)?.has(name);
    };
    return predicate;
  });
}

/** Top-level functions of the file by name (methods excluded: `x.f()` needs types to resolve). */
function topLevelFunctions(file: SourceFile): ReadonlyMap<string, Node> {
  return file.cached('no-return:functions', () => {
    const functions = new Map<string, Node>();
    for (const declaration of file.root.namedChildren) {
      if (declaration?.type !== 'function_declaration') continue;
      const name = declaration.childForFieldName('name')?.text;
      if (name) functions.set(name, declaration);
    }
    return functions;
  });
}

/** A same-file function whose every path panics, exits or loops forever (e.g. `func fatalf(...)`). */
function neverReturningLocalFunction(
  file: SourceFile,
  name: string,
  verdicts: Map<string, boolean>,
  predicate: (call: Node) => boolean,
): boolean {
  const known = verdicts.get(name);
  if (known !== undefined) return known;
  const declaration = topLevelFunctions(file).get(name);
  if (!declaration) return false;
  verdicts.set(name, false); // while deciding, a recursive call is taken to return
  const never = !canReturn(declaration, { neverReturns: predicate });
  verdicts.set(name, never);
  return never;
}
