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
    ['10.1.2.3', 443, ['10.0.0.0/8'], true],
    ['11.1.2.3', 443, ['10.0.0.0/8'], false],
    ['192.168.1.200', 443, ['192.168.1.128/25'], true],
    ['192.168.1.100', 443, ['192.168.1.128/25'], false],
    ['[fd00::1]', 443, ['fd00::/8'], true],
    ['fe80::1', 443, ['fd00::/8'], false],
    ['10.1.2.3', 443, ['fd00::/8'], false],
    ['internal.example', 443, ['10.0.0.0/8'], false],
    ['10.1.2.3', 443, ['10.0.0.0/33', '10.0.0.0/x'], false],
    ['::1', 443, ['::1'], true],
    ['[::1]', 8080, ['[::1]:8080'], true],
    ['[::1]', 443, ['[::1]:8080'], false],
  ])('%s:%d with %j → %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });
});
