// The event classified once: the kind every reader dispatches on, the telemetry's event_type, replay and batch.
import { classifyEvent, isBatch } from '../../../src/sources/trigger.js';
import { eventBridgeS3, kinesisRecord, s3Record, snsRecord, sqsRecord } from '../../helpers/events.js';

const s3InSns = snsRecord(JSON.stringify({ Records: [s3Record('b', 'k')] }));

describe('classifyEvent', () => {
  // The event_type column is datadog-serverless-functions aws/logs_monitoring/steps/parsing.py, parse_event_type, 5.4.11.
  it.each([
    ['a subscription', { awslogs: { data: 'x' } }, 'awslogs', 'awslogs'],
    ['an S3 notification', { Records: [s3Record('b', 'k')] }, 's3', 's3'],
    ['an SNS message', { Records: [snsRecord('hello')] }, 'sns', 'sns'],
    ['an S3 notification through SNS', { Records: [s3InSns] }, 'sns', 's3'],
    ['an SQS message', { Records: [sqsRecord('m', 'x')] }, 'sqs', 'sqs'],
    ['a Kinesis record', { Records: [kinesisRecord('1', Buffer.from('x'))] }, 'kinesis', 'kinesis'],
    ['an EventBridge S3 event', eventBridgeS3('b', 'k'), 'eventbridge_s3', 'eventbridge_s3'],
    ['an EventBridge event', { detail: {}, source: 'aws.ec2' }, 'events', 'events'],
    ['any other object', { hello: 'world' }, 'custom', 'custom'],
    ['a bare retry', { retry: true }, 'retry', undefined],
    ['Records and awslogs', { Records: [sqsRecord('m', 'x')], awslogs: {} }, 'sqs', 'sqs'],
  ])('%s', (_, event, kind, eventType) => {
    const trigger = classifyEvent(event);
    expect([trigger.kind, trigger.eventType]).toEqual([kind, eventType]);
    expect(trigger.event).toBe(event);
  });

  it('decides a batch by its first record of a known kind', () => {
    const event = { Records: [{ eventSource: 'aws:dynamodb' }, s3Record('b', 'k')] };
    expect(classifyEvent(event)).toMatchObject({ kind: 's3', records: event.Records });
    const unknown = { Records: [{ eventSource: 'aws:dynamodb' }] };
    expect(classifyEvent(unknown)).toMatchObject({ kind: 'records', records: unknown.Records, eventType: undefined });
  });

  it.each([
    [null, 'null'],
    [[1], 'an array of 1 item(s)'],
    [{}, 'an empty object'],
    ['text', 'a string'],
    [{ Records: [], foo: 'secret-value' }, 'an object with keys "Records", "foo"'],
  ])('names the shape of %j, never its values', (event, shape) => {
    expect(classifyEvent(event)).toMatchObject({ kind: 'unsupported', shape });
  });

  // Retry invocations as in datadog-serverless-functions aws/logs_monitoring/lambda_function.py, 5.4.11.
  it.each([
    [{ retry: true }, 'retry', true],
    [{ retry: 'True' }, 'retry', true],
    [{ retry: true, awslogs: { data: '' } }, 'awslogs', true],
    [{ retry: false }, 'custom', false],
    [{ retry: 'yes' }, 'custom', false],
    [{ awslogs: {} }, 'awslogs', false],
    [null, 'unsupported', false],
    ['retry', 'unsupported', false],
  ])('%j is a %s trigger, replay %s', (event, kind, replay) => {
    expect(classifyEvent(event)).toMatchObject({ kind, replay });
  });

  it.each([
    [{ Records: [sqsRecord('m', 'x')] }, true],
    [{ Records: [kinesisRecord('1', Buffer.from('x'))] }, true],
    [{ Records: [s3Record('b', 'k')] }, false],
    [{ awslogs: {} }, false],
  ])('%#: a partial-batch response is for SQS and Kinesis only', (event, batch) => {
    expect(isBatch(classifyEvent(event))).toBe(batch);
  });
});
