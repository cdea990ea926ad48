// Our Signature Version 4 against the AWS SDK's own signer, on the requests the forwarder sends (AWS JSON protocol).
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { signRequest, type AwsCredentials } from '../../../src/aws/sigv4.js';

/** The Checksum interface @smithy/signature-v4 asks for, on node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {}
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

const NOW = new Date('2026-12-08T00:27:18.123Z');

async function sdkHeaders(
  headers: Record<string, string>,
  body: string,
  region: string,
  service: string,
  credentials: AwsCredentials,
) {
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256 });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'https:', hostname: headers.host!, path: '/', query: {}, headers, body },
    { signingDate: NOW },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
}

it.each([
  [
    'Secrets Manager, temporary credentials',
    'secretsmanager',
    'eu-west-1',
    {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken: 'IQo//token==',
    },
    'secretsmanager.GetSecretValue',
    JSON.stringify({ SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-api-key-AbCdEf' }),
  ],
  [
    'the tagging API, long-term credentials, a body with non-ASCII text',
    'tagging',
    'us-east-1',
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    'ResourceGroupsTaggingAPI_20170126.GetResources',
    JSON.stringify({ ResourceTypeFilters: ['lambda'], PaginationToken: 'é  two  spaces' }),
  ],
])('signs %s as the AWS SDK does', async (_what, service, region, credentials, target, body) => {
  const headers = {
    host: `${service}.${region}.amazonaws.com`,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': target,
    'content-length': String(Buffer.byteLength(body)),
  };
  const ours = signRequest({ method: 'POST', path: '/', headers, body }, { region, service, credentials }, NOW);
  expect(ours).toEqual(await sdkHeaders(headers, body, region, service, credentials));
  expect(ours.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20261208/`));
});

it('signs a header value with inner and outer whitespace by its trimmed, collapsed form', async () => {
  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
  const headers = { host: 'kms.us-east-1.amazonaws.com', 'X-Amz-Target': '  TrentService.Decrypt   now ' };
  const ours = signRequest(
    { method: 'POST', path: '/', headers, body: '{}' },
    { region: 'us-east-1', service: 'kms', credentials },
    NOW,
  );
  const sdk = await sdkHeaders(headers, '{}', 'us-east-1', 'kms', credentials);
  expect(ours.authorization).toBe(sdk.authorization);
});
