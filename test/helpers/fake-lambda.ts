// A stand-in for the one Lambda API call the command line makes, GetFunctionConfiguration (REST:
// GET /2015-03-31/functions/{FunctionName}/configuration), on 127.0.0.1, so the real SDK client can be pointed at it
// with AWS_ENDPOINT_URL_LAMBDA. Functions are found by name or ARN; an unknown one is a ResourceNotFoundException.
// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFunction {
  readonly arn: string;
  /** LoggingConfig.LogGroup: where the function logs. */
  readonly logGroup: string;
}

export interface FakeLambda {
  readonly endpoint: string;
  /** The FunctionName of each call, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

export async function startFakeLambda(functions: readonly FakeFunction[]): Promise<FakeLambda> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/configuration/.exec(req.url ?? '');
    const name = decodeURIComponent(match?.[1] ?? '');
    calls.push(name);
    const fn = functions.find((f) => f.arn === name || f.arn.split(':')[6] === name);
    req.resume();
    if (!fn) {
      res.writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ResourceNotFoundException' });
      res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        FunctionName: fn.arn.split(':')[6],
        FunctionArn: fn.arn,
        LoggingConfig: { LogFormat: 'Text', LogGroup: fn.logGroup },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
