// Intake URL settings (DD_URL, DD_API_URL, DD_TRACE_INTAKE_URL, additional endpoints) are base URLs: the
// forwarder adds each intake's own path, so a path, a query or credentials in them would be sent where nobody
// meant (`/some/path?api_key=KEY/api/v2/logs`, user:password as Basic auth). They are refused, and a value that
// carries credentials is never quoted in the error.

/**
 * Why `value` is not an intake base URL (`http(s)://host[:port]`, a trailing `/` allowed), as the end of a
 * sentence that starts with the variable's name; undefined when it is one.
 */
export function baseUrlProblem(value: string): string | undefined {
  const shown = value.includes('@') ? 'a value with credentials (not shown)' : JSON.stringify(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an http:// or https:// URL, got ${shown}.`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'must not carry credentials (user:password@): the intakes take the API key, which is sent as a header.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http:// or https:// URL, got ${shown}.`;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    return `must be a base URL (scheme, host, port) without a path, query or fragment, got ${shown}: the forwarder adds the intake's path itself.`;
  }
  return undefined;
}

/** Why a bare host name (DD_URL, an additional endpoint's Host) cannot make a URL: a port, path or credentials. */
export function hostProblem(host: string): string | undefined {
  if (host.includes('@')) return 'must not carry credentials (user:password@): the API key is sent as a header.';
  let parsed: URL | undefined;
  try {
    parsed = new URL(`http://${host}`);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.host !== host.toLowerCase() || parsed.port !== '') {
    return `must be a host name (the port is set apart), or an http:// or https:// base URL, got ${JSON.stringify(host)}.`;
  }
  return undefined;
}
