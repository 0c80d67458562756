// Quick fixes that call into a package the file may not import yet (errors.Is,
// time.Second) need two things: the name to call it by, and, when the import is
// missing, one TextEdit that adds it the way gofmt/goimports would place it: inside the
// import block among the standard-library paths in sorted order, or as a new import
// line. The file's own line endings (LF or CRLF) and indentation are reused.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from './source-file';
import { namedChildren } from './syntax';
import type { TextEdit } from './types';

export interface PackageReference {
  /** The name to write before the dot: `errors`, or the file's alias for the package. */
  name: string;
  /** The edit that imports the package, when the file doesn't yet. */
  edit?: TextEdit;
}

function lineBreakOf(file: SourceFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

function isStandardPath(path: string): boolean {
  return !path.split('/')[0]!.includes('.');
}

function specPath(spec: Node): string {
  return spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
}

/** The start of the line holding `offset`. */
function lineStart(file: SourceFile, offset: number): number {
  const newline = file.text.lastIndexOf('\n', offset - 1);
  return newline + 1;
}

/** The offset just past the line break that ends the line holding `offset`. */
function nextLineStart(file: SourceFile, offset: number): number {
  const newline = file.text.indexOf('\n', offset);
  return newline < 0 ? file.text.length : newline + 1;
}

/** Adds `"path"` to a parenthesised import block, among the standard paths, sorted. */
function insertIntoBlock(file: SourceFile, block: Node, importPath: string): TextEdit | null {
  const specs = namedChildren(block).filter((child) => child.type === 'import_spec');
  const eol = lineBreakOf(file);
  const quoted = JSON.stringify(importPath);
  if (specs.length === 0) {
    const close = block.lastChild;
    if (!close || close.type !== ')') return null;
    return { start: close.startIndex, end: close.startIndex, newText: `${eol}\t${quoted}${eol}` };
  }
  // Each spec must sit on its own line for a line-based insert to stay well formed.
  const rows = specs.map((spec) => spec.startPosition.row);
  if (new Set(rows).size !== rows.length || rows[0] === block.startPosition.row) return null;

  const indent = file.lineAt(specs[0]!.startIndex).indent || '\t';
  // Groups are runs of specs without a blank line between them.
  const groups: Node[][] = [];
  specs.forEach((spec, index) => {
    const previous = specs[index - 1];
    if (previous && spec.startPosition.row - previous.endPosition.row <= 1) groups[groups.length - 1]!.push(spec);
    else groups.push([spec]);
  });
  const standard = groups.find((group) => group.every((spec) => isStandardPath(specPath(spec))));
  if (!standard) {
    // Only third-party imports: a standard group of its own goes first.
    const at = lineStart(file, specs[0]!.startIndex);
    return { start: at, end: at, newText: `${indent}${quoted}${eol}${eol}` };
  }
  const after = standard.find((spec) => specPath(spec) > importPath);
  if (after) {
    const at = lineStart(file, after.startIndex);
    return { start: at, end: at, newText: `${indent}${quoted}${eol}` };
  }
  const last = standard[standard.length - 1]!;
  const at = nextLineStart(file, last.endIndex);
  return { start: at, end: at, newText: `${indent}${quoted}${eol}` };
}

function importEdit(file: SourceFile, importPath: string): TextEdit | null {
  const eol = lineBreakOf(file);
  const declarations = namedChildren(file.root).filter((node) => node.type === 'import_declaration');
  const block = declarations
    .map((declaration) => namedChildren(declaration).find((child) => child.type === 'import_spec_list'))
    .find((list): list is Node => !!list);
  if (block) return insertIntoBlock(file, block, importPath);
  const line = `import ${JSON.stringify(importPath)}`;
  const last = declarations[declarations.length - 1];
  if (last) return { start: last.endIndex, end: last.endIndex, newText: `${eol}${line}` };
  const pkg = namedChildren(file.root).find((node) => node.type === 'package_clause');
  if (!pkg) return null;
  return { start: pkg.endIndex, end: pkg.endIndex, newText: `${eol}${eol}${line}` };
}

/**
 * How to call into `importPath` from this file. Null when the fix can't be written
 * safely: the default name is already taken by a different import or a top-level
 * declaration of the file.
 */
export function referencePackage(file: SourceFile, importPath: string, defaultName: string): PackageReference | null {
  const existing = file.namesFor(importPath).find((name) => name !== '.' && name !== '_');
  if (existing) return { name: existing };
  if (file.imports.pathByName.has(defaultName)) return null;
  if (declaresTopLevel(file, defaultName)) return null;
  const edit = importEdit(file, importPath);
  return edit ? { name: defaultName, edit } : null;
}

function declaresTopLevel(file: SourceFile, name: string): boolean {
  return file.cached(`add-import:declares:${name}`, () => {
    for (const declaration of namedChildren(file.root)) {
      if (declaration.type === 'function_declaration' && declaration.childForFieldName('name')?.text === name) return true;
      if (['var_declaration', 'const_declaration', 'type_declaration'].includes(declaration.type)) {
        const names = declaration.descendantsOfType(['identifier', 'type_identifier']);
        if (names.some((id) => id?.text === name && id.parent?.childForFieldName('name')?.id === id.id)) return true;
      }
    }
    return false;
  });
}
