import { gzipSync } from 'node:zlib';
import { MalformedPayloadError } from '../../../src/errors.js';
import { readAwsLogsData } from '../../../src/sources/cloudwatch-logs.js';
import { Tally } from '../../../src/tally.js';

const MAX_BYTES = 64 * 1024 * 1024;

const message = 'x'.repeat(200_000);
const payload = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'g',
  logStream: 's',
  logEvents: [{ id: '1', timestamp: 1, message }],
};
const messages = (data: string) =>
  [...readAwsLogsData(data, { tally: new Tally(), maxDecompressedBytes: MAX_BYTES })].flatMap((c) =>
    c.logs.map((l) => l.message),
  );

describe('readAwsLogsData: gunzip', () => {
  it('decodes a payload larger than one default zlib chunk', () => {
    expect(messages(gzipSync(JSON.stringify(payload)).toString('base64'))).toEqual([message]);
  });

  it('decodes concatenated gzip members, whose trailer announces only the last member’s size', () => {
    const json = Buffer.from(JSON.stringify(payload));
    const cut = json.length - 10;
    const data = Buffer.concat([gzipSync(json.subarray(0, cut)), gzipSync(json.subarray(cut))]).toString('base64');
    expect(messages(data)).toEqual([message]);
  });

  it('rejects a truncated payload with a reason', () => {
    const data = gzipSync(JSON.stringify(payload)).subarray(0, 100).toString('base64');
    expect(() => messages(data)).toThrow(MalformedPayloadError);
  });
});
