// The AWS APIs a default deployment calls, on 127.0.0.1, for the real SDK clients (AWS_ENDPOINT_URL_<SERVICE>):
// Secrets Manager's GetSecretValue (the API key, DdApiKey's secret) and the Resource Groups Tagging API's
// GetResources (DD_FETCH_LAMBDA_TAGS, on by default). Both speak the AWS JSON protocol: `POST /` with
// `X-Amz-Target: <Service>.<Operation>`.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BENCH_API_KEY, BENCH_REGION, BENCH_SECRET_ARN } from './deployment.js';
import { BENCH_LOG_GROUP, BENCH_OWNER } from './payloads.js';

export interface AwsServer {
  readonly url: string;
  /** Calls answered, by operation. */
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

/**
 * The account's Lambda functions with their tags: the one whose logs the bench sends, and others, as an
 * account has; GetResources pages through them 100 at a time, as it does for the forwarder.
 */
const FUNCTIONS = Array.from({ length: 150 }, (_, i) => ({
  ResourceARN: `arn:aws:lambda:${BENCH_REGION}:${BENCH_OWNER}:function:${i === 0 ? BENCH_LOG_GROUP.split('/').pop() : `function-${i}`}`,
  Tags: [
    { Key: 'env', Value: 'prod' },
    { Key: 'team', Value: `team-${i % 7}` },
    { Key: 'service', Value: `service-${i}` },
  ],
}));
const PAGE = 100;

function answer(operation: string, input: Record<string, unknown>): [number, unknown] {
  if (operation === 'GetSecretValue') {
    return [200, { ARN: BENCH_SECRET_ARN, Name: 'bench-dd-api-key', SecretString: BENCH_API_KEY }];
  }
  if (operation === 'GetResources') {
    const start = Number(input.PaginationToken || 0);
    const next = start + PAGE < FUNCTIONS.length ? String(start + PAGE) : '';
    return [200, { PaginationToken: next, ResourceTagMappingList: FUNCTIONS.slice(start, start + PAGE) }];
  }
  return [400, { __type: 'UnknownOperationException', message: `The bench does not answer ${operation}.` }];
}

export async function startAwsServer(): Promise<AwsServer> {
  const calls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.lastIndexOf('.') + 1);
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      const text = Buffer.concat(chunks).toString('utf8');
      const [status, body] = answer(operation, text ? (JSON.parse(text) as Record<string, unknown>) : {});
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
