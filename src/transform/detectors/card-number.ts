// Payment card numbers (ISO/IEC 7812): 13 to 19 digits whose last digit is the Luhn check digit, starting with
// the issuer prefix and of a length of one of the major networks:
//   Visa 4 (13, 16, 19 digits); Mastercard 51–55, 2221–2720 (16); American Express 34, 37 (15);
//   Discover 6011, 644–649, 65 (16–19); JCB 3528–3589 (16–19); Diners Club 300–305, 3095, 36, 38, 39 (14–19);
//   UnionPay 62 (16–19); Maestro 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763 (13–19).
// Written either as one run of digits, or in groups as printed on cards and receipts: a first group of 4
// digits, then groups of 3 to 6 digits, all separated by one space or all by one dash (`4111 1111 1111 1111`,
// `3782-822463-10005`). The number has no letter or digit right before it, nor a dot (the decimals of
// 0.4111...), nor a digit and a separator (it is then the middle of a longer list of numbers); and no letter
// or digit right after it, nor a dot and a digit. When more groups follow the card's (an expiry date
// `4111 1111 1111 1111 12/27`), the longest run of groups from the first that is a card number is the card.
// Not a card number: the value of a field named like an identifier (`trace_id`, `dd.span_id`, `orderId`, `ID`;
// by the field's name, or by the name before it in the text: `"trace_id": "...`, `dd.trace_id=...`): Datadog
// trace ids are decimal numbers of up to 20 digits, one in ten of which passes the Luhn check.
import { at, charBefore, isAlnum, isDigit, isUpper, runEnd } from './chars.js';
import { NONE, type Detector } from './detector.js';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

export const cardNumber: Detector = {
  name: 'card_number',
  replacement: '[REDACTED_CARD_NUMBER]',
  minLength: MIN_DIGITS,
  findsInDigits: true,
  find(text, key) {
    if (text.length < MIN_DIGITS || (key !== undefined && isIdName(key, key.length))) return NONE;
    if (!MAY_HAVE_CARD.test(text)) return NONE;
    let spans: number[] | undefined;
    // A card number starts at a run of 4 or more digits: found natively (the expression is linear), one by one.
    // test() rather than exec(), which allocates a match for each run: the run ends at lastIndex, and starts
    // where the digits before it do (not before where this search started).
    const runs = DIGIT_RUNS;
    runs.lastIndex = 0;
    for (let from = 0; runs.test(text); from = runs.lastIndex) {
      const run = runs.lastIndex;
      let i = run - 4;
      while (i > from && isDigit(text.charCodeAt(i - 1))) i--;
      const end = startsAt(text, i) && !followsIdName(text, i) ? cardEnd(text, i, run) : -1;
      if (end > 0) (spans ??= []).push(i, end);
      runs.lastIndex = end > 0 ? end : run;
    }
    return spans ?? NONE;
  },
};

// Shared: find() runs to completion before another call.
const DIGIT_RUNS = /[0-9]{4,}/g;
// A native search (bounded repeats, linear) that skips most texts: a card number is one run of 13 or more
// digits, or a first group of 4 digits, a separator and a group of 3 or more (cardEnd).
const MAY_HAVE_CARD = /[0-9]{4}(?:[0-9]{9}|[ -][0-9]{3})/;

const isSeparator = (c: number): boolean => c === 32 || c === 45;

/** Nothing before `start` makes its digits part of something longer. */
function startsAt(text: string, start: number): boolean {
  const before = charBefore(text, start);
  if (isAlnum(before) || before === 46) return false;
  return !(isSeparator(before) && isDigit(at(text, start - 2)));
}

/** Before `start`: a name like `trace_id`, `orderId` or `ID`, then `=` or `:` (quotes and spaces around them). */
function followsIdName(text: string, start: number): boolean {
  let i = start;
  if (isQuote(at(text, i - 1))) i -= at(text, i - 2) === 92 /* \ */ ? 2 : 1;
  while (at(text, i - 1) === 32) i--;
  if (at(text, i - 1) !== 61 && at(text, i - 1) !== 58) return false;
  i--;
  while (at(text, i - 1) === 32) i--;
  if (isQuote(at(text, i - 1))) i -= at(text, i - 2) === 92 ? 2 : 1;
  return isIdName(text, i);
}

const isQuote = (c: number): boolean => c === 34 || c === 39;

/** The name that ends at `end` is an identifier's: `id` or `ID` alone, after `_`, `.` or `-`, or `Id`/`ID` in camel case. */
function isIdName(text: string, end: number): boolean {
  const d = at(text, end - 1);
  const i = at(text, end - 2);
  if ((d !== 100 && d !== 68) || (i !== 105 && i !== 73)) return false;
  const before = at(text, end - 3);
  if (!isAlnum(before)) return true;
  return i === 73 && !isUpper(before);
}

/** Nothing after `end` makes the number part of something longer. */
function endsAt(text: string, end: number): boolean {
  const after = at(text, end);
  return !isAlnum(after) && !(after === 46 && isDigit(at(text, end + 1)));
}

/** The end of the card number that starts at `start` (a run of 4 or more digits ending at `first`), or -1. */
function cardEnd(text: string, start: number, first: number): number {
  const length = first - start;
  if (length >= MIN_DIGITS) {
    return length <= MAX_DIGITS && endsAt(text, first) && isCardNumber(text.slice(start, first)) ? first : -1;
  }
  // A second group has 3 digits or more: most runs of 4 digits (a date's year) have none, and no more is done.
  if (length !== 4 || !isSeparator(at(text, first)) || !isDigit(at(text, first + 3))) return -1;
  return groupedEnd(text, start, first);
}

/** Groups after a first group of 4 digits ending at `first`: the longest run of them that is a card number. */
function groupedEnd(text: string, start: number, first: number): number {
  const separator = text.charCodeAt(first);
  const ends = [first];
  let digits = text.slice(start, first);
  const prefixes = [digits];
  for (let i = first; at(text, i) === separator && isDigit(at(text, i + 1));) {
    const end = runEnd(text, i + 1, isDigit);
    if (end - i - 1 < 3 || end - i - 1 > 6 || digits.length + end - i - 1 > MAX_DIGITS) break;
    digits += text.slice(i + 1, end);
    ends.push(end);
    prefixes.push(digits);
    i = end;
  }
  for (let k = ends.length - 1; k > 0; k--) {
    const candidate = prefixes[k]!;
    if (candidate.length >= MIN_DIGITS && endsAt(text, ends[k]!) && isCardNumber(candidate)) return ends[k]!;
  }
  return -1;
}

function isCardNumber(digits: string): boolean {
  return hasIssuerPrefix(digits) && luhn(digits);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** [first prefix, last prefix (same number of digits), lengths] per network. */
const NETWORKS: readonly (readonly [number, number, readonly number[]])[] = [
  [4, 4, [13, 16, 19]],
  [51, 55, [16]],
  [2221, 2720, [16]],
  [34, 34, [15]],
  [37, 37, [15]],
  [6011, 6011, [16, 17, 18, 19]],
  [644, 649, [16, 17, 18, 19]],
  [65, 65, [16, 17, 18, 19]],
  [3528, 3589, [16, 17, 18, 19]],
  [300, 305, [14, 15, 16, 17, 18, 19]],
  [3095, 3095, [14, 15, 16, 17, 18, 19]],
  [36, 36, [14, 15, 16, 17, 18, 19]],
  [38, 39, [14, 15, 16, 17, 18, 19]],
  [62, 62, [16, 17, 18, 19]],
  ...[5018, 5020, 5038, 5893, 6304, 6759].map((p) => [p, p, [13, 14, 15, 16, 17, 18, 19]] as const),
  [6761, 6763, [13, 14, 15, 16, 17, 18, 19]],
];

function hasIssuerPrefix(digits: string): boolean {
  for (const [low, high, lengths] of NETWORKS) {
    const prefix = Number(digits.slice(0, String(low).length));
    if (prefix >= low && prefix <= high && lengths.includes(digits.length)) return true;
  }
  return false;
}
