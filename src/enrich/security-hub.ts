// Security Hub findings (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html)
// arrive as one EventBridge event with `detail.findings[]`. As the Datadog Forwarder does
// (`separate_security_hub_findings`, datadog-serverless-functions aws/logs_monitoring/steps/transformation.py,
// 5.4.11), each finding becomes its own log: `detail.findings` is
// replaced by `detail.finding`, and its `Resources[]` list by `resources: {<Type>: <resource without Type>}`.
import type { RawLog } from '../types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One log per finding, or undefined when the event has no findings to split. */
export function splitSecurityHubFindings(raw: RawLog): RawLog[] | undefined {
  const detail = raw.fields?.detail;
  if (!isObject(detail) || !Array.isArray(detail.findings) || detail.findings.length === 0) return undefined;
  const { findings, ...otherDetail } = detail;
  return (findings as unknown[]).map((finding) => ({
    ...raw,
    fields: { ...raw.fields, detail: { ...otherDetail, finding: findingWithResources(finding) } },
  }));
}

function findingWithResources(finding: unknown): unknown {
  if (!isObject(finding)) return finding;
  const { Resources, ...rest } = finding;
  // No prototype: a resource Type `__proto__` is one more key, not the object's prototype.
  const resources = Object.create(null) as Json;
  if (Array.isArray(Resources) && Resources.length > 0) {
    for (const resource of Resources) {
      if (!isObject(resource)) continue;
      const { Type, ...withoutType } = resource;
      resources[String(Type)] = withoutType;
    }
    return { ...rest, resources };
  }
  return { ...finding, resources };
}
