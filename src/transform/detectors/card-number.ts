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
import { at, charBefore, isAlnum, isDigit, runEnd } from './chars.js';
import { NONE, type Detector } from './detector.js';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

export const cardNumber: Detector = {
  name: 'card_number',
  replacement: '[REDACTED_CARD_NUMBER]',
  find(text) {
    if (text.length < MIN_DIGITS) return NONE;
    let spans: number[] | undefined;
    const fourDigits = FOUR_DIGITS;
    fourDigits.lastIndex = 0;
    for (let hit = fourDigits.exec(text); hit !== null; hit = fourDigits.exec(text)) {
      const start = hit.index;
      const end = startsAt(text, start) ? cardEnd(text, start) : -1;
      if (end > 0) (spans ??= []).push(start, end);
      fourDigits.lastIndex = end > 0 ? end : runEnd(text, start, isDigit);
    }
    return spans ?? NONE;
  },
};

// Every card number starts with a run of at least 4 digits: this expression (one bounded repeat, linear) finds
// those runs natively, so a text without one costs one native scan. Shared: find() runs to completion.
const FOUR_DIGITS = /[0-9]{4}/g;

const isSeparator = (c: number): boolean => c === 32 || c === 45;

/** Nothing before `start` makes its digits part of something longer. */
function startsAt(text: string, start: number): boolean {
  const before = charBefore(text, start);
  if (isAlnum(before) || before === 46) return false;
  return !(isSeparator(before) && isDigit(at(text, start - 2)));
}

/** Nothing after `end` makes the number part of something longer. */
function endsAt(text: string, end: number): boolean {
  const after = at(text, end);
  return !isAlnum(after) && !(after === 46 && isDigit(at(text, end + 1)));
}

/** The end of the card number that starts at `start` (a run of 4 or more digits), or -1. */
function cardEnd(text: string, start: number): number {
  const first = runEnd(text, start, isDigit);
  const length = first - start;
  if (length >= MIN_DIGITS) {
    return length <= MAX_DIGITS && endsAt(text, first) && isCardNumber(text.slice(start, first)) ? first : -1;
  }
  if (length !== 4 || !isSeparator(at(text, first))) return -1;
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

export function isCardNumber(digits: string): boolean {
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
