// `forwarder explain`'s run (loaded only when it runs): reads the --env and --tags files, explains one event or
// every sample event of a --dry-run folder, and prints text or the --json format (docs/explain.md).
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandContext } from './command.js';
import { explainEvent, ExplainInputError, readJsonFile, type ExplainInputs } from './explain-pipeline.js';
import { EXPLAIN_FORMAT, type ExplainReport } from './explain-report.js';
import { explainText } from './explain-text.js';

type Env = Record<string, string>;

export async function runExplain(
  { values, io }: CommandContext,
  eventFile: string | undefined,
  dryRunFolder: string | undefined,
): Promise<number> {
  try {
    const envFile = values.env as string | undefined;
    const env = envFile === undefined ? undefined : { file: envFile, vars: await readEnvFile(envFile) };
    const tagsFile = values.tags as string | undefined;
    const tags = tagsFile === undefined ? undefined : await readTagsFile(tagsFile);
    const inputs = (file: string): Promise<ExplainInputs> =>
      eventInputs(file, env, values.rules as string, tags, io.err);
    if (eventFile !== undefined) {
      const report = await explainEvent(eventFile, await inputs(eventFile));
      for (const line of values.json ? [JSON.stringify(report, null, 2)] : explainText(report)) io.out(line);
      return report.error === undefined ? 0 : 1;
    }
    const reports: ExplainReport[] = [];
    for (const file of sampleEvents(dryRunFolder!)) reports.push(await explainEvent(file, await inputs(file)));
    const failed = reports.filter((r) => r.error !== undefined).length;
    if (values.json) io.out(JSON.stringify({ format: DRY_RUN_FORMAT, events: reports }, null, 2));
    else for (const line of dryRunText(dryRunFolder!, reports)) io.out(line);
    return failed === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ExplainInputError)) throw error;
    io.err(`forwarder explain: ${error.message}`);
    return 1;
  }
}

export const DRY_RUN_FORMAT = `${EXPLAIN_FORMAT}-dry-run`;

/** Without --env, a `<case>.env.json` beside the event is its environment (the fixtures' layout). */
async function eventInputs(
  eventFile: string,
  env: { file: string; vars: Env } | undefined,
  rulesFile: string | undefined,
  tags: ExplainInputs['tags'],
  warn: (line: string) => void,
): Promise<ExplainInputs> {
  const beside = eventFile.replace(/(\.event)?\.json$/, '') + '.env.json';
  const found = env ?? (existsSync(beside) ? { file: beside, vars: await readEnvFile(beside) } : undefined);
  return { env: found?.vars ?? {}, envFile: found?.file, rulesFile, tags, warn };
}

/** A JSON object of variables, or `NAME=value` lines (`#` comments, optional `export` and quotes). */
export async function readEnvFile(file: string): Promise<Env> {
  const text = await readFile(file, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const parsed = (await readJsonFile(file, 'env')) as Record<string, unknown>;
    const env: Env = {};
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'object' && value !== null) {
        throw new ExplainInputError(`the env file ${file}: ${name} must be a string, number or boolean.`);
      }
      env[name] = String(value);
    }
    return env;
  }
  const env: Env = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new ExplainInputError(`the env file ${file}, line ${index + 1}: expected NAME=value.`);
    env[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return env;
}

async function readTagsFile(file: string): Promise<Record<string, string[]>> {
  const parsed = await readJsonFile(file, 'tags');
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((tags) => Array.isArray(tags) && tags.every((t) => typeof t === 'string'));
  if (!valid) throw new ExplainInputError(`the tags file ${file} must be a JSON object {"<arn>": ["key:value", ...]}.`);
  return parsed as Record<string, string[]>;
}

/** Every *.event.json under the folder, or, when there is none, every *.json directly in it; sorted. */
function sampleEvents(folder: string): string[] {
  const all = readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
  const events = all.filter((f) => f.endsWith('.event.json'));
  const chosen = events.length > 0 ? events : all.filter((f) => f.endsWith('.json') && !f.includes(path.sep));
  return chosen.map((f) => path.join(folder, f));
}

/** One line per log: where it came from, its ddsource and what set it, and what it became. */
function dryRunText(folder: string, reports: readonly ExplainReport[]): string[] {
  const lines: string[] = [];
  let logs = 0;
  for (const report of reports) {
    lines.push(
      `${path.relative(folder, report.event)}:${report.error ? ` could not be forwarded: ${report.error}` : ''}`,
    );
    for (const record of report.records) {
      logs++;
      const { value, setBy } = record.ddsource;
      const outcome = record.became === 'dropped' ? `dropped (${record.dropped.join(', ')})` : record.became;
      lines.push(`  ${value} (${setBy.kind.replace('_', ' ')}: ${setBy.detail}) → ${outcome}`);
    }
    for (const [reason, count] of Object.entries(report.eventDrops))
      lines.push(`  dropped outside any log: ${reason} ×${count}`);
  }
  const failed = reports.filter((r) => r.error !== undefined).length;
  lines.push(
    '',
    `${reports.length} event(s), ${logs} log(s)${failed > 0 ? `, ${failed} event(s) not forwarded` : ''}.`,
  );
  return lines;
}
