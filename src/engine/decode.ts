// Bytes on disk -> the text the engine analyses. Invalid UTF-8 is decoded with
// replacement characters (the file is still checked) and said out loud; a BOM is
// dropped, as editors drop it.
const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

export interface DecodedSource {
  text: string;
  /** Set when the bytes were not clean UTF-8. */
  notice?: string;
}

export function decodeGoSource(bytes: Uint8Array): DecodedSource {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    return {
      text: lenient.decode(bytes),
      notice: 'not valid UTF-8 (Go source must be); invalid bytes were read as U+FFFD',
    };
  }
}
