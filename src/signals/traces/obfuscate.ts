// The obfuscation the Datadog Forwarder's trace path applies before sending (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/model.go, 5.4.11, datadog-agent's
// pkg/obfuscate with RemoveQueryString, RemovePathDigits, RemoveStackTraces, Redis and Memcached on):
// - `http`/`web` spans: the query string of `http.url` is removed (the `?` kept) and path segments holding a
//   digit become `?` (a URL without a scheme is all path, as Go's url.Parse reads it: `api.eu-west-1.x/` → `?/`);
// - `error.stack` becomes `?`;
// - `memcached` spans keep only the command line of `memcached.command`;
// - `redis` spans: the resource keeps only the command names (`GET k` → `GET`, as the Agent's quantizer), and
//   `redis.raw_command` each command and its key, AUTH losing its arguments;
// - `sql`/`cassandra` spans have string and number literals in the resource replaced by `?` (also `sql.query`).
// The agent's SQL, Elasticsearch and MongoDB obfuscators are full tokenizers; the SQL rule here is a smaller
// literal-only rule and the JSON bodies are left as they are (docs/compatibility.md).
import type { Span } from './span.js';

export function obfuscateSpan(span: Span): void {
  const { meta } = span;
  if (meta['error.stack'] !== undefined) meta['error.stack'] = '?';
  switch (span.type) {
    case 'http':
    case 'web':
      if (meta['http.url'] !== undefined) meta['http.url'] = obfuscateUrl(meta['http.url']);
      return;
    case 'memcached':
      if (meta['memcached.command'] !== undefined)
        meta['memcached.command'] = meta['memcached.command'].split('\r\n')[0]!;
      return;
    case 'redis':
      span.resource = quantizeRedis(span.resource);
      if (meta['redis.raw_command'] !== undefined)
        meta['redis.raw_command'] = obfuscateRedis(meta['redis.raw_command']);
      return;
    case 'sql':
    case 'cassandra':
      span.resource = obfuscateSqlLiterals(span.resource);
      meta['sql.query'] = span.resource;
      return;
  }
}

const URL_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/s;

export function obfuscateUrl(url: string): string {
  const match = URL_PARTS.exec(url);
  if (!match) return '?';
  const [, scheme = '', authority = '', path = '', query = '', fragment = ''] = match;
  const cleanPath = path
    .split('/')
    .map((segment) => (/[0-9]/.test(segment) ? '?' : segment))
    .join('/');
  return scheme + authority + cleanPath + (query.length > 1 ? '?' : query) + fragment;
}

function obfuscateRedis(raw: string): string {
  return raw
    .split('\n')
    .map((line) => {
      const words = line.trim().split(/\s+/);
      const command = words[0] ?? '';
      if (command.toUpperCase() === 'AUTH') return words.length > 1 ? 'AUTH ?' : 'AUTH';
      return words.length > 2 ? `${words.slice(0, 2).join(' ')} ?` : words.join(' ');
    })
    .join('\n');
}

/** Redis commands whose name is two words (`CLIENT LIST`), as the Agent's quantizer knows them. */
const COMPOUND_REDIS_COMMANDS = new Set(['CLIENT', 'CLUSTER', 'COMMAND', 'CONFIG', 'DEBUG', 'SCRIPT']);

export function quantizeRedis(resource: string): string {
  const names: string[] = [];
  for (const line of resource.split('\n')) {
    const words = line
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.length === 0) continue;
    const command = words[0]!.toUpperCase();
    const name = COMPOUND_REDIS_COMMANDS.has(command) && words[1] ? `${command} ${words[1].toUpperCase()}` : command;
    if (names[names.length - 1] !== name) names.push(name);
  }
  return names.join(' ');
}

const SQL_LITERALS = /'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b/g;

function obfuscateSqlLiterals(query: string): string {
  return query.replace(SQL_LITERALS, '?');
}
