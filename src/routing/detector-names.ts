// The redaction detectors a rule's `redact` list may name: the detectors' own registry (src/transform/detectors/),
// as plain strings for checking what a rule file says.
import { DETECTOR_NAMES as NAMES } from '../transform/detectors/names.js';

export const DETECTOR_NAMES: readonly string[] = NAMES;
