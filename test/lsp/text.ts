// Helpers for tests that edit documents the way an editor does.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

/** The text after applying LSP changes in order (what the server must end up with). */
export function applyChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
  let document = TextDocument.create('file:///x.go', 'go', 0, text);
  for (const change of changes) document = TextDocument.update(document, [change], document.version + 1);
  return document.getText();
}

/** Applies a set of non-overlapping LSP text edits (positions in the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.go', 'go', 0, text), edits);
}

/** The LSP position of the first occurrence of `needle` (plus `delta` UTF-16 units). */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  return TextDocument.create('file:///x.go', 'go', 0, text).positionAt(offset + delta);
}

export function rangeOf(text: string, needle: string): Range {
  return { start: positionOf(text, needle), end: positionOf(text, needle, needle.length) };
}

export function insertAt(position: Position, text: string): TextDocumentContentChangeEvent {
  return { range: { start: position, end: position }, text };
}
