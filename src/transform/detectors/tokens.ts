// Bearer tokens (RFC 6750 §2.1: `Authorization: Bearer <b64token>`) and JSON Web Tokens (RFC 7519, in the JWS
// compact serialization of RFC 7515 §7.1: three base64url segments joined by dots).
//
// - A bearer token is what follows the word `Bearer` (`Bearer`, `bearer` or `BEARER`, not the end of a longer word such as
//   "pallbearer") and one or more spaces or tabs: a run of the b64token alphabet (letters, digits,
//   `-._~+/`) and its `=` padding, at least 16 characters long (padding excluded), not all lower-case letters
//   (so "the bearer of bad news" and "Bearer undefined" are prose). Only the token is replaced: `Bearer ` stays.
// - A JWT is three runs of the base64url alphabet (letters, digits, `-`, `_`) joined by two dots, with no such
//   character before it, nor a dot (a five-segment JWE is not one), nor after it a dot and such a character (a
//   dot ending a sentence is fine), whose first segment (at most 8 KB)
//   decodes to a JSON object with a string `alg`, whose second segment is not empty, and whose third is empty
//   only when `alg` is `none` (an unsecured JWT).
import { at, charBefore, isBase64Url, isLower, runEnd } from './chars.js';
import { emptyScratch, NONE, sortPairs, type Detector } from './detector.js';

const MIN_BEARER_LENGTH = 16;
const MAX_JWT_HEADER = 8192;

export const bearerToken: Detector = {
  name: 'bearer_token',
  replacement: '[REDACTED_BEARER_TOKEN]',
  minLength: 'Bearer '.length + MIN_BEARER_LENGTH,
  find(text) {
    // Three spellings searched natively (a needle starting with a frequent letter, such as `earer`, is slower).
    const spans = emptyScratch();
    for (const word of BEARER_WORDS) bearerSpans(text, word, spans);
    return spans.length === 0 ? NONE : sortPairs(spans);
  },
};

export const jwt: Detector = {
  name: 'jwt',
  replacement: '[REDACTED_JWT]',
  minLength: 'eyJhbGciOiJub25lIn0.e30.'.length, // {"alg":"none"}.{}. with no signature
  find(text) {
    // A header is a JSON object: its base64url starts with `eyJ` (`{"`), `eyA` (`{ "`) or `ewo` and `g`, `i` or
    // `J` (`{`, a line feed and a space, `"` or tab). Needles without the `e` are rarer in text, so found faster.
    const spans = emptyScratch();
    for (const needle of JWT_NEEDLES) jwtSpans(text, needle, spans);
    return spans.length === 0 ? NONE : sortPairs(spans);
  },
};

const BEARER_WORDS = ['Bearer', 'bearer', 'BEARER'];
/** Each needle is found one character after the header's first, `e`. */
const JWT_NEEDLES = ['yJ', 'yA', 'wog', 'woi', 'woJ'];

const isB64Token = (c: number): boolean =>
  isBase64Url(c) || c === 46 /* . */ || c === 126 /* ~ */ || c === 43 /* + */ || c === 47; /* / */

/** Adds the tokens after each `tail` (a spelling of Bearer) to `spans`. */
function bearerSpans(text: string, tail: string, spans: number[]): void {
  for (let i = text.indexOf(tail); i >= 0; i = text.indexOf(tail, i + 1)) {
    if (isB64Token(charBefore(text, i))) continue;
    let start = i + tail.length;
    if (at(text, start) !== 32 && at(text, start) !== 9) continue;
    while (at(text, start) === 32 || at(text, start) === 9) start++;
    const end = runEnd(text, start, isB64Token);
    if (end - start < MIN_BEARER_LENGTH || allLower(text, start, end)) continue;
    spans.push(
      start,
      runEnd(text, end, (c) => c === 61 /* = */),
    );
    i = end;
  }
}

function allLower(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isLower(text.charCodeAt(i))) return false;
  return true;
}

/** Adds the JWTs whose header starts with `e` right before each `needle`. */
function jwtSpans(text: string, needle: string, spans: number[]): void {
  for (let found = text.indexOf(needle); found >= 0; found = text.indexOf(needle, found + 1)) {
    const i = found - 1;
    if (at(text, i) !== 101 /* e */) continue;
    const before = charBefore(text, i);
    if (isBase64Url(before) || before === 46) continue;
    const headerEnd = runEnd(text, i, isBase64Url);
    if (at(text, headerEnd) !== 46) continue;
    const payloadEnd = runEnd(text, headerEnd + 1, isBase64Url);
    if (payloadEnd === headerEnd + 1 || at(text, payloadEnd) !== 46) continue;
    const end = runEnd(text, payloadEnd + 1, isBase64Url);
    if (at(text, end) === 46 && isBase64Url(at(text, end + 1))) continue;
    const alg = headerAlg(text.slice(i, headerEnd));
    if (alg === undefined || (end === payloadEnd + 1 && alg !== 'none')) continue;
    spans.push(i, end);
    found = end;
  }
}

/** The `alg` of a JOSE header in base64url, or undefined when it is not one. */
function headerAlg(segment: string): string | undefined {
  if (segment.length > MAX_JWT_HEADER) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
    const { alg } = header as { alg?: unknown };
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}
