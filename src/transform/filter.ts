// INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH, as the Datadog Forwarder v5 applies them: Python's
// re.search (datadog-serverless-functions aws/logs_monitoring/logs/datadog_matcher.py, 5.4.11) on the log's
// message, or, when it has none, on Python's json.dumps of the whole log (./python-record.ts); exclude wins.
import type { LogsConfig } from '../config/index.js';

type FilterVerdict = 'keep' | 'filtered_include' | 'filtered_exclude';

/** `patterns`: INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH, or a routing rule's `include` / `exclude` (same semantics). */
export function filterVerdict(
  patterns: Pick<LogsConfig, 'includeAtMatch' | 'excludeAtMatch'>,
  message: string | undefined,
  wholeLog: () => string,
): FilterVerdict {
  const { includeAtMatch, excludeAtMatch } = patterns;
  if (!includeAtMatch && !excludeAtMatch) return 'keep';
  const text = message ? message : wholeLog();
  if (excludeAtMatch?.search(text)) return 'filtered_exclude';
  if (includeAtMatch && !includeAtMatch.search(text)) return 'filtered_include';
  return 'keep';
}
