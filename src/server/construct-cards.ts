// Hover cards on Go constructs (not findings) come from src/cards/; this is the one
// place the server looks them up. The cards escape any document text they quote.
import { cardAt } from '../cards';
import type { SourceFile } from '../engine/source-file';

export type CardMode = 'short' | 'full';
export type ConstructCardLookup = (file: SourceFile, offset: number, mode: CardMode) => string | null;

export const constructCardAt: ConstructCardLookup | null = cardAt;
