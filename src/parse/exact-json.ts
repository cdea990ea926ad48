// JSON.parse loses digits of integers above 2^53, and trace payloads carry int64 nanosecond timestamps
// (1586269922931758000) that the intake must receive exactly. Before parsing, integer literals too long to be
// exact are turned into marked strings (`"\u0000<digits>"`, the mark written as a JSON escape), which `exactInt` and `exactNumber` read back.
// The scan is linear and string-aware, so digits inside JSON strings are never touched.

const MARK = '\u0000';
/** 15 digits always fit a double exactly; longer literals are marked. */
const SAFE_DIGITS = 15;

export function parseExactJson(text: string): unknown {
  return JSON.parse(markLongIntegers(text));
}

function markLongIntegers(text: string): string {
  let out = '';
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfString(text, i);
      continue;
    }
    const isDigit = c >= 0x30 && c <= 0x39;
    if (!isDigit && c !== 0x2d /* - */) continue;
    let end = i + 1;
    while (end < text.length && isNumberCharAt(text, end)) end++;
    const literal = text.slice(i, end);
    const digits = literal.startsWith('-') ? literal.length - 1 : literal.length;
    if (digits > SAFE_DIGITS && /^-?\d+$/.test(literal)) {
      out += text.slice(copiedTo, i) + `"\\u0000${literal}"`;
      copiedTo = end;
    }
    i = end - 1;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

/** Digits, sign, decimal point and exponent: the characters of a JSON number token. */
function isNumberCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/** The index of the closing quote of the string opening at `start`. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}

/** An integer value as BigInt (from a number or a marked literal), or undefined when it is not an integer. */
export function exactInt(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && value.startsWith(MARK)) return BigInt(value.slice(1));
  return undefined;
}

/** A number (a marked literal becomes the nearest double), or undefined. */
export function exactNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.startsWith(MARK)) return Number(value.slice(1));
  return undefined;
}
