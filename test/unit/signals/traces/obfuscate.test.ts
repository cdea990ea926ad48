import { obfuscateSpan, obfuscateUrl, quantizeRedis } from '../../../../src/signals/traces/obfuscate.js';
import type { Span } from '../../../../src/signals/traces/span.js';

const span = (type: string, resource: string, meta: Record<string, string>): Span => ({
  service: 's',
  name: 'n',
  resource,
  traceId: 1n,
  spanId: 1n,
  parentId: 0n,
  start: 0n,
  duration: 1n,
  error: 0,
  meta,
  metrics: {},
  type,
});

describe('span obfuscation (the Datadog Agent rules the Datadog Forwarder applied)', () => {
  it.each([
    ['https://api.example.com/orders/123?token=abc#top', 'https://api.example.com/orders/??#top'],
    ['https://www.google.com/', 'https://www.google.com/'],
    // Without a scheme the whole URL is a path, as Go's url.Parse reads it (conformance: inferred spans).
    ['ialbefmodl.execute-api.sa-east-1.amazonaws.com/', '?/'],
    ['/users/u1/profile?', '/users/?/profile?'],
  ])('http.url %s → %s', (url, expected) => {
    expect(obfuscateUrl(url)).toBe(expected);
  });

  it.each([
    ['GET my:key', 'GET'],
    ['SET k v\nGET k\nget k2', 'SET GET'],
    ['client list', 'CLIENT LIST'],
  ])('redis resource %j → %j', (resource, expected) => {
    expect(quantizeRedis(resource)).toBe(expected);
  });

  it('removes stack traces, secrets in redis AUTH and memcached values, and SQL literals', () => {
    const redis = span('redis', 'AUTH secret', {
      'redis.raw_command': 'AUTH secret\nSET k value',
      'error.stack': 'at x',
    });
    obfuscateSpan(redis);
    expect(redis.meta).toEqual({ 'redis.raw_command': 'AUTH ?\nSET k ?', 'error.stack': '?' });
    expect(redis.resource).toBe('AUTH');

    const memcached = span('memcached', 'set', { 'memcached.command': 'set k 0 0 5\r\nvalue' });
    obfuscateSpan(memcached);
    expect(memcached.meta['memcached.command']).toBe('set k 0 0 5');

    const sql = span('sql', "SELECT * FROM users WHERE email = 'a@b.c' AND id = 42", {});
    obfuscateSpan(sql);
    expect(sql.resource).toBe('SELECT * FROM users WHERE email = ? AND id = ?');
    expect(sql.meta['sql.query']).toBe(sql.resource);
  });
});
