// How the forwarder answers each intake status: the one table. Limits and codes from the logs intake's
// documentation (https://docs.datadoghq.com/api/latest/logs/#send-logs), which the metrics and trace intakes share.

export type StatusAction =
  /** Accepted. */
  | 'delivered'
  /** Transient: retry with backoff within the deadline, then store for replay. */
  | 'retry'
  /** Payload too large: split the batch in two and send each half. */
  | 'split'
  /** The API key is missing or not allowed: no retry; the data is stored or the invocation fails loudly. */
  | 'auth'
  /** The intake will never accept this payload: no retry, counted as dropped with the status. */
  | 'reject';

export function classifyStatus(status: number): StatusAction {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 413) return 'split';
  if (status === 401 || status === 403) return 'auth';
  return 'reject';
}

/** Retry-After in milliseconds (seconds or an HTTP date), if the response carries one. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
