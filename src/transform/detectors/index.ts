// The built-in redaction detectors, switched on by name (FORWARDER_REDACT, a routing rule's `redact`): each
// finds one kind of secret or personal data in a value's text in linear time and replaces only what it found.
// Every detector scans the original text; where two find overlapping spans, the one earlier in PRECEDENCE
// wins (a JWT after `Bearer ` is a JWT; `::ffff:10.0.0.1` is one IPv6 address). Hits are counted per
// detector, for the summary line's `redacted`.
import { awsAccessKeyId, awsSecretAccessKey } from './aws-keys.js';
import { cardNumber } from './card-number.js';
import { isDigit } from './chars.js';
import type { Detector, TextRedactor } from './detector.js';
import { email } from './email.js';
import { ipv4, ipv6 } from './ip-address.js';
import { checkDetectorNames, type DetectorName } from '../../config/detector-names.js';
import { bearerToken, jwt } from './tokens.js';

export { DETECTOR_NAMES, type DetectorName } from '../../config/detector-names.js';

const PRECEDENCE: readonly Detector[] = [
  awsSecretAccessKey,
  awsAccessKeyId,
  jwt,
  bearerToken,
  cardNumber,
  email,
  ipv6,
  ipv4,
];

/** The detector of that name. */
export function detector(name: DetectorName): Detector {
  return PRECEDENCE.find((d) => d.name === name)!;
}

/** Counts of what each detector replaced, by name (the summary line's `redacted`). */
export type RedactionHits = Record<string, number>;

/**
 * A redactor running the named detectors; undefined when the list is empty. Throws on an unknown name
 * (callers validate first with checkDetectorNames, to report it as a configuration problem).
 */
export function detectorRedactor(names: readonly string[]): TextRedactor | undefined {
  const { problem } = checkDetectorNames(names);
  if (problem !== undefined) throw new Error(`${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
  const detectors = PRECEDENCE.filter((d) => names.includes(d.name));
  if (detectors.length === 0) return undefined;
  return { redact: (text, key, hits) => redact(detectors, text, key, hits) };
}

const DIGITS_ONLY = /^[0-9]+$/;

function redact(detectors: readonly Detector[], text: string, key?: string, hits?: RedactionHits): string {
  let found: { start: number; end: number; detector: Detector }[] | undefined;
  // Texts of digits only (CloudWatch event ids, counters) are common and can hold only a card number.
  const digitsOnly = text.length > 0 && isDigit(text.charCodeAt(0)) && DIGITS_ONLY.test(text);
  for (const detector of detectors) {
    if (text.length < detector.minLength || (digitsOnly && !detector.findsInDigits)) continue;
    const spans = detector.find(text, key);
    for (let i = 0; i < spans.length; i += 2) {
      const start = spans[i]!;
      const end = spans[i + 1]!;
      if (found?.some((f) => f.start < end && start < f.end)) continue;
      (found ??= []).push({ start, end, detector });
    }
  }
  if (found === undefined) return text;
  found.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const { start, end, detector } of found) {
    out += text.slice(from, start) + detector.replacement;
    from = end;
    if (hits) hits[detector.name] = (hits[detector.name] ?? 0) + 1;
  }
  return out + text.slice(from);
}
