// The differential run's result table: counts per class, in all and per source, as Markdown (the same table
// goes into docs/compatibility.md).
import { CLASSES, type Class, type Classified } from './classify.js';

export interface Summary {
  readonly date: string;
  readonly seed: number;
  readonly python: { v5: string; v3: string };
  readonly total: Counts;
  readonly bySource: Record<string, Counts>;
  readonly rules: Record<string, number>;
}

type Counts = Record<Class, number> & { cases: number; telemetryOnly: number };
const empty = (): Counts => ({
  cases: 0,
  identical: 0,
  documented: 0,
  'python-bug-fixed': 0,
  defect: 0,
  telemetryOnly: 0,
});
/** A difference in the forwarder's own counters (`aws.dd_forwarder.*`), not in the user's data. */
const isTelemetry = (d: Classified['differences'][number]) =>
  d.area === 'metrics' && (d.record.startsWith('aws.dd_forwarder.') || d.record === '');

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
      if (r.differences.every(isTelemetry)) counts.telemetryOnly++;
    }
    for (const rule of new Set(r.differences.map((d) => d.rule ?? 'unclassified')))
      rules[rule] = (rules[rule] ?? 0) + 1;
  }
  return { date: new Date().toISOString().slice(0, 10), ...run, total, bySource, rules };
}

export function renderTable(summary: Summary): string {
  const header = `| source | cases | ${CLASSES.join(' | ')} | data identical |`;
  const rule = `| --- | ---: | ${CLASSES.map(() => '---:').join(' | ')} | ---: |`;
  const row = (name: string, c: Counts) =>
    `| ${name} | ${c.cases} | ${CLASSES.map((k) => c[k]).join(' | ')} | ${c.telemetryOnly} |`;
  const lines = [
    `Differential run of ${summary.date}, seed ${summary.seed}: Datadog Forwarder ${summary.python.v5} (logs) and ` +
      `${summary.python.v3} (metrics and traces) against Forwarder.`,
    '',
    header,
    rule,
    ...Object.keys(summary.bySource)
      .sort()
      .map((source) => row(source, summary.bySource[source] as Counts)),
    row('**all**', summary.total),
    '',
    "Data identical: the cases where nothing differs but the forwarders' own counters (`aws.dd_forwarder.*`; M2, M3, M6).",
    '',
    'Cases per rule (a case counts once per rule it needed):',
    '',
    ...Object.entries(summary.rules)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `- ${name}: ${count}`),
  ];
  return lines.join('\n');
}
