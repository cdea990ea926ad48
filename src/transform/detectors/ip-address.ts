// IPv4 (RFC 791 dotted decimal) and IPv6 (RFC 4291 §2.2) addresses in text.
//
// - IPv4: four decimal numbers from 0 to 255 (1 to 3 digits each) joined by dots, with no letter, digit or
//   dot right before it and no letter or digit right after it, nor a dot and a digit: `1.2.3.4.5`, `v1.2.3.4`
//   and `10.0.19041.1` are not addresses. Nor is one that follows the word `version` (`version 1.2.3.4`,
//   `version=1.2.3.4`). Replaced with `xxx.xxx.xxx.xxx`, REDACT_IP's replacement.
// - IPv6: groups of 1 to 4 hex digits joined by colons, either 8 groups, or fewer around one `::` (which stands
//   for one or more zero groups), the last two groups possibly written as an IPv4 address (`::ffff:10.0.0.1`);
//   at least one group (`::` alone is a separator in prose and code, not an address). No letter, digit, dot
//   or colon right before it (`std::min`), except one colon after a name (`addr:fe80::1`); no letter or digit
//   right after it. A zone (`%eth0`) is not part of it; brackets and a port around it (`[2001:db8::1]:443`) stay.
//   Times (`12:34:56`) and MAC addresses (`00:1a:2b:3c:4d:5e`) have too few groups. Replaced with `[REDACTED_IPV6]`.
import { at, charBefore, isAlnum, isDigit, isHex, runEnd, runStart } from './chars.js';
import { NONE, type Detector } from './detector.js';

export const ipv4: Detector = {
  name: 'ipv4',
  replacement: 'xxx.xxx.xxx.xxx',
  minLength: 7, // 0.0.0.0
  find(text) {
    if (!MAY_HAVE_IPV4.test(text)) return NONE;
    let spans: number[] | undefined;
    for (let dot = text.indexOf('.'); dot >= 0;) {
      if (!isDigit(at(text, dot - 1)) || !isDigit(at(text, dot + 1))) {
        dot = text.indexOf('.', dot + 1);
        continue;
      }
      const start = runStart(text, dot, isDottedChar);
      let end = runEnd(text, dot, isDottedChar);
      const next = end;
      while (text.charCodeAt(end - 1) === 46) end--;
      if (isIpv4At(text, start, end)) (spans ??= []).push(start, end);
      dot = text.indexOf('.', next);
    }
    return spans ?? NONE;
  },
};

export const ipv6: Detector = {
  name: 'ipv6',
  replacement: '[REDACTED_IPV6]',
  minLength: 3, // ::1
  find(text) {
    if (!MAY_HAVE_IPV6.test(text)) return NONE;
    let spans: number[] | undefined;
    for (let colon = text.indexOf(':'); colon >= 0;) {
      let start = runStart(text, colon, isIpv6Char);
      let end = runEnd(text, colon, isIpv6Char);
      const next = end;
      while (text.charCodeAt(end - 1) === 46) end--;
      // One colon at either end separates the address from a name or from what follows; two are part of it.
      if (text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58) end--;
      if (text.charCodeAt(start) === 58 && text.charCodeAt(start + 1) !== 58) start++;
      if (end - start >= 3 && isIpv6At(text, start, end)) (spans ??= []).push(start, end);
      colon = text.indexOf(':', next);
    }
    return spans ?? NONE;
  },
};

// A native search (bounded repeats, linear) that skips most texts: an IPv4 address has four dotted numbers.
const MAY_HAVE_IPV4 = /[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]/;

// Likewise for IPv6: an address has a `::`, or else 8 groups (the last two maybe an IPv4 address), so a colon
// and 5 hex groups each followed by a colon. Written to start with the colon: V8 then looks for colons only (a
// pattern that starts with a hex group is tried at every letter a-f and digit, several times slower).
const MAY_HAVE_IPV6 = /:(?::|(?:[0-9A-Fa-f]{1,4}:){5})/;

const isDottedChar = (c: number): boolean => isDigit(c) || c === 46;
const isIpv6Char = (c: number): boolean => isHex(c) || c === 58 || c === 46;

function isIpv4At(text: string, start: number, end: number): boolean {
  if (isAlnum(charBefore(text, start)) || isAlnum(at(text, end))) return false;
  if (!isIpv4(text.slice(start, end))) return false;
  return !/version[\s:="']*$/i.test(text.slice(Math.max(0, start - 12), start));
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 && parts.every((p) => p.length >= 1 && p.length <= 3 && /^[0-9]+$/.test(p) && Number(p) <= 255)
  );
}

function isIpv6At(text: string, start: number, end: number): boolean {
  const before = charBefore(text, start);
  if (isAlnum(before) || before === 46) return false;
  return !isAlnum(at(text, end)) && isIpv6(text.slice(start, end));
}

function isIpv6(text: string): boolean {
  const gap = text.indexOf('::');
  if (gap >= 0 && text.indexOf('::', gap + 1) >= 0) return false;
  const groups = gap < 0 ? text.split(':') : [...split(text.slice(0, gap)), ...split(text.slice(gap + 2))];
  const last = groups[groups.length - 1];
  const v4 = last !== undefined && last.includes('.');
  if (v4 && !isIpv4(last)) return false;
  const hexGroups = v4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => g.length >= 1 && g.length <= 4 && [...g].every((c) => isHex(c.charCodeAt(0))))) {
    return false;
  }
  const count = groups.length + (v4 ? 1 : 0);
  return gap < 0 ? count === 8 : count >= 1 && count <= 7;
}

const split = (part: string): string[] => (part === '' ? [] : part.split(':'));
