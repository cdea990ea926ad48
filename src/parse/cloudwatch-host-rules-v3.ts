// The host (and RDS `logname` tag) the Datadog Forwarder v3 derived for CloudWatch logs (datadog-serverless-functions
// aws/logs_monitoring/parsing.py, 3.99.0), used
// with FORWARDER_DETECT_SOURCES=true. Every log of a log group gets `host = <log group>` unless a row below
// applies; Lambda logs get their function ARN (enrich/origin.ts) and CloudTrail logs made by an EC2 instance's
// assumed role get the instance id (enrich/record.ts), with or without these rules.
// Some rows read the payload's first log event, as v3 did: one message names the resource for the whole group.
import type { MessageView } from '../types.js';

/** What a row sees: the log group and stream as CloudWatch sent them, and the first log event's message. */
interface HostInput {
  readonly logGroup: string;
  readonly logStream: string;
  readonly firstMessage?: string;
}

interface HostV3 {
  readonly host?: string;
  /** Tags appended to the origin's ddtags. */
  readonly tags?: readonly string[];
}

interface HostRule {
  readonly sources: readonly string[];
  readonly derive: (input: HostInput) => HostV3 | undefined;
  readonly example: HostInput;
  readonly gives: HostV3;
}

// Anchored at the start only, on the log group's own case, as v3's re.match.
const RDS_LOG_GROUP = /^\/aws\/rds\/(?:instance|cluster)\/(?<host>[^/]+)\/(?<name>[^/]+)/;

export const HOST_RULES_V3: readonly HostRule[] = [
  {
    // /aws/appsync/apis/<api id>: the API id. (v3 sent an empty host for a trailing slash; we keep the group.)
    sources: ['appsync'],
    derive: ({ logGroup }) => {
      const last = logGroup.split('/').at(-1);
      return last ? { host: last } : undefined;
    },
    example: { logGroup: '/aws/appsync/apis/abcdefghijklmnopqrstuvwxyz', logStream: 'abcdef' },
    gives: { host: 'abcdefghijklmnopqrstuvwxyz' },
  },
  {
    // Verified Access logs (OCSF JSON) name the application endpoint that was reached.
    sources: ['verified-access'],
    derive: ({ firstMessage }) => {
      const hostname = jsonPath(firstMessage, ['http_request', 'url', 'hostname']);
      return typeof hostname === 'string' ? { host: hostname } : undefined;
    },
    example: {
      logGroup: '/aws/verified-access/logs',
      logStream: 'verified-access-0123',
      firstMessage: '{"http_request":{"url":{"hostname":"app.example.com","path":"/"}}}',
    },
    gives: { host: 'app.example.com' },
  },
  {
    // Step Functions execution logs: the state machine ARN, from the execution ARN of the first event.
    sources: ['stepfunction'],
    derive: ({ logStream, firstMessage }) => {
      if (!logStream.startsWith('states/')) return undefined;
      const executionArn = jsonPath(firstMessage, ['execution_arn']);
      const arn = typeof executionArn === 'string' ? stateMachineArn(executionArn) : undefined;
      return arn ? { host: arn } : undefined;
    },
    example: {
      logGroup: '/aws/vendedlogs/states/my-state-machine-Logs',
      logStream: 'states/my-state-machine/2022-11-10-15-50/7851b2d9',
      firstMessage:
        '{"type":"ExecutionStarted","execution_arn":"arn:aws:states:sa-east-1:425362996713:express:my-state-machine:d0dbefd8:7fa0cfbe"}',
    },
    gives: { host: 'arn:aws:states:sa-east-1:425362996713:stateMachine:my-state-machine' },
  },
  {
    // /aws/rds/instance/<instance>/<log name> (or cluster/<cluster>/...): the database as host, the log name as tag.
    sources: ['rds', 'mariadb', 'mysql', 'postgresql'],
    derive: ({ logGroup }) => {
      const groups = RDS_LOG_GROUP.exec(logGroup)?.groups;
      return groups ? { host: groups.host, tags: [`logname:${groups.name}`] } : undefined;
    },
    example: { logGroup: '/aws/rds/instance/datadog/postgresql', logStream: 'datadog.0' },
    gives: { host: 'datadog', tags: ['logname:postgresql'] },
  },
];

/** The v3 host rule for a source, if one applies. */
export function cloudWatchHostV3(ddsource: string, input: HostInput): HostV3 | undefined {
  const rule = HOST_RULES_V3.find((r) => r.sources.includes(ddsource));
  return rule?.derive(input);
}

/**
 * `arn:aws:states:<region>:<account>:express:<machine>:<execution>...` → `...:stateMachine:<machine>`: v3 split
 * the execution ARN on `:`, `/` and `\`, replaced the 6th part and kept the first 7.
 */
export function stateMachineArn(executionArn: string): string | undefined {
  const parts = executionArn.split(/[:/\\]/);
  if (parts.length < 6) return undefined;
  parts[5] = 'stateMachine';
  return parts.slice(0, 7).join(':');
}

/**
 * Route 53 Resolver query logs, one host per log: the EC2 instance that made the query (`srcids.instance`).
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs-format.html
 */
export function route53Host(message: MessageView): string | undefined {
  if (!message.text.includes('srcids')) return undefined;
  const srcids = message.object()?.srcids;
  if (typeof srcids !== 'object' || srcids === null || Array.isArray(srcids)) return undefined;
  const instance = (srcids as Record<string, unknown>).instance;
  return typeof instance === 'string' ? instance : undefined;
}

/** The value at `path` in a JSON text, or undefined when the text is not JSON or the path is absent. */
function jsonPath(text: string | undefined, path: readonly string[]): unknown {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
