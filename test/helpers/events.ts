// Trigger events as AWS documents them, small enough to read in a test:
// S3 https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
// SNS https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
// SQS https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
// Kinesis https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
// EventBridge S3 https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html

/** One S3 notification record; `key` as S3 sends it (URL-encoded, `+` for spaces). */
export function s3Record(bucket: string, key: string, eventName = 'ObjectCreated:Put') {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2024-01-15T12:00:00.000Z',
    eventName,
    s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key, size: 1 } },
  };
}

export function snsRecord(message: string) {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:my-topic:c9135db0-26c4-47ec-8998-413945fb5a96',
    Sns: {
      Type: 'Notification',
      MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:my-topic',
      Subject: 'example subject',
      Message: message,
      Timestamp: '2024-01-15T12:00:00.000Z',
      SignatureVersion: '1',
      MessageAttributes: {},
    },
  };
}

export function sqsRecord(messageId: string, body: string) {
  return {
    messageId,
    receiptHandle: 'MessageReceiptHandle',
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1705320000000',
      SenderId: '123456789012',
      ApproximateFirstReceiveTimestamp: '1705320000001',
    },
    messageAttributes: {},
    md5OfBody: '7b270e59b47ff90a553787216d55d91d',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:my-queue',
    awsRegion: 'us-east-1',
  };
}

export function kinesisRecord(sequenceNumber: string, data: Buffer) {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: '1',
      sequenceNumber,
      data: data.toString('base64'),
      approximateArrivalTimestamp: 1705320000.5,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000006:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/my-stream',
  };
}

export function eventBridgeS3(bucket: string, key: string) {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '123456789012',
    time: '2024-01-15T12:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object: { key, size: 1, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      reason: 'PutObject',
    },
  };
}
