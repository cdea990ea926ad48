// The differential run's SNS, EventBridge and Kinesis cases.
import { ARN, BASE_MS, hex, int, OWNER, pick, type Case, type Rng } from './case-kit.js';
import { gzipSync } from 'node:zlib';
import { cloudTrailRecord, cloudWatchPayload, describe, KINDS, SETTINGS, SHAPES } from './cases-cloudwatch.js';

// ---------- SNS, EventBridge, Kinesis, SQS and S3 ----------

export function snsRecord(rng: Rng, message: string, subject: string | null): Record<string, unknown> {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: ARN('sns', `alerts:${hex(rng, 8)}`),
    Sns: {
      Type: 'Notification',
      MessageId: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
      TopicArn: ARN('sns', 'alerts'),
      Subject: subject,
      Message: message,
      Timestamp: '2026-01-01T00:00:00.000Z',
      MessageAttributes: {},
    },
  };
}

const RECORD_SETTINGS: readonly Record<string, string>[] = [
  {},
  { EXCLUDE_AT_MATCH: '"eventName": "ListUsers"' },
  { INCLUDE_AT_MATCH: '"Subject": "alert"' },
  { EXCLUDE_AT_MATCH: 'ListUsers' },
  { DD_TAGS: 'team:platform,env:prod' },
  { DD_SOURCE: 'custom-source' },
  { REDACT_IP: 'true' },
  { REDACT_EMAIL: 'true' },
  { DD_SCRUBBING_RULE: 'i-[0-9a-f]+', DD_SCRUBBING_RULE_REPLACEMENT: 'i-xxx' },
];

export function snsCases(rng: Rng, count: number): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const records = Array.from({ length: int(rng, 1, 3) }, () =>
      snsRecord(
        rng,
        pick(rng, [
          'Disk almost full on web-1',
          JSON.stringify({ AlarmName: 'cpu-high', NewStateValue: 'ALARM', Trigger: { Threshold: 80 } }),
          JSON.stringify(cloudTrailRecord(rng)),
          'contact ops@example.com from 10.0.0.1 ☕',
        ]),
        pick(rng, [null, 'alert', 'Notice']),
      ),
    );
    const settings = pick(rng, RECORD_SETTINGS);
    return {
      id: `sns-${String(i).padStart(3, '0')}`,
      source: 'sns',
      python: 'v5' as const,
      description: `${records.length} SNS message(s); ${describe(settings)}`,
      settings,
      event: { Records: records },
      objects: [],
    };
  });
}

export function eventBridgeCases(rng: Rng, count: number): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const event = pick(rng, [
      () => ({
        version: '0',
        id: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        account: OWNER,
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [ARN('ec2', `instance/i-${hex(rng, 17)}`)],
        detail: { 'instance-id': `i-${hex(rng, 17)}`, state: pick(rng, ['running', 'stopped']) },
      }),
      () => ({
        version: '0',
        id: hex(rng, 32),
        'detail-type': 'AWS API Call via CloudTrail',
        source: 'aws.iam',
        account: OWNER,
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: cloudTrailRecord(rng),
      }),
      () => ({
        version: '0',
        id: hex(rng, 32),
        'detail-type': 'OrderPlaced',
        source: pick(rng, ['myapp', 'com.example.orders']),
        account: OWNER,
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: { orderId: int(rng, 1, 9999), total: int(rng, 1, 500) / 4, customer: 'jane@example.com' },
      }),
    ])();
    const settings = pick(rng, RECORD_SETTINGS);
    return {
      id: `eventbridge-${String(i).padStart(3, '0')}`,
      source: 'eventbridge',
      python: 'v5' as const,
      description: `${String(event['detail-type'])} from ${String(event.source)}; ${describe(settings)}`,
      settings,
      event,
      objects: [],
    };
  });
}

export function kinesisCases(rng: Rng, count: number): Case[] {
  const shapes = Object.keys(SHAPES).filter((s) => s !== 'very-long');
  return Array.from({ length: count }, (_, i) => {
    const records = Array.from({ length: int(rng, 1, 3) }, (_, r) => {
      const kind = pick(rng, KINDS);
      const payload = cloudWatchPayload(rng, kind, [
        kind.native(rng),
        (SHAPES[pick(rng, shapes)] as (r: Rng) => string)(rng),
      ]);
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: hex(rng, 32),
          sequenceNumber: `4959${hex(rng, 20)}${r}`,
          data: gzipSync(JSON.stringify(payload)).toString('base64'),
          approximateArrivalTimestamp: BASE_MS / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:4959${hex(rng, 20)}${r}`,
        eventName: 'aws:kinesis:record',
        eventSourceARN: ARN('kinesis', 'stream/logs'),
        awsRegion: 'us-east-1',
      };
    });
    const settings = i % 2 === 0 ? {} : pick(rng, SETTINGS);
    return {
      id: `kinesis-${String(i).padStart(3, '0')}`,
      source: 'kinesis',
      python: 'v5' as const,
      description: `${records.length} Kinesis record(s) of CloudWatch Logs payloads; ${describe(settings)}`,
      settings,
      event: { Records: records },
      objects: [],
    };
  });
}
