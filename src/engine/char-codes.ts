// The character codes the text readers compare with charCodeAt (code-reader.ts,
// go-comments.ts, unparsed-regions.ts, loop-text.ts): one list, named.
export const NEWLINE = 0x0a;
export const QUOTE = 0x22;
export const OPEN_PAREN = 0x28;
export const CLOSE_PAREN = 0x29;
export const STAR = 0x2a;
export const SLASH = 0x2f;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const BACKTICK = 0x60;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
