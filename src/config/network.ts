// Network paths (datadog-serverless-functions aws/logs_monitoring/settings.py, 5.4.11): the API and trace intake URLs,
// a web proxy, and PrivateLink.
// The template sets HTTP_PROXY/HTTPS_PROXY from DdHttpProxyURL and NO_PROXY from DdNoProxy; DD_HTTP_PROXY_URL
// and DD_NO_PROXY set them for this function alone and win. HTTPS goes through the proxy as a CONNECT tunnel.
// PrivateLink (https://docs.datadoghq.com/agent/guide/private-link/): the VPC endpoints' private DNS names are
// the intakes' usual names, so with DD_USE_VPC the default URLs stay; sites without PrivateLink need a proxy.
import type { EnvReader } from './env-reader.js';
import { LEGACY_PRIVATE_LINK, usesLegacyPrivateLink } from './legacy-network.js';

/** Sites with Datadog PrivateLink endpoint services, and the AWS region that hosts them. */
const PRIVATE_LINK_SITES: Readonly<Record<string, string>> = {
  'datadoghq.com': 'us-east-1',
  'ap1.datadoghq.com': 'ap-northeast-1',
};

export interface NetworkConfig {
  /** `http://[user:password@]host:port` of a web proxy, when one is set. */
  readonly proxyUrl?: string;
  /** Host names (or `.suffix`es, or `*`) reached directly, not through the proxy. */
  readonly noProxy: readonly string[];
  /** `DD_USE_VPC`: PrivateLink host names, and path-style S3 addressing in the function's region. */
  readonly useVpc: boolean;
  /** The AWS region of the site's PrivateLink services, when DD_USE_VPC is on and the site has them. */
  readonly privateLinkRegion?: string;
}

export function readNetwork(env: EnvReader): NetworkConfig {
  // DD_USE_PRIVATE_LINK (3.99) runs in a VPC too, on the datadoghq.com site (legacy-network.ts).
  const privateLink = usesLegacyPrivateLink(env);
  const site = privateLink ? LEGACY_PRIVATE_LINK.site : env.string('DD_SITE', 'datadoghq.com');
  const useVpc = env.bool('DD_USE_VPC', false) || privateLink;
  const proxyName = ['DD_HTTP_PROXY_URL', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find(
    (name) => env.raw(name) !== undefined,
  );
  const proxyUrl = proxyName === undefined ? undefined : readProxyUrl(env, proxyName);
  const noProxy = (env.raw('DD_NO_PROXY') ?? env.raw('NO_PROXY') ?? env.raw('no_proxy') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  return {
    proxyUrl,
    noProxy,
    useVpc,
    privateLinkRegion: useVpc ? PRIVATE_LINK_SITES[site] : undefined,
  };
}

/** The proxy URL, checked without ever quoting it: it may carry a password. */
function readProxyUrl(env: EnvReader, name: string): string | undefined {
  const value = env.raw(name)?.trim() ?? '';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Credentials are what the proxy asks for (sent as Proxy-Authorization); a path or query would be ignored.
  const bare = url !== undefined && url.pathname === '/' && url.search === '' && url.hash === '' && !/[?#]/.test(value);
  if (url?.protocol !== 'http:' || url.hostname === '' || !bare) {
    env.problem(
      `${name} must be a proxy URL like http://[user:password@]host:port, without a path or query (HTTPS to the intakes runs inside the ` +
        'proxy tunnel; TLS to the proxy itself is not supported).',
    );
    return undefined;
  }
  return value;
}
