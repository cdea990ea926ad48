import { bypassesProxy } from '../../../src/sinks/proxy-agent.js';

describe('NO_PROXY matching', () => {
  it.each([
    ['api.datadoghq.com', 443, ['datadoghq.com'], true],
    ['datadoghq.com', 443, ['.datadoghq.com'], true],
    ['api.datadoghq.com', 443, ['*.datadoghq.com'], true],
    ['notdatadoghq.com', 443, ['datadoghq.com'], false],
    ['api.datadoghq.com', 443, ['datadoghq.com:8443'], false],
    ['api.datadoghq.com', 8443, ['datadoghq.com:8443'], true],
    ['127.0.0.1', 80, ['127.0.0.1'], true],
    ['anything.example', 443, ['*'], true],
    ['API.DATADOGHQ.COM', 443, ['datadoghq.com'], true],
    ['api.datadoghq.com', 443, [], false],
  ])('%s:%d with %j → %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });
});
