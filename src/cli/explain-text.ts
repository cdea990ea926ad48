// `forwarder explain`'s human-readable output: one block per log, one line per decision, then what was counted
// outside any log. The --json output is the report itself (explain-report.ts, docs/explain.md).
import type { ExplainedRecord, ExplainReport } from './explain-report.js';

export function explainText(report: ExplainReport): string[] {
  const { summary } = report;
  const lines = [
    `${report.event} (${report.trigger}): ${summary.received} log(s) received, ${summary.forwarded} would be sent as logs` +
      `${intakeCounts(summary.intakes)}.`,
  ];
  if (report.error !== undefined) lines.push(`The event could not be forwarded: ${report.error}`);
  report.records.forEach((record, index) => {
    lines.push('', `Log ${index + 1} of ${report.records.length} (${record.trigger}${where(record.origin)})`);
    lines.push(...recordLines(record).map(([label, text]) => `  ${label.padEnd(10)}${text}`));
  });
  const eventDrops = Object.entries(report.eventDrops);
  if (eventDrops.length > 0) {
    lines.push('', `Dropped outside any one log: ${eventDrops.map(([r, n]) => `${r} ×${n}`).join(', ')}`);
  }
  return lines;
}

function recordLines(record: ExplainedRecord): [string, string][] {
  const { ddsource, filter, redactions, metrics } = record;
  const lines: [string, string][] = [];
  if (record.id !== undefined) lines.push(['id', record.id]);
  lines.push([
    'ddsource',
    `${ddsource.value}, set by ${ddsource.setBy.kind.replace('_', ' ')}: ${ddsource.setBy.detail}`,
  ]);
  const rule = record.routing?.rule;
  if (rule) {
    const on = rule.matchedOn.length > 0 ? `matched on ${rule.matchedOn.join(', ')}` : 'matches everything';
    const set = Object.keys(record.routing!.setBy);
    lines.push([
      'rule',
      `rules[${rule.index}] "${rule.name}", ${on}${set.length > 0 ? `; sets ${set.join(', ')}` : ''}`,
    ]);
  }
  if (filter) lines.push(['filter', `${filter.verdict}: ${filter.by}`]);
  if (redactions.length > 0) {
    lines.push([
      'redacted',
      redactions.map((r) => `${r.redactor} (${r.hits} hit${r.hits === 1 ? '' : 's'})`).join(', '),
    ]);
  }
  for (const point of metrics ?? []) lines.push(['metric', `${point.metric} = ${point.value}`]);
  if (record.error !== undefined) lines.push(['error', `${record.error}: forwarded as it came`]);
  if (record.kept.length > 0) lines.push(['kept', record.kept.join(', ')]);
  if (record.dropped.length > 0) lines.push(['dropped', record.dropped.join(', ')]);
  lines.push(['became', record.became]);
  if (record.sent !== undefined) lines.push(['sent', JSON.stringify(record.sent)]);
  return lines;
}

function where(origin: Readonly<Record<string, string>>): string {
  return Object.entries(origin)
    .map(([key, value]) => `, ${key} ${value}`)
    .join('');
}

function intakeCounts(intakes: Readonly<Record<string, number>>): string {
  // The forwarder's own telemetry is not the event's.
  const others = Object.entries(intakes).filter(([name, n]) => name !== 'logs' && name !== 'telemetry' && n > 0);
  return others.map(([name, items]) => `, ${items} item(s) to ${name}`).join('');
}
