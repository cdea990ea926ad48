// INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH, as the Datadog Forwarder v5 applies them (reference §7.1): matched
// (unanchored) against the log's message, or against the whole serialized log when it has no message;
// exclude wins over include.
import type { LogsConfig } from '../config/index.js';

export type FilterVerdict = 'keep' | 'filtered_include' | 'filtered_exclude';

export function filterVerdict(config: LogsConfig, message: string | undefined, serialize: () => string): FilterVerdict {
  const { includeAtMatch, excludeAtMatch } = config;
  if (!includeAtMatch && !excludeAtMatch) return 'keep';
  const text = message ? message : serialize();
  if (excludeAtMatch?.test(text)) return 'filtered_exclude';
  if (includeAtMatch && !includeAtMatch.test(text)) return 'filtered_include';
  return 'keep';
}
