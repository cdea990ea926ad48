// The logs intake: POST /api/v2/logs, a JSON array of logs.
// Documented limits (https://docs.datadoghq.com/api/latest/logs/#send-logs): at most 1,000 entries and 5 MB
// uncompressed per request, 1 MB per log (serialize.ts truncates longer logs).
// Headers as the Datadog Forwarder v5 sends them (datadog-serverless-functions aws/logs_monitoring/forwarders, 5.4.11);
// the body in zstd by default, as the Datadog Agent sends logs (compression.ts).
import type { Config } from '../config/index.js';
import type { SerializedLog } from '../types.js';
import { FORWARDER_VERSION } from '../version.js';
import { zstdAvailable, type ContentCoding } from './compression.js';
import type { IntakeEndpoint } from './intake-sink.js';
import { jsonArrayFrame } from './request-body.js';

const LOGS_MAX_ITEMS = 1000;
const LOGS_MAX_BATCH_BYTES = 5_000_000;

const LOGS_FRAME = jsonArrayFrame();

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
    contentEncoding: logsCoding(config),
    compressionLevel: intake.compressionLevel,
    maxItems: LOGS_MAX_ITEMS,
    maxBatchBytes: LOGS_MAX_BATCH_BYTES,
    frame: LOGS_FRAME,
    // Stored for replay as the serialized log itself, so a replay sends exactly what was meant to be sent.
    bytesOf: (item) => (item.tail === undefined ? item.json : [item.json, item.tail]),
    itemIdOf: (item) => item.itemId,
  };
}

/** zstd unless gzip is asked for (or Node has no zstd); none when DD_USE_COMPRESSION is false. */
function logsCoding({ intake }: Config): ContentCoding | undefined {
  if (!intake.useCompression) return undefined;
  return intake.logsCompression === 'zstd' && zstdAvailable ? 'zstd' : 'gzip';
}
