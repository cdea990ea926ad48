// Routing applied to a described origin (docs/routing.md), once per origin: the first matching rule of the rule
// file, then the resource tags `dd_source` / `dd_host`, give the origin's ddsource, service, host and extra tags.
// Precedence, highest first: a log's own values (ddtags in its JSON message, a host read from it: record.ts),
// the rule, the resource tags, the DD_* variables and source detection. Routing changes the attributes only: a
// Lambda function's logs stay its logs (lambda.arn, function tags, enhanced metrics from REPORT lines).
// Without a rule file and without routing tags the origin is returned as it is.
import { lambdaFunctionName } from '../parse/lambda-function.js';
import type { ForwarderIdentity } from '../parse/forwarder-identity.js';
import {
  matchRules,
  type OriginFacts,
  type RouteSettings,
  type RuleSet,
  type SettingSource,
} from '../routing/rules.js';
import { settingsFromTags } from '../routing/tag-settings.js';
import type { Origin } from '../types.js';

/** Resource tags by resource, the most specific first (the resource whose logs these are). */
type TagsByResource = readonly (readonly [resource: string, tags: readonly string[] | undefined])[];

export function routedOrigin(
  origin: Origin,
  rules: RuleSet | undefined,
  identity: ForwarderIdentity,
  resourceTags: TagsByResource,
): Origin {
  const tagged = settingsFromTags(resourceTags);
  const match = matchRules(rules, originFacts(origin, identity));
  if (match === undefined && tagged === undefined) return origin;
  const setBy: Partial<Record<keyof RouteSettings, SettingSource>> = { ...tagged?.setBy };
  const set: RouteSettings = { ...tagged?.settings, ...match?.rule.set };
  if (match) {
    const { index, name } = match.rule;
    for (const key of Object.keys(match.rule.set)) setBy[key as keyof RouteSettings] = { by: 'rule', index, name };
  }
  return { ...withSettings(origin, set), routing: { match, setBy } };
}

/** What rules match on, read from the origin. */
export function originFacts(origin: Origin, identity: ForwarderIdentity): OriginFacts {
  const { awslogs, s3, eventType } = origin.source;
  const owner = awslogs?.owner ?? '';
  return {
    eventSource: eventType,
    logGroup: awslogs?.logGroup,
    bucket: s3?.bucket,
    key: s3?.key,
    functionName: origin.lambdaArn?.split(':')[6] ?? lambdaNameOf(awslogs),
    account: /^\d{12}$/.test(owner) ? owner : identity.account,
    region: identity.region,
  };
}

function lambdaNameOf(awslogs: Origin['source']['awslogs']): string | undefined {
  return awslogs && lambdaFunctionName(awslogs.logGroup, awslogs.logStream);
}

function withSettings(origin: Origin, set: RouteSettings): Origin {
  let tags = origin.tags;
  if (set.service !== undefined && tags.some((t) => t.startsWith('service:'))) {
    // One service: the tag says what the attribute says, as when a log's own ddtags name a service.
    tags = [...tags.filter((t) => !t.startsWith('service:')), `service:${set.service}`];
  }
  if (set.tags !== undefined) {
    // An `env:` given by the rule replaces the `env:none` placeholder of Lambda logs.
    const env = set.tags.some((t) => t.startsWith('env:'));
    tags = [...(env ? tags.filter((t) => t !== 'env:none') : tags), ...set.tags];
  }
  return {
    ...origin,
    ddsource: set.ddsource ?? origin.ddsource,
    // A service that defaulted to the ddsource follows it, as it follows DD_SOURCE.
    service:
      set.service ?? (set.ddsource !== undefined && origin.service === origin.ddsource ? set.ddsource : origin.service),
    host: set.host ?? origin.host,
    tags,
  };
}
