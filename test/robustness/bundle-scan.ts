// Finds, in a built bundle, every use of an API that can reach the network, start a
// process or run code from text, and names the source file each came from (through
// the bundle's source map). Text inside strings, templates and comments (rule docs,
// card examples that show `fetch(url)`) is not code and is not reported: the bundle
// is parsed, not grepped.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { findPackageRoot } from '../../src/engine/grammar-files';

// TypeScript's parser, loaded at run time from the project's own dependency (bundling
// it into the test would add megabytes for a parser Node already has on disk).
type TypeScript = typeof import('typescript');
const ts = createRequire(path.join(findPackageRoot(), 'package.json'))('typescript') as TypeScript;

/** Modules whose import gives network, process or code-running access. */
const RISKY_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'vm', 'cluster', 'inspector']);
/** Globals that reach the network or run code. */
const RISKY_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'importScripts', 'eval']);

export interface ApiUse {
  /** e.g. `require("net")`, `fetch()`, `new XMLHttpRequest`, `new Function`. */
  api: string;
  /** The original source file (from the source map), relative to the package root. */
  source: string;
  /** Where in the bundle: line:column, 1-based. */
  at: string;
}

// ---------------------------------------------------------------- source maps

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each generated line's segments: [generated column, source index], columns ascending. */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: number[][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        source += values[1]!;
        segments.push([column, source]);
      }
      // Lines, columns and names of the original are not needed here (their deltas only
      // matter for later segments' same fields, which we do not read).
    }
    lines.push(segments);
  }
  return lines;
}

class SourceMap {
  private readonly lines: number[][][];
  private readonly sources: string[];

  constructor(mapFile: string) {
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string; sourceRoot?: string };
    const root = findPackageRoot();
    this.sources = map.sources.map((source) => path.relative(root, path.resolve(path.dirname(mapFile), map.sourceRoot ?? '', source)));
    this.lines = decodeMappings(map.mappings);
  }

  /** The source file of a 0-based generated line and column ("?" when unmapped). */
  sourceAt(line: number, column: number): string {
    let found = -1;
    for (const [generatedColumn, source] of this.lines[line] ?? []) {
      if (generatedColumn! > column) break;
      found = source!;
    }
    return found < 0 ? '?' : this.sources[found]!;
  }
}

// ---------------------------------------------------------------- the scan

function apiOf(node: import('typescript').Node): string | undefined {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const [first] = node.arguments;
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    if ((isRequire || isImport) && first && ts.isStringLiteralLike(first)) {
      const name = first.text.replace(/^node:/, '');
      return RISKY_MODULES.has(name) ? `require("${name}")` : undefined;
    }
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name !== undefined && RISKY_GLOBALS.has(name)) return `${name}()`;
    return undefined;
  }
  if (ts.isNewExpression(node)) {
    const callee = node.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === 'Function') return 'new Function';
    if (name !== undefined && RISKY_GLOBALS.has(name)) return `new ${name}`;
    return undefined;
  }
  if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
    const name = node.moduleSpecifier.text.replace(/^node:/, '');
    return RISKY_MODULES.has(name) ? `require("${name}")` : undefined;
  }
  return undefined;
}

/** Every risky API use in the bundle, with the source file it came from. */
export function scanBundle(bundle: string): ApiUse[] {
  const text = fs.readFileSync(bundle, 'utf8');
  const map = fs.existsSync(`${bundle}.map`) ? new SourceMap(`${bundle}.map`) : undefined;
  const file = ts.createSourceFile(bundle, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const uses: ApiUse[] = [];
  const visit = (node: import('typescript').Node): void => {
    const api = apiOf(node);
    if (api) {
      const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
      uses.push({ api, source: map ? map.sourceAt(line, character) : '?', at: `${line + 1}:${character + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return uses;
}
