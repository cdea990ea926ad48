// The redaction detectors a rule's `redact` list may name (issue 17 item 4). The detectors themselves are built
// in their own module; until its registry is merged, this list is what rule files are validated against, and the
// names are carried on the compiled rule for the scrubber to look up. Replace it with the registry's names.
export const DETECTOR_NAMES: readonly string[] = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'bearer_token',
  'jwt',
  'card_number',
  'email',
  'ipv4',
  'ipv6',
];
