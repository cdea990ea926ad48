// The differences docs/compatibility.md explains, as rules the differential run applies (classify.ts).
import type { Rule } from './classify.js';

export const RULES: readonly Rule[] = [];
