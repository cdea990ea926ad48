// Routing through the real handler: rules read from S3 (s3rver on 127.0.0.1, the real S3 client) and read again
// on their TTL by a controlled clock, a bad update kept out; routing tags from the loopback tagging API through
// the real SDK clients; what is counted in the summary line.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import type { DepsOverrides } from '../../src/deps.js';
import { loadRoutingRules } from '../../src/cache/routing-rules.js';
import { readConfig } from '../../src/config/index.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { startAwsJsonServer, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { useAwsEndpoints } from '../helpers/aws-env.js';
import { TEST_API_KEY, awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';
import { getResourcesHandler } from '../helpers/tagging.js';
import { OffsetClock } from '../helpers/offset-clock.js';

const ACCOUNT = '123456789012';
const BUCKET = 'forwarder-config';
const RULES_URL = `s3://${BUCKET}/routing/rules.yaml`;

const clock = new OffsetClock();
let servers: { s3: LocalS3; aws: AwsJsonServer; intake: CaptureIntake; restoreEnv: () => void };

beforeAll(async () => {
  const [s3, aws, intake] = await Promise.all([startLocalS3([BUCKET]), startAwsJsonServer(), startCaptureIntake()]);
  servers = { s3, aws, intake, restoreEnv: useAwsEndpoints({ json: aws.endpoint }) };
});

afterAll(async () => {
  const { s3, aws, intake, restoreEnv } = servers;
  restoreEnv();
  await Promise.all([s3.close(), aws.close(), intake.close()]);
});

beforeEach(() => {
  clock.offsetMs = 0;
  servers.intake.requests.length = 0;
});

interface SentLog {
  ddsource: string;
  service: string;
  host: string;
  ddtags: string;
}

interface Summary {
  message: string;
  counters?: Record<string, number>;
  dropped?: Record<string, number>;
}

function payload(logGroup: string, messages: string[]) {
  return {
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup,
    logStream: '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1700000000000 + i, message })),
  };
}

function start(env: Record<string, string>, lines: string[], overrides: DepsOverrides = {}) {
  const logger = new Logger('info', (l) => lines.push(l));
  const handler = createHandler(localIntakeEnv(servers.intake.url, { DD_LOG_LEVEL: 'info', ...env }), {
    clock,
    logger,
    objects: servers.s3.reader,
    ...overrides,
  });
  return async (logGroup = '/aws/lambda/checkout', messages = ['charged card']): Promise<SentLog[]> => {
    const before = servers.intake.requests.length;
    await handler(
      awslogsEvent(payload(logGroup, messages)),
      lambdaContext({ invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:forwarder` }),
    );
    return servers.intake.requests
      .slice(before)
      .filter((r) => r.path === '/api/v2/logs')
      .flatMap((r) => r.json as SentLog[]);
  };
}

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Summary & Record<string, unknown>);
const summaries = (lines: string[]) => parsed(lines).filter((l) => l.message === 'Invocation summary.');
const rulesSetting = (source: string) =>
  `rules:\n  - name: checkout\n    match: { function: checkout }\n    ddsource: ${source}\n`;

/**
 * The rules as deps.ts builds them, but waited for as long as a re-read takes (a quarter of the invocation's
 * minute), so that which invocation sees an update does not depend on how loaded the machine is.
 */
async function patientRules(env: Record<string, string>, lines: string[]) {
  const { routing } = readConfig({ DD_API_KEY: TEST_API_KEY, ...env });
  const logger = new Logger('info', (l) => lines.push(l));
  return loadRoutingRules(routing, { objects: servers.s3.reader, clock, logger, maxWaitMs: 60_000 });
}

describe('rules in S3, read again on their TTL', () => {
  it('takes a good update, keeps a bad one out (warned once, counted each time), rides out an unreadable one', async () => {
    await servers.s3.put(BUCKET, 'routing/rules.yaml', rulesSetting('v1'));
    const lines: string[] = [];
    const env = { FORWARDER_ROUTING_RULES: RULES_URL, FORWARDER_ROUTING_RULES_TTL_SECONDS: '60' };
    const invoke = start(env, lines, { routing: await patientRules(env, lines) });
    expect((await invoke())[0]!.ddsource).toBe('v1');

    // Within the TTL the rules in hand are used, whatever the object now says.
    await servers.s3.put(
      BUCKET,
      'routing/rules.yaml',
      'rules:\n  - name: checkout\n    match: { function: checkout }\n    ddsource: [x]\n',
    );
    clock.offsetMs = 59_000;
    expect((await invoke())[0]!.ddsource).toBe('v1');

    // Past it the bad version is read, refused, warned about once and counted each time it is refused.
    clock.offsetMs = 61_000;
    expect((await invoke())[0]!.ddsource).toBe('v1');
    clock.offsetMs = 122_000;
    expect((await invoke())[0]!.ddsource).toBe('v1');
    const warnings = parsed(lines).filter((l) =>
      String(l.message).startsWith('The routing rules were changed into an invalid file'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.problems).toEqual(['rules[0] "checkout": ddsource must be a non-empty string, got a list.']);

    await servers.s3.put(BUCKET, 'routing/rules.yaml', rulesSetting('v2'));
    clock.offsetMs = 183_000;
    expect((await invoke())[0]!.ddsource).toBe('v2');

    await servers.s3.remove(BUCKET, 'routing/rules.yaml');
    clock.offsetMs = 244_000;
    expect((await invoke())[0]!.ddsource).toBe('v2');

    expect(summaries(lines).map((s) => s.counters ?? {})).toEqual([
      {},
      {},
      { routing_rules_rejected: 1 },
      { routing_rules_rejected: 1 },
      { routing_rules_updated: 1 },
      { routing_rules_unreadable: 1 },
    ]);
  });

  it('refuses to start on an invalid file, naming every problem; a missing object is named too', async () => {
    await servers.s3.put(BUCKET, 'routing/bad.json', '{"rules": [{"name": "a", "drop": "yes"}, {"match": {}}]}');
    const lines: string[] = [];
    const invoke = start({ FORWARDER_ROUTING_RULES: `s3://${BUCKET}/routing/bad.json` }, lines);
    await expect(invoke()).rejects.toThrow(
      'Invalid configuration (2 problems):\n' +
        `- FORWARDER_ROUTING_RULES (s3://${BUCKET}/routing/bad.json): rules[0] "a": drop must be true or false, got string "yes".\n` +
        `- FORWARDER_ROUTING_RULES (s3://${BUCKET}/routing/bad.json): rules[1]: name is required: every rule has a name, which messages and explain show.`,
    );
    expect(servers.intake.requests).toEqual([]);
    const missing = start({ FORWARDER_ROUTING_RULES: `s3://${BUCKET}/routing/none.yaml` }, []);
    await expect(missing()).rejects.toThrow(
      /FORWARDER_ROUTING_RULES \(s3:\/\/forwarder-config\/routing\/none.yaml\) could not be read: .* does not exist.*; check that the object exists and that the function may read it \(s3:GetObject\)\./,
    );
  });

  it('drops, filters and counts by the matched rule', async () => {
    await servers.s3.put(
      BUCKET,
      'routing/filters.yaml',
      [
        'rules:',
        '  - { name: quiet, match: { log_group_prefix: /debug/ }, drop: true }',
        '  - { name: web, match: { log_group: /ecs/web }, include: "HTTP", exclude: "health", scrub: [{ pattern: "token=G", replacement: "token=R" }] }',
      ].join('\n'),
    );
    const lines: string[] = [];
    // DD_SCRUBBING_RULE runs first, then the rule's own scrubbing rules.
    const env = { DD_SCRUBBING_RULE: 'token=\\w+', DD_SCRUBBING_RULE_REPLACEMENT: 'token=G' };
    const invoke = start({ ...env, FORWARDER_ROUTING_RULES: `s3://${BUCKET}/routing/filters.yaml` }, lines);
    expect(await invoke('/debug/x', ['a', 'b'])).toEqual([]);
    const web = await invoke('/ecs/web', ['GET /?token=abc HTTP/1.1', 'GET /health HTTP/1.1', 'started']);
    expect(web.map((l) => (l as unknown as { message: string }).message)).toEqual(['GET /?token=R HTTP/1.1']);
    expect(summaries(lines).map((s) => s.dropped)).toEqual([
      { routing_drop: 2 },
      { filtered_exclude: 1, filtered_include: 1 },
    ]);
  });
});

describe('routing tags from the tagging API', () => {
  it('dd_source and dd_host tags on the function set the source and host; a rule beats them', async () => {
    servers.aws.handle(
      'GetResources',
      getResourcesHandler(() => [
        {
          arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout`,
          tags: { dd_source: 'Java', dd_host: 'checkout-fleet', service: 'checkout-api' },
        },
      ]),
    );
    const env = { DD_FETCH_LAMBDA_TAGS: 'true', FORWARDER_TAG_LOOKUP_TIMEOUT_MS: '20000' };
    const [tagged] = await start(env, [])();
    // Tag values arrive in Datadog's form (lowercased); the service tag keeps its Datadog Forwarder meaning.
    expect(tagged).toMatchObject({ ddsource: 'java', host: 'checkout-fleet', service: 'checkout-api' });
    expect(tagged!.ddtags.split(',')).toEqual(expect.arrayContaining(['dd_source:java', 'service:checkout-api']));

    await servers.s3.put(BUCKET, 'routing/over-tags.yaml', rulesSetting('kotlin'));
    const [ruled] = await start({ ...env, FORWARDER_ROUTING_RULES: `s3://${BUCKET}/routing/over-tags.yaml` }, [])();
    expect(ruled).toMatchObject({ ddsource: 'kotlin', host: 'checkout-fleet', service: 'checkout-api' });
  });
});
