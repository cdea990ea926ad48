// The one structured line every invocation ends with: what came in, what went out, and what did not, by reason;
// per destination (`logs`, `logs@host:port`, ...); and, for a replay, what the failed-event store gave back.
import type { Tally } from './tally.js';
import type { ReplayReport, SendReport } from './types.js';

export interface InvocationSummary {
  readonly received: number;
  readonly forwarded: number;
  readonly filtered: number;
  readonly truncated: number;
  readonly retried: number;
  /** Items stored for replay, over every destination. */
  readonly stored: number;
  /** Items a replay delivered from the failed-event store. */
  readonly replayed: number;
  readonly failed: number;
  readonly dropped: Readonly<Record<string, number>>;
  /** Logs that were another signal (metric lines), by signal: received = forwarded + filtered + dropped + these. */
  readonly converted: Readonly<Record<string, number>>;
  /** Records kept as logs although they looked like something else (a corrupt trace payload), by reason. */
  readonly kept: Readonly<Record<string, number>>;
  readonly intakes: Readonly<Record<string, Omit<SendReport, 'intake' | 'failedItemIds'>>>;
  /** Present when the invocation replayed the failed-event store. */
  readonly replay?: ReplayReport;
  /** Trigger items with an undelivered record, for partial-batch responses. */
  readonly failedItemIds: readonly string[];
  readonly lastError?: string;
  /** Other counted outcomes (tag lookups: `tags_fresh`, `tags_stale`, `tags_missing`, `tag_lookup_timeout`). */
  readonly counters?: Readonly<Record<string, number>>;
  /** What each redaction detector replaced (FORWARDER_REDACT, routing rules' `redact`), by detector. */
  readonly redacted?: Readonly<Record<string, number>>;
  /** Records outside a batch trigger that could not be read for a transient reason (the invocation should fail). */
  readonly retryableSourceFailures: number;
  /** Errors thrown while processing single logs (each then forwarded as it came, or dropped), by class. */
  readonly logErrors?: Readonly<Record<string, number>>;
}

export function summarize(
  tally: Tally,
  reports: readonly (SendReport & { stored?: number })[],
  replay?: ReplayReport,
): InvocationSummary {
  const dropped: Record<string, number> = { ...tally.dropped };
  const intakes: Record<string, Omit<SendReport, 'intake' | 'failedItemIds'>> = {};
  let forwarded = 0;
  let retried = 0;
  let stored = 0;
  let failed = 0;
  let lastError: string | undefined;
  const failedItemIds = new Set<string>(tally.failedItems);
  for (const { intake, failedItemIds: ids, ...report } of reports) {
    intakes[intake] = report;
    for (const [reason, count] of Object.entries(report.dropped)) dropped[reason] = (dropped[reason] ?? 0) + count;
    retried += report.retries;
    stored += report.stored ?? 0;
    failed += report.failed;
    if (intake === 'logs') forwarded = report.delivered;
    lastError ??= report.lastError;
    for (const id of ids) failedItemIds.add(id);
  }
  for (const [reason, count] of Object.entries(replay?.dropped ?? {})) {
    dropped[`replay_${reason}`] = (dropped[`replay_${reason}`] ?? 0) + count;
  }
  // Left out on purpose by configuration: the include/exclude filters (global or a routing rule's), a rule's drop.
  const { filtered_include = 0, filtered_exclude = 0, routing_drop = 0 } = tally.dropped;
  const filtered = filtered_include + filtered_exclude + routing_drop;
  return {
    received: tally.receivedLogs,
    forwarded,
    filtered,
    truncated: tally.truncated,
    retried,
    stored,
    replayed: replay?.replayed ?? 0,
    failed,
    dropped,
    converted: { ...tally.converted },
    kept: { ...tally.kept },
    intakes,
    replay,
    failedItemIds: [...failedItemIds],
    lastError: lastError ?? replay?.lastError,
    ...(Object.keys(tally.counters).length > 0 ? { counters: { ...tally.counters } } : {}),
    ...(Object.keys(tally.redacted).length > 0 ? { redacted: { ...tally.redacted } } : {}),
    retryableSourceFailures: tally.retryableFailures,
    ...(Object.keys(tally.logErrors).length > 0 ? { logErrors: { ...tally.logErrors } } : {}),
  };
}

/** A report of nothing sent yet, for an intake or destination. */
export function emptyReport(intake: string): SendReport & { stored: number } {
  const counts = { items: 0, delivered: 0, requests: 0, bytesSent: 0, retries: 0, failed: 0, truncated: 0, stored: 0 };
  return { intake, ...counts, dropped: {}, failedItemIds: [] };
}
