// The differential run's result table: counts per class, in all and per source, as Markdown (the same table
// goes into docs/compatibility.md).
import { CLASSES, type Class, type Classified } from './classify.js';

export interface Summary {
  readonly date: string;
  readonly seed: number;
  readonly python: { v5: string; v3: string };
  readonly total: Record<Class, number> & { cases: number };
  readonly bySource: Record<string, Record<Class, number> & { cases: number }>;
  readonly rules: Record<string, number>;
}

const empty = () => ({ cases: 0, identical: 0, documented: 0, 'python-bug-fixed': 0, defect: 0 });

export function summarize(
  results: readonly Classified[],
  run: { seed: number; python: { v5: string; v3: string } },
): Summary {
  const total = empty();
  const bySource: Summary['bySource'] = {};
  const rules: Record<string, number> = {};
  for (const r of results) {
    const row = (bySource[r.source] ??= empty());
    for (const counts of [total, row]) {
      counts.cases++;
      counts[r.class]++;
    }
    for (const rule of new Set(r.differences.map((d) => d.rule ?? 'unclassified')))
      rules[rule] = (rules[rule] ?? 0) + 1;
  }
  return { date: new Date().toISOString().slice(0, 10), ...run, total, bySource, rules };
}

export function renderTable(summary: Summary): string {
  const header = `| source | cases | ${CLASSES.join(' | ')} |`;
  const rule = `| --- | ---: | ${CLASSES.map(() => '---:').join(' | ')} |`;
  const row = (name: string, c: Summary['total']) =>
    `| ${name} | ${c.cases} | ${CLASSES.map((k) => c[k]).join(' | ')} |`;
  const lines = [
    `Differential run of ${summary.date}, seed ${summary.seed}: Datadog Forwarder ${summary.python.v5} (logs) and ` +
      `${summary.python.v3} (metrics and traces) against Forwarder.`,
    '',
    header,
    rule,
    ...Object.keys(summary.bySource)
      .sort()
      .map((source) => row(source, summary.bySource[source] as Summary['total'])),
    row('**all**', summary.total),
    '',
    'Cases per rule (a case counts once per rule it needed):',
    '',
    ...Object.entries(summary.rules)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `- ${name}: ${count}`),
  ];
  return lines.join('\n');
}
