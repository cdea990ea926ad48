// AWS access key ids and secret access keys, as AWS writes them (IAM user guide, "Managing access keys for IAM
// users": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html, and "Unique
// identifiers": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
//
// - An access key id is `AKIA` (long-term) or `ASIA` (temporary, from STS) and 16 upper-case letters or digits,
//   20 characters, with no letter or digit right before or after it.
// - A secret access key is 40 characters of the base64 alphabet (letters, digits, `+`, `/`), with none of
//   those (nor a `=` pad) right before or after it. 40 such characters are as likely a SHA-1 in hex or a
//   slice of any base64, so it counts only in a context that says what it is:
//   1. it is the value of a field whose name says so (`aws_secret_access_key`, `SecretAccessKey`, ...), or
//   2. it follows such a name in the text, `name`, a closing quote, spaces, then `=`, `:` or `=>`, spaces
//      and an opening quote (`AWS_SECRET_ACCESS_KEY=...`, `"SecretAccessKey": "..."`, `secret_key => '...'`), or
//   3. it follows an access key id, separated only by 1 to 3 characters of `:`, `,`, `;`, `|`, a space or a
//      tab, optionally quoted (`AKIA...:wJalr...`, a CSV row `AKIA...,wJalr...`).
//   A name "says so" when, with `_`, `-`, `.` and spaces removed and lower-cased, it ends in
//   `secretaccesskey`, `secretkey` or `awssecret`.
import { at, charBefore, isAlnum, isBase64, isDigit, isUpper, runEnd } from './chars.js';
import { emptyScratch, NONE, sortPairs, type Detector } from './detector.js';

const KEY_ID_LENGTH = 20;
const SECRET_LENGTH = 40;

export const awsAccessKeyId: Detector = {
  name: 'aws_access_key_id',
  replacement: '[REDACTED_AWS_ACCESS_KEY_ID]',
  minLength: KEY_ID_LENGTH,
  find: (text) => keyIdSpans(text),
};

export const awsSecretAccessKey: Detector = {
  name: 'aws_secret_access_key',
  replacement: '[REDACTED_AWS_SECRET_ACCESS_KEY]',
  minLength: SECRET_LENGTH,
  find(text, key) {
    if (text.length < SECRET_LENGTH) return NONE;
    if (key !== undefined && namesSecret(key) && isSecretAt(text, 0) && text.length === SECRET_LENGTH) {
      return [0, SECRET_LENGTH];
    }
    return secretSpans(text);
  },
};

function keyIdSpans(text: string): readonly number[] {
  let spans: number[] | undefined;
  for (const prefix of ['AKIA', 'ASIA']) {
    for (let i = text.indexOf(prefix); i >= 0; i = text.indexOf(prefix, i + 1)) {
      if (isKeyIdAt(text, i)) (spans ??= []).push(i, i + KEY_ID_LENGTH);
    }
  }
  if (spans === undefined) return NONE;
  // Two prefixes were searched one after the other: put their spans in order.
  return spans.length > 2 ? sortPairs(spans) : spans;
}

function isKeyIdAt(text: string, i: number): boolean {
  if (isAlnum(charBefore(text, i)) || isAlnum(at(text, i + KEY_ID_LENGTH))) return false;
  if (i + KEY_ID_LENGTH > text.length) return false;
  for (let j = i + 4; j < i + KEY_ID_LENGTH; j++) {
    const c = text.charCodeAt(j);
    if (!isUpper(c) && !isDigit(c)) return false;
  }
  return true;
}

/** A secret key starts at `i`: 40 base64 characters, none (nor a pad) on either side. */
function isSecretAt(text: string, i: number): boolean {
  if (isBase64(charBefore(text, i))) return false;
  const end = runEnd(text, i, isBase64);
  return end - i === SECRET_LENGTH && at(text, end) !== 61; /* = */
}

function secretSpans(text: string): readonly number[] {
  const starts = emptyScratch();
  afterSecretNames(text, starts);
  afterKeyIds(text, starts);
  if (starts.length === 0) return NONE;
  const spans: number[] = [];
  // Two contexts may point at the same key; distinct starts cannot overlap (each is a whole 40-character run).
  for (const start of starts.sort((a, b) => a - b)) {
    if (spans[spans.length - 2] !== start && isSecretAt(text, start)) spans.push(start, start + SECRET_LENGTH);
  }
  return spans.length === 0 ? NONE : spans;
}

const isNameChar = (c: number): boolean => isAlnum(c) || c === 95 || c === 45 || c === 46;
const MAX_NAME = 64;

/** Adds where a value would start after each name that says "secret key" and its `=`, `:` or `=>`. */
function afterSecretNames(text: string, starts: number[]): void {
  // `cret` rather than `ecret`: a needle starting with a frequent letter is found more slowly.
  for (const infix of ['cret', 'CRET']) {
    for (let i = text.indexOf(infix); i >= 0;) {
      const end = runEnd(text, i, isNameChar);
      if (namesSecret(text.slice(Math.max(0, i - MAX_NAME), end))) {
        const value = afterSeparator(text, end);
        if (value >= 0) starts.push(value);
      }
      i = text.indexOf(infix, end);
    }
  }
}

/** `name` says it holds a secret key (its tail, once `_`, `-`, `.` and spaces are removed and lower-cased). */
function namesSecret(name: string): boolean {
  const plain = name.toLowerCase().replace(/[-_. ]/g, '');
  return plain.endsWith('secretaccesskey') || plain.endsWith('secretkey') || plain.endsWith('awssecret');
}

/** After a name: a closing quote, spaces, `=`, `:` or `=>`, spaces, an opening quote; -1 when not that. */
function afterSeparator(text: string, from: number): number {
  let i = skipQuote(text, from);
  i = skipBlanks(text, i);
  const c = at(text, i);
  if (c === 61 /* = */) i += at(text, i + 1) === 62 /* > */ ? 2 : 1;
  else if (c === 58 /* : */) i++;
  else return -1;
  return skipQuote(text, skipBlanks(text, i));
}

/** Adds where a value would start after an access key id: a quote, 1 to 3 of `:,;|`, space or tab, a quote. */
function afterKeyIds(text: string, starts: number[]): void {
  const ids = keyIdSpans(text);
  for (let k = 1; k < ids.length; k += 2) {
    const from = skipQuote(text, ids[k]!);
    let i = from;
    while (i - from < 3 && isPairSeparator(at(text, i))) i++;
    if (i > from) starts.push(skipQuote(text, i));
  }
}

const isPairSeparator = (c: number): boolean => c === 58 || c === 44 || c === 59 || c === 124 || c === 32 || c === 9;

/** Past one quote (`"` or `'`), itself maybe escaped with a backslash (JSON inside a string). */
function skipQuote(text: string, i: number): number {
  const j = at(text, i) === 92 /* \ */ ? i + 1 : i;
  const c = at(text, j);
  return c === 34 || c === 39 ? j + 1 : i;
}

function skipBlanks(text: string, i: number): number {
  while (at(text, i) === 32 || at(text, i) === 9) i++;
  return i;
}
