// ddsource detection for CloudWatch log groups as the Datadog Forwarder v3 did it (datadog-serverless-functions
// aws/logs_monitoring/parsing.py `parse_event_source`, 3.99.0), used when
// FORWARDER_DETECT_SOURCES=true for intakes that do not detect sources themselves. v5 leaves this to Datadog's
// backend (source-rules.ts). Four steps, in this order:
//   1. the log stream may replace the log group as the key (CloudTrail, Transit Gateway, Bedrock);
//   2. the first rule matching the lowercased key gives the source, else `cloudwatch`;
//   3. a customised Lambda log stream makes it `lambda`, whatever the log group;
//   4. EKS control-plane streams refine `eks`.
import { functionNameFromLogStream } from './lambda-function.js';
import { describeRule, LAMBDA_STREAM_RULE } from './source-rules.js';

type Test = (key: string) => boolean;
/** [test, ddsource, example]: the example is a key the row matches (the tests check every example). */
type SourceRule = readonly [test: Test, source: string, example: string];

const startsWith =
  (...prefixes: string[]): Test =>
  (key) =>
    prefixes.some((p) => key.startsWith(p));
const includes =
  (word: string): Test =>
  (key) =>
    key.includes(word);

/** Step 1: log stream tests whose key replaces the log group. v3 applied them in turn, so the last match won. */
export const STREAM_KEY_RULES_V3: readonly SourceRule[] = [
  [(s) => s === 'aws/bedrock/modelinvocations', 'bedrock', 'aws/bedrock/modelinvocations'],
  [includes('tgw-attach'), 'transitgateway', 'tgw-attach-0123456789abcdef0-eni-0123456789abcdef0'],
  [includes('_CloudTrail_'), 'cloudtrail', '123456789012_CloudTrail_us-east-1'],
];

/** Step 2: on the lowercased log group (or the key from step 1). First match wins, so the order matters. */
export const LOG_GROUP_RULES_V3: readonly SourceRule[] = [
  [(k) => k.startsWith('/aws/rds') && k.includes('mariadb'), 'mariadb', '/aws/rds/instance/my-mariadb/error'],
  [(k) => k.startsWith('/aws/rds') && k.includes('mysql'), 'mysql', '/aws/rds/instance/my-mysql/error'],
  [(k) => k.startsWith('/aws/rds') && k.includes('postgresql'), 'postgresql', '/aws/rds/instance/datadog/postgresql'],
  [startsWith('/aws/rds'), 'rds', '/aws/rds/my-rds-resource'],
  // REST API execution logs, Serverless Framework access and HTTP API logs, and (since 3.105) websocket logs.
  [startsWith('api-gateway'), 'apigateway', 'api-gateway-execution-logs_a1b23c/test'],
  [startsWith('/aws/api-gateway'), 'apigateway', '/aws/api-gateway/my-project'],
  [startsWith('/aws/http-api'), 'apigateway', '/aws/http-api/my-project'],
  [startsWith('/aws/apigateway'), 'apigateway', '/aws/apigateway/welcome'],
  [startsWith('/aws/vendedlogs/states'), 'stepfunction', '/aws/vendedlogs/states/mystatemachine-logs'],
  [startsWith('dms-tasks'), 'dms', 'dms-tasks-test-instance'],
  [startsWith('sns/'), 'sns', 'sns/us-east-1/123456779121/snstopicx'],
  [startsWith('/aws/fsx/windows'), 'aws.fsx', '/aws/fsx/windows/12345'],
  [startsWith('/aws/appsync/'), 'appsync', '/aws/appsync/apis/abcdefghij'],
  [startsWith('/aws/lambda'), 'lambda', '/aws/lambda/postrestapi'],
  [startsWith('/aws/codebuild'), 'codebuild', '/aws/codebuild/new-project-sample'],
  [startsWith('/aws/kinesis'), 'kinesis', '/aws/kinesisfirehose/test'],
  [startsWith('/aws/docdb'), 'docdb', '/aws/docdb/testcluster/profile'],
  [startsWith('/aws/eks'), 'eks', '/aws/eks/control-plane/cluster'],
  // Since 3.132.
  [startsWith('/aws/ssm/'), 'ssm', '/aws/ssm/aws-runshellscript'],
  // Words anywhere in the name, in v3's order: `my-vpc-route53-logs` is route53, not vpc.
  [includes('network-firewall'), 'network-firewall', '/aws/network-firewall/alerts'],
  [includes('route53'), 'route53', 'my-route53-loggroup123'],
  [includes('vpc'), 'vpc', 'abc123_my_vpc_loggroup'],
  [includes('fargate'), 'fargate', '/ecs/fargate-logs'],
  [includes('cloudtrail'), 'cloudtrail', 'aws-cloudtrail-logs-123456789012-abcdef'],
  [includes('msk'), 'msk', '/mymskloggroup'],
  [includes('elasticsearch'), 'elasticsearch', '/elasticsearch/domain'],
  [includes('transitgateway'), 'transitgateway', 'my-transitgateway-logs'],
  [includes('verified-access'), 'verified-access', '/aws/verified-access/logs'],
  [includes('bedrock'), 'bedrock', '/aws/bedrock/modelinvocations'],
];

/** Step 4: EKS control-plane log streams, by prefix (checked in this order: `kube-apiserver-audit-` first). */
export const EKS_STREAM_RULES_V3: readonly SourceRule[] = [
  [startsWith('kube-apiserver-audit-'), 'kubernetes.audit', 'kube-apiserver-audit-0123456789abcdef'],
  [startsWith('kube-scheduler-'), 'kube_scheduler', 'kube-scheduler-0123456789abcdef'],
  [startsWith('kube-apiserver-'), 'kube-apiserver', 'kube-apiserver-0123456789abcdef'],
  [startsWith('kube-controller-manager-'), 'kube-controller-manager', 'kube-controller-manager-0123456789abcdef'],
  [startsWith('authenticator-'), 'aws-iam-authenticator', 'authenticator-0123456789abcdef'],
];

const DEFAULT_CLOUDWATCH_SOURCE = 'cloudwatch';

interface SourceV3 {
  readonly ddsource: string;
  /**
   * The source before the EKS refinement. v3 derived the default service from it, so EKS control-plane logs
   * keep `service:eks` while their ddsource is, say, `kubernetes.audit`.
   */
  readonly serviceSource: string;
  /** Which rule gave the ddsource, in words (`forwarder explain`). */
  readonly rule: string;
}

function firstMatch(rules: readonly SourceRule[], key: string, table: string) {
  const index = rules.findIndex(([test]) => test(key));
  return index === -1 ? undefined : { source: rules[index]![1], rule: describeRule(table, index, rules[index]![2]) };
}

/** ddsource for a CloudWatch log group and stream, by the v3 rules. */
export function cloudWatchSourceV3(logGroup: string, logStream: string): SourceV3 {
  const streamKey = firstMatch(STREAM_KEY_RULES_V3, logStream, 'v3 log stream key');
  const key = streamKey?.source ?? logGroup;
  const found = firstMatch(LOG_GROUP_RULES_V3, key.toLowerCase(), 'v3 CloudWatch');
  let source = found?.source ?? DEFAULT_CLOUDWATCH_SOURCE;
  let rule = found ? found.rule : 'no v3 CloudWatch rule matched: the default';
  if (streamKey) rule += `, on the key ${streamKey.source} from ${streamKey.rule}`;
  if (functionNameFromLogStream(logStream) !== undefined) [source, rule] = ['lambda', LAMBDA_STREAM_RULE];
  const refined = source === 'eks' ? firstMatch(EKS_STREAM_RULES_V3, logStream, 'v3 EKS log stream') : undefined;
  return { ddsource: refined?.source ?? source, serviceSource: source, rule: refined?.rule ?? rule };
}
