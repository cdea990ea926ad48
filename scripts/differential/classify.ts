// Classifies each difference the comparison found: `documented` (a deliberate difference that
// docs/compatibility.md lists with its reason), `python-bug-fixed` (the Datadog Forwarder is wrong there, and the
// docs say why), or `defect` (nobody decided it: a bug of ours to fix). A case takes its worst difference's class;
// a case without differences is `identical`. Each rule names where the docs explain it.
import type { Case } from './cases.js';
import type { Difference } from './compare.js';

export const CLASSES = ['identical', 'documented', 'python-bug-fixed', 'defect'] as const;
export type Class = (typeof CLASSES)[number];

export interface Rule {
  readonly id: string;
  readonly class: 'documented' | 'python-bug-fixed';
  /** The section of docs/compatibility.md (or the page) that gives the reason. */
  readonly doc: string;
  matches(d: Difference, c: Case): boolean;
}

export interface Classified {
  readonly id: string;
  readonly source: string;
  readonly python: string;
  readonly description: string;
  readonly class: Class;
  readonly differences: (Difference & { class: Class; rule?: string })[];
}

import { RULES } from './rules.js';

export function classify(c: Case, differences: readonly Difference[]): Classified {
  const classified = differences.map((d) => {
    const rule = RULES.find((r) => r.matches(d, c));
    return rule ? { ...d, class: rule.class as Class, rule: rule.id } : { ...d, class: 'defect' as Class };
  });
  const worst = classified.reduce<Class>(
    (acc, d) => (CLASSES.indexOf(d.class) > CLASSES.indexOf(acc) ? d.class : acc),
    'identical',
  );
  return {
    id: c.id,
    source: c.source,
    python: c.python,
    description: c.description,
    class: worst,
    differences: classified,
  };
}
