// INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH, as the Datadog Forwarder v5 applies them: Python's
// re.search (datadog-serverless-functions aws/logs_monitoring/logs/datadog_matcher.py, 5.4.11) on the log's
// message, or, when it has none, on Python's json.dumps of the whole log (./python-record.ts); exclude wins.
import type { LogsConfig } from '../config/index.js';

type FilterVerdict = 'keep' | 'filtered_include' | 'filtered_exclude';

export function filterVerdict(config: LogsConfig, message: string | undefined, wholeLog: () => string): FilterVerdict {
  const { includeAtMatch, excludeAtMatch } = config;
  if (!includeAtMatch && !excludeAtMatch) return 'keep';
  const text = message ? message : wholeLog();
  if (excludeAtMatch?.search(text)) return 'filtered_exclude';
  if (includeAtMatch && !includeAtMatch.search(text)) return 'filtered_include';
  return 'keep';
}

/** Which setting decided a verdict, with its pattern, for the decision log (`forwarder explain`). */
export function filterDecidedBy(config: LogsConfig, verdict: FilterVerdict): string {
  const { includeAtMatch, excludeAtMatch } = config;
  if (verdict === 'filtered_exclude') return `EXCLUDE_AT_MATCH ${excludeAtMatch!.source} matched`;
  if (verdict === 'filtered_include') return `INCLUDE_AT_MATCH ${includeAtMatch!.source} did not match`;
  if (includeAtMatch) return `INCLUDE_AT_MATCH ${includeAtMatch.source} matched`;
  if (excludeAtMatch) return `EXCLUDE_AT_MATCH ${excludeAtMatch.source} did not match`;
  return 'no INCLUDE_AT_MATCH or EXCLUDE_AT_MATCH set';
}
