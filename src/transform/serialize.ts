// Turns a LogRecord into the JSON object the logs intake receives. The attributes shared by an origin are
// serialized once into a fragment that every log of that origin reuses; only a log's own fields (id,
// timestamp, message) are serialized per log. Logs with per-record overrides take the general path.
// Logs intake limits (https://docs.datadoghq.com/api/latest/logs/#send-logs): a log over 1 MB is truncated.
import type { LogRecord, Origin } from '../types.js';

export const MAX_LOG_BYTES = 1_000_000;
/** Room kept for the attributes around the message when truncating. */
const ATTRIBUTE_ROOM_BYTES = 16_000;
export const TRUNCATION_MARKER = '...TRUNCATED';
/** The longest message (UTF-8 bytes) sent whole; sources that read long lines cut them to this already. */
export const MAX_MESSAGE_BYTES = MAX_LOG_BYTES - ATTRIBUTE_ROOM_BYTES;

const fragments = new WeakMap<Origin, string>();

/** `,"ddsource":...,"host":...}`: everything after a log's own fields, for the fast path. */
function originFragment(origin: Origin): string {
  let fragment = fragments.get(origin);
  if (fragment === undefined) {
    const shared = JSON.stringify({ ...originFields(origin), ...origin.attributes });
    fragment = shared === '{}' ? '}' : `,${shared.slice(1)}`;
    fragments.set(origin, fragment);
  }
  return fragment;
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

export interface Serialized {
  readonly json: string;
  readonly truncated: boolean;
}

export function serialize(record: LogRecord): Serialized {
  const { message, truncated } = truncateMessage(record.message);
  const { raw } = record;
  if (!record.overrides && !record.extra && !raw.fields) {
    let own = '{';
    if (raw.id !== undefined) own += `"id":${JSON.stringify(raw.id)},`;
    if (raw.timestampMs !== undefined) own += `"timestamp":${raw.timestampMs},`;
    own += `"message":${JSON.stringify(message ?? '')}`;
    return { json: own + originFragment(record.origin), truncated };
  }
  return { json: JSON.stringify(toObject(record, message)), truncated };
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

/** Cuts a message whose UTF-8 size would take the log over the intake's limit. */
export function truncateMessage(message: string | undefined): { message: string | undefined; truncated: boolean } {
  const limit = MAX_MESSAGE_BYTES;
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short messages need no byte count.
  if (message === undefined || message.length * 3 <= limit || Buffer.byteLength(message) <= limit) {
    return { message, truncated: false };
  }
  let cut = Buffer.from(message)
    .subarray(0, limit - TRUNCATION_MARKER.length)
    .toString('utf8');
  // A cut inside a multi-byte character decodes as U+FFFD; drop it.
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return { message: cut + TRUNCATION_MARKER, truncated: true };
}
