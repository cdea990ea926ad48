// The readable form of a bench run, for stderr and for docs/performance.md (a Markdown table reads in both).
import type { ScenarioResult, Target } from './results.js';

export interface BenchOutput {
  readonly machine: Readonly<Record<string, string | number>>;
  readonly bundle: { readonly path: string; readonly bytes: number };
  readonly coldStart?: ScenarioResult;
  readonly scenarios: readonly ScenarioResult[];
  readonly pending: readonly string[];
  readonly targets: readonly Target[];
}

const COLUMNS = [
  'scenario',
  'events',
  'wall ms',
  'CPU ms',
  'events/s',
  'raw MB/s',
  'peak RSS MB',
  'requests',
  'bytes sent',
];

export function renderTable(output: BenchOutput): string {
  const rows = output.scenarios.map((r) => [
    r.id,
    r.events.toLocaleString('en-US'),
    r.wallMs.toFixed(1),
    r.cpuMs.toFixed(1),
    r.eventsPerSecond.toLocaleString('en-US'),
    r.rawMBPerSecond.toFixed(1),
    r.peakRssMB.toFixed(1),
    r.requests === undefined ? '' : String(r.requests),
    r.bytesSent === undefined ? '' : r.bytesSent.toLocaleString('en-US'),
  ]);
  const lines = [markdown(COLUMNS, rows), ''];
  if (output.coldStart) {
    const d = output.coldStart.details ?? {};
    lines.push(
      `Cold start: ${output.coldStart.wallMs.toFixed(1)} ms, median of ${output.coldStart.runsMs.length} fresh ` +
        `processes (on average: import ${String(d.importMs)} ms, first invocation ${String(d.invokeMs)} ms, ` +
        `${String(d.processMs)} ms since the process started).`,
    );
  }
  lines.push(`Bundle: ${output.bundle.bytes.toLocaleString('en-US')} bytes.`);
  if (output.pending.length > 0) lines.push(`Not measured yet: ${output.pending.join(', ')}.`);
  lines.push('', markdown(['target', 'value', 'limit', 'met'], output.targets.map(targetRow)));
  return lines.join('\n');
}

function targetRow(t: Target): string[] {
  const met = t.met === undefined ? 'not measured' : t.met ? 'yes' : 'NO';
  return [t.name, t.value === undefined ? '' : `${t.value} ${t.unit}`, `< ${t.limit} ${t.unit}`, met];
}

function markdown(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
