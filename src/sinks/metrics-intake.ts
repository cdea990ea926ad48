// The metrics intake: POST <DD_API_URL>/api/v1/distribution_points, `{"series": [...]}` of distributions, deflated
// and authenticated with the DD-API-KEY header, as the Datadog Forwarder's metrics client sends it
// (datadog-serverless-functions aws/logs_monitoring/lambda_function.py, with the datadog-lambda layer's `datadog`
// client, 5.4.11:
// deflate regardless of DD_USE_COMPRESSION). Documented limits (https://docs.datadoghq.com/api/latest/metrics/):
// 3.2 MB compressed and 62 MB uncompressed per request; a batch is kept under 3 MB uncompressed so it fits either way.
import type { Config } from '../config/index.js';
import type { MetricItem } from '../signals/metrics/metric-point.js';
import type { IntakeEndpoint } from './intake-sink.js';
import { jsonArrayFrame } from './request-body.js';

const METRICS_MAX_ITEMS = 5000;
const METRICS_MAX_BATCH_BYTES = 3_000_000;

const SERIES_FRAME = jsonArrayFrame('{"series":[', ']}');

export function metricsEndpoint(config: Config, apiKey: string, name = 'metrics'): IntakeEndpoint<MetricItem> {
  return {
    name,
    url: `${config.metrics.apiUrl}/api/v1/distribution_points`,
    headers: { 'Content-Type': 'application/json', 'DD-API-KEY': apiKey },
    contentEncoding: 'deflate',
    compressionLevel: config.intake.compressionLevel,
    maxItems: METRICS_MAX_ITEMS,
    maxBatchBytes: METRICS_MAX_BATCH_BYTES,
    frame: SERIES_FRAME,
    bytesOf: (item) => item.json,
    itemIdOf: (item) => item.itemId,
  };
}
