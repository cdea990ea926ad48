// Intake traffic through a real CONNECT proxy on 127.0.0.1 in front of the capture intake: HTTPS tunnelled
// end to end (the proxy sees only the CONNECT line), certificate validation on unless DD_SKIP_SSL_VALIDATION,
// proxy credentials, DD_NO_PROXY, and plain HTTP (DD_NO_SSL) tunnelled the same way.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { startConnectProxy, selfSignedCertificate, type ConnectProxy } from '../helpers/connect-proxy.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';

const certificate = selfSignedCertificate();

describe('web proxy', () => {
  let intake: CaptureIntake;
  let proxy: ConnectProxy;
  const lines: string[] = [];

  afterEach(async () => {
    await intake.close();
    await proxy.close();
    lines.length = 0;
  });

  async function start(tls: boolean, requireAuthorization?: string) {
    intake = await startCaptureIntake(tls ? { tls: certificate } : {});
    proxy = await startConnectProxy({ requireAuthorization });
  }

  function handler(extra: Record<string, string>) {
    const env = localIntakeEnv(intake.url, { DD_URL: '127.0.0.1', DD_LOG_LEVEL: 'info', ...extra });
    const logger = new Logger('info', (line) => lines.push(line));
    return createHandler(env, { retry: { ...FAST_RETRY, maxAttempts: 2 }, logger, requestTimeoutMs: 2000 });
  }

  it('sends HTTPS through a CONNECT tunnel, end to end', async () => {
    await start(true);
    const forward = handler({ DD_NO_SSL: 'false', DD_SKIP_SSL_VALIDATION: 'true', DD_HTTP_PROXY_URL: proxy.url });
    const { event, ids } = logsEventWithIds(20);
    await expect(forward(event, lambdaContext())).resolves.toEqual({ status: 'ok', forwarded: 20 });
    expect(proxy.tunnels.map((t) => t.target)).toEqual([`127.0.0.1:${intake.port}`]);
    expect(intake.requests.flatMap(idsIn)).toEqual(ids);
    expect(intake.requests[0]?.headers['dd-api-key']).toBe(TEST_API_KEY);
    expect(lines.some((l) => l.includes('DD_SKIP_SSL_VALIDATION is true'))).toBe(true);

    // Kept-alive tunnels are reused.
    await forward(logsEventWithIds(5).event, lambdaContext());
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('validates the intake certificate through the tunnel unless told not to', async () => {
    await start(true);
    const forward = handler({ DD_NO_SSL: 'false', HTTPS_PROXY: proxy.url });
    await expect(forward(logsEventWithIds(3).event, lambdaContext())).rejects.toThrow(/self.signed certificate/i);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(intake.requests).toHaveLength(0);
  });

  it('authenticates to the proxy without printing its password', async () => {
    const expected = `Basic ${Buffer.from('forwarder:s3cret-pass').toString('base64')}`;
    await start(false, expected);
    const url = `http://forwarder:s3cret-pass@127.0.0.1:${proxy.port}`;
    const forward = handler({ DD_HTTP_PROXY_URL: url });
    await expect(forward(logsEventWithIds(4).event, lambdaContext())).resolves.toMatchObject({ forwarded: 4 });
    expect(proxy.tunnels[0]?.authorization).toBe(expected);
    expect(lines.join('\n')).not.toContain('s3cret-pass');
  });

  it('fails clearly when the proxy refuses the tunnel', async () => {
    await start(false, 'Basic expected');
    const forward = handler({ DD_HTTP_PROXY_URL: proxy.url });
    await expect(forward(logsEventWithIds(2).event, lambdaContext())).rejects.toThrow(
      /refused to open a tunnel to 127\.0\.0\.1:\d+ \(407\)/,
    );
  });

  it('goes direct to hosts listed in DD_NO_PROXY', async () => {
    await start(false);
    const forward = handler({ DD_HTTP_PROXY_URL: proxy.url, DD_NO_PROXY: 'example.com,127.0.0.1' });
    await expect(forward(logsEventWithIds(3).event, lambdaContext())).resolves.toMatchObject({ forwarded: 3 });
    expect(proxy.tunnels).toHaveLength(0);
    expect(intake.requests).toHaveLength(1);
  });
});
