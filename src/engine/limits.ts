// The limits that keep one document from costing an editor (or a CI run) its
// responsiveness, and the words for them. A file over the size limit is not analysed
// at all (the editor may still parse it for hovers, within a time budget); any other
// analysis runs under a time budget (see deadline.ts) and says so when it ran out.

/** Files larger than this are not analysed unless the user raises the limit. */
export const DEFAULT_MAX_FILE_SIZE_KB = 1024;

/** The number of bytes `text` takes in UTF-8 (what a file on disk holds). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a surrogate pair: one astral character
        i++;
      } else bytes += 3; // a lone surrogate, written as U+FFFD
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The text's size in KB (rounded up) when it is over `maxKB`, else undefined. Texts
 * short enough to be under the limit whatever they hold (UTF-8 takes at most three
 * bytes per UTF-16 unit) are not measured.
 */
export function sizeOverLimitKB(text: string, maxKB: number): number | undefined {
  const maxBytes = maxKB * 1024;
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = utf8Length(text);
  return bytes > maxBytes ? Math.ceil(bytes / 1024) : undefined;
}

/** Why a file over the size limit was not analysed; `raise` says how to raise the limit. */
export function sizeLimitMessage(sizeKB: number, maxKB: number, raise: string): string {
  return `not analysed: ${withThousands(sizeKB)} KB is over the ${withThousands(maxKB)} KB limit (${raise})`;
}

/**
 * 1234567 -> "1,234,567" (as toLocaleString('en-US') writes whole numbers, without
 * loading the Intl data: that costs the CLI ~10 ms the first time).
 */
export function withThousands(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Why the findings of an analysis that ran out of time are incomplete. */
export function timeBudgetMessage(stoppedAfterMs: number): string {
  return `analysis stopped after ${(stoppedAfterMs / 1000).toFixed(1)} s (the file is very large or very deeply nested): findings may be incomplete`;
}

/** A message above as a sentence of its own, for an editor: "Go for TS: Not analysed: …." */
export function asSentence(message: string): string {
  return `Go for TS: ${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

/**
 * Where the text holds a NUL character (U+0000), and why that matters: Go rejects
 * it, and the parser takes it for the end of the comment or string it is in, so what
 * follows may be misread. Undefined when there is none.
 */
export function nulCharacterNotice(text: string): { offset: number; message: string } | undefined {
  const offset = text.indexOf('\u0000');
  if (offset < 0) return undefined;
  return {
    offset,
    message: 'this file holds a NUL character, which Go source cannot contain: the code after it may be misread, so findings there may be missing',
  };
}
