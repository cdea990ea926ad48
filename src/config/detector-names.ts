// The names of the built-in redaction detectors (src/transform/detectors/), in the order they are documented
// (docs/configuration.md, "Redaction detectors"): FORWARDER_REDACT and routing rules' `redact` are checked
// against it without loading the scanners.

export const DETECTOR_NAMES = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'bearer_token',
  'jwt',
  'card_number',
  'email',
  'ipv4',
  'ipv6',
] as const;

export type DetectorName = (typeof DETECTOR_NAMES)[number];

function isDetectorName(name: string): name is DetectorName {
  return (DETECTOR_NAMES as readonly string[]).includes(name);
}

/**
 * A comma-separated list of detector names (spaces around names and empty items ignored, any case), for a
 * setting or a routing rule: the names in documented order without repeats, or the problem naming the unknown
 * ones and every known one.
 */
export function parseDetectorList(value: string): { names: DetectorName[]; problem?: string } {
  const given = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  return checkDetectorNames(given);
}

/** Names (exactly as given) checked against the registry: see parseDetectorList. */
export function checkDetectorNames(given: readonly string[]): { names: DetectorName[]; problem?: string } {
  const unknown = given.filter((name) => !isDetectorName(name));
  const names = DETECTOR_NAMES.filter((name) => given.includes(name));
  if (unknown.length === 0) return { names };
  const list = unknown.map((name) => JSON.stringify(name)).join(', ');
  return { names, problem: `unknown redaction detector ${list}; known detectors: ${DETECTOR_NAMES.join(', ')}` };
}
