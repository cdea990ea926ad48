// Turns a LogRecord into the JSON object the logs intake receives. The attributes shared by an origin are
// serialized once into a fragment that every log of that origin reuses; only a log's own fields (id,
// timestamp, message) are serialized per log. Logs with per-record overrides take the general path.
// Logs intake limits (https://docs.datadoghq.com/api/latest/logs/#send-logs): a log over 1 MB is truncated.
// Every log sent is at most MAX_LOG_BYTES as written, whatever makes it large: its message is cut first; when
// its other fields alone are over the limit, it is sent as text (withinLogLimit).
import { MAX_LOG_BYTES, MAX_MESSAGE_BYTES, TRUNCATION_MARKER } from '../log-limits.js';
import { stringifyJson } from '../parse/stringify-json.js';
import type { LogRecord, Origin } from '../types.js';

/** The end of a log's JSON that every log of an origin shares, as text and as the UTF-8 bytes written into batches. */
interface Fragment {
  readonly text: string;
  readonly bytes: Buffer;
}

const fragments = new WeakMap<Origin, Fragment>();

function fragment(text: string): Fragment {
  return { text, bytes: Buffer.from(text) };
}

/** `,"ddsource":...,"host":...}`: everything after a log's own fields, for the fast path. */
function originFragment(origin: Origin): Fragment {
  let cached = fragments.get(origin);
  if (cached === undefined) {
    const shared = JSON.stringify({ ...originFields(origin), ...origin.attributes });
    cached = fragment(shared === '{}' ? '}' : `,${shared.slice(1)}`);
    fragments.set(origin, cached);
  }
  return cached;
}

function originFields(origin: Origin): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    ddsource: origin.ddsource,
    ddsourcecategory: 'aws',
    ddtags: origin.tags.join(','),
  };
  if (origin.service !== '') fields.service = origin.service;
  if (origin.host !== undefined) fields.host = origin.host;
  return fields;
}

interface Serialized {
  readonly json: string;
  readonly truncated: boolean;
}

/**
 * A log as it is written into a request body: its own fields (`head`), then, for most logs, the fragment its
 * origin's logs share (`tail`), whose bytes are encoded once per origin and copied, so a log's JSON is never
 * built as one string. Without `tail`, `head` is the whole JSON.
 */
export interface SerializedParts {
  readonly head: string;
  readonly tail?: Fragment;
  readonly truncated: boolean;
}

/** The log's JSON as one string. */
export function serialize(record: LogRecord): Serialized {
  const { head, tail, truncated } = serializeParts(record);
  return { json: tail === undefined ? head : head + tail.text, truncated };
}

export function serializeParts(record: LogRecord): SerializedParts {
  let { message } = record;
  let truncated = false;
  // Most messages are too short to need a byte count (see truncateMessage); they cost no call and no object.
  if (message !== undefined && message.length * 6 > MAX_MESSAGE_BYTES) {
    ({ message, truncated } = truncateMessage(message));
  }
  const parts = partsOf(record, message, truncated);
  const { head, tail } = parts;
  // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4), so most logs need no count.
  if ((head.length + (tail?.text.length ?? 0)) * 3 <= MAX_LOG_BYTES) return parts;
  if (Buffer.byteLength(head) + (tail?.bytes.length ?? 0) <= MAX_LOG_BYTES) return parts;
  return { head: withinLogLimit(toObject(record, message)), truncated: true };
}

function partsOf(record: LogRecord, message: string | undefined, truncated: boolean): SerializedParts {
  const { raw } = record;
  if (!record.overrides && !raw.fields && message !== undefined) {
    let own = '{';
    if (raw.id !== undefined) own += `"id":${JSON.stringify(raw.id)},`;
    if (raw.timestampMs !== undefined) own += `"timestamp":${raw.timestampMs},`;
    own += `"message":${JSON.stringify(message)}`;
    if (!record.extra) return { head: own, tail: originFragment(record.origin), truncated };
    const withExtra = extraFastPath(own, record.origin, record.extra);
    if (withExtra !== undefined) return { ...withExtra, truncated };
  }
  return { head: stringifyJson(toObject(record, message))!, truncated };
}

const ORIGIN_FIELD_NAMES = new Set(['ddsource', 'ddsourcecategory', 'ddtags', 'service', 'host']);
const fragmentsWithout = new WeakMap<Origin, Map<string, Fragment>>();
const attributeJson = new WeakMap<Origin, Map<string, string>>();

/**
 * Per-record attributes (trace ids, request id: most Lambda logs have one) without leaving the fast path: each
 * is written as it comes, an object merged into the origin attribute of the same name (`lambda`) by joining
 * the two JSON texts, and the origin's fragment without those attributes is cached. String work only: the
 * general path (toObject + stringify) measured several times slower per log. Undefined when an extra would
 * replace an origin field or overlap an origin attribute's keys; the general path handles those.
 */
function extraFastPath(
  own: string,
  origin: Origin,
  extra: Readonly<Record<string, unknown>>,
): { head: string; tail: Fragment } | undefined {
  let out = own;
  let omitted = '';
  for (const key in extra) {
    if (ORIGIN_FIELD_NAMES.has(key)) return undefined;
    const value = extra[key];
    const shared = origin.attributes[key];
    if (shared === undefined) {
      out += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
      continue;
    }
    if (!isPlainObject(value) || !isPlainObject(shared)) return undefined;
    for (const inner in value) if (inner in shared) return undefined;
    const valueJson = JSON.stringify(value);
    const sharedJson = cached(attributeJson, origin, key, () => JSON.stringify(shared));
    const joined =
      valueJson === '{}'
        ? sharedJson
        : sharedJson === '{}'
          ? valueJson
          : `${sharedJson.slice(0, -1)},${valueJson.slice(1)}`;
    out += `,${JSON.stringify(key)}:${joined}`;
    omitted += omitted === '' ? key : `,${key}`;
  }
  if (omitted === '') return { head: out, tail: originFragment(origin) };
  const tail = cached(fragmentsWithout, origin, omitted, () => {
    const omit = omitted.split(',');
    const attributes = Object.fromEntries(Object.entries(origin.attributes).filter(([k]) => !omit.includes(k)));
    return fragment(`,${JSON.stringify({ ...originFields(origin), ...attributes }).slice(1)}`);
  });
  return { head: out, tail };
}

function cached<T>(cache: WeakMap<Origin, Map<string, T>>, origin: Origin, key: string, make: () => T): T {
  let byKey = cache.get(origin);
  if (byKey === undefined) cache.set(origin, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The whole record as an object: the general path, and what the filter sees for logs without a message. */
export function toObject(record: LogRecord, message = record.message): Record<string, unknown> {
  const { raw, origin } = record;
  const object: Record<string, unknown> = { ...raw.fields };
  if (raw.id !== undefined) object.id = raw.id;
  if (raw.timestampMs !== undefined) object.timestamp = raw.timestampMs;
  if (message !== undefined) object.message = message;
  Object.assign(object, originFields(origin));
  for (const [key, value] of Object.entries(origin.attributes)) object[key] = mergeObjects(object[key], value);
  if (record.overrides) Object.assign(object, record.overrides);
  for (const [key, value] of Object.entries(record.extra ?? {})) object[key] = mergeObjects(object[key], value);
  return object;
}

function mergeObjects(a: unknown, b: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  return isObject(a) && isObject(b) ? { ...a, ...b } : b;
}

/**
 * Cuts a message whose size in the log as sent (JSON-escaped UTF-8) would take the log over the intake's limit.
 * Escaping counts: a control character is 6 bytes once written as `\u0001`, a quote or newline 2.
 */
export function truncateMessage(message: string | undefined): { message: string | undefined; truncated: boolean } {
  const limit = MAX_MESSAGE_BYTES;
  // A UTF-16 code unit is at most 6 bytes once escaped, so short messages need no byte count.
  if (message === undefined || message.length * 6 <= limit || jsonBytes(message) <= limit) {
    return { message, truncated: false };
  }
  const cut = fittingPrefixLength(message, limit - TRUNCATION_MARKER.length);
  return { message: message.slice(0, cut) + TRUNCATION_MARKER, truncated: true };
}

/** What a log over the limit keeps as it is when its other fields are folded into its message (below 64 KB each). */
const KEPT_FIELDS = ['id', 'timestamp', 'ddsource', 'ddsourcecategory', 'ddtags', 'service', 'host'];
const MAX_KEPT_FIELD_BYTES = 64_000;
/** Below this much room for its message, a log's other fields are folded into it. */
const MIN_MESSAGE_BYTES = 16_000;

/**
 * A log over the intake's limit once written, although its message alone fits: its attributes are large (the
 * origin's tags or attributes, a message's own ddtags, a structured record's fields). Its message is cut to the
 * room the rest leaves. When the rest leaves too little room (under MIN_MESSAGE_BYTES), the log is sent as
 * text: the fields the intake indexes it by (KEPT_FIELDS, each cut to MAX_KEPT_FIELD_BYTES), and a message that
 * is the JSON of all its other fields (its message included), cut to fit. Either way it ends in the marker.
 */
function withinLogLimit(object: Record<string, unknown>): string {
  const { message } = object;
  if (typeof message === 'string') {
    const restBytes = Buffer.byteLength(stringifyJson({ ...object, message: '' })!) - 2;
    const room = MAX_LOG_BYTES - restBytes;
    if (room >= MIN_MESSAGE_BYTES) return stringifyJson({ ...object, message: cut(message, room) })!;
  }
  const kept: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!KEPT_FIELDS.includes(key)) rest[key] = value;
    else kept[key] = typeof value === 'string' ? cut(value, MAX_KEPT_FIELD_BYTES) : value;
  }
  const { id, timestamp, ...origin } = kept;
  const keptBytes = Buffer.byteLength(stringifyJson({ id, timestamp, message: '', ...origin })!) - 2;
  const text = cut(stringifyJson(rest) ?? '', MAX_LOG_BYTES - keptBytes);
  return stringifyJson({ id, timestamp, message: text, ...origin })!;
}

/** `text` as is when it fits in `budget` bytes as a JSON string, else its longest prefix that fits with the marker. */
function cut(text: string, budget: number): string {
  if (text.length * 6 + 2 <= budget || jsonBytes(text) <= budget) return text;
  return text.slice(0, fittingPrefixLength(text, budget - TRUNCATION_MARKER.length)) + TRUNCATION_MARKER;
}

/** Bytes of a string written as a JSON string, quotes included. */
function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text));
}

/**
 * How many UTF-16 code units of `text` fit in `budget` bytes once written as a JSON string (as JSON.stringify
 * writes it), quotes included; never ending inside a surrogate pair. One pass, no copies.
 */
function fittingPrefixLength(text: string, budget: number): number {
  let used = 2;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let size = 3;
    let width = 1;
    if (code < 0x20) size = SHORT_ESCAPED.has(code) ? 2 : 6;
    else if (code === 0x22 || code === 0x5c) size = 2;
    else if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      const pair = code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      size = pair ? 4 : 6;
      width = pair ? 2 : 1;
    }
    if (used + size > budget) break;
    used += size;
    i += width;
  }
  return i;
}

/** \b \t \n \f \r: the control characters JSON writes in two bytes. */
const SHORT_ESCAPED = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
