// Email addresses as they appear in logs (the addr-spec of RFC 5322 §3.4.1, restricted to what people write):
// a local part of letters, digits and `._+-` (at most 64 characters, not starting or ending with a dot), `@`,
// and a domain of at least two labels separated by dots, each 1 to 63 letters, digits or `-` (not starting or
// ending with `-`), the last (the top-level domain) letters only, at least 2 (or an `xn--` IDN label); at most
// 253 characters. A dot, `-` or other character after the domain ends it. Not an email: an address whose
// local part follows `//` or `//user:` (the user information of a URL, `https://user:pass@host.example`), one
// whose domain ends in a number (`lib@1.2.3`), and a `@` with nothing before or no dotted domain after it
// (`@handle`, `root@localhost`). An email in a URL's query (`?to=jane@example.com`) is one.
// Each is replaced with `xxxxx@xxxxx.com`, REDACT_EMAIL's replacement, so switching from it keeps the output's shape.
import { at, charBefore, isAlnum, isDigit, isLower, isUpper } from './chars.js';
import { NONE, type Detector } from './detector.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

export const email: Detector = {
  name: 'email',
  replacement: 'xxxxx@xxxxx.com',
  minLength: 6, // a@b.co
  find(text) {
    let spans: number[] | undefined;
    let from = 0;
    for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
      const start = localStart(text, i, from);
      const end = start < 0 ? -1 : domainEnd(text, i + 1);
      if (end < 0 || isUrlUserInfo(text, start)) continue;
      (spans ??= []).push(start, end);
      from = i = end;
    }
    return spans ?? NONE;
  },
};

const isLocalChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 43 || c === 45;
const isDomainChar = (c: number): boolean => isAlnum(c) || c === 45 || c === 46;

/** The start of the local part that ends at the `@` at `atSign`, or -1; never before `from` (a previous match). */
function localStart(text: string, atSign: number, from: number): number {
  let i = atSign;
  while (i > from && atSign - i <= MAX_LOCAL && isLocalChar(charBefore(text, i))) i--;
  if (atSign - i > MAX_LOCAL) return -1;
  // Leading punctuation is not part of the address (`--jane@...`, `...jane@...`).
  while (i < atSign && !isAlnum(text.charCodeAt(i)) && text.charCodeAt(i) !== 95) i++;
  if (i === atSign || text.charCodeAt(atSign - 1) === 46) return -1;
  return i;
}

/** The end of a valid domain that starts at `start`, or -1. */
function domainEnd(text: string, start: number): number {
  let end = start;
  while (end - start <= MAX_DOMAIN && isDomainChar(at(text, end))) end++;
  // A dot or dash at the end belongs to the sentence (`mail jane@example.com.`).
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
  if (end - start > MAX_DOMAIN || at(text, end) === 64 /* @ */) return -1;
  const labels = text.slice(start, end).split('.');
  if (labels.length < 2 || !labels.every(isLabel)) return -1;
  return isTopLevel(labels[labels.length - 1]!) ? end : -1;
}

function isLabel(label: string): boolean {
  return label.length >= 1 && label.length <= 63 && label[0] !== '-' && label[label.length - 1] !== '-';
}

function isTopLevel(label: string): boolean {
  if (label.startsWith('xn--')) return label.length > 4;
  if (label.length < 2) return false;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (!isUpper(c) && !isLower(c)) return false;
  }
  return true;
}

/** The local part at `start` follows `//` or `//user:`: the user information of a URL. */
function isUrlUserInfo(text: string, start: number): boolean {
  let i = start;
  if (at(text, i - 1) === 58 /* : */) {
    i--;
    while (i > 0 && start - i <= MAX_LOCAL && isUserInfoChar(text.charCodeAt(i - 1))) i--;
  }
  return at(text, i - 1) === 47 && at(text, i - 2) === 47;
}

const isUserInfoChar = (c: number): boolean => isLocalChar(c) || c === 37 /* % */ || c === 126 /* ~ */ || isDigit(c);
