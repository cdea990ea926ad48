// The logs intake: POST /api/v2/logs, a JSON array of logs.
// Documented limits (https://docs.datadoghq.com/api/latest/logs/#send-logs): at most 1,000 entries and 5 MB
// uncompressed per request, 1 MB per log (serialize.ts truncates longer logs).
// Headers as the Datadog Forwarder v5 sends them (reference §6.2).
import type { Config } from '../config/index.js';
import type { SerializedLog } from '../types.js';
import { FORWARDER_VERSION } from '../version.js';
import type { IntakeEndpoint } from './intake-sink.js';

export const LOGS_MAX_ITEMS = 1000;
export const LOGS_MAX_BATCH_BYTES = 5_000_000;

export function logsEndpoint(config: Config, apiKey: string): IntakeEndpoint<SerializedLog> {
  const { intake } = config;
  return {
    name: 'logs',
    url: `${intake.logsUrl}/api/v2/logs`,
    headers: {
      'Content-Type': 'application/json',
      'DD-API-KEY': apiKey,
      'DD-EVP-ORIGIN': 'aws_forwarder',
      'DD-EVP-ORIGIN-VERSION': FORWARDER_VERSION,
      ...intake.logsHeaders,
    },
    contentEncoding: intake.useCompression ? 'gzip' : undefined,
    compressionLevel: intake.compressionLevel,
    maxItems: LOGS_MAX_ITEMS,
    maxBatchBytes: LOGS_MAX_BATCH_BYTES,
    encode: encodeLogs,
    sizeOf: (item) => Buffer.byteLength(item.json),
    itemIdOf: (item) => item.itemId,
    // Stored for replay as the serialized log itself, so a replay sends exactly what was meant to be sent.
    codec: { encode: (item) => item.json, decode: (json) => ({ json }) },
  };
}

/**
 * `[json,json,...]` written straight into one buffer of the exact size: no joined string the size of the batch
 * is built on the heap only to be copied again into bytes.
 */
export function encodeLogs(items: readonly SerializedLog[]): Buffer {
  let bytes = Math.max(items.length - 1, 0) + 2;
  for (const item of items) bytes += Buffer.byteLength(item.json);
  const out = Buffer.allocUnsafe(bytes);
  let offset = 0;
  out[offset++] = 0x5b; // [
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out[offset++] = 0x2c; // ,
    offset += out.write((items[i] as SerializedLog).json, offset, 'utf8');
  }
  out[offset++] = 0x5d; // ]
  return out;
}
