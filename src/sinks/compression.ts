// Request body compression, on zlib's thread pool. The logs intake takes zstd: the Datadog Agent sends logs to
// /api/v2/logs with `Content-Encoding: zstd` at level 1 by default (its logs_config.compression_kind and
// logs_config.zstd_compression_level), which costs a fraction of gzip level 6's CPU for a similar size. gzip
// stays for what asks for it (FORWARDER_LOGS_COMPRESSION=gzip, additional endpoints that may not accept zstd)
// and deflate for the metrics intake, as the Datadog Forwarder sends it. An intake that refuses zstd (415, or a
// 400 naming the encoding) gets the batch again in gzip, and gzip from then on for the container's life.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type ContentCoding = 'zstd' | 'gzip' | 'deflate';

/** The Datadog Agent's default zstd level for logs; DD_COMPRESSION_LEVEL is gzip's and deflate's level. */
const ZSTD_LEVEL = 1;

const gzipAsync = promisify(zlib.gzip);
const deflateAsync = promisify(zlib.deflate);
// Node has zstd from 22.15 (and 23.8): Lambda's nodejs22.x runtime has it. `typeof` keeps older Nodes loading
// this module; on them the logs intake gets gzip (logs-intake.ts asks zstdAvailable).
const zstdAsync = typeof zlib.zstdCompress === 'function' ? promisify(zlib.zstdCompress) : undefined;

export const zstdAvailable = zstdAsync !== undefined;

/** The compressed body. `level` applies to gzip and deflate; zstd runs at ZSTD_LEVEL. */
export function compress(body: Buffer, coding: ContentCoding, level: number): Promise<Buffer> {
  if (coding === 'zstd') {
    if (!zstdAsync) return Promise.reject(new Error(`zstd needs Node 22.15 or later (this is ${process.version})`));
    // zstd's own output chunk (ZSTD_CStreamOutSize, 128 KB): a larger one, as gzip takes below, cost the main
    // thread several milliseconds a batch before the work reached the thread pool (5 MB batches, Node 24:
    // 11.6 against 8.6 ms of CPU a batch, 6 against 0.4 ms on the main thread).
    const params = { [zlib.constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL };
    return zstdAsync(body, { params });
  }
  // One output chunk that holds the whole compressed batch (JSON logs compress about 10:1) means one trip to
  // the thread pool per batch instead of one per 16 KB of output.
  const chunkSize = Math.max(64 * 1024, body.length >> 2);
  if (coding === 'deflate') return deflateAsync(body, { level, chunkSize });
  return gzipAsync(body, { level, chunkSize });
}

/**
 * Whether an answer to a zstd body says the intake does not take zstd: 415 Unsupported Media Type, or a 400 whose
 * body names the encoding (a proxy that cannot decode it). Any other 400 is the payload's, and is not retried.
 */
export function refusesCoding(status: number, body: string): boolean {
  return status === 415 || (status === 400 && /zstd|encoding/i.test(body));
}

/**
 * The intakes (by URL) that refused zstd, kept for the container's life (deps.ts builds one), so that only the
 * first batch after a cold start pays for the refusal.
 */
export class RefusedCodings {
  private readonly urls = new Set<string>();

  refused(url: string): boolean {
    return this.urls.has(url);
  }

  remember(url: string): void {
    this.urls.add(url);
  }
}
