// Type-checks small in-memory TypeScript files (card and doc snippets) with the
// project's own TypeScript: strict, ES2022 + DOM (fetch, AbortController), each file
// its own module. Loaded at run time so the test bundle doesn't embed the compiler.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { findPackageRoot } from '../../src/engine/grammar-files';

const ts = createRequire(path.join(findPackageRoot(), 'package.json'))('typescript') as typeof TS;

const OPTIONS: TS.CompilerOptions = {
  strict: true,
  noImplicitOverride: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  noEmit: true,
};

/** Diagnostics per file name (only files with problems), plus '' for global ones. */
export function typeCheck(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const host = ts.createCompilerHost(OPTIONS, true);
  const readFromDisk = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    const text = files.get(fileName);
    return text === undefined
      ? readFromDisk(fileName, languageVersion, onError)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => files.has(fileName) || ts.sys.fileExists(fileName);
  host.readFile = (fileName) => files.get(fileName) ?? ts.sys.readFile(fileName);
  host.writeFile = () => {};
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const problems = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '';
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const where = diagnostic.file && diagnostic.start !== undefined
      ? `:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`
      : '';
    problems.set(file, [...(problems.get(file) ?? []), `${where} ${message}`]);
  }
  return problems;
}
