// The redaction detectors a rule's `redact` list may name: the detectors' own registry (src/config/detector-names.ts),
// as plain strings for checking what a rule file says.
import { DETECTOR_NAMES as NAMES } from '../config/detector-names.js';

export const DETECTOR_NAMES: readonly string[] = NAMES;
