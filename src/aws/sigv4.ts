// AWS Signature Version 4 for one request with a body and no query string, as the AWS JSON protocol sends
// (`POST /`). Written on node:crypto so that a cold start that reads the API key does not compile the AWS SDK's
// signer and the protocol code it brings (about 140 KB); test/unit/aws/sigv4.test.ts checks it against the
// SDK's own signer (@smithy/signature-v4).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

interface RequestToSign {
  readonly method: string;
  /** The path, already URI-encoded (`/` for the JSON protocol). */
  readonly path: string;
  /** Every header to send and sign, `host` included; names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

interface SigningScope {
  readonly region: string;
  /** The signing name, e.g. `secretsmanager`, `tagging`, `kms`, `ssm`. */
  readonly service: string;
  readonly credentials: AwsCredentials;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The headers to send: `headers` with `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` (temporary
 * credentials, as Lambda's are) and `authorization` added, every one of them signed.
 */
export function signRequest(request: RequestToSign, scope: SigningScope, now: Date): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(request.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers['x-amz-date'] = amzDate;
  headers['x-amz-content-sha256'] = payloadHash;
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [request.method, request.path, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${scope.credentials.secretAccessKey}`, day);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
