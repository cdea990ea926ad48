// A metric point as the metrics intake takes it: one distribution series of the v1 distribution points API
// (`POST /api/v1/distribution_points`, body `{"series": [...]}`), shaped as the Datadog Forwarder's client
// (datadogpy) sends it (datadog-serverless-functions aws/logs_monitoring/lambda_function.py, with the datadog-lambda
// layer's `datadog` client, 5.4.11): `{"metric", "points": [[<epoch seconds>, [<value>]]], "type":
// "distribution", "host": null, "device": null, "tags": [...], "interval": 10}`.
// https://docs.datadoghq.com/api/latest/metrics/ (distribution points share the series format)

export interface MetricPoint {
  readonly metric: string;
  readonly value: number;
  /** Whole epoch seconds: the intake's unit (the Datadog Forwarder passes CloudWatch's milliseconds, a bug). */
  readonly timestampSeconds: number;
  readonly tags: readonly string[];
}

/** A serialized series and the trigger item (SQS message, Kinesis record) it came from. */
export interface MetricItem {
  readonly json: string;
  readonly itemId?: string;
}

/** datadogpy's flush interval, which it sends with every distribution series. */
const INTERVAL_SECONDS = 10;

export function toSeriesJson(point: MetricPoint): string {
  return JSON.stringify({
    metric: point.metric,
    points: [[point.timestampSeconds, [point.value]]],
    type: 'distribution',
    host: null,
    device: null,
    tags: point.tags,
    interval: INTERVAL_SECONDS,
  });
}

/** Epoch milliseconds to the whole seconds the intake takes. */
export function toEpochSeconds(timestampMs: number): number {
  return Math.floor(timestampMs / 1000);
}
