// The readable form of a bench run, for stderr and for docs/performance.md (a Markdown table reads in both).
import type { ScenarioResult, Spread, Target } from './results.js';

export interface BenchOutput {
  readonly machine: Readonly<Record<string, string | number>>;
  /** Every .mjs file of the package (handlers and chunks; source maps are not code). */
  readonly code: { readonly files: number; readonly bytes: number; readonly entryBytes: number };
  readonly scenarios: readonly ScenarioResult[];
  readonly pending: readonly string[];
  readonly targets: readonly Target[];
}

const COLUMNS = [
  'scenario',
  'events',
  'wall ms',
  'CPU ms',
  'peak RSS MB',
  'JSON.parse / event',
  'heap bytes / event',
  'events/s',
  'requests',
  'bytes sent',
];

export function renderTable(output: BenchOutput): string {
  const rows = output.scenarios.map((r) => [
    r.id,
    r.events.toLocaleString('en-US'),
    spreadText(r.wallMs),
    spreadText(r.cpuMs),
    spreadText(r.peakRssMB),
    r.work ? spreadText(r.work.parsesPerEvent) : '',
    r.work ? groupedSpreadText(r.work.allocatedBytesPerEvent) : '',
    r.eventsPerSecond.toLocaleString('en-US'),
    r.requests === undefined ? '' : String(r.requests),
    r.bytesSent === undefined ? '' : r.bytesSent.toLocaleString('en-US'),
  ]);
  const lines = [
    `Each figure: median (min–max) over every run of every round (${String(output.machine.rounds)} rounds); ` +
      'peak RSS over the rounds. Cold start: from spawn to the first answer, one fresh process a round. ' +
      "JSON.parse calls and bytes allocated on V8's heap per event: counted in an untimed child of their own, " +
      'one a round (median and min–max of the rounds).',
    '',
    markdown(COLUMNS, rows),
    '',
  ];
  const { code } = output;
  lines.push(
    `Code shipped: ${code.bytes.toLocaleString('en-US')} bytes in ${code.files} .mjs files ` +
      `(the handler's entry file: ${code.entryBytes.toLocaleString('en-US')} bytes).`,
  );
  if (output.pending.length > 0) lines.push(`Not measured: ${output.pending.join(', ')}.`);
  lines.push(
    '',
    'Targets: the median over the rounds (min–max of the rounds); met when every round meets it, marginal when only the median does.',
    '',
    markdown(['target', 'value', 'limit', 'met'], output.targets.map(targetRow)),
  );
  return lines.join('\n');
}

function spreadText(s: Spread, unit = ''): string {
  return `${s.median}${unit} (${s.min}–${s.max})`;
}

/** A spread of integers with thousands separators: `7,417 (7,308–9,040)`. */
function groupedSpreadText(s: Spread): string {
  const text = (n: number) => n.toLocaleString('en-US');
  return `${text(s.median)} (${text(s.min)}–${text(s.max)})`;
}

function targetRow(t: Target): string[] {
  const met = t.limit === undefined ? 'for information' : (t.met ?? 'not measured');
  const value = t.value === undefined ? '' : spreadText(t.value, ` ${t.unit}`).replace(/ \(([^–]+)–\1\)$/, '');
  return [t.name, value, t.limit === undefined ? '' : `≤ ${t.limit} ${t.unit}`, met === 'no' ? 'NO' : met];
}

function markdown(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
