// Two Datadog Forwarder 3.99 settings a stack switching from it may still carry, accepted with the meaning they
// had there (datadog-serverless-functions aws/logs_monitoring/settings.py and template.yaml, aws-dd-forwarder-3.99.0):
// - DD_USE_PRIVATE_LINK=true (template DdUsePrivateLink, "deprecated" there): the function runs in a VPC and sends
//   to the PrivateLink-specific host names below, on the datadoghq.com site, over TLS on 443, whatever DD_SITE,
//   DD_URL, DD_PORT, DD_NO_SSL, DD_API_URL and DD_TRACE_INTAKE_URL say (3.99 overrides them the same way).
//   Datadog's current PrivateLink endpoints serve the usual host names instead: for those use DD_USE_VPC.
// - DD_USE_TCP=true (template DdUseTcp): 3.99 sent logs over TCP to lambda-intake.logs.<site>:10516. That intake
//   is deprecated and Forwarder speaks HTTP only: logs go to the HTTP intake, as the Datadog Forwarder 4+ does.
// docs/migrate.md says what each does.
import type { EnvReader } from './env-reader.js';

export const LEGACY_PRIVATE_LINK = {
  site: 'datadoghq.com',
  logsUrl: 'https://api-pvtlink.logs.datadoghq.com:443',
  apiUrl: 'https://pvtlink.api.datadoghq.com',
  traceIntakeUrl: 'https://trace-pvtlink.agent.datadoghq.com',
} as const;

/** DD_USE_PRIVATE_LINK, read quietly (intake.ts validates it and reports a bad value once). */
export function usesLegacyPrivateLink(env: EnvReader): boolean {
  return env.raw('DD_USE_PRIVATE_LINK')?.trim().toLowerCase() === 'true';
}

/** Validates both settings; returns the start-up warnings they call for. */
export function legacyNetworkWarnings(env: EnvReader): string[] {
  const warnings: string[] = [];
  if (env.bool('DD_USE_PRIVATE_LINK', false)) {
    const overridden = ['DD_URL', 'DD_PORT', 'DD_NO_SSL', 'DD_API_URL', 'DD_TRACE_INTAKE_URL'].filter(
      (name) => env.raw(name) !== undefined,
    );
    const site = env.raw('DD_SITE')?.trim();
    if (site !== undefined && site !== LEGACY_PRIVATE_LINK.site) overridden.unshift('DD_SITE');
    warnings.push(
      'DD_USE_PRIVATE_LINK is true (Datadog Forwarder 3.99): sending to the PrivateLink host names ' +
        `${new URL(LEGACY_PRIVATE_LINK.logsUrl).hostname}, ${new URL(LEGACY_PRIVATE_LINK.apiUrl).hostname} and ` +
        `${new URL(LEGACY_PRIVATE_LINK.traceIntakeUrl).hostname}` +
        (overridden.length > 0 ? `, in place of ${overridden.join(', ')}` : '') +
        '. For the current PrivateLink endpoints, which serve the usual host names, set DD_USE_VPC instead.',
    );
  }
  if (env.bool('DD_USE_TCP', false)) {
    warnings.push('DD_USE_TCP is true: the TCP intake is deprecated and Forwarder sends logs over HTTPS (443).');
  }
  return warnings;
}
