// Character classes the detectors' scanners test one UTF-16 code unit at a time (ASCII only: every format the
// detectors find is ASCII, and a non-ASCII character next to a match is a boundary like any other).

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isAlnum = (c: number): boolean => isDigit(c) || isUpper(c) || isLower(c);
export const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** base64url without padding (RFC 4648 §5): JWT segments. */
export const isBase64Url = (c: number): boolean => isAlnum(c) || c === 45 || c === 95;
/** The standard base64 alphabet without padding (RFC 4648 §4): AWS secret access keys. */
export const isBase64 = (c: number): boolean => isAlnum(c) || c === 43 || c === 47;

/** The code unit at `i`, or -1 outside the text (so a boundary test at either end needs no special case). */
export const at = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1);

/** The end of the run of characters of `test` that starts at `from`. */
export function runEnd(text: string, from: number, test: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && test(text.charCodeAt(i))) i++;
  return i;
}

/** The start of the run of characters of `test` that ends at `to` (exclusive); an escape ends it (charBefore). */
export function runStart(text: string, to: number, test: (c: number) => boolean): number {
  let i = to;
  while (i > 0 && test(text.charCodeAt(i - 1)) && charBefore(text, i) >= 0) i--;
  return i;
}

/** The character at `j` follows an odd number of backslashes: it is the letter of an escape (`\n`, `\"`). */
function isEscaped(text: string, j: number): boolean {
  let n = 0;
  while (j - 1 - n >= 0 && text.charCodeAt(j - 1 - n) === 92) n++;
  return n % 2 === 1;
}

/**
 * The character before `i`, or -1 at the start of the text or when it ends an escape sequence (`\n`, `\t`,
 * `\u00e9`): text is often JSON inside a value (`"trace:\nAKIA..."`), where `n` is not a letter of the word
 * after it. A match then starts after the escape, which is kept whole (replacing its letter would leave an
 * invalid escape in the JSON text).
 */
export function charBefore(text: string, i: number): number {
  const c = at(text, i - 1);
  if (c < 0) return c;
  if (at(text, i - 2) === 92 && isEscaped(text, i - 1)) return -1;
  if (isHex(c) && at(text, i - 6) === 92 && at(text, i - 5) === 117 /* u */ && isEscaped(text, i - 5)) {
    for (let j = i - 4; j < i - 1; j++) if (!isHex(text.charCodeAt(j))) return c;
    return -1;
  }
  return c;
}
