// How the forwarder answers each intake status: the one table (docs/operations.md prints it, and a test keeps
// the two the same). Limits and codes from the logs intake's documentation
// (https://docs.datadoghq.com/api/latest/logs/#send-logs), which the metrics and trace intakes share. Every status
// is classified on purpose: only a status the intake documents as "this payload will never be accepted" is
// dropped; a status nobody expects (a redirect, which the client does not follow, a 404, a 1xx) means the request
// did not reach an intake that understood it, so the batch is kept (stored, or the invocation fails).

type StatusAction =
  /** Accepted. */
  | 'delivered'
  /** Transient: retry with backoff within the deadline, then store for replay. */
  | 'retry'
  /** Payload too large: split the batch in two and send each half. */
  | 'split'
  /** Not retried (the answer would be the same): stored for replay, or the invocation fails. */
  | 'keep'
  /** The intake will never accept this payload: no retry, counted as dropped with the status. */
  | 'reject';

interface StatusRule {
  /** The statuses, as docs/operations.md names them. */
  readonly statuses: string;
  readonly matches: (status: number) => boolean;
  readonly action: StatusAction;
  /** For `keep`: what the operator should check, said in the error. */
  readonly hint?: string;
}

const between = (low: number, high: number) => (status: number) => status >= low && status <= high;
const oneOf =
  (...codes: number[]) =>
  (status: number) =>
    codes.includes(status);

/** First match wins. */
export const STATUS_TABLE: readonly StatusRule[] = [
  { statuses: '2xx', matches: between(200, 299), action: 'delivered' },
  {
    statuses: '3xx',
    matches: between(300, 399),
    action: 'keep',
    hint: 'redirects are not followed: set DD_URL, DD_API_URL or DD_TRACE_INTAKE_URL (or DD_SITE) to the intake itself',
  },
  { statuses: '400, 422', matches: oneOf(400, 422), action: 'reject' },
  {
    statuses: '401, 403',
    matches: oneOf(401, 403),
    action: 'keep',
    hint: 'check the API key (DD_API_KEY) and the site (DD_SITE)',
  },
  {
    statuses: '407',
    matches: oneOf(407),
    action: 'keep',
    hint: 'the proxy wants credentials: put them in DD_HTTP_PROXY_URL (http://user:password@host:port)',
  },
  { statuses: '408, 429', matches: oneOf(408, 429), action: 'retry' },
  { statuses: '413', matches: oneOf(413), action: 'split' },
  {
    statuses: 'other 4xx',
    matches: between(400, 499),
    action: 'keep',
    hint: 'the URL does not lead to an intake: check DD_URL, DD_API_URL, DD_TRACE_INTAKE_URL and DD_SITE',
  },
  { statuses: '5xx', matches: between(500, 599), action: 'retry' },
  {
    statuses: 'anything else (1xx, 600 and above)',
    matches: () => true,
    action: 'keep',
    hint: 'an answer no intake gives: check the URL settings and any proxy or load balancer in between',
  },
];

export function statusRule(status: number): StatusRule {
  // The last rule matches everything.
  return STATUS_TABLE.find((rule) => rule.matches(status)) ?? STATUS_TABLE[STATUS_TABLE.length - 1]!;
}

export function classifyStatus(status: number): StatusAction {
  return statusRule(status).action;
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
