// Sending through a web proxy (DD_HTTP_PROXY_URL, or HTTPS_PROXY/HTTP_PROXY as the template sets them): each
// connection to an intake is a CONNECT tunnel through the proxy (RFC 9110 §9.3.6), inside which TLS runs end
// to end with the intake, so the proxy never sees the API key or the data. Plain-HTTP intakes (DD_NO_SSL) are
// tunnelled the same way. Hosts listed in DD_NO_PROXY/NO_PROXY (`host`, `.suffix`, `host:port`, an IP address or
// CIDR range, or `*`) are reached directly. Tunnels are ordinary agent sockets, so they are kept alive and reused.
import type { Agent } from 'node:http';
import type { RequestOptions } from 'node:https';
import { BlockList, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import { http, https } from '../node-http.js';
import type { DeadlineOptions } from './http-client.js';

/**
 * A proxy that does not answer CONNECT within this time, or before the request's own time limit (which is
 * derived from the invocation's deadline), fails the attempt: it is retried like any other, then stored.
 */
const CONNECT_TIMEOUT_MS = 10_000;

interface ProxySettings {
  readonly proxyUrl: string;
  readonly noProxy: readonly string[];
  readonly connectTimeoutMs?: number;
}

export function buildHttpAgents(config: Config, logger: Logger): { httpAgent?: Agent; httpsAgent?: Agent } {
  const { proxyUrl, noProxy, useVpc, privateLinkRegion } = config.network;
  if (useVpc && privateLinkRegion === undefined && proxyUrl === undefined) {
    logger.warn('DD_USE_VPC is true but this site has no PrivateLink endpoints: set DD_HTTP_PROXY_URL to a proxy.', {
      site: config.intake.site,
    });
  }
  if (proxyUrl === undefined) return {};
  const proxy = new URL(proxyUrl);
  logger.info('Intake requests go through a web proxy.', { proxy: proxy.host, noProxy });
  const settings = { proxyUrl, noProxy };
  const common = { keepAlive: true, maxSockets: config.intake.maxWorkers };
  return {
    httpAgent: tunnelling(new http.Agent(common), settings, false),
    httpsAgent: tunnelling(
      new (https().Agent)({ ...common, rejectUnauthorized: !config.intake.skipSslValidation }),
      settings,
      true,
    ),
  };
}

/** Makes `agent` open its connections through the proxy's CONNECT tunnel, except for DD_NO_PROXY hosts. */
export function tunnelling<A extends Agent>(agent: A, settings: ProxySettings, secure: boolean): A {
  const direct = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port ?? (secure ? 443 : 80));
    if (bypassesProxy(host, port, settings.noProxy)) return direct(options, callback);
    const { deadlineSignal } = options as DeadlineOptions;
    openTunnel(settings, host, port, deadlineSignal, (error, socket) => {
      if (error || !socket) return callback?.(error ?? new Error('no tunnel'), undefined as unknown as Duplex);
      if (!secure) return callback?.(null, socket);
      const tlsOptions = options as RequestOptions;
      // Loaded with node:https (node-http.ts), only once a secure tunnel is opened.
      const secured = process.getBuiltinModule('node:tls').connect({
        socket,
        servername: isIP(host) ? undefined : host,
        rejectUnauthorized: tlsOptions.rejectUnauthorized ?? true,
        ca: tlsOptions.ca,
      });
      callback?.(null, secured);
    });
    return undefined;
  };
  return agent;
}

function openTunnel(
  settings: ProxySettings,
  host: string,
  port: number,
  deadline: AbortSignal | undefined,
  done: (e?: Error, s?: Socket) => void,
) {
  const proxy = new URL(settings.proxyUrl);
  const headers: Record<string, string> = { Host: `${host}:${port}` };
  if (proxy.username !== '') {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const request = http.request({
    host: proxy.hostname,
    port: Number(proxy.port || 80),
    method: 'CONNECT',
    path: `${host}:${port}`,
    headers,
    agent: false,
  });
  const giveUp = () => request.destroy(new Error(`the proxy ${proxy.host} did not open a tunnel in time`));
  const timer = setTimeout(giveUp, settings.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  if (deadline?.aborted) giveUp();
  deadline?.addEventListener('abort', giveUp, { once: true });
  request.once('close', () => {
    clearTimeout(timer);
    deadline?.removeEventListener('abort', giveUp);
  });
  request.once('connect', (response, socket) => {
    clearTimeout(timer);
    deadline?.removeEventListener('abort', giveUp);
    if (response.statusCode === 200) return done(undefined, socket);
    socket.destroy();
    done(new Error(`the proxy ${proxy.host} refused to open a tunnel to ${host}:${port} (${response.statusCode})`));
  });
  request.once('error', (error) => done(error));
  request.end();
}

/**
 * NO_PROXY semantics as curl and most HTTP clients read them: `*`, a host and its subdomains (`host`, `.host`,
 * `*.host`), with or without `:port`, an IP address (IPv6 bare or in brackets), or a CIDR range (`10.0.0.0/8`,
 * `fd00::/8`), which matches a host given as an IP address in it: names are not resolved to match ranges.
 */
export function bypassesProxy(host: string, port: number, noProxy: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    if (entry.includes('/')) return inRange(name, entry);
    const [pattern, entryPort] = splitPort(entry);
    if (entryPort !== undefined && entryPort !== port) return false;
    const suffix = pattern.replace(/^\*?\./, '');
    return name === suffix || name.endsWith(`.${suffix}`);
  });
}

/** `host`, `host:port`, `[v6]:port`, or a bare IPv6 address, whose colons are not a port. */
function splitPort(entry: string): [string, number | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1] ?? '', bracketed[2] === undefined ? undefined : Number(bracketed[2])];
  if (isIP(entry) === 6) return [entry, undefined];
  const [pattern = '', entryPort] = entry.split(/:(?=\d+$)/);
  return [pattern, entryPort === undefined ? undefined : Number(entryPort)];
}

function inRange(ip: string, cidr: string): boolean {
  const [network = '', bits = ''] = cidr.split('/');
  const family = isIP(ip);
  if (family === 0 || isIP(network) !== family || !/^\d{1,3}$/.test(bits)) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const prefix = Number(bits);
  if (prefix > (family === 6 ? 128 : 32)) return false;
  const range = new BlockList();
  range.addSubnet(network, prefix, type);
  return range.check(ip, type);
}
