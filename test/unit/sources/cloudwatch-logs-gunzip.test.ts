import { gzipSync } from 'node:zlib';
import { MalformedPayloadError } from '../../../src/errors.js';
import { decodeAwsLogsData } from '../../../src/sources/cloudwatch-logs.js';

const payload = { messageType: 'DATA_MESSAGE', logEvents: [{ id: '1', timestamp: 1, message: 'x'.repeat(200_000) }] };

describe('decodeAwsLogsData', () => {
  it('decodes a payload larger than one default zlib chunk', async () => {
    const data = gzipSync(JSON.stringify(payload)).toString('base64');
    await expect(decodeAwsLogsData(data)).resolves.toEqual(payload);
  });

  it('decodes concatenated gzip members, whose trailer announces only the last member’s size', async () => {
    const json = Buffer.from(JSON.stringify(payload));
    const cut = json.length - 10;
    const data = Buffer.concat([gzipSync(json.subarray(0, cut)), gzipSync(json.subarray(cut))]).toString('base64');
    await expect(decodeAwsLogsData(data)).resolves.toEqual(payload);
  });

  it('rejects a truncated payload with a reason', async () => {
    const data = gzipSync(JSON.stringify(payload)).subarray(0, 100).toString('base64');
    await expect(decodeAwsLogsData(data)).rejects.toThrow(MalformedPayloadError);
  });
});
