// Per-source reshaping of logs before they are serialized (the Datadog Forwarder's `transform` step,
// datadog-serverless-functions aws/logs_monitoring/steps/transformation.py, 5.4.11): Security Hub events split into one
// log per finding, WAF messages with their arrays nested. Logs of
// other sources pass through untouched (the same array, no copy).
import type { Origin, RawLog } from '../types.js';
import { rewriteWafMessage } from './aws-waf.js';
import { splitSecurityHubFindings } from './security-hub.js';

export function expandLogs(origin: Origin, logs: readonly RawLog[]): readonly RawLog[] {
  if (origin.ddsource === 'securityhub') return logs.flatMap((raw) => splitSecurityHubFindings(raw) ?? [raw]);
  if (origin.ddsource === 'waf') return logs.map(rewriteWaf);
  return logs;
}

function rewriteWaf(raw: RawLog): RawLog {
  if (raw.message === undefined) return raw;
  const message = rewriteWafMessage(raw.message);
  return message === undefined ? raw : { ...raw, message };
}
