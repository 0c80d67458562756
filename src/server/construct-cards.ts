// Hover cards on Go constructs (not findings) come from src/cards/. This is the one
// place the server looks them up, so wiring the catalog in is a one-line import.
import type { SourceFile } from '../engine/source-file';

export type CardMode = 'short' | 'full';
export type ConstructCardLookup = (file: SourceFile, offset: number, mode: CardMode) => string | null;

/** null until src/cards/index.ts exports cardAt(file, offset, mode). */
export const constructCardAt: ConstructCardLookup | null = null;
